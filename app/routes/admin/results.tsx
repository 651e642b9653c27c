import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { asc, eq } from "drizzle-orm";
import { Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import { hasRole, requireOrganiser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { Hidden } from "~/components/Hidden";
import { formatScore, RankingTable } from "~/components/RankingTable";
import { dbContext, requestInfoContext } from "~/context";
import { formatInstant } from "~/demos/demos.server";
import { formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { getVotingSettings, listCriteria } from "~/voting/judging.server";
import {
  AWARD_KINDS,
  AWARD_NAME_MAX,
  CITATION_MAX,
  computeResults,
  deleteAward,
  getPublishedResults,
  listAwards,
  publishResults,
  saveAward,
  saveResultSettings,
  unpublishResults,
} from "~/voting/results.server";
import { requireWeekById } from "~/weeks/weeks.server";
import { demos, teams, users } from "~db/schema";
import type { Route } from "./+types/results";

export async function loader(args: Route.LoaderArgs) {
  requireOrganiser(args);
  const db = args.context.get(dbContext);
  const week = await requireWeekById(db, args.params.weekId);
  const [awardRows, criteriaRows, demoRows, settings, preview, published] = await Promise.all([
    listAwards(db, week.id),
    listCriteria(db, week.id),
    db
      .select({ id: demos.id, title: demos.title, team: teams.name })
      .from(demos)
      .innerJoin(teams, eq(teams.id, demos.teamId))
      .where(eq(demos.weekId, week.id))
      .orderBy(asc(demos.title), asc(demos.id)),
    getVotingSettings(db, week.id),
    computeResults(db, week.id),
    getPublishedResults(db, week.id),
  ]);
  const [publisher] = published?.publishedById
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, published.publishedById))
    : [];
  const now = new Date();
  return {
    week: { id: week.id, name: week.name, slug: week.slug },
    kinds: AWARD_KINDS,
    limits: { name: AWARD_NAME_MAX, citation: CITATION_MAX },
    votingClosed: now >= week.votingClosesAt,
    votingClosesAt: formatInstant(week.votingClosesAt, week.timeZone),
    awards: awardRows.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      criterionId: a.criterionId,
      manualDemoId: a.manualDemoId,
      citation: a.citation,
    })),
    criteria: criteriaRows.map((c) => ({ id: c.id, name: c.name })),
    demos: demoRows,
    settings: { normalise: settings.normalise, showFullRanking: settings.showFullRanking },
    preview,
    published: published
      ? { at: formatInstant(published.publishedAt, week.timeZone), by: publisher?.name ?? "an organiser" }
      : null,
  };
}

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : undefined))
  .pipe(z.number().int().positive().max(2_147_483_647).optional());
const requiredId = z.coerce.number({ error: "Missing id." }).int().positive().max(2_147_483_647);
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save-award"),
    id: optionalId,
    name: z
      .string({ error: "Enter a name." })
      .trim()
      .min(2, "Use at least 2 characters.")
      .max(AWARD_NAME_MAX, `Use at most ${AWARD_NAME_MAX} characters.`),
    kind: z.enum(["judged", "criterion", "peoples_choice", "manual"], { error: "Choose what kind of award this is." }),
    criterionId: optionalId,
    manualDemoId: optionalId,
    citation: z
      .string()
      .trim()
      .max(CITATION_MAX, `Use at most ${CITATION_MAX} characters.`)
      .optional()
      .transform((v) => v ?? ""),
  }),
  z.object({ intent: z.literal("delete-award"), id: requiredId }),
  z.object({ intent: z.literal("settings"), normalise: checkbox, showFullRanking: checkbox }),
  z.object({ intent: z.literal("publish") }),
  z.object({ intent: z.literal("unpublish") }),
]);

const DONE: Record<string, string> = {
  "save-award": "Award saved.",
  "delete-award": "Award deleted.",
  settings: "Settings saved.",
  publish: "Results published. Everyone can now see them on the results page.",
  unpublish: "Results unpublished. Participants no longer see them.",
};

export async function action(args: Route.ActionArgs) {
  const user = requireOrganiser(args);
  const db = args.context.get(dbContext);
  const week = await requireWeekById(db, args.params.weekId);
  const formData = await readFormData(args.request, 50_000);
  const parsed = parseForm(formData, ActionSchema);
  if (!parsed.ok) return formFailure(formData, parsed);
  const input = parsed.data;
  const who = { id: user.id, isOrganiser: hasRole(user, "organiser"), requestId: args.context.get(requestInfoContext).requestId };
  const outcome = await (async () => {
    switch (input.intent) {
      case "save-award":
        return saveAward(db, who, week.id, input);
      case "delete-award":
        return deleteAward(db, who, week.id, input.id);
      case "settings":
        return saveResultSettings(db, who, week.id, input);
      case "publish":
        return publishResults(db, who, week.id);
      case "unpublish":
        return unpublishResults(db, who, week.id);
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
  return [{ title: data ? `Results · ${data.week.name} · Admin · Expedition` : "Results · Admin · Expedition" }];
}

type Failure = { ok: false; errors: Record<string, string[] | undefined>; formError?: string; values: Record<string, string> };

type AwardValues = { name?: string; kind?: string; criterionId?: string; manualDemoId?: string; citation?: string };

function AwardFields({
  idPrefix,
  values,
  errors,
  criteria,
  demos,
  kinds,
  limits,
}: {
  kinds: ReadonlyArray<{ kind: string; label: string }>;
  limits: { name: number; citation: number };
  idPrefix: string;
  values: AwardValues;
  errors?: Record<string, string[] | undefined>;
  criteria: Array<{ id: number; name: string }>;
  demos: Array<{ id: number; title: string; team: string }>;
}) {
  return (
    <Stack gap="xs">
      <Group align="flex-start" wrap="wrap" gap="xs">
        <TextInput
          id={`${idPrefix}-name`}
          name="name"
          label="Name"
          required
          maxLength={limits.name}
          defaultValue={values.name}
          error={errors?.name?.[0]}
          style={{ flex: 1, minWidth: "14rem" }}
        />
        <NativeSelect
          id={`${idPrefix}-kind`}
          name="kind"
          label="Kind"
          defaultValue={values.kind ?? "judged"}
          data={kinds.map((k) => ({ value: k.kind, label: k.label }))}
          error={errors?.kind?.[0]}
        />
        <NativeSelect
          id={`${idPrefix}-criterion`}
          name="criterionId"
          label="Criterion (judged on one criterion)"
          defaultValue={values.criterionId ?? ""}
          data={[{ value: "", label: "—" }, ...criteria.map((c) => ({ value: String(c.id), label: c.name }))]}
          error={errors?.criterionId?.[0]}
        />
        <NativeSelect
          id={`${idPrefix}-demo`}
          name="manualDemoId"
          label="Demo (given by hand)"
          defaultValue={values.manualDemoId ?? ""}
          data={[{ value: "", label: "—" }, ...demos.map((d) => ({ value: String(d.id), label: `${d.title} (${d.team})` }))]}
          error={errors?.manualDemoId?.[0]}
          maw={320}
        />
      </Group>
      <Textarea
        id={`${idPrefix}-citation`}
        name="citation"
        label="Citation (required for awards given by hand)"
        maxLength={limits.citation}
        autosize
        minRows={2}
        defaultValue={values.citation}
        error={errors?.citation?.[0]}
      />
    </Stack>
  );
}

export default function ResultsAdmin({ loaderData, actionData }: Route.ComponentProps) {
  const { week, kinds, limits, awards, criteria, demos, settings, preview, published, votingClosed, votingClosesAt } = loaderData;
  const kindLabel = Object.fromEntries(kinds.map((k) => [k.kind, k.label]));
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const failed = actionData && !actionData.ok ? (actionData as Failure) : null;
  const done = actionData?.ok ? actionData : null;
  const failedIntent = failed?.values.intent;
  const editing = failedIntent === "save-award" ? failed?.values.id || "new" : null;
  const exportBase = `/admin/weeks/${week.id}/export`;
  return (
    <Stack gap="lg" maw={1100}>
      <Stack gap={4}>
        <Anchor component={Link} to="/admin/weeks" size="sm">
          ← All weeks
        </Anchor>
        <Title order={1}>Results · {week.name}</Title>
        <Group gap="xs">
          {published ? (
            <Badge color="green" variant="light">
              Published
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              Not published
            </Badge>
          )}
          <Text c="dimmed">
            {published
              ? `Published ${published.at} by ${published.by}.`
              : votingClosed
                ? "Voting has closed."
                : `Voting is open until ${votingClosesAt}.`}
          </Text>
          <Anchor component={Link} to={`/weeks/${week.slug}/results`}>
            View the results page
          </Anchor>
          <Anchor component={Link} to={`/admin/weeks/${week.id}/voting`}>
            Judges and criteria
          </Anchor>
        </Group>
      </Stack>

      {done ? (
        <Alert color="green" variant="light" role="status">
          {done.message}
        </Alert>
      ) : null}
      {failed && (!failedIntent || ["publish", "unpublish", "delete-award"].includes(failedIntent)) ? (
        <FormAlert message={failed.formError} />
      ) : null}

      <Card withBorder component="section" aria-labelledby="publish-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="publish-title">
            Publish
          </Title>
          <Text size="sm" c="dimmed">
            Publishing freezes the results as they stand: the results page and the results exports show that snapshot. Publish
            again to replace it (for example after changing an award); unpublish to take the results down.
          </Text>
          <Group>
            <Form method="post">
              <Hidden name="intent" value="publish" />
              <Button type="submit" loading={busy("publish")} disabled={!votingClosed}>
                {published ? "Publish again" : "Publish results"}
              </Button>
            </Form>
            {published ? (
              <Form method="post">
                <Hidden name="intent" value="unpublish" />
                <Button type="submit" variant="default" color="red" loading={busy("unpublish")}>
                  Unpublish
                </Button>
              </Form>
            ) : null}
          </Group>
          {!votingClosed ? <Text size="sm">Results can be published once voting closes ({votingClosesAt}).</Text> : null}
          <Group gap="md">
            <Text size="sm" fw={500}>
              Exports (CSV):
            </Text>
            <Anchor href={`${exportBase}/scores.csv`} size="sm" download>
              Every score
            </Anchor>
            <Anchor href={`${exportBase}/results.csv`} size="sm" download={published ? true : undefined}>
              Results per award
            </Anchor>
            <Anchor href={`${exportBase}/peoples-choice.csv`} size="sm" download={published ? true : undefined}>
              People's-choice counts
            </Anchor>
          </Group>
          {!published ? (
            <Text size="xs" c="dimmed">
              The results and people's-choice exports read the published results, so they are available once you publish.
            </Text>
          ) : null}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="settings-title">
        <Form method="post">
          <Hidden name="intent" value="settings" />
          <Stack gap="sm">
            <Title order={2} size="h3" id="settings-title">
              Counting and display
            </Title>
            <FormAlert message={failedIntent === "settings" ? failed?.formError : undefined} />
            <fieldset disabled={Boolean(published)} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
              <Stack gap="xs">
                <Checkbox
                  name="normalise"
                  defaultChecked={settings.normalise}
                  label="Normalise scores per judge (recommended)"
                  description="Harsh and lenient judges count the same. Off: a demo's score is the plain average of its judges' weighted scores."
                />
                <Checkbox
                  name="showFullRanking"
                  defaultChecked={settings.showFullRanking}
                  label="Show the full ranking on the results page"
                  description="Off: only the winners of each award and the people's-choice counts are shown."
                />
                <Button type="submit" variant="default" w="fit-content" loading={busy("settings")}>
                  Save settings
                </Button>
              </Stack>
            </fieldset>
            {published ? <Text size="sm">Unpublish the results to change these settings.</Text> : null}
          </Stack>
        </Form>
      </Card>

      <Card withBorder component="section" aria-labelledby="awards-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="awards-title">
            Awards
          </Title>
          <List size="sm" spacing={2}>
            {kinds.map((k) => (
              <List.Item key={k.kind}>
                <b>{k.label}</b>: {k.explanation}
              </List.Item>
            ))}
          </List>
          {awards.length === 0 ? <Text>No awards yet.</Text> : null}
          {awards.map((a) => {
            const mine = editing === String(a.id) ? failed : null;
            return (
              <Card key={a.id} withBorder padding="sm">
                <Form method="post" aria-label={`Edit ${a.name}`}>
                  <Hidden name="intent" value="save-award" />
                  <Hidden name="id" value={a.id} />
                  <Stack gap="xs">
                    <FormAlert message={mine && !Object.keys(mine.errors).length ? mine.formError : undefined} />
                    <AwardFields
                      idPrefix={`award-${a.id}`}
                      values={
                        mine?.values ?? {
                          name: a.name,
                          kind: a.kind,
                          criterionId: a.criterionId ? String(a.criterionId) : "",
                          manualDemoId: a.manualDemoId ? String(a.manualDemoId) : "",
                          citation: a.citation,
                        }
                      }
                      errors={mine?.errors}
                      criteria={criteria}
                      demos={demos}
                      kinds={kinds}
                      limits={limits}
                    />
                    <Group gap="xs">
                      <Button type="submit" variant="default" size="compact-md">
                        Save
                      </Button>
                    </Group>
                  </Stack>
                </Form>
                <Form method="post">
                  <Hidden name="intent" value="delete-award" />
                  <Hidden name="id" value={a.id} />
                  <Button type="submit" variant="subtle" color="red" size="compact-sm" mt="xs" aria-label={`Delete ${a.name}`}>
                    Delete
                  </Button>
                </Form>
              </Card>
            );
          })}
          <Card withBorder padding="sm">
            <Form method="post" aria-label="Add an award" key={done?.intent === "save-award" ? "reset" : "form"}>
              <Hidden name="intent" value="save-award" />
              <Stack gap="xs">
                <Title order={3} size="h5">
                  Add an award
                </Title>
                <FormAlert
                  message={editing === "new" && failed && !Object.keys(failed.errors).length ? failed.formError : undefined}
                />
                <AwardFields
                  idPrefix="award-new"
                  values={editing === "new" ? (failed?.values ?? {}) : {}}
                  errors={editing === "new" ? failed?.errors : undefined}
                  criteria={criteria}
                  demos={demos}
                  kinds={kinds}
                  limits={limits}
                />
                <Button type="submit" w="fit-content" loading={busy("save-award")}>
                  Add award
                </Button>
              </Stack>
            </Form>
          </Card>
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="preview-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h3" id="preview-title">
              Preview
            </Title>
            <Badge color="yellow" variant="light">
              Preview — not visible to participants
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            The results as they stand now ({preview.normalise ? "normalised" : "raw means"}). Participants see only what you
            publish.
          </Text>
          {preview.awards.map((a) => (
            <Stack key={a.id} gap={4}>
              <Title order={3} size="h4">
                {a.name}{" "}
                <Text span size="sm" c="dimmed">
                  {kindLabel[a.kind]}
                  {a.criterionName ? ` · ${a.criterionName}` : ""}
                </Text>
              </Title>
              {a.winners.length ? (
                <Text>
                  Winner: <b>{a.winners.map((w) => `${w.title} (${w.team})`).join(", ")}</b>
                  {a.winners[0]?.votes !== null && a.winners[0]?.votes !== undefined ? ` · ${a.winners[0].votes} votes` : ""}
                  {a.winners[0]?.score !== null && a.winners[0]?.score !== undefined
                    ? ` · score ${formatScore(a.winners[0].score)}`
                    : ""}
                </Text>
              ) : (
                <Text c="dimmed">{a.note}</Text>
              )}
              {a.tieBreak ? <Text size="sm">Tie-break: {a.tieBreak}</Text> : null}
              {a.citation ? (
                <Text size="sm" fs="italic">
                  {a.citation}
                </Text>
              ) : null}
            </Stack>
          ))}
          <Title order={3} size="h4">
            Full ranking
          </Title>
          <RankingTable rows={preview.overall} label="Full ranking (preview)" />
          <Title order={3} size="h4">
            People's choice
          </Title>
          <RankingTable rows={preview.peoplesChoice} label="People's choice (preview)" votes />
        </Stack>
      </Card>
    </Stack>
  );
}
