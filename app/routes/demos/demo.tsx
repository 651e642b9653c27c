import { Alert, Anchor, Badge, Button, Card, Group, Image, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconExternalLink } from "@tabler/icons-react";
import { data, Form, Link } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { KudosPanel } from "~/components/KudosPanel";
import { LocalTime } from "~/components/LocalTime";
import { Markdown } from "~/components/Markdown";
import { PeoplesChoiceButton } from "~/components/PeoplesChoiceButton";
import { dbContext, requestInfoContext } from "~/context";
import { extendDeadline, loadDemoPage } from "~/demos/demos.server";
import { ExtendSchema, LINK_LABELS } from "~/demos/schemas.server";
import { idParam } from "~/ideas/params";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { ImpactSeriesList, OutcomeStatusBadge, OutcomeTimeline } from "~/outcomes/display";
import { getDemoOutcome } from "~/outcomes/outcomes.server";
import { type OutcomeView, outcomeView } from "~/outcomes/view.server";
import { kudosPanelData } from "~/recognition/kudos.server";
import { voteStateForDemo } from "~/voting/judging.server";
import { PHASE_LABELS } from "~/weeks/phase";
import { instantToZonedLocal, resolveZonedLocal } from "~/weeks/timezone";
import type { Route } from "./+types/demo";

function actorOf(args: Route.LoaderArgs | Route.ActionArgs) {
  const user = requireUser(args);
  return { id: user.id, isOrganiser: hasRole(user, "organiser"), requestId: args.context.get(requestInfoContext).requestId };
}

export async function loader(args: Route.LoaderArgs) {
  const actor = actorOf(args);
  const db = args.context.get(dbContext);
  const demoId = idParam(args.params.demoId, "demo");
  // The outcome's queries only need the id: they run beside the demo's own.
  const page = await loadDemoPage(db, actor, demoId);
  if (!page) throw data({ message: "That demo does not exist." }, { status: 404 });
  const { demo, team, week } = page;
  // What the demo page already read is handed on, so the outcome and kudos sections add only their own lists.
  const known = {
    header: {
      id: demo.id,
      title: demo.title,
      teamId: team.id,
      teamName: team.name,
      weekId: week.id,
      weekName: week.name,
      weekSlug: week.slug,
      timeZone: week.timeZone,
      exploringStartsAt: week.exploringStartsAt,
      outcomeStatus: demo.outcomeStatus,
    },
    memberIds: page.members.map((m) => m.id),
    publishedAt: page.resultsPublishedAt,
  };
  const [outcome, kudos, peoplesChoice] = await Promise.all([
    getDemoOutcome(db, demoId, actor, new Date(), known),
    kudosPanelData(db, actor, { kind: "demo", id: demoId }, 50, !page.isMember),
    voteStateForDemo(db, actor.id, demo.id),
  ]);
  if (!outcome) throw data({ message: "That demo does not exist." }, { status: 404 });
  const departments = [
    ...new Map(page.members.map((m) => [m.departmentId, { id: m.departmentId, name: m.department }])).values(),
  ];
  return {
    peoplesChoice,
    outcome: outcomeView(outcome),
    kudos,
    demo: {
      id: demo.id,
      title: demo.title,
      summary: demo.summary,
      builtHtml: renderMarkdown(demo.built),
      learningsHtml: renderMarkdown(demo.learnings),
      links: demo.links.map((l) => ({ ...l, kindLabel: LINK_LABELS[l.kind] ?? "Link" })),
      tags: demo.tags,
      submittedAt: demo.submittedAt.toISOString(),
      updatedAt: demo.updatedAt.toISOString(),
      extended: Boolean(demo.deadlineOverrideAt && demo.deadlineOverrideAt > week.demoDeadlineAt),
    },
    team: { id: team.id, name: team.name },
    week: { name: week.name, slug: week.slug, timeZone: week.timeZone, phaseLabel: PHASE_LABELS[page.phase] },
    deadline: page.deadline.toISOString(),
    deadlineLocal: instantToZonedLocal(page.deadline, week.timeZone),
    members: page.members.map((m) => ({
      id: m.id,
      name: m.name,
      role: m.role,
      department: m.department,
      stretchGoal: m.reflection?.stretchGoal || m.stretchGoals.join(", "),
      reflection: m.reflection?.reflection ?? "",
    })),
    departments,
    images: page.images.map((i) => ({ id: i.id, width: i.width, height: i.height, alt: i.alt })),
    permissions: page.permissions,
    saved: new URL(args.request.url).searchParams.has("saved"),
  };
}

export async function action(args: Route.ActionArgs) {
  const actor = actorOf(args);
  const demoId = idParam(args.params.demoId, "demo");
  const db = args.context.get(dbContext);
  const formData = await readFormData(args.request, 10_000);
  const intent = formData.get("intent");
  if (intent === "extend") {
    const parsed = parseForm(formData, ExtendSchema);
    if (!parsed.ok) return formFailure(formData, parsed);
    const page = await loadDemoPage(db, actor, demoId);
    if (!page) throw data({ message: "That demo does not exist." }, { status: 404 });
    const local = resolveZonedLocal(parsed.data.until, page.week.timeZone);
    if (!local.ok) return formFailure(formData, { errors: { until: [local.message] } });
    const outcome = await extendDeadline(db, actor, page.team.id, local.instant);
    if (!outcome.ok) {
      return formFailure(
        formData,
        outcome.field ? { errors: { [outcome.field]: [outcome.message] } } : { formError: outcome.message },
        outcome.status,
      );
    }
    return {
      ok: true as const,
      message: "The deadline for this team was extended.",
      errors: {},
      values: {} as Record<string, string>,
    };
  }
  // Further intents (people's choice voting) are added by the voting work.
  throw data({ message: "That action isn't available here." }, { status: 400 });
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `${data.demo.title} · ${data.team.name} · Expedition` : "Demo · Expedition" }];
}

export default function DemoPage({ loaderData, actionData }: Route.ComponentProps) {
  const { demo, team, week, members, images, permissions, departments } = loaderData;
  const failed = actionData && !actionData.ok ? actionData : null;
  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Group gap="xs">
          <Anchor component={Link} to={`/weeks/${week.slug}/demos`} size="sm">
            ← Demos of {week.name}
          </Anchor>
          <Badge variant="light" color="gray">
            {week.phaseLabel}
          </Badge>
        </Group>
        <Title order={1}>{demo.title}</Title>
        <Text>
          by{" "}
          <Anchor component={Link} to={`/teams/${team.id}`} underline="always">
            {team.name}
          </Anchor>
        </Text>
        <Text size="lg">{demo.summary}</Text>
        <Group gap={6} aria-label="Departments">
          {departments.map((d) => (
            <Badge key={d.id} variant="light" color="indigo" size="sm">
              {d.name}
            </Badge>
          ))}
        </Group>
        {demo.tags.length ? (
          <Group gap={4} aria-label="Tags">
            {demo.tags.map((t) => (
              <Badge
                key={t}
                size="sm"
                variant="outline"
                component={Link}
                to={`/weeks/${week.slug}/demos?tag=${encodeURIComponent(t)}`}
                style={{ cursor: "pointer" }}
              >
                {t}
              </Badge>
            ))}
          </Group>
        ) : null}
        <Text size="xs" c="dimmed">
          Submitted <LocalTime iso={demo.submittedAt} fallbackTimeZone={week.timeZone} />
          {demo.updatedAt !== demo.submittedAt ? (
            <>
              {" "}
              · updated <LocalTime iso={demo.updatedAt} fallbackTimeZone={week.timeZone} />
            </>
          ) : null}
        </Text>
      </Stack>

      {loaderData.saved ? (
        <Alert color="teal" role="status">
          Demo saved.
        </Alert>
      ) : null}
      {actionData?.ok ? (
        <Alert color="teal" variant="light" role="status">
          {actionData.message}
        </Alert>
      ) : null}
      <FormAlert message={failed?.formError} />

      {permissions.edit ? (
        <Group gap="sm">
          <Button component={Link} to={`/teams/${team.id}/demo`} variant="light">
            Edit demo
          </Button>
          <Text size="sm" c="dimmed">
            Members can edit until <LocalTime iso={loaderData.deadline} fallbackTimeZone={week.timeZone} />
            {demo.extended ? " (extended for this team)" : ""}.
          </Text>
        </Group>
      ) : null}

      {images.length ? (
        <Stack gap="sm" component="section" aria-labelledby="screenshots-heading">
          <Title order={2} size="h3" id="screenshots-heading">
            Screenshots
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {images.map((img, i) => (
              <Anchor key={img.id} href={`/demo-images/${img.id}`} target="_blank" rel="noopener">
                <Image
                  src={`/demo-images/${img.id}`}
                  alt={img.alt || `Screenshot ${i + 1} of ${demo.title}`}
                  width={img.width ?? undefined}
                  height={img.height ?? undefined}
                  loading="lazy"
                  radius="sm"
                  style={{ width: "100%", height: "auto" }}
                />
              </Anchor>
            ))}
          </SimpleGrid>
        </Stack>
      ) : null}

      {demo.builtHtml ? (
        <Stack gap="xs" component="section" aria-labelledby="built-heading">
          <Title order={2} size="h3" id="built-heading">
            The problem and what we built
          </Title>
          <Markdown html={demo.builtHtml} />
        </Stack>
      ) : null}

      {demo.learningsHtml ? (
        <Stack gap="xs" component="section" aria-labelledby="learnings-heading">
          <Title order={2} size="h3" id="learnings-heading">
            What we learned
          </Title>
          <Markdown html={demo.learningsHtml} />
        </Stack>
      ) : null}

      {demo.links.length ? (
        <Stack gap="xs" component="section" aria-labelledby="links-heading">
          <Title order={2} size="h3" id="links-heading">
            Links
          </Title>
          <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {demo.links.map((l, i) => (
              <li key={i}>
                <Badge size="sm" variant="light" mr="xs">
                  {l.kindLabel}
                </Badge>
                <Anchor href={l.url} target="_blank" rel="noopener noreferrer nofollow">
                  {l.label || l.url} <IconExternalLink size={12} aria-label="(opens in a new tab)" />
                </Anchor>
              </li>
            ))}
          </Stack>
        </Stack>
      ) : null}

      <Stack gap="sm" component="section" aria-labelledby="members-heading">
        <Title order={2} size="h3" id="members-heading">
          Team and reflections
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {members.map((m) => (
            <Card key={m.id} withBorder padding="sm" component="article" aria-label={m.name}>
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
                  {m.department}
                </Text>
                {m.stretchGoal ? <Text size="sm">Stretch goal: {m.stretchGoal}</Text> : null}
                <Text size="sm" c={m.reflection ? undefined : "dimmed"} style={{ whiteSpace: "pre-wrap" }}>
                  {m.reflection || "No reflection yet."}
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>

      {permissions.extend ? (
        <Card withBorder padding="md" component="section" aria-labelledby="extend-heading">
          <Form method="post">
            <input type="hidden" name="intent" value="extend" />
            <Stack gap="xs">
              <Title order={2} size="h4" id="extend-heading">
                Extend the deadline for this team
              </Title>
              <Text size="sm" c="dimmed">
                Only this team gets the extra time; the change is recorded in the audit log. Time zone: {week.timeZone}.
              </Text>
              <Group align="flex-end">
                <TextInput
                  type="datetime-local"
                  name="until"
                  label="New deadline"
                  required
                  defaultValue={failed?.values.until ?? loaderData.deadlineLocal}
                  error={failed?.errors.until?.[0]}
                />
                <Button type="submit" variant="default">
                  Extend the deadline
                </Button>
              </Group>
            </Stack>
          </Form>
        </Card>
      ) : null}

      {loaderData.peoplesChoice ? <PeoplesChoiceButton weekSlug={week.slug} {...loaderData.peoplesChoice} /> : null}

      <OutcomeSection demoId={demo.id} outcome={loaderData.outcome} />

      <KudosPanel {...loaderData.kudos} timeZone={week.timeZone} />
    </Stack>
  );
}

/** What became of the demo after the week: latest status, latest figure per series with history, the timeline. */
function OutcomeSection({ demoId, outcome }: { demoId: number; outcome: OutcomeView }) {
  const hasAnything = outcome.timeline.length > 0 || outcome.series.length > 0;
  if (!outcome.publishedAt && !hasAnything) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="outcome-heading">
      <Group gap="sm" justify="space-between">
        <Group gap="sm">
          <Title order={2} size="h3" id="outcome-heading">
            Outcome and impact
          </Title>
          <OutcomeStatusBadge status={outcome.status} />
          {outcome.currentCheckpoint && outcome.currentCheckpoint.state !== "done" ? (
            <Badge variant="light" color={outcome.currentCheckpoint.state === "overdue" ? "red" : "yellow"} size="sm">
              {outcome.currentCheckpoint.days}-day check-in {outcome.currentCheckpoint.state === "overdue" ? "overdue" : "due"}
            </Badge>
          ) : null}
        </Group>
        {outcome.viewer.canRecord ? (
          <Button component={Link} to={`/demos/${demoId}/outcome`} variant="light" size="sm">
            Update outcome
          </Button>
        ) : (
          <Anchor component={Link} to={`/demos/${demoId}/outcome`} size="sm">
            Outcome details
          </Anchor>
        )}
      </Group>
      <ImpactSeriesList series={outcome.series} />
      <Title order={3} size="h4">
        Timeline
      </Title>
      <OutcomeTimeline entries={outcome.timeline} />
    </Stack>
  );
}
