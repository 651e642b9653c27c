import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Form, Link, useNavigation } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { Hidden } from "~/components/Hidden";
import { dbContext, requestInfoContext } from "~/context";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { NominationHistory, StatusBadge } from "~/recognition/NominationHistory";
import { acceptedNominationsFor, listMyNominations, withdrawNomination } from "~/recognition/nominations.server";
import { NOMINATION_KIND_LABELS, NOMINATION_STATUS_EXPLANATIONS } from "~/recognition/rules";
import { WithdrawSchema } from "~/recognition/schemas.server";
import type { Route } from "./+types/nominations";

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const [mine, aboutMe] = await Promise.all([listMyNominations(db, user.id), acceptedNominationsFor(db, user.id)]);
  const made = new URL(args.request.url).searchParams.get("made");
  return {
    mine: mine.map((n) => ({
      id: n.id,
      kind: n.kind,
      status: n.status,
      reason: n.reason,
      nominee: n.nominee,
      weekName: n.weekName,
      decisionNote: n.decisionNote,
      createdAt: n.createdAt.toISOString(),
      history: n.history,
    })),
    aboutMe: aboutMe.map((n) => ({
      id: n.id,
      kind: n.kind,
      status: n.status,
      reason: n.reason,
      nominee: n.nominee,
      nominatorId: n.nominatorId,
      nominatorName: n.nominatorName,
      weekName: n.weekName,
      weekSlug: n.weekSlug,
      decidedAt: (n.decidedAt ?? n.createdAt).toISOString(),
    })),
    made: made !== null && mine.some((n) => String(n.id) === made),
    viewerId: user.id,
    isOrganiser: hasRole(user, "organiser"),
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const formData = await readFormData(args.request, 10_000);
  const parsed = parseForm(formData, WithdrawSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const actor = {
    id: user.id,
    isOrganiser: hasRole(user, "organiser"),
    requestId: args.context.get(requestInfoContext).requestId,
  };
  const outcome = await withdrawNomination(db, actor, parsed.data.nominationId);
  if (!outcome.ok) return formFailure(formData, { formError: outcome.message }, outcome.status);
  return {
    ok: true as const,
    message: "Nomination withdrawn.",
    errors: {},
    formError: undefined,
    values: {} as Record<string, string>,
  };
}

export function meta() {
  return [{ title: "Nominations · Expedition" }];
}

export default function Nominations({ loaderData, actionData }: Route.ComponentProps) {
  const { mine, aboutMe } = loaderData;
  const navigation = useNavigation();
  return (
    <Stack gap="xl">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Title order={1}>Nominations</Title>
          <Text c="dimmed">
            Recommend people and teams for a talk, an all-hands demo, an award or a leadership opportunity, and follow what the
            organisers decide.
          </Text>
        </Stack>
        <Group gap="sm">
          {loaderData.isOrganiser ? (
            <Button component={Link} to="/admin/nominations" variant="default">
              Organisers' queue
            </Button>
          ) : null}
          <Button component={Link} to="/nominations/new">
            Nominate someone
          </Button>
        </Group>
      </Group>

      {loaderData.made ? (
        <Alert color="teal" role="status" title="Nomination sent">
          Thank you. The organisers will look at it; you will be notified of their decision here.
        </Alert>
      ) : null}
      {actionData?.ok ? (
        <Alert color="teal" variant="light" role="status">
          {actionData.message}
        </Alert>
      ) : null}
      <FormAlert message={actionData && !actionData.ok ? actionData.formError : undefined} />

      <Stack gap="sm" component="section" aria-labelledby="about-me-heading">
        <Title order={2} size="h3" id="about-me-heading">
          About you
        </Title>
        {aboutMe.length === 0 ? (
          <Text size="sm" c="dimmed">
            No accepted nominations of you or your teams yet. They appear here, and on your portfolio, once organisers accept
            them.
          </Text>
        ) : (
          aboutMe.map((n) => (
            <Card
              key={n.id}
              withBorder
              padding="md"
              component="article"
              id={`nomination-${n.id}`}
              aria-label={`${NOMINATION_KIND_LABELS[n.kind]} nomination by ${n.nominatorName}`}
            >
              <Stack gap={6}>
                <Group gap="xs">
                  <Badge variant="outline">{NOMINATION_KIND_LABELS[n.kind]}</Badge>
                  <StatusBadge status={n.status} />
                  {n.weekName ? (
                    <Text size="sm" c="dimmed">
                      {n.weekName}
                    </Text>
                  ) : null}
                </Group>
                <Text size="sm">
                  <Anchor component={Link} to={`/people/${n.nominatorId}`} underline="always">
                    {n.nominatorName}
                  </Anchor>{" "}
                  nominated{" "}
                  {n.nominee.type === "team" ? (
                    <>
                      your team{" "}
                      <Anchor component={Link} to={n.nominee.href} underline="always">
                        {n.nominee.name}
                      </Anchor>
                    </>
                  ) : (
                    "you"
                  )}
                  :
                </Text>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  “{n.reason}”
                </Text>
              </Stack>
            </Card>
          ))
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="mine-heading">
        <Title order={2} size="h3" id="mine-heading">
          Nominations you made
        </Title>
        {mine.length === 0 ? (
          <Text size="sm" c="dimmed">
            You have not nominated anyone yet. Saw a great demo or a colleague who grew this week?{" "}
            <Anchor component={Link} to="/nominations/new" underline="always">
              Nominate them
            </Anchor>
            .
          </Text>
        ) : (
          mine.map((n) => (
            <Card
              key={n.id}
              withBorder
              padding="md"
              component="article"
              id={`nomination-${n.id}`}
              aria-label={`Your nomination of ${n.nominee.name} for ${NOMINATION_KIND_LABELS[n.kind].toLowerCase()}`}
            >
              <Stack gap={6}>
                <Group gap="xs" justify="space-between" wrap="wrap">
                  <Group gap="xs">
                    <Anchor component={Link} to={n.nominee.href} fw={600}>
                      {n.nominee.name}
                    </Anchor>
                    {n.nominee.type === "team" ? (
                      <Badge size="xs" variant="light" color="gray">
                        Team
                      </Badge>
                    ) : null}
                    <Badge variant="outline">{NOMINATION_KIND_LABELS[n.kind]}</Badge>
                    <StatusBadge status={n.status} />
                    {n.weekName ? (
                      <Text size="sm" c="dimmed">
                        {n.weekName}
                      </Text>
                    ) : null}
                  </Group>
                  {n.status === "new" ? (
                    <Form
                      method="post"
                      onSubmit={(event) => {
                        if (!window.confirm("Withdraw this nomination?")) event.preventDefault();
                      }}
                    >
                      <Hidden name="intent" value="withdraw" />
                      <Hidden name="nominationId" value={n.id} />
                      <Button type="submit" size="compact-sm" variant="subtle" color="red" disabled={navigation.state !== "idle"}>
                        Withdraw
                      </Button>
                    </Form>
                  ) : null}
                </Group>
                <Text size="sm" c="dimmed">
                  {NOMINATION_STATUS_EXPLANATIONS[n.status]}
                </Text>
                {n.decisionNote ? (
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }} data-testid="latest-note">
                    <Text span fw={600} size="sm">
                      Latest note from the organisers:
                    </Text>{" "}
                    {n.decisionNote}
                  </Text>
                ) : null}
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  “{n.reason}”
                </Text>
                <details>
                  <summary style={{ cursor: "pointer" }}>History</summary>
                  <NominationHistory events={n.history} />
                </details>
              </Stack>
            </Card>
          ))
        )}
      </Stack>
    </Stack>
  );
}
