import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { data, Form, Link, useNavigation } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { DepartmentChips } from "~/components/DepartmentChips";
import { FormAlert } from "~/components/FormAlert";
import { Hidden } from "~/components/Hidden";
import { KudosPanel } from "~/components/KudosPanel";
import { TagsField } from "~/components/TagsField";
import { TeamJournal } from "~/components/TeamJournal";
import { TeamMentors } from "~/components/TeamMentors";
import { dbContext, requestInfoContext } from "~/context";
import { teamDemoLink } from "~/demos/demos.server";
import { idParam } from "~/ideas/params";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { useResetKey } from "~/lib/use-reset-key";
import { kudosPanelData } from "~/recognition/kudos.server";
import { deleteJournal, postJournal } from "~/teams/journal.server";
import { answerMentor, askMentor, leaveMentoring, mentorCandidates } from "~/teams/mentors.server";
import { loadTeamPage } from "~/teams/queries.server";
import { TeamActionSchema } from "~/teams/schemas.server";
import {
  cancelRequest,
  confirmTeam,
  handOver,
  invite,
  leave,
  organiserMove,
  requestToJoin,
  respond,
  updateTeam,
} from "~/teams/teams.server";
import { PHASE_LABELS } from "~/weeks/phase";
import { teams, users } from "~db/schema";
import type { Route } from "./+types/team";

function actorOf(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requireUser(args);
  return { id: user.id, isOrganiser: hasRole(user, "organiser"), requestId: args.context.get(requestInfoContext).requestId };
}

export async function loader(args: Route.LoaderArgs) {
  const actor = actorOf(args);
  const db = args.context.get(dbContext);
  const page = await loadTeamPage(db, actor, idParam(args.params.teamId, "team"));
  if (!page) throw data({ message: "That team does not exist." }, { status: 404 });
  const { team, week } = page;
  const departments = Object.values(
    page.members.reduce<Record<number, { id: number; name: string; count: number }>>((acc, m) => {
      acc[m.departmentId] = { id: m.departmentId, name: m.department, count: (acc[m.departmentId]?.count ?? 0) + 1 };
      return acc;
    }, {}),
  );
  const [candidates, otherTeams, demoLink, kudos] = await Promise.all([
    page.permissions.askMentor ? mentorCandidates(db, team.id) : Promise.resolve([]),
    actor.isOrganiser
      ? db
          .select({ id: teams.id, name: teams.name })
          .from(teams)
          .where(and(eq(teams.weekId, week.id), ne(teams.id, team.id)))
          .orderBy(asc(teams.name))
      : Promise.resolve([]),
    teamDemoLink(db, actor, team.id),
    kudosPanelData(db, actor, { kind: "team", id: team.id }),
  ]);
  return {
    team: {
      id: team.id,
      name: team.name,
      description: team.description,
      openRoles: team.openRoles,
      capacity: team.capacity,
      memberCount: team.memberCount,
      confirmed: Boolean(team.confirmedAt),
      ideaId: team.ideaId,
      ideaTitle: page.ideaTitle,
      leadId: team.leadId,
    },
    week: {
      name: week.name,
      slug: week.slug,
      timeZone: week.timeZone,
      phaseLabel: PHASE_LABELS[page.phase],
      minDepartments: week.minDepartmentsPerTeam,
    },
    departments,
    members: page.members,
    mentors: page.mentors,
    candidates,
    requests: page.requests.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    journal: page.journal.map((j) => ({
      id: j.id,
      html: renderMarkdown(j.body),
      createdAt: j.createdAt.toISOString(),
      authorId: j.authorId,
      authorName: j.authorName,
    })),
    suggestions: page.suggestions,
    viewerStatus: page.viewerStatus,
    confirmProblem: page.confirmProblem,
    permissions: page.permissions,
    viewerId: actor.id,
    isOrganiser: actor.isOrganiser,
    otherTeams,
    demoLink,
    kudos,
    // Nominations of a team come from outside it (the server refuses members too).
    canNominate: !page.members.some((m) => m.id === actor.id),
    created: new URL(args.request.url).searchParams.has("created"),
  };
}

const DONE: Record<string, string> = {
  update: "Team details saved.",
  request: "Request sent. The lead will answer soon.",
  invite: "Invite sent.",
  cancel: "Withdrawn.",
  leave: "You left the team.",
  "hand-over": "The lead role was handed over.",
  move: "Moved.",
  confirm: "The team is confirmed for demos.",
  "ask-mentor": "Asked. The mentor will answer soon.",
  "answer-mentor": "Thanks for answering.",
  "leave-mentoring": "You no longer mentor this team.",
  journal: "Update posted.",
  "delete-journal": "Update deleted.",
};

export async function action(args: Route.ActionArgs) {
  const actor = actorOf(args);
  const teamId = idParam(args.params.teamId, "team");
  const db = args.context.get(dbContext);
  const formData = await readFormData(args.request, 50_000);
  const parsed = parseForm(formData, TeamActionSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const input = parsed.data;
  const outcome = await (async () => {
    switch (input.intent) {
      case "update":
        return updateTeam(db, actor, teamId, input);
      case "request":
        return requestToJoin(db, actor, teamId, input.message);
      case "invite": {
        let userId = input.userId;
        if (!userId && input.email) {
          const [person] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
          if (!person) return { ok: false as const, status: 404, message: "Nobody has that email address.", field: "email" };
          userId = person.id;
        }
        if (!userId)
          return { ok: false as const, status: 400, message: "Choose someone to invite, or enter their email.", field: "email" };
        return invite(db, actor, teamId, userId, input.message);
      }
      case "respond":
        return respond(db, actor, input.requestId, input.accept);
      case "cancel":
        return cancelRequest(db, actor, input.requestId);
      case "leave":
        return leave(db, actor, teamId);
      case "hand-over":
        return handOver(db, actor, teamId, input.userId);
      case "move":
        return organiserMove(db, actor, {
          userId: input.userId,
          fromTeamId: teamId,
          toTeamId: input.toTeamId === "none" ? null : input.toTeamId,
        });
      case "confirm":
        return confirmTeam(db, actor, teamId);
      case "ask-mentor":
        return askMentor(db, actor, teamId, input.mentorId, input.message);
      case "answer-mentor":
        return answerMentor(db, actor, teamId, input.accept);
      case "leave-mentoring":
        return leaveMentoring(db, actor, teamId);
      case "journal":
        return postJournal(db, actor, teamId, input.body);
      case "delete-journal":
        return deleteJournal(db, actor, teamId, input.entryId);
    }
  })();
  if (!outcome.ok) {
    const field = "field" in outcome && outcome.field ? outcome.field : input.intent === "journal" ? "body" : undefined;
    return formFailure(
      formData,
      field ? { errors: { [field]: [outcome.message] }, formError: outcome.message } : { formError: outcome.message },
      outcome.status,
    );
  }
  return {
    ok: true as const,
    intent: input.intent,
    message: DONE[input.intent] ?? "Done.",
    errors: {},
    values: {} as Record<string, string>,
    formError: undefined,
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.team.name} · ${data.week.name} · Expedition` : "Team · Expedition" }];
}

export default function TeamPage({ loaderData, actionData }: Route.ComponentProps) {
  const { team, week, members, requests, permissions, viewerId, suggestions, confirmProblem, departments } = loaderData;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const failed = actionData && !actionData.ok ? actionData : null;
  const journalKey = useResetKey(actionData?.ok && actionData.intent === "journal" ? actionData : undefined);
  const myRequest = requests.find((r) => r.userId === viewerId);
  const isManager = permissions.isLead || loaderData.isOrganiser;
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Group gap="xs">
          <Anchor component={Link} to={`/weeks/${week.slug}/teams`} size="sm">
            ← Teams of {week.name}
          </Anchor>
          <Badge variant="light" color="gray">
            {week.phaseLabel}
          </Badge>
        </Group>
        <Group gap="sm">
          <Title order={1}>{team.name}</Title>
          {team.confirmed ? (
            <Badge color="teal" leftSection={<IconCheck size={12} />}>
              Confirmed for demos
            </Badge>
          ) : null}
        </Group>
        <Text>
          Working on{" "}
          <Anchor component={Link} to={`/ideas/${team.ideaId}`} underline="always">
            {team.ideaTitle}
          </Anchor>
        </Text>
        {team.description ? <Text style={{ whiteSpace: "pre-wrap" }}>{team.description}</Text> : null}
        <Text fw={600} data-testid="team-capacity">
          {team.memberCount} of {team.capacity} places taken
        </Text>
        <DepartmentChips departments={departments} minDepartments={week.minDepartments} />
        {week.minDepartments > 1 && departments.length >= week.minDepartments ? (
          <Text size="sm" c="teal.9" data-testid="department-rule">
            Department rule met: {departments.length} of {week.minDepartments} departments.
          </Text>
        ) : null}
        {team.openRoles.length ? (
          <Group gap={4} aria-label="Looking for">
            <Text size="sm">Looking for:</Text>
            {team.openRoles.map((r) => (
              <Badge key={r} size="sm" variant="outline">
                {r}
              </Badge>
            ))}
          </Group>
        ) : null}
        {loaderData.canNominate ? (
          <Anchor component={Link} to={`/nominations/new?team=${team.id}`} size="sm" w="fit-content" data-testid="nominate-team">
            Nominate this team
          </Anchor>
        ) : null}
      </Stack>

      {loaderData.created ? (
        <Alert color="teal" role="status">
          Your team is started. Invite people below, or wait for requests to join.
        </Alert>
      ) : null}
      {actionData?.ok ? (
        <Alert color="teal" variant="light" role="status">
          {actionData.message}
        </Alert>
      ) : null}
      <FormAlert message={failed?.formError} />

      <Group gap="sm">
        {permissions.join ? (
          <Form method="post" style={{ flex: "1 1 24rem" }}>
            <Hidden name="intent" value="request" />
            <Stack gap="xs">
              <Textarea
                name="message"
                label="Ask to join"
                description="What you bring, and what you want to stretch into."
                maxLength={500}
                autosize
                minRows={2}
                defaultValue={failed?.values.message}
              />
              <Button type="submit" w="fit-content" disabled={busy}>
                Ask to join
              </Button>
            </Stack>
          </Form>
        ) : null}
        {myRequest && myRequest.kind === "request" ? (
          <Form method="post">
            <Hidden name="intent" value="cancel" />
            <Hidden name="requestId" value={myRequest.id} />
            <Text size="sm">You asked to join; waiting for the lead.</Text>
            <Button type="submit" variant="subtle" size="compact-sm">
              Withdraw my request
            </Button>
          </Form>
        ) : null}
        {myRequest && myRequest.kind === "invite" ? (
          <Group gap="xs">
            <Text size="sm">You are invited to this team.</Text>
            <Form method="post">
              <Hidden name="intent" value="respond" />
              <Hidden name="requestId" value={myRequest.id} />
              <Hidden name="accept" value="true" />
              <Button type="submit" size="compact-sm">
                Accept invite
              </Button>
            </Form>
            <Form method="post">
              <Hidden name="intent" value="respond" />
              <Hidden name="requestId" value={myRequest.id} />
              <Hidden name="accept" value="false" />
              <Button type="submit" size="compact-sm" variant="default">
                Decline invite
              </Button>
            </Form>
          </Group>
        ) : null}
        {permissions.leave ? (
          <Form method="post">
            <Hidden name="intent" value="leave" />
            <Button type="submit" variant="subtle" color="red">
              Leave the team
            </Button>
          </Form>
        ) : null}
        {permissions.confirm ? (
          confirmProblem ? (
            <Text size="sm" c="orange.9" data-testid="confirm-problem">
              Not ready to confirm: {confirmProblem}
            </Text>
          ) : (
            <Form method="post">
              <Hidden name="intent" value="confirm" />
              <Button type="submit" variant="light">
                Confirm the team for demos
              </Button>
            </Form>
          )
        ) : null}
      </Group>

      {loaderData.demoLink ? (
        <Group gap="sm" data-testid="team-demo-link">
          <Button component={Link} to={loaderData.demoLink.href} variant="filled">
            {loaderData.demoLink.label}
          </Button>
          {loaderData.demoLink.demoId ? (
            <Anchor component={Link} to={`/demos/${loaderData.demoLink.demoId}`} size="sm">
              View the demo page
            </Anchor>
          ) : null}
        </Group>
      ) : null}

      {permissions.manage ? (
        <details open={Boolean(failed && failed.values.intent === "update")}>
          <summary style={{ cursor: "pointer", fontWeight: 600 }}>Edit team details</summary>
          <Form method="post">
            <Hidden name="intent" value="update" />
            <Stack gap="sm" mt="sm" maw={640}>
              <TextInput
                label="Team name"
                name="name"
                required
                maxLength={80}
                defaultValue={failed?.values.name ?? team.name}
                error={failed?.values.intent === "update" ? failed.errors.name?.[0] : undefined}
              />
              <Textarea
                label="What the team will do"
                name="description"
                autosize
                minRows={2}
                maxLength={2000}
                defaultValue={failed?.values.description ?? team.description}
              />
              <TagsField
                name="openRoles"
                label="Skills you are looking for"
                defaultValue={failed?.values.openRoles ?? team.openRoles.join(",")}
                suggestions={team.openRoles}
                error={failed?.values.intent === "update" ? failed.errors.openRoles?.[0] : undefined}
              />
              <TextInput
                label="Capacity"
                name="capacity"
                inputMode="numeric"
                required
                defaultValue={failed?.values.capacity ?? String(team.capacity)}
                error={failed?.values.intent === "update" ? failed.errors.capacity?.[0] : undefined}
                w={{ base: "100%", sm: 200 }}
              />
              <Button type="submit" w="fit-content">
                Save team details
              </Button>
            </Stack>
          </Form>
        </details>
      ) : null}

      <Stack gap="sm" component="section" aria-labelledby="members-heading">
        <Title order={2} size="h3" id="members-heading">
          Members
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {members.map((m) => (
            <Card
              key={m.id}
              withBorder
              padding="sm"
              component="article"
              aria-label={`${m.name}, ${m.role === "lead" ? "lead" : "member"}`}
            >
              <Stack gap={4}>
                <Group gap="xs">
                  <Anchor component={Link} to={`/people/${m.id}`} fw={600}>
                    {m.name}
                  </Anchor>
                  {m.role === "lead" ? (
                    <Badge size="xs" color="grape">
                      Lead
                    </Badge>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed">
                  {m.title ? `${m.title} · ` : ""}
                  {m.department}
                </Text>
                {m.stretchGoals.length ? <Text size="xs">Stretching into: {m.stretchGoals.join(", ")}</Text> : null}
                {permissions.manage && permissions.isLead && m.role !== "lead" ? (
                  <Form method="post">
                    <Hidden name="intent" value="hand-over" />
                    <Hidden name="userId" value={m.id} />
                    <Button type="submit" size="compact-xs" variant="subtle">
                      Make lead
                    </Button>
                  </Form>
                ) : null}
                {loaderData.isOrganiser && m.role !== "lead" ? (
                  <Form method="post">
                    <Hidden name="intent" value="move" />
                    <Hidden name="userId" value={m.id} />
                    <Group gap={4} align="flex-end">
                      <NativeSelect
                        name="toTeamId"
                        size="xs"
                        aria-label={`Move ${m.name} to`}
                        data={[
                          { value: "none", label: "Remove from team" },
                          ...loaderData.otherTeams.map((t) => ({ value: String(t.id), label: `Move to ${t.name}` })),
                        ]}
                      />
                      <Button type="submit" size="compact-xs" variant="default">
                        Apply
                      </Button>
                    </Group>
                  </Form>
                ) : null}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>

      {isManager && requests.length ? (
        <Stack gap="sm" component="section" id="requests" aria-labelledby="requests-heading">
          <Title order={2} size="h3" id="requests-heading">
            Pending requests and invites
          </Title>
          {requests.map((r) => (
            <Card
              key={r.id}
              withBorder
              padding="sm"
              component="article"
              aria-label={`${r.kind === "invite" ? "Invite for" : "Request from"} ${r.name}`}
            >
              <Group justify="space-between" wrap="wrap">
                <Stack gap={2}>
                  <Text size="sm">
                    <Anchor component={Link} to={`/people/${r.userId}`} fw={600}>
                      {r.name}
                    </Anchor>{" "}
                    ({r.department}) — {r.kind === "invite" ? "invited" : "asks to join"}
                  </Text>
                  {r.message ? (
                    <Text size="sm" c="dimmed">
                      “{r.message}”
                    </Text>
                  ) : null}
                </Stack>
                {permissions.manage ? (
                  <Group gap="xs">
                    {r.kind === "request" ? (
                      <>
                        <Form method="post">
                          <Hidden name="intent" value="respond" />
                          <Hidden name="requestId" value={r.id} />
                          <Hidden name="accept" value="true" />
                          <Button type="submit" size="compact-sm" disabled={busy}>
                            Accept {r.name}
                          </Button>
                        </Form>
                        <Form method="post">
                          <Hidden name="intent" value="respond" />
                          <Hidden name="requestId" value={r.id} />
                          <Hidden name="accept" value="false" />
                          <Button type="submit" size="compact-sm" variant="default" disabled={busy}>
                            Decline
                          </Button>
                        </Form>
                      </>
                    ) : (
                      <Form method="post">
                        <Hidden name="intent" value="cancel" />
                        <Hidden name="requestId" value={r.id} />
                        <Button type="submit" size="compact-sm" variant="subtle">
                          Cancel invite
                        </Button>
                      </Form>
                    )}
                  </Group>
                ) : null}
              </Group>
            </Card>
          ))}
        </Stack>
      ) : null}

      {permissions.manage && team.memberCount < team.capacity ? (
        <Stack gap="sm" component="section" aria-labelledby="invite-heading">
          <Title order={2} size="h3" id="invite-heading">
            Invite people
          </Title>
          <Form method="post">
            <Hidden name="intent" value="invite" />
            <Group align="flex-end" wrap="wrap">
              <TextInput
                name="email"
                label="Invite by email"
                type="email"
                maxLength={254}
                error={failed?.errors.email?.[0] ?? failed?.errors.userId?.[0]}
              />
              <TextInput name="message" label="Message (optional)" maxLength={500} style={{ flex: 1, minWidth: "14rem" }} />
              <Button type="submit">Send invite</Button>
            </Group>
          </Form>
          {suggestions.length ? (
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                Suggested: not in a team yet, with the skills you want (other departments first)
              </Text>
              {suggestions.map((s) => (
                <Group key={s.id} gap="xs" wrap="wrap">
                  <Anchor component={Link} to={`/people/${s.id}`} size="sm">
                    {s.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {s.department}
                    {s.newDepartment ? " · new department for the team" : ""}
                    {s.skills.length ? ` · knows ${s.skills.join(", ")}` : ""}
                    {s.wantsToLearn.length ? ` · wants to learn ${s.wantsToLearn.join(", ")}` : ""}
                  </Text>
                  <Form method="post">
                    <Hidden name="intent" value="invite" />
                    <Hidden name="userId" value={s.id} />
                    <Button type="submit" size="compact-xs" variant="light">
                      Invite {s.name}
                    </Button>
                  </Form>
                </Group>
              ))}
            </Stack>
          ) : null}
        </Stack>
      ) : null}

      <TeamMentors
        mentors={loaderData.mentors}
        candidates={loaderData.candidates}
        viewerId={viewerId}
        canAsk={permissions.askMentor}
        errors={failed?.errors}
        values={failed?.values}
      />

      <TeamJournal
        entries={loaderData.journal}
        viewerId={viewerId}
        canPost={permissions.journal}
        canModerate={loaderData.isOrganiser}
        resetKey={journalKey}
        error={failed?.errors.body?.[0]}
        defaultBody={failed?.values.body}
        timeZone={week.timeZone}
      />

      <KudosPanel {...loaderData.kudos} timeZone={week.timeZone} />
    </Stack>
  );
}
