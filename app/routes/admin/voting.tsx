import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, List, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { Form, Link, useNavigation } from "react-router";
import { requireOrganiser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { Hidden } from "~/components/Hidden";
import { TableScroll } from "~/components/TableScroll";
import { dbContext, requestInfoContext } from "~/context";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import {
  addDefaultCriteria,
  addJudge,
  assignmentOverview,
  createCriterion,
  deleteCriterion,
  getVotingSettings,
  listCriteria,
  moveCriterion,
  removeJudge,
  runAssignment,
  saveVotingSettings,
  updateCriterion,
  VOTING_CONFIG_LOCKED,
} from "~/voting/judging.server";
import {
  CRITERION_DESCRIPTION_MAX,
  CRITERION_NAME_MAX,
  JUDGES_PER_DEMO_MAX,
  SCALE_RANGE_MAX,
  VotingAdminActionSchema,
} from "~/voting/schemas.server";
import { isVotingOpen, PHASE_LABELS, phaseAt } from "~/weeks/phase";
import { requireWeekById } from "~/weeks/weeks.server";
import type { Route } from "./+types/voting";

export async function loader(args: Route.LoaderArgs) {
  requireOrganiser(args);
  const db = args.context.get(dbContext);
  const week = await requireWeekById(db, args.params.weekId);
  const [overview, criteria, settings] = await Promise.all([
    assignmentOverview(db, week.id),
    listCriteria(db, week.id),
    getVotingSettings(db, week.id),
  ]);
  const now = new Date();
  return {
    week: { id: week.id, name: week.name, slug: week.slug, phase: PHASE_LABELS[phaseAt(week, now)] },
    votingOpened: now >= week.votingOpensAt,
    votingOpen: isVotingOpen(week, now),
    locked: overview.ballotCount > 0,
    ballotCount: overview.ballotCount,
    judges: overview.judges.map((j) => ({
      userId: j.userId,
      name: j.name,
      email: j.email,
      load: j.load,
      deactivated: Boolean(j.deactivatedAt),
    })),
    demos: overview.demos.map((d) => ({
      id: d.id,
      title: d.title,
      teamName: d.teamName,
      judges: d.judges,
      conflicts: d.conflicts,
    })),
    assignedTotal: overview.assignedTotal,
    criteria: criteria.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      weight: c.weight,
      scaleMin: c.scaleMin,
      scaleMax: c.scaleMax,
    })),
    settings: { judgesPerDemo: settings.judgesPerDemo, normalise: settings.normalise },
    lockedMessage: VOTING_CONFIG_LOCKED,
    limits: {
      nameMax: CRITERION_NAME_MAX,
      descriptionMax: CRITERION_DESCRIPTION_MAX,
      rangeMax: SCALE_RANGE_MAX,
      perDemoMax: JUDGES_PER_DEMO_MAX,
    },
  };
}

const DONE: Record<string, string> = {
  "add-judge": "Judge added.",
  "remove-judge": "Judge removed.",
  "create-criterion": "Criterion added.",
  "update-criterion": "Criterion saved.",
  "delete-criterion": "Criterion deleted.",
  "move-criterion": "Order saved.",
  "default-criteria": "Default criteria added.",
  settings: "Settings saved.",
  "run-assignment": "Assignment done.",
};

export async function action(args: Route.ActionArgs) {
  const organiser = requireOrganiser(args);
  const db = args.context.get(dbContext);
  const week = await requireWeekById(db, args.params.weekId);
  const formData = await readFormData(args.request, 50_000);
  const parsed = parseForm(formData, VotingAdminActionSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const input = parsed.data;
  const who = { id: organiser.id, requestId: args.context.get(requestInfoContext).requestId };
  // Criteria named by id must belong to this week.
  if ("criterionId" in input) {
    const own = await listCriteria(db, week.id);
    if (!own.some((c) => c.id === input.criterionId))
      return formFailure(formData, { formError: "That criterion is not part of this week." }, 404);
  }
  const outcome = await (async () => {
    switch (input.intent) {
      case "add-judge":
        return addJudge(db, who, week.id, { email: input.email });
      case "remove-judge":
        return removeJudge(db, who, week.id, input.userId);
      case "create-criterion":
        return createCriterion(db, who, week.id, input);
      case "update-criterion":
        return updateCriterion(db, who, input.criterionId, input);
      case "delete-criterion":
        return deleteCriterion(db, who, input.criterionId);
      case "move-criterion":
        return moveCriterion(db, who, input.criterionId, input.direction);
      case "default-criteria":
        return addDefaultCriteria(db, who, week.id);
      case "settings":
        return saveVotingSettings(db, who, week.id, input);
      case "run-assignment":
        return runAssignment(db, who, week.id);
    }
  })();
  if (!outcome.ok) {
    return formFailure(
      formData,
      outcome.field
        ? { errors: { [outcome.field]: [outcome.message] }, formError: outcome.message }
        : { formError: outcome.message },
      outcome.status,
    );
  }
  let message = DONE[input.intent] ?? "Done.";
  let run: { ok: boolean; problems: Array<{ demoId?: number; message: string }>; assigned: number } | null = null;
  if (input.intent === "default-criteria" && "created" in outcome.value) {
    const { created, skipped } = outcome.value;
    message = created
      ? `Added ${created} default criteri${created === 1 ? "on" : "a"}${skipped ? ` (${skipped} already existed)` : ""}.`
      : "All five default criteria already exist.";
  }
  if (input.intent === "run-assignment" && "problems" in outcome.value) {
    run = { ok: outcome.value.ok, problems: outcome.value.problems, assigned: outcome.value.assigned };
    message = outcome.value.ok
      ? `Assignment done: ${outcome.value.assigned} judge slots, every demo has its judges and loads differ by at most one.`
      : `Assignment done with problems (${outcome.value.assigned} judge slots assigned).`;
  }
  return {
    ok: true as const,
    intent: input.intent,
    message,
    run,
    errors: {},
    values: {} as Record<string, string>,
    formError: undefined,
  };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Voting · ${data.week.name} · Admin · Expedition` : "Voting · Admin · Expedition" }];
}

type Failure = { ok: false; errors: Record<string, string[] | undefined>; formError?: string; values: Record<string, string> };

type Limits = Route.ComponentProps["loaderData"]["limits"];

function CriterionFields({
  values,
  errors,
  idPrefix,
  limits,
}: {
  values: { name?: string; description?: string; weight?: string; scaleMin?: string; scaleMax?: string };
  errors?: Record<string, string[] | undefined>;
  idPrefix: string;
  limits: Limits;
}) {
  return (
    <Group align="flex-start" wrap="wrap" gap="xs">
      <TextInput
        id={`${idPrefix}-name`}
        name="name"
        label="Name"
        required
        maxLength={limits.nameMax}
        defaultValue={values.name}
        error={errors?.name?.[0]}
      />
      <TextInput
        id={`${idPrefix}-description`}
        name="description"
        label="Description"
        maxLength={limits.descriptionMax}
        defaultValue={values.description}
        error={errors?.description?.[0]}
        style={{ flex: 1, minWidth: "14rem" }}
      />
      <TextInput
        id={`${idPrefix}-weight`}
        name="weight"
        label="Weight"
        inputMode="decimal"
        required
        w={90}
        defaultValue={values.weight ?? "1"}
        error={errors?.weight?.[0]}
      />
      <TextInput
        id={`${idPrefix}-min`}
        name="scaleMin"
        label="Lowest"
        inputMode="numeric"
        required
        w={80}
        defaultValue={values.scaleMin ?? "1"}
        error={errors?.scaleMin?.[0]}
      />
      <TextInput
        id={`${idPrefix}-max`}
        name="scaleMax"
        label="Highest"
        inputMode="numeric"
        required
        w={80}
        defaultValue={values.scaleMax ?? "5"}
        error={errors?.scaleMax?.[0]}
      />
    </Group>
  );
}

export default function VotingAdmin({ loaderData, actionData }: Route.ComponentProps) {
  const { week, judges, demos, criteria, settings, locked, votingOpened, votingOpen, limits } = loaderData;
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const failed = actionData && !actionData.ok ? (actionData as Failure) : null;
  const done = actionData?.ok ? actionData : null;
  const failedIntent = failed?.values.intent;
  const errorFor = (intent: string) => (failedIntent === intent ? failed : null);
  const demoTitle = new Map(demos.map((d) => [d.id, d.title]));
  const lockedFieldset = { border: 0, padding: 0, margin: 0, minWidth: 0 };
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Anchor component={Link} to="/admin/weeks" size="sm">
          ← All weeks
        </Anchor>
        <Title order={1}>Voting · {week.name}</Title>
        <Group gap="xs">
          <Badge variant="light">{week.phase}</Badge>
          <Text c="dimmed">
            {votingOpen ? "Voting is open." : votingOpened ? "Voting has closed." : "Voting has not opened yet."}
          </Text>
          <Anchor component={Link} to={`/weeks/${week.slug}`}>
            View the week's page
          </Anchor>
        </Group>
      </Stack>

      {done ? (
        <Alert color="green" variant="light" role="status">
          {done.message}
        </Alert>
      ) : null}
      {failed && !failed.values.intent ? <FormAlert message={failed.formError} /> : null}
      {locked ? (
        <Alert color="yellow" variant="light" title="Judges and criteria are locked">
          {loaderData.lockedMessage} {loaderData.ballotCount} ballot{loaderData.ballotCount === 1 ? "" : "s"} saved so far.
        </Alert>
      ) : null}

      <Card withBorder component="section" aria-labelledby="judges-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="judges-title">
            Judges
          </Title>
          <Text size="sm" c="dimmed">
            Any active person can judge. A judge never sees or scores the demo of a team they are in or mentor.
          </Text>
          <Form method="post">
            <Hidden name="intent" value="add-judge" />
            <fieldset disabled={locked} style={lockedFieldset}>
              <Group align="flex-end" wrap="wrap">
                <TextInput
                  name="email"
                  type="email"
                  label="Add a judge by email"
                  required
                  defaultValue={errorFor("add-judge")?.values.email}
                  error={errorFor("add-judge")?.errors.email?.[0] ?? errorFor("add-judge")?.formError}
                  style={{ flex: 1, maxWidth: 420 }}
                />
                <Button type="submit" loading={busy("add-judge")}>
                  Add judge
                </Button>
              </Group>
            </fieldset>
          </Form>
          <FormAlert message={errorFor("remove-judge")?.formError} />
          {judges.length === 0 ? (
            <Text>No judges yet.</Text>
          ) : (
            <TableScroll minWidth={560}>
              <Table aria-label="Judges and their load">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Judge</Table.Th>
                    <Table.Th>Demos assigned</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {judges.map((j) => (
                    <Table.Tr key={j.userId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/people/${j.userId}`}>
                          {j.name}
                        </Anchor>{" "}
                        <Text span size="sm" c="dimmed">
                          {j.email}
                        </Text>
                        {j.deactivated ? (
                          <Badge ml="xs" color="gray" variant="light">
                            deactivated
                          </Badge>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{j.load}</Table.Td>
                      <Table.Td>
                        <Form method="post">
                          <Hidden name="intent" value="remove-judge" />
                          <Hidden name="userId" value={j.userId} />
                          <Button
                            type="submit"
                            variant="subtle"
                            color="red"
                            size="compact-sm"
                            disabled={locked}
                            aria-label={`Remove ${j.name}`}
                          >
                            Remove
                          </Button>
                        </Form>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="criteria-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h3" id="criteria-title">
              Criteria
            </Title>
            <Form method="post">
              <Hidden name="intent" value="default-criteria" />
              <Button type="submit" variant="default" disabled={locked} loading={busy("default-criteria")}>
                Add the default set
              </Button>
            </Form>
          </Group>
          <Text size="sm" c="dimmed">
            Judges score each criterion on its scale (whole numbers, at most {limits.rangeMax} points wide); the weight (0.1–10)
            sets how much it counts.
          </Text>
          <FormAlert
            message={
              failedIntent && ["default-criteria", "delete-criterion", "move-criterion"].includes(failedIntent)
                ? failed?.formError
                : undefined
            }
          />
          {criteria.length === 0 ? <Text>No criteria yet. Add the default set or your own.</Text> : null}
          {criteria.map((c, i) => {
            const mine = failedIntent === "update-criterion" && failed?.values.criterionId === String(c.id) ? failed : null;
            return (
              <Card key={c.id} withBorder padding="sm">
                <Form method="post" aria-label={`Edit ${c.name}`}>
                  <Hidden name="intent" value="update-criterion" />
                  <Hidden name="criterionId" value={c.id} />
                  <fieldset disabled={locked} style={lockedFieldset}>
                    <Stack gap="xs">
                      <FormAlert message={mine && !Object.keys(mine.errors).length ? mine.formError : undefined} />
                      <CriterionFields
                        limits={limits}
                        idPrefix={`criterion-${c.id}`}
                        values={
                          mine?.values ?? {
                            name: c.name,
                            description: c.description,
                            weight: String(c.weight),
                            scaleMin: String(c.scaleMin),
                            scaleMax: String(c.scaleMax),
                          }
                        }
                        errors={mine?.errors}
                      />
                      <Group gap="xs">
                        <Button type="submit" variant="default" size="compact-sm">
                          Save
                        </Button>
                      </Group>
                    </Stack>
                  </fieldset>
                </Form>
                <Group gap="xs" mt="xs">
                  <Form method="post">
                    <Hidden name="intent" value="move-criterion" />
                    <Hidden name="criterionId" value={c.id} />
                    <Hidden name="direction" value="up" />
                    <Button
                      type="submit"
                      variant="subtle"
                      size="compact-sm"
                      disabled={locked || i === 0}
                      aria-label={`Move ${c.name} up`}
                    >
                      ↑ Up
                    </Button>
                  </Form>
                  <Form method="post">
                    <Hidden name="intent" value="move-criterion" />
                    <Hidden name="criterionId" value={c.id} />
                    <Hidden name="direction" value="down" />
                    <Button
                      type="submit"
                      variant="subtle"
                      size="compact-sm"
                      disabled={locked || i === criteria.length - 1}
                      aria-label={`Move ${c.name} down`}
                    >
                      ↓ Down
                    </Button>
                  </Form>
                  <Form method="post">
                    <Hidden name="intent" value="delete-criterion" />
                    <Hidden name="criterionId" value={c.id} />
                    <Button
                      type="submit"
                      variant="subtle"
                      color="red"
                      size="compact-sm"
                      disabled={locked}
                      aria-label={`Delete ${c.name}`}
                    >
                      Delete
                    </Button>
                  </Form>
                </Group>
              </Card>
            );
          })}
          <Form
            method="post"
            key={done?.intent === "create-criterion" ? `created-${criteria.length}` : "create"}
            aria-label="Add a criterion"
          >
            <Hidden name="intent" value="create-criterion" />
            <fieldset disabled={locked} style={lockedFieldset}>
              <Stack gap="xs">
                <Title order={3} size="h5">
                  Add a criterion
                </Title>
                <FormAlert
                  message={
                    errorFor("create-criterion") && !Object.keys(errorFor("create-criterion")?.errors ?? {}).length
                      ? errorFor("create-criterion")?.formError
                      : undefined
                  }
                />
                <CriterionFields
                  limits={limits}
                  idPrefix="new-criterion"
                  values={errorFor("create-criterion")?.values ?? {}}
                  errors={errorFor("create-criterion")?.errors}
                />
                <Button type="submit" w="fit-content" loading={busy("create-criterion")}>
                  Add criterion
                </Button>
              </Stack>
            </fieldset>
          </Form>
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="assignment-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="assignment-title">
            Assignment
          </Title>
          <Form method="post">
            <Hidden name="intent" value="settings" />
            <Group align="flex-end" wrap="wrap">
              <TextInput
                name="judgesPerDemo"
                label="Judges per demo"
                inputMode="numeric"
                required
                w={160}
                description={`1 to ${limits.perDemoMax}`}
                defaultValue={errorFor("settings")?.values.judgesPerDemo ?? String(settings.judgesPerDemo)}
                error={errorFor("settings")?.errors.judgesPerDemo?.[0]}
                readOnly={votingOpened}
              />
              <Checkbox
                name="normalise"
                label="Normalise scores for harsh and lenient judges"
                defaultChecked={settings.normalise}
                error={errorFor("settings")?.errors.normalise?.[0]}
              />
              <Button type="submit" variant="default" loading={busy("settings")}>
                Save settings
              </Button>
            </Group>
            <FormAlert
              message={
                errorFor("settings") && !Object.keys(errorFor("settings")?.errors ?? {}).length
                  ? errorFor("settings")?.formError
                  : undefined
              }
            />
          </Form>
          <Form method="post">
            <Hidden name="intent" value="run-assignment" />
            <Group gap="sm">
              <Button type="submit" disabled={votingOpened} loading={busy("run-assignment")}>
                Run assignment
              </Button>
              <Text size="sm" c="dimmed">
                {votingOpened
                  ? "Voting has opened, so the assignment is fixed."
                  : "Gives each demo its judges, none with a conflict, with loads as even as possible. Re-run it after changes; the result is the same for the same input."}
              </Text>
            </Group>
          </Form>
          <FormAlert message={errorFor("run-assignment")?.formError} />
          {done?.run && !done.run.ok ? (
            <Alert color="orange" variant="light" title="The assignment has problems" role="alert">
              <List size="sm">
                {done.run.problems.map((p) => (
                  <List.Item key={`${p.demoId ?? "all"}-${p.message}`}>
                    {p.demoId ? <strong>{demoTitle.get(p.demoId) ?? `Demo #${p.demoId}`}: </strong> : null}
                    {p.message}
                  </List.Item>
                ))}
              </List>
              <Text size="sm" mt="xs">
                Add judges or lower the judges per demo, then run it again.
              </Text>
            </Alert>
          ) : null}
          {demos.length === 0 ? (
            <Text>No demos yet.</Text>
          ) : (
            <TableScroll minWidth={560}>
              <Table aria-label="Judges assigned to each demo">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Demo (running order)</Table.Th>
                    <Table.Th>Team</Table.Th>
                    <Table.Th>Judges</Table.Th>
                    <Table.Th>Conflicted judges</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {demos.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/demos/${d.id}`}>
                          {d.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{d.teamName}</Table.Td>
                      <Table.Td>
                        <Text
                          span
                          c={d.judges < settings.judgesPerDemo ? "orange" : undefined}
                          fw={d.judges < settings.judgesPerDemo ? 600 : undefined}
                        >
                          {d.judges} of {settings.judgesPerDemo}
                        </Text>
                      </Table.Td>
                      <Table.Td>{d.conflicts}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
