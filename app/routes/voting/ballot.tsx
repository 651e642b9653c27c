import { Alert, Anchor, Badge, Button, Card, Group, Progress, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { useId } from "react";
import { data, Form, Link, useNavigation } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { FormAlert } from "~/components/FormAlert";
import { LocalTime } from "~/components/LocalTime";
import { Pager } from "~/components/Pager";
import { cx, plain } from "~/components/plain/Plain";
import { dbContext, requestInfoContext } from "~/context";
import { formDataToObject, formFailure, parseForm, readFormData } from "~/lib/forms.server";
import { pageCount, parsePage } from "~/lib/pagination";
import { declareConflict, judgeBallots, saveBallot } from "~/voting/judging.server";
import { CONFLICT_REASON_MAX, ConflictSchema, FEEDBACK_MAX, ORGANISER_NOTE_MAX, parseBallotForm } from "~/voting/schemas.server";
import { findWeekBySlug } from "~/weeks/weeks.server";
import type { Route } from "./+types/ballot";

async function weekOf(args: Route.LoaderArgs | Route.ActionArgs) {
  const week = await findWeekBySlug(args.context.get(dbContext), args.params.slug);
  if (!week) throw data({ message: "There is no week at this address." }, { status: 404 });
  return week;
}

const NOT_A_JUDGE = "This page is for the week's judges only.";

/** Demos scored on one page of the ballot: a judge with many demos pages through them. */
export const BALLOT_PAGE_SIZE = 8;

export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const week = await weekOf(args);
  const view = await judgeBallots(args.context.get(dbContext), { id: user.id }, week);
  if (!view) throw data({ message: NOT_A_JUDGE }, { status: 403 });
  const requested = parsePage(new URL(args.request.url).searchParams.get("page"));
  if (requested === null) throw data({ message: "The page number must be a whole number from 1." }, { status: 400 });
  const pages = pageCount(view.demos.length, BALLOT_PAGE_SIZE);
  const page = Math.min(requested, pages);
  const start = (page - 1) * BALLOT_PAGE_SIZE;
  const now = Date.now();
  return {
    week: {
      name: week.name,
      slug: week.slug,
      timeZone: week.timeZone,
      votingOpensAt: week.votingOpensAt.toISOString(),
      votingClosesAt: week.votingClosesAt.toISOString(),
      notYetOpen: now < week.votingOpensAt.getTime(),
    },
    open: view.open,
    criteria: view.criteria,
    // Every assigned demo in the overview; the scoring forms of this page's demos only.
    overview: view.demos.map((d, i) => ({
      id: d.id,
      title: d.title,
      page: Math.floor(i / BALLOT_PAGE_SIZE) + 1,
      status: d.complete ? ("scored" as const) : d.savedAt ? ("draft" as const) : ("new" as const),
    })),
    demos: view.demos.slice(start, start + BALLOT_PAGE_SIZE).map((d) => ({ ...d, savedAt: d.savedAt?.toISOString() ?? null })),
    page,
    pages,
    scored: view.scored,
    total: view.total,
    limits: { feedbackMax: FEEDBACK_MAX, noteMax: ORGANISER_NOTE_MAX, reasonMax: CONFLICT_REASON_MAX },
  };
}

export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const who = { id: user.id, requestId: args.context.get(requestInfoContext).requestId };
  const formData = await readFormData(args.request, 100_000);
  const intent = formData.get("intent");
  if (intent === "conflict") {
    await weekOf(args);
    const parsed = parseForm(formData, ConflictSchema);
    if (!parsed.ok) return formFailure(formData, parsed);
    const outcome = await declareConflict(db, who, parsed.data.demoId, parsed.data.reason);
    if (!outcome.ok) {
      return formFailure(
        formData,
        outcome.field ? { errors: { [outcome.field]: [outcome.message] } } : { formError: outcome.message },
        outcome.status,
      );
    }
    return {
      ok: true as const,
      intent: "conflict",
      demoId: parsed.data.demoId,
      message: "Conflict declared: the demo was taken off your ballot.",
    };
  }
  if (intent !== "save") return formFailure(formData, { formError: "Unknown action; reload the page." });
  const input = parseBallotForm(formDataToObject(formData));
  if (!input.demoId) return formFailure(formData, { formError: "Choose a demo to score." });
  // The demo must be of the week in the URL: saveBallot checks it in the query that finds the demo.
  const outcome = await saveBallot(db, who, input.demoId, input, new Date(), { weekSlug: args.params.slug });
  if (!outcome.ok) {
    return formFailure(
      formData,
      outcome.field
        ? { errors: { [outcome.field]: [outcome.message] }, formError: outcome.message }
        : { formError: outcome.message },
      outcome.status,
    );
  }
  return { ok: true as const, intent: "save", demoId: input.demoId, message: "Saved." };
}

export function meta({ data }: Route.MetaArgs) {
  return [{ title: data ? `Your ballot · ${data.week.name} · Expedition` : "Ballot · Expedition" }];
}

type Loader = Route.ComponentProps["loaderData"];
type Failure = { ok: false; errors: Record<string, string[] | undefined>; formError?: string; values: Record<string, string> };

function scaleValues(min: number, max: number) {
  return Array.from({ length: max - min + 1 }, (_, i) => String(min + i));
}

/**
 * One criterion's score as native radio buttons in a fieldset (plain elements: a ballot page holds every
 * criterion of several demos, and Mantine's Radio costs ~700 bytes of markup each).
 */
function ScoreGroup({
  name,
  criterion,
  defaultValue,
  error,
}: {
  name: string;
  criterion: Loader["criteria"][number];
  defaultValue: string;
  error?: string;
}) {
  const id = useId();
  const describedBy = [criterion.description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean);
  return (
    <fieldset
      className={plain.scoreGroup}
      aria-describedby={describedBy.length ? describedBy.join(" ") : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className={plain.scoreLegend}>{`${criterion.name} (${criterion.scaleMin}–${criterion.scaleMax})`}</legend>
      {criterion.description ? (
        <p className={cx(plain.text, plain.xs, plain.dimmed)} id={`${id}-description`}>
          {criterion.description}
        </p>
      ) : null}
      <div className={plain.scoreOptions}>
        {scaleValues(criterion.scaleMin, criterion.scaleMax).map((v) => (
          <label key={v} className={plain.scoreOption}>
            <input
              type="radio"
              name={name}
              value={v}
              defaultChecked={defaultValue === v}
              aria-label={`${criterion.name}: ${v}`}
            />
            {v}
          </label>
        ))}
        <label className={plain.scoreOption}>
          <input
            type="radio"
            name={name}
            value=""
            defaultChecked={defaultValue === ""}
            aria-label={`${criterion.name}: not scored yet`}
          />
          Not yet
        </label>
      </div>
      {error ? (
        <p className={cx(plain.text, plain.xs, plain.error)} id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function DemoBallot({
  demo,
  criteria,
  open,
  failed,
  saved,
  limits,
}: {
  demo: Loader["demos"][number];
  criteria: Loader["criteria"];
  open: boolean;
  failed: Failure | null;
  saved: string | null;
  limits: Loader["limits"];
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("demoId") === String(demo.id);
  const mine = failed && failed.values.demoId === String(demo.id) ? failed : null;
  const saveFailed = mine?.values.intent === "save" ? mine : null;
  const conflictFailed = mine?.values.intent === "conflict" ? mine : null;
  const headingId = `demo-${demo.id}-title`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId} id={`demo-${demo.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h4" id={headingId}>
              <Anchor component={Link} to={`/demos/${demo.id}`}>
                {demo.title}
              </Anchor>
            </Title>
            <Text size="sm" c="dimmed">
              {demo.position != null ? `#${demo.position} · ` : ""}
              <Anchor component={Link} to={`/teams/${demo.teamId}`} size="sm">
                {demo.teamName}
              </Anchor>
            </Text>
          </Stack>
          {demo.complete ? (
            <Badge color="green" variant="light" leftSection={<IconCheck size={12} />}>
              Scored
            </Badge>
          ) : demo.savedAt ? (
            <Badge color="yellow" variant="light">
              Draft
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              Not scored
            </Badge>
          )}
        </Group>
        <Form method="post" key={`${demo.id}-${demo.savedAt ?? "new"}-${mine ? "failed" : ""}`}>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="demoId" value={demo.id} />
          <fieldset disabled={!open} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Stack gap="sm">
              <FormAlert message={saveFailed?.formError} />
              {saved ? (
                <Alert color="green" variant="light" role="status">
                  {saved}
                </Alert>
              ) : null}
              {criteria.map((c) => {
                const field = `score-${c.id}`;
                const value = saveFailed
                  ? (saveFailed.values[field] ?? "")
                  : demo.scores[c.id] != null
                    ? String(demo.scores[c.id])
                    : "";
                return (
                  <ScoreGroup key={c.id} name={field} criterion={c} defaultValue={value} error={saveFailed?.errors[field]?.[0]} />
                );
              })}
              <Textarea
                name="feedback"
                label="Private feedback to the team"
                description="Only the team sees this, after results are published."
                autosize
                minRows={2}
                maxLength={limits.feedbackMax}
                defaultValue={saveFailed ? saveFailed.values.feedback : demo.feedback}
                error={saveFailed?.errors.feedback?.[0]}
              />
              <Textarea
                name="organiserNote"
                label="Note to organisers (optional)"
                autosize
                minRows={1}
                maxLength={limits.noteMax}
                defaultValue={saveFailed ? saveFailed.values.organiserNote : demo.organiserNote}
                error={saveFailed?.errors.organiserNote?.[0]}
              />
              {open ? (
                <Button type="submit" w="fit-content" loading={busy}>
                  Save
                </Button>
              ) : null}
            </Stack>
          </fieldset>
        </Form>
        {open ? (
          <details open={Boolean(conflictFailed)}>
            <summary style={{ cursor: "pointer" }}>Declare a conflict</summary>
            <Form method="post">
              <input type="hidden" name="intent" value="conflict" />
              <input type="hidden" name="demoId" value={demo.id} />
              <Stack gap="xs" mt="xs" maw={560}>
                <FormAlert message={conflictFailed?.formError} />
                <TextInput
                  name="reason"
                  label="Reason"
                  description="The demo leaves your ballot and any scores you gave it are removed."
                  required
                  minLength={3}
                  maxLength={limits.reasonMax}
                  defaultValue={conflictFailed?.values.reason}
                  error={conflictFailed?.errors.reason?.[0]}
                />
                <Button type="submit" variant="default" color="red" w="fit-content">
                  Declare conflict
                </Button>
              </Stack>
            </Form>
          </details>
        ) : null}
      </Stack>
    </Card>
  );
}

export default function Ballot({ loaderData, actionData }: Route.ComponentProps) {
  const { week, open, criteria, demos, scored, total, limits, overview, page, pages } = loaderData;
  const failed = actionData && !actionData.ok ? (actionData as Failure) : null;
  const done = actionData?.ok ? actionData : null;
  const orphanError = failed && !failed.values.demoId ? failed.formError : undefined;
  return (
    <Stack gap="lg" maw={880}>
      <Stack gap={4}>
        <Anchor component={Link} to={`/weeks/${week.slug}`} size="sm">
          ← {week.name}
        </Anchor>
        <Title order={1}>Your ballot</Title>
        <Text c="dimmed">
          Score each demo on every criterion. You can save a draft and change any score until voting closes at{" "}
          <LocalTime iso={week.votingClosesAt} fallbackTimeZone={week.timeZone} />. Other judges never see your scores.
        </Text>
      </Stack>
      <FormAlert message={orphanError} />
      {done?.intent === "conflict" ? (
        <Alert color="green" variant="light" role="status">
          {done.message}
        </Alert>
      ) : null}
      {!open ? (
        <Alert color={week.notYetOpen ? "blue" : "gray"} variant="light">
          {week.notYetOpen ? (
            <>
              Voting opens <LocalTime iso={week.votingOpensAt} fallbackTimeZone={week.timeZone} />. Your assigned demos are listed
              below; you can score them then.
            </>
          ) : (
            "Voting has closed. Your ballot is read-only."
          )}
        </Alert>
      ) : null}
      <Stack gap={4}>
        <Text fw={600} aria-live="polite">
          {scored} of {total} scored
        </Text>
        <Progress value={total ? (scored / total) * 100 : 0} aria-label={`${scored} of ${total} demos scored`} />
      </Stack>
      {criteria.length === 0 ? (
        <Alert color="yellow" variant="light">
          The organisers have not set this week's criteria yet.
        </Alert>
      ) : null}
      {pages > 1 ? <BallotOverview overview={overview} page={page} /> : null}
      {demos.length === 0 ? (
        <Text>No demos are assigned to you yet. The organisers assign demos before voting opens.</Text>
      ) : (
        demos.map((demo) => (
          <DemoBallot
            key={demo.id}
            demo={demo}
            criteria={criteria}
            limits={limits}
            open={open}
            failed={failed}
            saved={done?.intent === "save" && done.demoId === demo.id ? done.message : null}
          />
        ))
      )}
      {pages > 1 ? <Pager page={page} pages={pages} total={total} noun="assigned demo" /> : null}
    </Stack>
  );
}

const STATUS_LABELS = { scored: "scored", draft: "draft", new: "not scored" } as const;

/** Every assigned demo with its state, linking to the page that scores it (a judge may have dozens). */
function BallotOverview({ overview, page }: { overview: Loader["overview"]; page: number }) {
  return (
    <nav aria-labelledby="ballot-overview-title">
      <Text fw={600} id="ballot-overview-title" size="sm">
        All your demos
      </Text>
      <ol className={plain.overviewList}>
        {overview.map((d) => (
          <li key={d.id}>
            <Link
              to={{ search: d.page === 1 ? "" : `?page=${d.page}`, hash: `demo-${d.id}` }}
              className={cx(plain.anchor, plain.sm)}
              aria-current={d.page === page ? "page" : undefined}
            >
              {d.title}
            </Link>{" "}
            <span className={cx(plain.text, plain.xs, plain.dimmed)}>({STATUS_LABELS[d.status]})</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
