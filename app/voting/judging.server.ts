import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import { fail, ok } from "~/lib/outcome";
import { publishLive } from "~/live/publish.server";
import { notify } from "~/notifications/notify.server";
import { isVotingOpen } from "~/weeks/phase";
import type { Week } from "~/weeks/weeks.server";
import type { Database, Queryable, Transaction } from "~db/client";
import {
  ballotScores,
  ballots,
  criteria,
  demos,
  judgeAssignments,
  judgeConflicts,
  judges,
  peoplesChoiceVotes,
  teamMembers,
  teams,
  users,
  votingSettings,
  weeks,
} from "~db/schema";
import { type AssignmentProblem, assignJudges } from "./assignment";
import {
  CONFLICT_REASON_MAX,
  CRITERION_DESCRIPTION_MAX,
  CRITERION_NAME_MAX,
  type CriterionInput,
  FEEDBACK_MAX,
  JUDGES_PER_DEMO_MAX,
  ORGANISER_NOTE_MAX,
  SCALE_LIMIT,
  SCALE_RANGE_MAX,
  WEIGHT_MAX,
  WEIGHT_MIN,
} from "./schemas.server";

/** Whoever acts: an organiser, a judge or a voter (the route has already checked the role). */
export type Who = { id: number; requestId?: string };
export type Criterion = typeof criteria.$inferSelect;

export const VOTING_CONFIG_LOCKED =
  "Judges have started scoring, so judges and criteria are locked: changing them now would make the ballots already cast incomparable.";

export const DEFAULT_CRITERIA: ReadonlyArray<CriterionInput> = [
  {
    name: "Impact",
    description: "How much could this matter to customers, colleagues or the business?",
    weight: 1,
    scaleMin: 1,
    scaleMax: 5,
  },
  {
    name: "Ingenuity",
    description: "How original is the idea, or the way the team went about it?",
    weight: 1,
    scaleMin: 1,
    scaleMax: 5,
  },
  {
    name: "Execution",
    description: "How far did the team get in a week, and how well does it work?",
    weight: 1,
    scaleMin: 1,
    scaleMax: 5,
  },
  {
    name: "Cross-department collaboration",
    description: "How well did people from different departments combine what they know?",
    weight: 1,
    scaleMin: 1,
    scaleMax: 5,
  },
  {
    name: "Growth (stretch)",
    description: "How far did the team members stretch beyond their usual skills?",
    weight: 1,
    scaleMin: 1,
    scaleMax: 5,
  },
];

// ---------------------------------------------------------------------------------------------
// Locks

/**
 * Judges and criteria of a week may change only while no ballot exists. Ballot saves hold this lock
 * shared and configuration changes hold it exclusively, so "no ballot yet" stays true until the
 * change commits. (Single 64-bit keys never clash with the two-int keys used elsewhere.)
 */
async function lockVotingConfig(tx: Transaction, weekId: number, mode: "shared" | "exclusive") {
  const key = sql`hashtextextended(${`voting-config:${weekId}`}, 0)`;
  if (mode === "shared") await tx.execute(sql`select pg_advisory_xact_lock_shared(${key})`);
  else await tx.execute(sql`select pg_advisory_xact_lock(${key})`);
}

/** Serialises one person's people's-choice votes in one week, so the limit holds under any concurrency. */
async function lockVoter(tx: Transaction, weekId: number, userId: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`peoples-choice:${weekId}:${userId}`}, 0))`);
}

async function weekById(tx: Queryable, weekId: number): Promise<Week | null> {
  const [week] = await tx.select().from(weeks).where(eq(weeks.id, weekId));
  return week ?? null;
}

async function ballotsExist(tx: Queryable, weekId: number): Promise<boolean> {
  const [row] = await tx.select({ id: ballots.id }).from(ballots).where(eq(ballots.weekId, weekId)).limit(1);
  return Boolean(row);
}

/** Opens a transaction that may change the week's judges or criteria, refusing once ballots exist. */
async function withConfig<T>(
  db: Database,
  weekId: number,
  work: (tx: Transaction, week: Week) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  return db.transaction(async (tx) => {
    await lockVotingConfig(tx, weekId, "exclusive");
    const week = await weekById(tx, weekId);
    if (!week) return fail(404, "There is no week with this number.");
    if (await ballotsExist(tx, weekId)) return fail(409, VOTING_CONFIG_LOCKED);
    return work(tx, week);
  });
}

// ---------------------------------------------------------------------------------------------
// Judges

export async function listJudges(db: Queryable, weekId: number) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, deactivatedAt: users.deactivatedAt })
    .from(judges)
    .innerJoin(users, eq(users.id, judges.userId))
    .where(eq(judges.weekId, weekId))
    .orderBy(asc(users.name), asc(users.id));
}

export async function isJudge(db: Queryable, userId: number, weekId: number): Promise<boolean> {
  const [row] = await db
    .select({ userId: judges.userId })
    .from(judges)
    .where(and(eq(judges.weekId, weekId), eq(judges.userId, userId)));
  return Boolean(row);
}

/** Makes a leader (any active person) a judge of the week, found by id or email. */
export async function addJudge(
  db: Database,
  organiser: Who,
  weekId: number,
  who: { userId: number } | { email: string },
): Promise<Outcome<{ userId: number; name: string }>> {
  return withConfig(db, weekId, async (tx, week) => {
    const [person] = await tx
      .select({ id: users.id, name: users.name, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where("userId" in who ? eq(users.id, who.userId) : sql`lower(${users.email}) = ${who.email.trim().toLowerCase()}`);
    if (!person) return fail(404, "Nobody with that email address has an account.", "email");
    if (person.deactivatedAt) return fail(400, `${person.name}'s account is deactivated.`, "email");
    const added = await tx
      .insert(judges)
      .values({ weekId, userId: person.id })
      .onConflictDoNothing()
      .returning({ userId: judges.userId });
    if (added.length === 0) return fail(409, `${person.name} is already a judge this week.`, "email");
    await audit(tx, {
      actorId: organiser.id,
      action: "judge.added",
      targetType: "week",
      targetId: weekId,
      after: { judgeId: person.id },
      requestId: organiser.requestId,
    });
    await notify(tx, [
      {
        userId: person.id,
        actorId: organiser.id,
        kind: "judge_added",
        link: `/weeks/${week.slug}/ballot`,
        message: `You are a judge for ${week.name}. Your ballot opens when voting starts.`,
      },
    ]);
    return ok({ userId: person.id, name: person.name });
  });
}

/** Removes a judge with their assignments and declared conflicts (only while no ballot exists). */
export async function removeJudge(
  db: Database,
  organiser: Who,
  weekId: number,
  userId: number,
): Promise<Outcome<{ userId: number }>> {
  return withConfig(db, weekId, async (tx) => {
    const removed = await tx
      .delete(judges)
      .where(and(eq(judges.weekId, weekId), eq(judges.userId, userId)))
      .returning({ userId: judges.userId });
    if (removed.length === 0) return fail(404, "That person is not a judge this week.");
    const dropped = await tx
      .delete(judgeAssignments)
      .where(and(eq(judgeAssignments.weekId, weekId), eq(judgeAssignments.judgeId, userId)))
      .returning({ demoId: judgeAssignments.demoId });
    await tx.delete(judgeConflicts).where(and(eq(judgeConflicts.weekId, weekId), eq(judgeConflicts.judgeId, userId)));
    await audit(tx, {
      actorId: organiser.id,
      action: "judge.removed",
      targetType: "week",
      targetId: weekId,
      before: { judgeId: userId, assignedDemoIds: dropped.map((d) => d.demoId) },
      requestId: organiser.requestId,
    });
    return ok({ userId });
  });
}

// ---------------------------------------------------------------------------------------------
// Criteria

export async function listCriteria(db: Queryable, weekId: number): Promise<Criterion[]> {
  return db.select().from(criteria).where(eq(criteria.weekId, weekId)).orderBy(asc(criteria.position), asc(criteria.id));
}

/** The same limits as the form schema, held again for callers that skip it. */
export function criterionProblem(input: CriterionInput): { message: string; field: string } | null {
  const name = input.name.trim();
  if (!name) return { message: "Give the criterion a name.", field: "name" };
  if (name.length > CRITERION_NAME_MAX) return { message: `Use at most ${CRITERION_NAME_MAX} characters.`, field: "name" };
  if (input.description.length > CRITERION_DESCRIPTION_MAX)
    return { message: `Use at most ${CRITERION_DESCRIPTION_MAX} characters.`, field: "description" };
  if (!Number.isFinite(input.weight) || input.weight < WEIGHT_MIN || input.weight > WEIGHT_MAX)
    return { message: `The weight must be from ${WEIGHT_MIN} to ${WEIGHT_MAX}.`, field: "weight" };
  if (!Number.isInteger(input.scaleMin) || Math.abs(input.scaleMin) > SCALE_LIMIT)
    return { message: "Enter the lowest score as a whole number.", field: "scaleMin" };
  if (!Number.isInteger(input.scaleMax) || Math.abs(input.scaleMax) > SCALE_LIMIT)
    return { message: "Enter the highest score as a whole number.", field: "scaleMax" };
  if (input.scaleMin >= input.scaleMax) return { message: "The highest score must be above the lowest.", field: "scaleMax" };
  if (input.scaleMax - input.scaleMin > SCALE_RANGE_MAX)
    return { message: `A scale can span at most ${SCALE_RANGE_MAX} points.`, field: "scaleMax" };
  return null;
}

const NAME_TAKEN = "This week already has a criterion with that name.";

async function nameTaken(tx: Queryable, weekId: number, name: string, exceptId?: number) {
  const [row] = await tx
    .select({ id: criteria.id })
    .from(criteria)
    .where(
      and(
        eq(criteria.weekId, weekId),
        sql`lower(${criteria.name}) = lower(${name})`,
        exceptId ? sql`${criteria.id} <> ${exceptId}` : undefined,
      ),
    );
  return Boolean(row);
}

async function nextPosition(tx: Queryable, weekId: number) {
  const [row] = await tx
    .select({ next: sql<number>`coalesce(max(${criteria.position}) + 1, 0)::int` })
    .from(criteria)
    .where(eq(criteria.weekId, weekId));
  return row?.next ?? 0;
}

export async function createCriterion(
  db: Database,
  organiser: Who,
  weekId: number,
  input: CriterionInput,
): Promise<Outcome<{ id: number }>> {
  const problem = criterionProblem(input);
  if (problem) return fail(400, problem.message, problem.field);
  return withConfig(db, weekId, async (tx) => {
    const name = input.name.trim();
    if (await nameTaken(tx, weekId, name)) return fail(409, NAME_TAKEN, "name");
    const [created] = await tx
      .insert(criteria)
      .values({ ...input, name, weekId, position: await nextPosition(tx, weekId) })
      .onConflictDoNothing()
      .returning({ id: criteria.id });
    if (!created) return fail(409, NAME_TAKEN, "name");
    await audit(tx, {
      actorId: organiser.id,
      action: "criterion.created",
      targetType: "criterion",
      targetId: created.id,
      after: { weekId, ...input, name },
      requestId: organiser.requestId,
    });
    return ok({ id: created.id });
  });
}

async function criterionWeek(db: Queryable, criterionId: number) {
  const [row] = await db.select({ weekId: criteria.weekId }).from(criteria).where(eq(criteria.id, criterionId));
  return row?.weekId ?? null;
}

export async function updateCriterion(
  db: Database,
  organiser: Who,
  criterionId: number,
  input: CriterionInput,
): Promise<Outcome<{ id: number }>> {
  const problem = criterionProblem(input);
  if (problem) return fail(400, problem.message, problem.field);
  const weekId = await criterionWeek(db, criterionId);
  if (!weekId) return fail(404, "That criterion does not exist.");
  return withConfig(db, weekId, async (tx) => {
    const [before] = await tx.select().from(criteria).where(eq(criteria.id, criterionId)).for("update");
    if (!before) return fail(404, "That criterion does not exist.");
    const name = input.name.trim();
    if (await nameTaken(tx, weekId, name, criterionId)) return fail(409, NAME_TAKEN, "name");
    await tx
      .update(criteria)
      .set({ ...input, name })
      .where(eq(criteria.id, criterionId));
    await audit(tx, {
      actorId: organiser.id,
      action: "criterion.updated",
      targetType: "criterion",
      targetId: criterionId,
      before: {
        name: before.name,
        description: before.description,
        weight: before.weight,
        scaleMin: before.scaleMin,
        scaleMax: before.scaleMax,
      },
      after: { ...input, name },
      requestId: organiser.requestId,
    });
    return ok({ id: criterionId });
  });
}

export async function deleteCriterion(db: Database, organiser: Who, criterionId: number): Promise<Outcome<{ id: number }>> {
  const weekId = await criterionWeek(db, criterionId);
  if (!weekId) return fail(404, "That criterion does not exist.");
  return withConfig(db, weekId, async (tx) => {
    const [removed] = await tx.delete(criteria).where(eq(criteria.id, criterionId)).returning();
    if (!removed) return fail(404, "That criterion does not exist.");
    await audit(tx, {
      actorId: organiser.id,
      action: "criterion.deleted",
      targetType: "criterion",
      targetId: criterionId,
      before: { weekId, name: removed.name, weight: removed.weight, scaleMin: removed.scaleMin, scaleMax: removed.scaleMax },
      requestId: organiser.requestId,
    });
    return ok({ id: criterionId });
  });
}

/** Moves a criterion one place up or down; positions are renumbered 0..n-1 on the way. */
export async function moveCriterion(
  db: Database,
  organiser: Who,
  criterionId: number,
  direction: "up" | "down",
): Promise<Outcome<{ id: number }>> {
  const weekId = await criterionWeek(db, criterionId);
  if (!weekId) return fail(404, "That criterion does not exist.");
  return withConfig(db, weekId, async (tx) => {
    const ordered = (await listCriteria(tx, weekId)).map((c) => c.id);
    const index = ordered.indexOf(criterionId);
    if (index < 0) return fail(404, "That criterion does not exist.");
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= ordered.length) return ok({ id: criterionId });
    [ordered[index], ordered[target]] = [ordered[target] as number, criterionId];
    for (const [position, id] of ordered.entries()) {
      await tx.update(criteria).set({ position }).where(eq(criteria.id, id));
    }
    await audit(tx, {
      actorId: organiser.id,
      action: "criterion.moved",
      targetType: "criterion",
      targetId: criterionId,
      after: { weekId, order: ordered },
      requestId: organiser.requestId,
    });
    return ok({ id: criterionId });
  });
}

/** Adds the five default criteria; ones whose name the week already uses are skipped. */
export async function addDefaultCriteria(
  db: Database,
  organiser: Who,
  weekId: number,
): Promise<Outcome<{ created: number; skipped: number }>> {
  return withConfig(db, weekId, async (tx) => {
    let position = await nextPosition(tx, weekId);
    let created = 0;
    for (const c of DEFAULT_CRITERIA) {
      const rows = await tx
        .insert(criteria)
        .values({ ...c, weekId, position })
        .onConflictDoNothing()
        .returning({ id: criteria.id });
      if (rows.length) {
        created++;
        position++;
      }
    }
    await audit(tx, {
      actorId: organiser.id,
      action: "criteria.defaults_added",
      targetType: "week",
      targetId: weekId,
      after: { created },
      requestId: organiser.requestId,
    });
    return ok({ created, skipped: DEFAULT_CRITERIA.length - created });
  });
}

// ---------------------------------------------------------------------------------------------
// Settings

export type VotingSettings = { judgesPerDemo: number; normalise: boolean; showFullRanking: boolean; publishedAt: Date | null };

export async function getVotingSettings(db: Queryable, weekId: number): Promise<VotingSettings> {
  const [row] = await db.select().from(votingSettings).where(eq(votingSettings.weekId, weekId));
  return {
    judgesPerDemo: row?.judgesPerDemo ?? 3,
    normalise: row?.normalise ?? true,
    showFullRanking: row?.showFullRanking ?? true,
    publishedAt: row?.publishedAt ?? null,
  };
}

export async function saveVotingSettings(
  db: Database,
  organiser: Who,
  weekId: number,
  input: { judgesPerDemo: number; normalise: boolean },
  now = new Date(),
): Promise<Outcome<{ weekId: number }>> {
  if (!Number.isInteger(input.judgesPerDemo) || input.judgesPerDemo < 1 || input.judgesPerDemo > JUDGES_PER_DEMO_MAX)
    return fail(400, `Enter a whole number from 1 to ${JUDGES_PER_DEMO_MAX}.`, "judgesPerDemo");
  return db.transaction(async (tx) => {
    await lockVotingConfig(tx, weekId, "exclusive");
    const week = await weekById(tx, weekId);
    if (!week) return fail(404, "There is no week with this number.");
    const before = await getVotingSettings(tx, weekId);
    if (before.judgesPerDemo !== input.judgesPerDemo && now >= week.votingOpensAt)
      return fail(409, "Voting has opened, so the assignment (and judges per demo) can no longer change.", "judgesPerDemo");
    if (before.normalise !== input.normalise && before.publishedAt)
      return fail(409, "Results are published; unpublish them before changing how scores are normalised.", "normalise");
    await tx
      .insert(votingSettings)
      .values({ weekId, judgesPerDemo: input.judgesPerDemo, normalise: input.normalise })
      .onConflictDoUpdate({
        target: votingSettings.weekId,
        set: { judgesPerDemo: input.judgesPerDemo, normalise: input.normalise },
      });
    await audit(tx, {
      actorId: organiser.id,
      action: "voting.settings_saved",
      targetType: "week",
      targetId: weekId,
      before: { judgesPerDemo: before.judgesPerDemo, normalise: before.normalise },
      after: input,
      requestId: organiser.requestId,
    });
    return ok({ weekId });
  });
}

// ---------------------------------------------------------------------------------------------
// Conflicts of interest

export type ConflictKind = "member" | "mentor" | "declared";
export type Conflict = { judgeId: number; demoId: number; kind: ConflictKind; reason: string };

/**
 * Every conflict of the week's judges, in one query: membership of the demo's team, accepted
 * mentoring of it, and conflicts judges declared. A pair may appear more than once (several reasons).
 * `only` narrows it to one judge and/or one demo.
 */
export async function conflictsFor(
  db: Queryable,
  weekId: number,
  only: { judgeId?: number; demoId?: number } = {},
): Promise<Conflict[]> {
  const judge = only.judgeId ?? null;
  const demo = only.demoId ?? null;
  const rows = await db.execute<{ judge_id: number; demo_id: number; kind: ConflictKind; reason: string }>(sql`
    select j.user_id as judge_id, d.id as demo_id, 'member' as kind, '' as reason
      from judges j
      join team_members tm on tm.user_id = j.user_id and tm.week_id = j.week_id
      join demos d on d.team_id = tm.team_id and d.week_id = j.week_id
     where j.week_id = ${weekId}
       and (${judge}::int is null or j.user_id = ${judge}::int) and (${demo}::int is null or d.id = ${demo}::int)
    union all
    select j.user_id, d.id, 'mentor', ''
      from judges j
      join team_mentors m on m.user_id = j.user_id and m.status = 'accepted'
      join demos d on d.team_id = m.team_id and d.week_id = j.week_id
     where j.week_id = ${weekId}
       and (${judge}::int is null or j.user_id = ${judge}::int) and (${demo}::int is null or d.id = ${demo}::int)
    union all
    select c.judge_id, c.demo_id, 'declared', c.reason
      from judge_conflicts c
     where c.week_id = ${weekId}
       and (${judge}::int is null or c.judge_id = ${judge}::int) and (${demo}::int is null or c.demo_id = ${demo}::int)
    order by 1, 2, 3`);
  return [...rows].map((r) => ({ judgeId: Number(r.judge_id), demoId: Number(r.demo_id), kind: r.kind, reason: r.reason }));
}

const CONFLICT_MESSAGE: Record<ConflictKind, string> = {
  member: "You are a member of this demo's team, so you cannot judge it.",
  mentor: "You mentor this demo's team, so you cannot judge it.",
  declared: "You declared a conflict of interest with this demo, so you cannot judge it.",
};

/**
 * A judge declares a conflict with a demo of their week: the pair's assignment and any ballot go
 * (organisers may re-run the assignment before voting opens). Allowed until voting closes.
 */
export async function declareConflict(
  db: Database,
  judge: Who,
  demoId: number,
  reason: string,
  now = new Date(),
): Promise<Outcome<{ demoId: number; removedBallot: boolean }>> {
  const text = reason.trim();
  if (text.length < 3) return fail(400, "Say briefly why you have a conflict.", "reason");
  if (text.length > CONFLICT_REASON_MAX) return fail(400, `Use at most ${CONFLICT_REASON_MAX} characters.`, "reason");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ demo: { id: demos.id, title: demos.title }, week: weeks })
      .from(demos)
      .innerJoin(weeks, eq(weeks.id, demos.weekId))
      .where(eq(demos.id, demoId));
    if (!row) return fail(404, "That demo does not exist.");
    const { week } = row;
    if (!(await isJudge(tx, judge.id, week.id))) return fail(403, "Only the week's judges can declare conflicts.");
    if (now >= week.votingClosesAt) return fail(409, "Voting has closed; conflicts can no longer be declared.");
    await tx
      .insert(judgeConflicts)
      .values({ weekId: week.id, judgeId: judge.id, demoId, reason: text })
      .onConflictDoUpdate({ target: [judgeConflicts.judgeId, judgeConflicts.demoId], set: { reason: text, declaredAt: now } });
    await tx.delete(judgeAssignments).where(and(eq(judgeAssignments.judgeId, judge.id), eq(judgeAssignments.demoId, demoId)));
    const [ballot] = await tx
      .select({ id: ballots.id })
      .from(ballots)
      .where(and(eq(ballots.judgeId, judge.id), eq(ballots.demoId, demoId)))
      .for("update");
    let before: Record<string, number> | undefined;
    if (ballot) {
      const scores = await tx
        .select({ name: criteria.name, value: ballotScores.value })
        .from(ballotScores)
        .innerJoin(criteria, eq(criteria.id, ballotScores.criterionId))
        .where(eq(ballotScores.ballotId, ballot.id));
      before = Object.fromEntries(scores.map((s) => [s.name, s.value]));
      await tx.delete(ballots).where(eq(ballots.id, ballot.id));
      await publishLive(tx, { type: "ballot", weekId: week.id });
    }
    await audit(tx, {
      actorId: judge.id,
      action: "judge.conflict_declared",
      targetType: "demo",
      targetId: demoId,
      before: before ? { ballotScores: before } : undefined,
      after: { reason: text, removedBallot: Boolean(ballot) },
      requestId: judge.requestId,
    });
    return ok({ demoId, removedBallot: Boolean(ballot) });
  });
}

// ---------------------------------------------------------------------------------------------
// Assignment

/** The week's demos in running order: position (unset last), then submission time, then id. */
async function demosInOrder(db: Queryable, weekId: number) {
  return db
    .select({ id: demos.id, title: demos.title, teamId: demos.teamId, teamName: teams.name, position: demos.position })
    .from(demos)
    .innerJoin(teams, eq(teams.id, demos.teamId))
    .where(eq(demos.weekId, weekId))
    .orderBy(sql`${demos.position} asc nulls last`, asc(demos.submittedAt), asc(demos.id));
}

export type AssignmentRun = {
  ok: boolean;
  problems: AssignmentProblem[];
  assigned: number;
  loads: Record<number, number>;
};

/**
 * Replaces the week's judge assignments with a fresh balanced one (deterministic, so re-running on
 * unchanged input changes nothing). Refused once voting has opened.
 */
export async function runAssignment(
  db: Database,
  organiser: Who,
  weekId: number,
  now = new Date(),
): Promise<Outcome<AssignmentRun>> {
  return db.transaction(async (tx) => {
    await lockVotingConfig(tx, weekId, "exclusive");
    const week = await weekById(tx, weekId);
    if (!week) return fail(404, "There is no week with this number.");
    if (now >= week.votingOpensAt)
      return fail(409, "Voting has opened, so the assignment is fixed: re-running it now would move ballots between judges.");
    const [demoRows, judgeRows, conflicts, settings] = [
      await demosInOrder(tx, weekId),
      await tx.select({ userId: judges.userId }).from(judges).where(eq(judges.weekId, weekId)),
      await conflictsFor(tx, weekId),
      await getVotingSettings(tx, weekId),
    ];
    const result = assignJudges({
      demos: demoRows.map((d, position) => ({ id: d.id, position })),
      judges: judgeRows.map((j) => j.userId),
      conflicts,
      perDemo: settings.judgesPerDemo,
    });
    await tx.delete(judgeAssignments).where(eq(judgeAssignments.weekId, weekId));
    if (result.assignments.length) {
      await tx.insert(judgeAssignments).values(result.assignments.map((a) => ({ weekId, judgeId: a.judgeId, demoId: a.demoId })));
    }
    const problems = result.ok ? [] : result.problems;
    await audit(tx, {
      actorId: organiser.id,
      action: "voting.assignment_run",
      targetType: "week",
      targetId: weekId,
      after: {
        judgesPerDemo: settings.judgesPerDemo,
        demos: demoRows.length,
        judges: judgeRows.length,
        assigned: result.assignments.length,
        problems: problems.map((p) => p.message),
      },
      requestId: organiser.requestId,
    });
    return ok({ ok: result.ok, problems, assigned: result.assignments.length, loads: result.loads });
  });
}

/** What the admin page shows: each judge's load, each demo's judge count, and the conflicts. */
export async function assignmentOverview(db: Queryable, weekId: number) {
  const [judgeRows, demoRows, assignments, conflicts, ballotRows] = await Promise.all([
    listJudges(db, weekId),
    demosInOrder(db, weekId),
    db
      .select({ judgeId: judgeAssignments.judgeId, demoId: judgeAssignments.demoId })
      .from(judgeAssignments)
      .where(eq(judgeAssignments.weekId, weekId)),
    conflictsFor(db, weekId),
    db.select({ n: count() }).from(ballots).where(eq(ballots.weekId, weekId)),
  ]);
  const load = new Map<number, number>();
  const perDemo = new Map<number, number>();
  for (const a of assignments) {
    load.set(a.judgeId, (load.get(a.judgeId) ?? 0) + 1);
    perDemo.set(a.demoId, (perDemo.get(a.demoId) ?? 0) + 1);
  }
  const conflictCount = new Map<number, number>();
  const seen = new Set<string>();
  for (const c of conflicts) {
    const key = `${c.judgeId}:${c.demoId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    conflictCount.set(c.demoId, (conflictCount.get(c.demoId) ?? 0) + 1);
  }
  return {
    judges: judgeRows.map((j) => ({ ...j, load: load.get(j.userId) ?? 0 })),
    demos: demoRows.map((d) => ({ ...d, judges: perDemo.get(d.id) ?? 0, conflicts: conflictCount.get(d.id) ?? 0 })),
    assignedTotal: assignments.length,
    ballotCount: ballotRows[0]?.n ?? 0,
    conflicts,
  };
}

// ---------------------------------------------------------------------------------------------
// Ballots

export type BallotView = {
  open: boolean;
  criteria: Array<Pick<Criterion, "id" | "name" | "description" | "weight" | "scaleMin" | "scaleMax">>;
  demos: Array<{
    id: number;
    title: string;
    teamId: number;
    teamName: string;
    position: number | null;
    scores: Record<number, number>;
    feedback: string;
    organiserNote: string;
    savedAt: Date | null;
    complete: boolean;
  }>;
  scored: number;
  total: number;
};

/**
 * A judge's own ballot page: the demos assigned to them (never a conflicted one) in running order,
 * with only their own scores and feedback. Null when they are not a judge of the week.
 */
export async function judgeBallots(db: Queryable, judge: Who, week: Week, now = new Date()): Promise<BallotView | null> {
  if (!(await isJudge(db, judge.id, week.id))) return null;
  const [criteriaRows, assigned, conflicts] = await Promise.all([
    listCriteria(db, week.id),
    db
      .select({ id: demos.id, title: demos.title, teamId: demos.teamId, teamName: teams.name, position: demos.position })
      .from(judgeAssignments)
      .innerJoin(demos, eq(demos.id, judgeAssignments.demoId))
      .innerJoin(teams, eq(teams.id, demos.teamId))
      .where(and(eq(judgeAssignments.weekId, week.id), eq(judgeAssignments.judgeId, judge.id)))
      .orderBy(sql`${demos.position} asc nulls last`, asc(demos.submittedAt), asc(demos.id)),
    conflictsFor(db, week.id, { judgeId: judge.id }),
  ]);
  const conflicted = new Set(conflicts.map((c) => c.demoId));
  const visible = assigned.filter((d) => !conflicted.has(d.id));
  const ids = visible.map((d) => d.id);
  // The judge's ballots with their scores, in one query.
  const mine = ids.length
    ? await db
        .select({
          demoId: ballots.demoId,
          ballotId: ballots.id,
          feedback: ballots.feedback,
          organiserNote: ballots.organiserNote,
          updatedAt: ballots.updatedAt,
          scores: sql<Array<{ criterionId: number; value: number }>>`coalesce((select json_agg(json_build_object(
            'criterionId', ${ballotScores.criterionId}, 'value', ${ballotScores.value}))
            from ${ballotScores} where ${ballotScores.ballotId} = ${ballots.id}), '[]')`,
        })
        .from(ballots)
        .where(and(eq(ballots.judgeId, judge.id), inArray(ballots.demoId, ids)))
    : [];
  const criterionIds = new Set(criteriaRows.map((c) => c.id));
  const list = visible.map((d) => {
    const ballot = mine.find((b) => b.demoId === d.id);
    const scores: Record<number, number> = {};
    for (const s of ballot?.scores ?? []) scores[s.criterionId] = s.value;
    const complete = criterionIds.size > 0 && [...criterionIds].every((id) => id in scores);
    return {
      ...d,
      scores,
      feedback: ballot?.feedback ?? "",
      organiserNote: ballot?.organiserNote ?? "",
      savedAt: ballot?.updatedAt ?? null,
      complete,
    };
  });
  return {
    open: isVotingOpen(week, now),
    criteria: criteriaRows.map(({ id, name, description, weight, scaleMin, scaleMax }) => ({
      id,
      name,
      description,
      weight,
      scaleMin,
      scaleMax,
    })),
    demos: list,
    scored: list.filter((d) => d.complete).length,
    total: list.length,
  };
}

export type BallotInput = { scores: Record<number, number | null>; feedback: string; organiserNote: string };

/**
 * Saves a judge's ballot for one demo (a draft: unscored criteria may stay empty; null clears one).
 * Only the week's judges, only assigned and unconflicted demos, only inside the voting window, only
 * whole numbers inside each criterion's scale. The (judge, demo) row is created if missing and then
 * locked, so saves from two tabs run one after the other and the last one wins whole.
 */
export async function saveBallot(
  db: Database,
  judge: Who,
  demoId: number,
  input: BallotInput,
  now = new Date(),
  options: { weekSlug?: string } = {},
): Promise<Outcome<{ ballotId: number; changed: number }>> {
  const feedback = input.feedback.trim();
  const organiserNote = input.organiserNote.trim();
  if (feedback.length > FEEDBACK_MAX) return fail(400, `Keep the feedback to ${FEEDBACK_MAX} characters.`, "feedback");
  if (organiserNote.length > ORGANISER_NOTE_MAX)
    return fail(400, `Keep the note to organisers to ${ORGANISER_NOTE_MAX} characters.`, "organiserNote");
  // Judges save often while scoring a whole demo day: seven round trips (begin, locks, state, write,
  // audit, live event, commit) whatever the number of criteria.
  return db.transaction(async (tx) => {
    // The demo's week, then the week's voting configuration (shared: organisers change it exclusively)
    // and this (judge, demo) pair, so saves from two tabs run one after the other and the last wins whole.
    const [row] = await tx.execute<{ week_id: number; week_slug: string; opens: Date; closes: Date }>(sql`
      select w.id as week_id, w.slug as week_slug, w.voting_opens_at as opens, w.voting_closes_at as closes,
        pg_advisory_xact_lock_shared(hashtextextended('voting-config:' || w.id, 0)),
        pg_advisory_xact_lock(hashtextextended(${`ballot:${judge.id}:${demoId}`}, 0))
      from ${demos} d join ${weeks} w on w.id = d.week_id
      where d.id = ${demoId}`);
    if (!row || (options.weekSlug !== undefined && row.week_slug !== options.weekSlug)) {
      return fail(404, "That demo does not exist.");
    }
    const weekId = Number(row.week_id);
    // Read after the locks: who judges, what is assigned, conflicts, the criteria and the current ballot.
    const [state] = await tx.execute<{
      is_judge: boolean;
      assigned: boolean;
      conflict: ConflictKind | null;
      criteria: Array<{ id: number; name: string; scale_min: number; scale_max: number }>;
      ballot_id: number | null;
      feedback: string | null;
      organiser_note: string | null;
      scores: Array<{ criterion_id: number; value: number }> | null;
    }>(sql`
      select
        exists (select 1 from ${judges} where week_id = ${weekId} and user_id = ${judge.id}) as is_judge,
        exists (select 1 from ${judgeAssignments} where judge_id = ${judge.id} and demo_id = ${demoId}) as assigned,
        (select kind from (
          select 'member' as kind, 1 as o from ${demos} d join ${teamMembers} tm on tm.team_id = d.team_id
            where d.id = ${demoId} and tm.user_id = ${judge.id}
          union all
          select 'mentor', 2 from ${demos} d join team_mentors m on m.team_id = d.team_id and m.status = 'accepted'
            where d.id = ${demoId} and m.user_id = ${judge.id}
          union all
          select 'declared', 3 from ${judgeConflicts} c where c.judge_id = ${judge.id} and c.demo_id = ${demoId}
        ) k order by o limit 1) as conflict,
        coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name, 'scale_min', c.scale_min,
          'scale_max', c.scale_max) order by c.position, c.id) from ${criteria} c where c.week_id = ${weekId}), '[]') as criteria,
        b.id as ballot_id, b.feedback, b.organiser_note,
        (select json_agg(json_build_object('criterion_id', s.criterion_id, 'value', s.value))
          from ${ballotScores} s where s.ballot_id = b.id) as scores
      from (select 1) one
      left join ${ballots} b on b.judge_id = ${judge.id} and b.demo_id = ${demoId}`);
    if (!state?.is_judge) return fail(403, "Only the week's judges can score demos.");
    if (now < new Date(row.opens)) return fail(409, "Voting has not opened yet.");
    if (now >= new Date(row.closes)) return fail(409, "Voting has closed; ballots can no longer change.");
    if (state.conflict) return fail(403, CONFLICT_MESSAGE[state.conflict]);
    if (!state.assigned) return fail(403, "This demo is not assigned to you.");

    const byId = new Map(state.criteria.map((c) => [Number(c.id), c]));
    const wanted = new Map<number, number | null>();
    for (const [key, value] of Object.entries(input.scores)) {
      const criterion = byId.get(Number(key));
      if (!criterion) return fail(400, "One of the scores is for a criterion this week does not use; reload the page.");
      if (value !== null && (!Number.isInteger(value) || value < criterion.scale_min || value > criterion.scale_max)) {
        return fail(
          400,
          `${criterion.name} takes a whole number from ${criterion.scale_min} to ${criterion.scale_max}.`,
          `score-${criterion.id}`,
        );
      }
      wanted.set(Number(criterion.id), value);
    }

    const old = new Map((state.scores ?? []).map((s) => [Number(s.criterion_id), Number(s.value)]));
    const before: Record<string, number | null> = {};
    const after: Record<string, number | null> = {};
    const upserts: Array<[number, number]> = [];
    const clears: number[] = [];
    for (const [criterionId, value] of wanted) {
      const previous = old.get(criterionId) ?? null;
      if (previous === value) continue;
      const name = byId.get(criterionId)?.name ?? String(criterionId);
      before[name] = previous;
      after[name] = value;
      if (value === null) clears.push(criterionId);
      else upserts.push([criterionId, value]);
    }
    const feedbackChanged = (state.feedback ?? "") !== feedback;
    const noteChanged = (state.organiser_note ?? "") !== organiserNote;
    const at = now.toISOString();
    // The ballot row (created on first save), its changed scores and its cleared ones, in one statement.
    const [saved] = await tx.execute<{ id: number }>(sql`
      with b as (
        insert into ${ballots} (week_id, judge_id, demo_id, feedback, organiser_note, created_at, updated_at)
        values (${weekId}, ${judge.id}, ${demoId}, ${feedback}, ${organiserNote}, ${at}::timestamptz, ${at}::timestamptz)
        on conflict (judge_id, demo_id) do update
          set feedback = excluded.feedback, organiser_note = excluded.organiser_note, updated_at = excluded.updated_at
        returning id
      ), up as (
        insert into ${ballotScores} (ballot_id, criterion_id, value, updated_at)
        select b.id, x.criterion_id, x.value, ${at}::timestamptz
        from b, unnest(${`{${upserts.map(([c]) => c).join(",")}}`}::int[], ${`{${upserts.map(([, v]) => v).join(",")}}`}::int[])
          as x(criterion_id, value)
        on conflict (ballot_id, criterion_id) do update set value = excluded.value, updated_at = excluded.updated_at
        returning 1
      ), del as (
        delete from ${ballotScores} s using b
        where s.ballot_id = b.id and s.criterion_id = any(${`{${clears.join(",")}}`}::int[])
        returning 1
      )
      select b.id, (select count(*) from up) + (select count(*) from del) as writes from b`);
    if (!saved) return fail(409, "The ballot could not be saved; try again.");
    const ballotId = Number(saved.id);
    await audit(tx, {
      actorId: judge.id,
      action: "ballot.saved",
      targetType: "ballot",
      targetId: ballotId,
      before: { demoId, scores: before },
      after: { demoId, scores: after, feedbackChanged, organiserNoteChanged: noteChanged },
      requestId: judge.requestId,
    });
    await publishLive(tx, { type: "ballot", weekId });
    return ok({ ballotId, changed: Object.keys(after).length });
  });
}

// ---------------------------------------------------------------------------------------------
// People's choice

export type MyVotes = { demoIds: number[]; limit: number; remaining: number; open: boolean };

export async function myVotes(db: Queryable, userId: number, weekId: number, now = new Date()): Promise<MyVotes> {
  const [week, rows] = await Promise.all([
    weekById(db, weekId),
    db
      .select({ demoId: peoplesChoiceVotes.demoId })
      .from(peoplesChoiceVotes)
      .where(and(eq(peoplesChoiceVotes.userId, userId), eq(peoplesChoiceVotes.weekId, weekId)))
      .orderBy(asc(peoplesChoiceVotes.createdAt), asc(peoplesChoiceVotes.demoId)),
  ]);
  const limit = week?.peoplesChoiceVotes ?? 0;
  return {
    demoIds: rows.map((r) => r.demoId),
    limit,
    remaining: Math.max(0, limit - rows.length),
    open: week ? isVotingOpen(week, now) : false,
  };
}

/** What the people's-choice button on a demo page needs for the signed-in person. */
export async function voteStateForDemo(db: Queryable, userId: number, demoId: number, now = new Date()) {
  // One query: the demo's week and its window, the person's votes that week, and whether it is their team's.
  const [row] = await db.execute<{
    max_votes: number;
    opens: string;
    closes: string;
    demo_ids: number[];
    own: boolean;
  }>(sql`
    select w.peoples_choice_votes as max_votes, w.voting_opens_at as opens, w.voting_closes_at as closes,
      coalesce((select array_agg(v.demo_id order by v.created_at, v.demo_id) from ${peoplesChoiceVotes} v
        where v.user_id = ${userId} and v.week_id = d.week_id), '{}') as demo_ids,
      exists (select 1 from ${teamMembers} m where m.team_id = d.team_id and m.user_id = ${userId}) as own
    from ${demos} d join ${weeks} w on w.id = d.week_id
    where d.id = ${demoId}`);
  if (!row) return null;
  const demoIds = row.demo_ids.map(Number);
  const limit = Number(row.max_votes);
  const open = now >= new Date(row.opens) && now < new Date(row.closes);
  return {
    demoIds,
    limit,
    remaining: Math.max(0, limit - demoIds.length),
    open,
    demoId,
    voted: demoIds.includes(demoId),
    ownTeam: row.own,
  };
}

type VoteContext = { weekId: number; weekSlug: string; maxVotes: number; own: boolean };

/**
 * The demo's week and the voting window, then the voter's lock. One round trip: the lock is taken in
 * the same statement (after the row is found), and the "own team" check rides along. `weekSlug`, when
 * given, must be the demo's week (the route's URL names it).
 */
async function voteContext(
  tx: Transaction,
  userId: number,
  demoId: number,
  now: Date,
  weekSlug?: string,
): Promise<Outcome<VoteContext>> {
  const [row] = await tx.execute<{
    week_id: number;
    week_slug: string;
    max_votes: number;
    opens: Date;
    closes: Date;
    own: boolean;
  }>(sql`
    select w.id as week_id, w.slug as week_slug, w.peoples_choice_votes as max_votes,
      w.voting_opens_at as opens, w.voting_closes_at as closes,
      exists (select 1 from ${teamMembers} m where m.team_id = d.team_id and m.user_id = ${userId}) as own
    from ${demos} d join ${weeks} w on w.id = d.week_id
    where d.id = ${demoId}`);
  if (!row || (weekSlug !== undefined && row.week_slug !== weekSlug)) {
    return fail(404, weekSlug !== undefined && row ? "That demo is not part of this week." : "That demo does not exist.");
  }
  if (now < new Date(row.opens)) return fail(409, "People's choice voting has not opened yet.");
  if (now >= new Date(row.closes)) return fail(409, "People's choice voting has closed.");
  await lockVoter(tx, row.week_id, userId);
  return ok({ weekId: row.week_id, weekSlug: row.week_slug, maxVotes: row.max_votes, own: row.own });
}

/**
 * One people's-choice vote for a demo; voting twice for the same demo changes nothing. Five round
 * trips (begin, context + lock, the insert with its checks, the live event when it counted, commit):
 * this is the busiest write of a demo day.
 */
export async function castVote(
  db: Database,
  user: Who,
  demoId: number,
  now = new Date(),
  options: { weekSlug?: string } = {},
): Promise<Outcome<{ demoId: number; remaining: number }>> {
  return db.transaction(async (tx) => {
    const context = await voteContext(tx, user.id, demoId, now, options.weekSlug);
    if (!context.ok) return context;
    const { weekId, maxVotes, own } = context.value;
    if (own) return fail(403, "You cannot vote for your own team's demo.");
    // Under the voter's lock: count, and insert only when this is a new vote within the limit.
    const [state] = await tx.execute<{ already: boolean; used: number; inserted: number }>(sql`
      with s as (
        select exists (select 1 from ${peoplesChoiceVotes} where user_id = ${user.id} and demo_id = ${demoId}) as already,
          (select count(*)::int from ${peoplesChoiceVotes} where user_id = ${user.id} and week_id = ${weekId}) as used
      ), ins as (
        insert into ${peoplesChoiceVotes} (week_id, user_id, demo_id, created_at)
        select ${weekId}, ${user.id}, ${demoId}, ${now.toISOString()}::timestamptz from s where not s.already and s.used < ${maxVotes}
        returning 1
      )
      select s.already, s.used, (select count(*)::int from ins) as inserted from s`);
    const used = Number(state?.used ?? 0);
    if (state?.already) return ok({ demoId, remaining: Math.max(0, maxVotes - used) });
    if (!state?.inserted) {
      return fail(409, `You have used all ${maxVotes} vote${maxVotes === 1 ? "" : "s"}; withdraw one first.`);
    }
    await publishLive(tx, { type: "vote", weekId });
    return ok({ demoId, remaining: Math.max(0, maxVotes - used - 1) });
  });
}

/** Takes a people's-choice vote back (a no-op when there was none). */
export async function withdrawVote(
  db: Database,
  user: Who,
  demoId: number,
  now = new Date(),
  options: { weekSlug?: string } = {},
): Promise<Outcome<{ demoId: number; remaining: number }>> {
  return db.transaction(async (tx) => {
    const context = await voteContext(tx, user.id, demoId, now, options.weekSlug);
    if (!context.ok) return context;
    const { weekId, maxVotes } = context.value;
    const [state] = await tx.execute<{ removed: number; used: number }>(sql`
      with del as (
        delete from ${peoplesChoiceVotes} where user_id = ${user.id} and demo_id = ${demoId} returning week_id
      )
      select (select count(*)::int from del) as removed,
        (select count(*)::int from ${peoplesChoiceVotes} where user_id = ${user.id} and week_id = ${weekId}) as used`);
    // The count's snapshot was taken before the delete: subtract what it removed.
    const removed = Number(state?.removed ?? 0);
    if (removed) await publishLive(tx, { type: "vote", weekId });
    return ok({ demoId, remaining: Math.max(0, maxVotes - (Number(state?.used ?? 0) - removed)) });
  });
}
