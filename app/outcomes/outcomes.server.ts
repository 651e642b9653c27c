import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import { fail, ok } from "~/lib/outcome";
import { PAGE_SIZE } from "~/lib/pagination";
import { type NewNotification, notify } from "~/notifications/notify.server";
import type { Database, Queryable, Transaction } from "~db/client";
import {
  checkpointReminders,
  demos,
  impactMeasurements,
  outcomeUpdates,
  teamMembers,
  teams,
  users,
  votingSettings,
  weeks,
} from "~db/schema";
import {
  CHECKPOINT_DAYS,
  type Checkpoint,
  type CheckpointState,
  checkpointDueAt,
  checkpointState,
  checkpoints,
  currentCheckpoint,
  type DateWindow,
  DONE_WINDOW_DAYS,
  dateIn,
  dateProblem,
  IMPACT_KINDS,
  type ImpactInput,
  type ImpactKind,
  impactProblem,
  OUTCOME_STATUS_INFO,
  type OutcomeInput,
  type OutcomeStatus,
  OVERDUE_AFTER_DAYS,
  outcomeProblem,
  seriesLabel,
} from "./rules";

/** Whoever acts; the route says whether they are an organiser, and every function checks again. */
export type OutcomeActor = { id: number; isOrganiser: boolean; requestId?: string };

export const NOTIFICATION_KIND_CHECKPOINT = "outcome.checkpoint";
export const NOTIFICATION_KIND_UPDATED = "outcome.updated";

const NOT_FOUND = "That demo does not exist.";
const NOT_ALLOWED = "Only members of the demo's team (or an organiser) can record its outcome and impact.";
const NOT_OPEN = "Outcomes and impact can be recorded once the week's results are published.";
const ORGANISERS_ONLY = "Only organisers can correct or delete outcome entries.";

export const outcomeLink = (demoId: number) => `/demos/${demoId}/outcome`;

// ---------------------------------------------------------------------------------------------
// The demo's context (week, team, published results, members)

export type DemoHeader = {
  id: number;
  title: string;
  teamId: number;
  teamName: string;
  weekId: number;
  weekName: string;
  weekSlug: string;
  timeZone: string;
  exploringStartsAt: Date;
  outcomeStatus: OutcomeStatus | null;
};

async function demoHeader(db: Queryable, demoId: number): Promise<DemoHeader | null> {
  return (await demoContext(db, demoId))?.header ?? null;
}

/** The demo's header, its team's members and when its week's results were published: one query. */
async function demoContext(db: Queryable, demoId: number): Promise<KnownDemo | null> {
  const [row] = await db
    .select({
      id: demos.id,
      title: demos.title,
      teamId: demos.teamId,
      teamName: teams.name,
      weekId: demos.weekId,
      weekName: weeks.name,
      weekSlug: weeks.slug,
      timeZone: weeks.timeZone,
      exploringStartsAt: weeks.exploringStartsAt,
      outcomeStatus: demos.outcomeStatus,
      publishedAt: votingSettings.publishedAt,
      memberIds: sql<number[]>`coalesce((select array_agg(${teamMembers.userId}) from ${teamMembers}
        where ${teamMembers.teamId} = ${demos.teamId}), '{}')`,
    })
    .from(demos)
    .innerJoin(teams, eq(teams.id, demos.teamId))
    .innerJoin(weeks, eq(weeks.id, demos.weekId))
    .leftJoin(votingSettings, eq(votingSettings.weekId, demos.weekId))
    .where(eq(demos.id, demoId));
  if (!row) return null;
  const { publishedAt, memberIds, ...header } = row;
  return { header, memberIds: memberIds.map(Number), publishedAt };
}

async function memberIdsOf(db: Queryable, teamId: number): Promise<number[]> {
  const rows = await db.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId));
  return rows.map((r) => r.userId);
}

/**
 * When the week's results were published, or null. Inside a write the row is share-locked, so an
 * organiser unpublishing at the same moment waits for the write (or the write sees it unpublished).
 */
async function publishedAt(db: Queryable, weekId: number, lock: boolean): Promise<Date | null> {
  const query = db
    .select({ publishedAt: votingSettings.publishedAt })
    .from(votingSettings)
    .where(eq(votingSettings.weekId, weekId));
  const [row] = lock ? await query.for("share") : await query;
  return row?.publishedAt ?? null;
}

/** The window a recorded date must fall in: from the first day of exploring to today, in the week's time zone. */
export function dateWindow(week: { exploringStartsAt: Date; timeZone: string }, now: Date): DateWindow {
  return { earliest: dateIn(week.exploringStartsAt, week.timeZone), today: dateIn(now, week.timeZone) };
}

/** Why `who` may not record outcomes for this demo now, or null when they may. */
export function recordRefusal(
  published: Date | null,
  who: { isMember: boolean; isOrganiser: boolean },
): { status: number; message: string } | null {
  if (!who.isMember && !who.isOrganiser) return { status: 403, message: NOT_ALLOWED };
  if (!published) return { status: 409, message: NOT_OPEN };
  return null;
}

type WriteContext = { header: DemoHeader; memberIds: number[]; published: Date };

async function writeContext(tx: Transaction, actor: OutcomeActor, demoId: number): Promise<Outcome<WriteContext>> {
  const header = await demoHeader(tx, demoId);
  if (!header) return fail(404, NOT_FOUND);
  const [memberIds, published] = await Promise.all([memberIdsOf(tx, header.teamId), publishedAt(tx, header.weekId, true)]);
  const refusal = recordRefusal(published, { isMember: memberIds.includes(actor.id), isOrganiser: actor.isOrganiser });
  if (refusal || !published) return fail(refusal?.status ?? 409, refusal?.message ?? NOT_OPEN);
  return ok({ header, memberIds, published });
}

async function nameOf(db: Queryable, userId: number): Promise<string> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? "Someone";
}

/** Tells the rest of the team (not the author) that something was recorded. */
async function tellTeam(tx: Transaction, actor: OutcomeActor, ctx: WriteContext, message: (who: string) => string) {
  const others = ctx.memberIds.filter((id) => id !== actor.id);
  if (others.length === 0) return;
  const who = await nameOf(tx, actor.id);
  const notes: NewNotification[] = others.map((userId) => ({
    userId,
    actorId: actor.id,
    kind: NOTIFICATION_KIND_UPDATED,
    link: outcomeLink(ctx.header.id),
    message: message(who),
    data: { demoId: ctx.header.id },
  }));
  await notify(tx, notes);
}

// ---------------------------------------------------------------------------------------------
// Recording (team members and organisers)

/** Adds a dated entry to a demo's outcome timeline. */
export async function recordOutcomeUpdate(
  db: Database,
  actor: OutcomeActor,
  demoId: number,
  input: OutcomeInput,
  now = new Date(),
): Promise<Outcome<{ id: number }>> {
  const problem = outcomeProblem(input);
  if (problem) return fail(400, problem.message, problem.field);
  return db.transaction(async (tx) => {
    const context = await writeContext(tx, actor, demoId);
    if (!context.ok) return context;
    const ctx = context.value;
    const date = dateProblem(input.happenedOn, dateWindow(ctx.header, now), "happenedOn", "date it happened");
    if (date) return fail(400, date.message, date.field);
    const [row] = await tx
      .insert(outcomeUpdates)
      .values({
        demoId,
        status: input.status,
        happenedOn: input.happenedOn,
        note: input.note,
        owningTeam: input.status === "continued" ? input.owningTeam.trim() : "",
        lessons: input.status === "stopped" ? input.lessons : "",
        authorId: actor.id,
      })
      .returning({ id: outcomeUpdates.id });
    if (!row) return fail(500, "The update could not be saved; try again.");
    await tellTeam(
      tx,
      actor,
      ctx,
      (who) => `${who} recorded an outcome for “${ctx.header.title}”: ${OUTCOME_STATUS_INFO[input.status].label}.`,
    );
    return ok({ id: row.id });
  });
}

/** Records one measurement of an impact figure (a new point in its series; earlier ones stay as history). */
export async function recordImpactMeasurement(
  db: Database,
  actor: OutcomeActor,
  demoId: number,
  input: ImpactInput,
  now = new Date(),
): Promise<Outcome<{ id: number }>> {
  const problem = impactProblem(input);
  if (problem) return fail(400, problem.message, problem.field);
  return db.transaction(async (tx) => {
    const context = await writeContext(tx, actor, demoId);
    if (!context.ok) return context;
    const ctx = context.value;
    const date = dateProblem(input.measuredOn, dateWindow(ctx.header, now), "measuredOn", "date it was measured");
    if (date) return fail(400, date.message, date.field);
    const [row] = await tx
      .insert(impactMeasurements)
      .values({ demoId, ...measurementColumns(input), authorId: actor.id })
      .returning({ id: impactMeasurements.id });
    if (!row) return fail(500, "The figure could not be saved; try again.");
    await tellTeam(
      tx,
      actor,
      ctx,
      (who) => `${who} recorded an impact figure for “${ctx.header.title}”: ${seriesLabel(input.kind, input.metric)}.`,
    );
    return ok({ id: row.id });
  });
}

function measurementColumns(input: ImpactInput) {
  return {
    kind: input.kind,
    metric: input.kind === "custom" ? input.metric.trim() : "",
    unit: input.unit.trim(),
    baseline: input.baseline,
    value: input.value,
    measuredOn: input.measuredOn,
    evidenceUrl: input.evidenceUrl.trim(),
    note: input.note,
  };
}

// ---------------------------------------------------------------------------------------------
// Organisers: correct and delete (audited)

async function organiserContext(tx: Transaction, actor: OutcomeActor, demoId: number): Promise<Outcome<DemoHeader>> {
  if (!actor.isOrganiser) return fail(403, ORGANISERS_ONLY);
  const header = await demoHeader(tx, demoId);
  return header ? ok(header) : fail(404, NOT_FOUND);
}

const GONE = "That entry no longer exists (someone may have deleted it).";

type EntryKind = "outcome_update" | "impact_measurement";
type Change = Outcome<{ before: Record<string, unknown>; after?: Record<string, unknown> }>;

/**
 * Organisers' corrections and deletions share one shape: organisers only, the demo must exist, the entry
 * must belong to it; the change and its audit entry (before → after) go in one transaction.
 */
async function organiserChange(
  db: Database,
  actor: OutcomeActor,
  demoId: number,
  entry: { id: number; kind: EntryKind; verb: "corrected" | "deleted" },
  change: (tx: Transaction, demo: DemoHeader) => Promise<Change>,
): Promise<Outcome<{ id: number }>> {
  return db.transaction(async (tx) => {
    const context = await organiserContext(tx, actor, demoId);
    if (!context.ok) return context;
    const changed = await change(tx, context.value);
    if (!changed.ok) return changed;
    await audit(tx, {
      actorId: actor.id,
      action: `${entry.kind}.${entry.verb}`,
      targetType: entry.kind,
      targetId: entry.id,
      before: changed.value.before,
      after: changed.value.after,
      note: `demo ${demoId}`,
      requestId: actor.requestId,
    });
    return ok({ id: entry.id });
  });
}

const pickOutcome = (o: typeof outcomeUpdates.$inferSelect) => ({
  status: o.status,
  happenedOn: o.happenedOn,
  note: o.note,
  owningTeam: o.owningTeam,
  lessons: o.lessons,
  authorId: o.authorId,
});

const pickMeasurement = (m: typeof impactMeasurements.$inferSelect) => ({
  kind: m.kind,
  metric: m.metric,
  unit: m.unit,
  baseline: m.baseline,
  value: m.value,
  measuredOn: m.measuredOn,
  evidenceUrl: m.evidenceUrl,
  note: m.note,
  authorId: m.authorId,
});

/** An organiser rewrites an outcome update (same rules as recording it); the before and after go to the audit log. */
export async function correctOutcomeUpdate(
  db: Database,
  actor: OutcomeActor,
  demoId: number,
  updateId: number,
  input: OutcomeInput,
  now = new Date(),
): Promise<Outcome<{ id: number }>> {
  const problem = outcomeProblem(input);
  if (problem) return fail(400, problem.message, problem.field);
  return organiserChange(db, actor, demoId, { id: updateId, kind: "outcome_update", verb: "corrected" }, async (tx, demo) => {
    const date = dateProblem(input.happenedOn, dateWindow(demo, now), "happenedOn", "date it happened");
    if (date) return fail(400, date.message, date.field);
    const [before] = await tx
      .select()
      .from(outcomeUpdates)
      .where(and(eq(outcomeUpdates.id, updateId), eq(outcomeUpdates.demoId, demoId)))
      .for("update");
    if (!before) return fail(404, GONE);
    const after = {
      status: input.status,
      happenedOn: input.happenedOn,
      note: input.note,
      owningTeam: input.status === "continued" ? input.owningTeam.trim() : "",
      lessons: input.status === "stopped" ? input.lessons : "",
    };
    await tx
      .update(outcomeUpdates)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(outcomeUpdates.id, updateId));
    return ok({ before: pickOutcome(before), after });
  });
}

export async function deleteOutcomeUpdate(
  db: Database,
  actor: OutcomeActor,
  demoId: number,
  updateId: number,
): Promise<Outcome<{ id: number }>> {
  return organiserChange(db, actor, demoId, { id: updateId, kind: "outcome_update", verb: "deleted" }, async (tx) => {
    const [gone] = await tx
      .delete(outcomeUpdates)
      .where(and(eq(outcomeUpdates.id, updateId), eq(outcomeUpdates.demoId, demoId)))
      .returning();
    return gone ? ok({ before: pickOutcome(gone) }) : fail(404, GONE);
  });
}

/** An organiser rewrites a measurement (same rules as recording it), audited. */
export async function correctImpactMeasurement(
  db: Database,
  actor: OutcomeActor,
  demoId: number,
  measurementId: number,
  input: ImpactInput,
  now = new Date(),
): Promise<Outcome<{ id: number }>> {
  const problem = impactProblem(input);
  if (problem) return fail(400, problem.message, problem.field);
  const entry = { id: measurementId, kind: "impact_measurement", verb: "corrected" } as const;
  return organiserChange(db, actor, demoId, entry, async (tx, demo) => {
    const date = dateProblem(input.measuredOn, dateWindow(demo, now), "measuredOn", "date it was measured");
    if (date) return fail(400, date.message, date.field);
    const [before] = await tx
      .select()
      .from(impactMeasurements)
      .where(and(eq(impactMeasurements.id, measurementId), eq(impactMeasurements.demoId, demoId)))
      .for("update");
    if (!before) return fail(404, GONE);
    const after = measurementColumns(input);
    await tx.update(impactMeasurements).set(after).where(eq(impactMeasurements.id, measurementId));
    return ok({ before: pickMeasurement(before), after });
  });
}

export async function deleteImpactMeasurement(
  db: Database,
  actor: OutcomeActor,
  demoId: number,
  measurementId: number,
): Promise<Outcome<{ id: number }>> {
  const entry = { id: measurementId, kind: "impact_measurement", verb: "deleted" } as const;
  return organiserChange(db, actor, demoId, entry, async (tx) => {
    const [gone] = await tx
      .delete(impactMeasurements)
      .where(and(eq(impactMeasurements.id, measurementId), eq(impactMeasurements.demoId, demoId)))
      .returning();
    return gone ? ok({ before: pickMeasurement(gone) }) : fail(404, GONE);
  });
}

// ---------------------------------------------------------------------------------------------
// Reading a demo's outcome

export type OutcomeEntry = {
  id: number;
  status: OutcomeStatus;
  happenedOn: string;
  note: string;
  owningTeam: string;
  lessons: string;
  authorId: number;
  authorName: string;
  createdAt: Date;
  updatedAt: Date;
};

export type ImpactEntry = {
  id: number;
  kind: ImpactKind;
  metric: string;
  unit: string;
  baseline: number | null;
  value: number;
  measuredOn: string;
  evidenceUrl: string;
  note: string;
  authorId: number;
  authorName: string;
  createdAt: Date;
};

export type ImpactSeries = {
  key: string;
  kind: ImpactKind;
  metric: string;
  label: string;
  latest: ImpactEntry;
  history: ImpactEntry[];
};

export type DemoOutcome = {
  demo: { id: number; title: string; teamId: number; teamName: string };
  week: { id: number; name: string; slug: string; timeZone: string };
  /** The latest status on the timeline (null until one is recorded). */
  status: OutcomeStatus | null;
  /** Newest first (by the date it happened, then by entry). */
  timeline: OutcomeEntry[];
  /** One per series (kind + metric): the latest measurement and the whole history, newest first. */
  series: ImpactSeries[];
  publishedAt: Date | null;
  /** The three follow-up checkpoints (null until results are published) and the one that matters now. */
  checkpoints: Checkpoint[] | null;
  currentCheckpoint: Checkpoint | null;
  /** The allowed window for dates typed now. */
  dates: DateWindow;
  viewer: { isMember: boolean; isOrganiser: boolean; canRecord: boolean; refusal: string | null };
};

export const seriesKey = (kind: ImpactKind, metric: string) => `${kind}:${metric}`;

const measurementSelect = {
  id: impactMeasurements.id,
  kind: impactMeasurements.kind,
  metric: impactMeasurements.metric,
  unit: impactMeasurements.unit,
  baseline: impactMeasurements.baseline,
  value: impactMeasurements.value,
  measuredOn: impactMeasurements.measuredOn,
  evidenceUrl: impactMeasurements.evidenceUrl,
  note: impactMeasurements.note,
  authorId: impactMeasurements.authorId,
  authorName: users.name,
  createdAt: impactMeasurements.createdAt,
};

/**
 * Everything the demo and outcome pages show: status, timeline, impact series (latest from the
 * `impact_latest` view, history from the table), checkpoints and what the viewer may do.
 * Five queries run together, whatever the number of entries.
 */
/** What a page that already read the demo (e.g. the demo page) can hand over, saving getDemoOutcome a query. */
export type KnownDemo = { header: DemoHeader; memberIds: number[]; publishedAt: Date | null };

export async function getDemoOutcome(
  db: Queryable,
  demoId: number,
  viewer: { id: number; isOrganiser: boolean },
  now = new Date(),
  known?: KnownDemo,
): Promise<DemoOutcome | null> {
  const [context, timeline, history] = await Promise.all([
    known ?? demoContext(db, demoId),
    db
      .select({
        id: outcomeUpdates.id,
        status: outcomeUpdates.status,
        happenedOn: outcomeUpdates.happenedOn,
        note: outcomeUpdates.note,
        owningTeam: outcomeUpdates.owningTeam,
        lessons: outcomeUpdates.lessons,
        authorId: outcomeUpdates.authorId,
        authorName: users.name,
        createdAt: outcomeUpdates.createdAt,
        updatedAt: outcomeUpdates.updatedAt,
      })
      .from(outcomeUpdates)
      .innerJoin(users, eq(users.id, outcomeUpdates.authorId))
      .where(eq(outcomeUpdates.demoId, demoId))
      .orderBy(desc(outcomeUpdates.happenedOn), desc(outcomeUpdates.id)),
    // Newest first within each series, exactly as the impact_latest view picks the latest one.
    db
      .select(measurementSelect)
      .from(impactMeasurements)
      .innerJoin(users, eq(users.id, impactMeasurements.authorId))
      .where(eq(impactMeasurements.demoId, demoId))
      .orderBy(
        asc(impactMeasurements.kind),
        asc(impactMeasurements.metric),
        desc(impactMeasurements.measuredOn),
        desc(impactMeasurements.id),
      ),
  ]);
  if (!context) return null;
  const { header, memberIds } = context;
  const publishedAtValue = context.publishedAt;
  const kindOrder = (k: ImpactKind) => IMPACT_KINDS.indexOf(k);
  // The first measurement of each series in that order is its latest.
  const bySeries = new Map<string, ImpactSeries>();
  for (const m of history) {
    const key = seriesKey(m.kind, m.metric);
    const found = bySeries.get(key);
    if (found) found.history.push(m);
    else
      bySeries.set(key, { key, kind: m.kind, metric: m.metric, label: seriesLabel(m.kind, m.metric), latest: m, history: [m] });
  }
  const series: ImpactSeries[] = [...bySeries.values()].sort(
    (a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.metric.localeCompare(b.metric),
  );
  const activity = [...timeline.map((t) => t.createdAt), ...history.map((m) => m.createdAt)];
  const list = publishedAtValue ? checkpoints(publishedAtValue, now, activity) : null;
  const isMember = memberIds.includes(viewer.id);
  const refusal = recordRefusal(publishedAtValue, { isMember, isOrganiser: viewer.isOrganiser });
  return {
    demo: { id: header.id, title: header.title, teamId: header.teamId, teamName: header.teamName },
    week: { id: header.weekId, name: header.weekName, slug: header.weekSlug, timeZone: header.timeZone },
    status: header.outcomeStatus,
    timeline,
    series,
    publishedAt: publishedAtValue,
    checkpoints: list,
    currentCheckpoint: list ? currentCheckpoint(list, now) : null,
    dates: dateWindow(header, now),
    viewer: { isMember, isOrganiser: viewer.isOrganiser, canRecord: refusal === null, refusal: refusal?.message ?? null },
  };
}

// ---------------------------------------------------------------------------------------------
// Checkpoints across demos (organisers' overview and the reminder jobs)

const DAY_SECONDS = 86_400;

/**
 * Per demo with published results: the checkpoint that matters now (the latest one fallen due at
 * `now`), with the demo's latest activity and whether a reminder went out. Mirrors `checkpointState`.
 */
function currentCheckpointsSql(now: Date, weekIds: number[] | undefined): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  const weekFilter = weekIds?.length
    ? sql`and d.week_id in (${sql.join(
        weekIds.map((id) => sql`${id}::int`),
        sql`, `,
      )})`
    : sql``;
  const days = sql.raw(`array[${CHECKPOINT_DAYS.join(", ")}]`);
  return sql`
    select d.id as demo_id, d.title, d.team_id, d.week_id, d.outcome_status, c.days,
      vs.published_at + (c.days * ${DAY_SECONDS}) * interval '1 second' as due_at,
      greatest(
        (select max(o.created_at) from outcome_updates o where o.demo_id = d.id),
        (select max(m.created_at) from impact_measurements m where m.demo_id = d.id)) as last_activity
    from demos d
    join voting_settings vs on vs.week_id = d.week_id and vs.published_at is not null
    cross join lateral (
      select n as days from unnest(${days}) n
      where vs.published_at + (n * ${DAY_SECONDS}) * interval '1 second' <= ${at}
      order by n desc limit 1) c
    where true ${weekFilter}`;
}

/** Not done: nothing recorded since (due − 15 days). */
const notDone = sql`(cur.last_activity is null or cur.last_activity < cur.due_at - (${DONE_WINDOW_DAYS * DAY_SECONDS} * interval '1 second'))`;

const epochMs = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);

export type OverdueRow = {
  demoId: number;
  title: string;
  teamId: number;
  teamName: string;
  weekId: number;
  weekName: string;
  weekSlug: string;
  status: OutcomeStatus | null;
  days: number;
  dueAt: Date;
  state: Extract<CheckpointState, "due" | "overdue">;
  lastActivityAt: Date | null;
  remindedAt: Date | null;
};

/**
 * The organisers' list: every demo whose current checkpoint has fallen due and is not done, overdue
 * first, then by due date; one page (24) and the total. Two queries whatever the number of demos.
 */
export async function listOverdueCheckpoints(
  db: Queryable,
  options: { weekId?: number; page: number; now?: Date; pageSize?: number },
): Promise<{ rows: OverdueRow[]; total: number }> {
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const base = currentCheckpointsSql(now, options.weekId ? [options.weekId] : undefined);
  const at = sql`${now.toISOString()}::timestamptz`;
  const overdue = sql`${at} >= cur.due_at + (${OVERDUE_AFTER_DAYS * DAY_SECONDS} * interval '1 second')`;
  const [rows, [count]] = await Promise.all([
    db.execute<{
      demo_id: number;
      title: string;
      team_id: number;
      team_name: string;
      week_id: number;
      week_name: string;
      week_slug: string;
      outcome_status: OutcomeStatus | null;
      days: number;
      due_ms: number;
      overdue: boolean;
      last_ms: number | null;
      reminded_ms: number | null;
    }>(sql`
      with cur as (${base})
      select cur.demo_id, cur.title, cur.team_id, t.name as team_name, cur.week_id, w.name as week_name, w.slug as week_slug,
        cur.outcome_status, cur.days, ${epochMs("cur.due_at")} as due_ms, ${overdue} as overdue,
        ${epochMs("cur.last_activity")} as last_ms, ${epochMs("r.sent_at")} as reminded_ms
      from cur
      join teams t on t.id = cur.team_id
      join weeks w on w.id = cur.week_id
      left join checkpoint_reminders r on r.demo_id = cur.demo_id and r.days = cur.days
      where ${notDone}
      order by ${overdue} desc, cur.due_at asc, cur.demo_id asc
      limit ${pageSize} offset ${(options.page - 1) * pageSize}`),
    db.execute<{ n: number }>(sql`with cur as (${base}) select count(*)::int as n from cur where ${notDone}`),
  ]);
  return {
    total: count?.n ?? 0,
    rows: rows.map((r) => ({
      demoId: r.demo_id,
      title: r.title,
      teamId: r.team_id,
      teamName: r.team_name,
      weekId: r.week_id,
      weekName: r.week_name,
      weekSlug: r.week_slug,
      status: r.outcome_status,
      days: r.days,
      dueAt: new Date(r.due_ms),
      state: r.overdue ? "overdue" : "due",
      lastActivityAt: r.last_ms === null ? null : new Date(r.last_ms),
      remindedAt: r.reminded_ms === null ? null : new Date(r.reminded_ms),
    })),
  };
}

/**
 * Checkpoints that need a reminder now: fallen due, not done, no reminder sent yet. One query; the
 * reminder job checks again inside its own transaction.
 */
export async function checkpointsToRemind(
  db: Queryable,
  options: { now?: Date; weekIds?: number[] } = {},
): Promise<Array<{ demoId: number; days: number }>> {
  const base = currentCheckpointsSql(options.now ?? new Date(), options.weekIds);
  const rows = await db.execute<{ demo_id: number; days: number }>(sql`
    with cur as (${base})
    select cur.demo_id, cur.days from cur
    where ${notDone}
      and not exists (select 1 from checkpoint_reminders r where r.demo_id = cur.demo_id and r.days = cur.days)
    order by cur.demo_id, cur.days`);
  return rows.map((r) => ({ demoId: r.demo_id, days: r.days }));
}

export type ReminderResult = { sent: true; recipients: number } | { sent: false; reason: string };

/**
 * Sends one checkpoint's reminder to every current member of the team, exactly once: the reminder
 * row (primary key demo + days) and the notifications are written in one transaction, and only when
 * the row was new. Safe to run again, from any number of workers at once.
 */
export async function sendCheckpointReminder(
  db: Database,
  demoId: number,
  days: number,
  now = new Date(),
): Promise<ReminderResult> {
  if (!(CHECKPOINT_DAYS as readonly number[]).includes(days)) return { sent: false, reason: "not a checkpoint" };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        title: demos.title,
        teamId: demos.teamId,
        weekName: weeks.name,
        publishedAt: votingSettings.publishedAt,
        lastOutcome: sql<number | null>`(select (extract(epoch from max(o.created_at)) * 1000)::float8
          from outcome_updates o where o.demo_id = ${demos.id})`,
        lastMeasurement: sql<number | null>`(select (extract(epoch from max(m.created_at)) * 1000)::float8
          from impact_measurements m where m.demo_id = ${demos.id})`,
      })
      .from(demos)
      .innerJoin(weeks, eq(weeks.id, demos.weekId))
      .leftJoin(votingSettings, eq(votingSettings.weekId, demos.weekId))
      .where(eq(demos.id, demoId));
    if (!row) return { sent: false, reason: "no such demo" };
    if (!row.publishedAt) return { sent: false, reason: "results not published" };
    const activity = [row.lastOutcome, row.lastMeasurement].filter((v): v is number => v !== null).map((v) => new Date(v));
    const state = checkpointState(row.publishedAt, days, now, activity);
    if (state === "upcoming") return { sent: false, reason: "not due yet" };
    if (state === "done") return { sent: false, reason: "already done" };
    const memberIds = await memberIdsOf(tx, row.teamId);
    const inserted = await tx
      .insert(checkpointReminders)
      .values({ demoId, days, dueAt: checkpointDueAt(row.publishedAt, days), sentAt: now, recipients: memberIds.length })
      .onConflictDoNothing()
      .returning({ demoId: checkpointReminders.demoId });
    if (inserted.length === 0) return { sent: false, reason: "already sent" };
    await notify(
      tx,
      memberIds.map((userId) => ({
        userId,
        kind: NOTIFICATION_KIND_CHECKPOINT,
        link: outcomeLink(demoId),
        message: `${days} days since the results of ${row.weekName}: what became of “${row.title}”? Record its outcome and impact figures.`,
        data: { demoId, days },
      })),
    );
    return { sent: true, recipients: memberIds.length };
  });
}

/** Weeks whose results are published (the ones with checkpoints), newest first, for the organisers' filter. */
export async function weeksWithCheckpoints(db: Queryable): Promise<Array<{ id: number; name: string }>> {
  return db
    .select({ id: weeks.id, name: weeks.name })
    .from(weeks)
    .innerJoin(votingSettings, eq(votingSettings.weekId, weeks.id))
    .where(sql`${votingSettings.publishedAt} is not null`)
    .orderBy(desc(votingSettings.publishedAt), desc(weeks.id));
}
