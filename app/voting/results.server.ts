import { and, asc, eq, sql } from "drizzle-orm";
import { forgetArchiveFacets } from "~/archive/gallery.server";
import { formatInstant } from "~/demos/demos.server";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import { fail, ok } from "~/lib/outcome";
import type { Week } from "~/weeks/weeks.server";
import type { Database, Queryable } from "~db/client";
import {
  awards,
  awardWinners,
  ballotScores,
  ballots,
  criteria,
  demos,
  peoplesChoiceVotes,
  teamMembers,
  teams,
  votingSettings,
  weeks,
} from "~db/schema";
import { explainMethod, peoplesChoice, tally } from "./tally";

/** Whoever acts; the route says whether they are an organiser, and the domain checks it again. */
export type Actor = { id: number; isOrganiser: boolean; requestId?: string };
export type AwardKind = (typeof awards.$inferSelect)["kind"];

export const AWARD_NAME_MAX = 80;
export const CITATION_MAX = 500;

export const AWARD_KINDS: ReadonlyArray<{ kind: AwardKind; label: string; explanation: string }> = [
  {
    kind: "judged",
    label: "Judged (overall)",
    explanation: "The demo with the best overall score from the judges, all criteria weighted.",
  },
  {
    kind: "criterion",
    label: "Judged on one criterion",
    explanation:
      "The demo the judges scored best on one criterion (for example best cross-department collaboration), from the same ballots.",
  },
  { kind: "peoples_choice", label: "People's choice", explanation: "The demo with the most people's-choice votes." },
  {
    kind: "manual",
    label: "Given by hand",
    explanation: "A jury award: the organisers pick the demo and write a citation saying why.",
  },
];

const NOT_ORGANISER = "Only organisers can do this.";

// ---------------------------------------------------------------------------------------------
// Computing results

/** One demo's place in a ranking. Numbers are plain JSON (no Dates), so a snapshot round-trips exactly. */
export type RankedRow = {
  demoId: number;
  rank: number;
  title: string;
  team: string;
  teamId: number;
  /** Judged rankings: the (normalised or raw) score, the raw mean and complete ballots; null for votes. */
  score: number | null;
  rawMean: number | null;
  judges: number | null;
  /** People's-choice rankings: distinct voters; null for judged rankings. */
  votes: number | null;
  /** The declared tie-break that put the row above ahead of this one, when their scores were equal. */
  tieBreak: string | null;
};

export type Winner = Pick<RankedRow, "demoId" | "title" | "team" | "teamId" | "score" | "votes">;

export type AwardResult = {
  id: number;
  name: string;
  kind: AwardKind;
  criterionName: string | null;
  citation: string;
  winners: Winner[];
  /** The rule that separated the winner from the runner-up, when they were tied. */
  tieBreak: string | null;
  /** Why there is no winner, when there is none. */
  note: string | null;
  ranking: RankedRow[];
};

export type Results = {
  weekId: number;
  computedAt: string;
  normalise: boolean;
  showFullRanking: boolean;
  method: string;
  awards: AwardResult[];
  /** Every demo by overall judged score. */
  overall: RankedRow[];
  /** Every demo by people's-choice votes. */
  peoplesChoice: RankedRow[];
};

/** JSON has no -0; keeps snapshots equal to what was computed. */
const num = (n: number | null) => (n === 0 ? 0 : n);

async function settingsRow(db: Queryable, weekId: number) {
  const [row] = await db.select().from(votingSettings).where(eq(votingSettings.weekId, weekId));
  return row ?? null;
}

/**
 * The results of a week as they stand: every award's ranking and winner, the overall ranking and the
 * people's-choice counts. Six queries whatever the number of demos, awards or ballots.
 */
export async function computeResults(db: Queryable, weekId: number, now = new Date()): Promise<Results> {
  const [settings, weekCriteria, scores, votes, weekDemos, weekAwards] = await Promise.all([
    settingsRow(db, weekId),
    db.select().from(criteria).where(eq(criteria.weekId, weekId)).orderBy(asc(criteria.position), asc(criteria.id)),
    db
      .select({
        judgeId: ballots.judgeId,
        demoId: ballots.demoId,
        criterionId: ballotScores.criterionId,
        value: ballotScores.value,
      })
      .from(ballotScores)
      .innerJoin(ballots, eq(ballots.id, ballotScores.ballotId))
      .where(eq(ballots.weekId, weekId)),
    db
      .select({ userId: peoplesChoiceVotes.userId, demoId: peoplesChoiceVotes.demoId })
      .from(peoplesChoiceVotes)
      .where(eq(peoplesChoiceVotes.weekId, weekId)),
    db
      .select({ id: demos.id, title: demos.title, submittedAt: demos.submittedAt, teamId: teams.id, team: teams.name })
      .from(demos)
      .innerJoin(teams, eq(teams.id, demos.teamId))
      .where(eq(demos.weekId, weekId))
      .orderBy(asc(demos.id)),
    db.select().from(awards).where(eq(awards.weekId, weekId)).orderBy(asc(awards.position), asc(awards.id)),
  ]);
  const normalise = settings?.normalise ?? true;
  const showFullRanking = settings?.showFullRanking ?? true;
  const byId = new Map(weekDemos.map((d) => [d.id, d]));
  const info = weekDemos.map((d) => ({ id: d.id, submittedAt: d.submittedAt }));
  const demoInfo = (demoId: number) => {
    const d = byId.get(demoId);
    return { title: d?.title ?? "(deleted demo)", team: d?.team ?? "", teamId: d?.teamId ?? 0 };
  };

  const judged = (criterionId?: number): RankedRow[] =>
    tally({ demos: info, criteria: weekCriteria, scores, normalise, criterionId }).map((r) => ({
      demoId: r.demoId,
      rank: r.rank,
      ...demoInfo(r.demoId),
      score: num(r.score),
      rawMean: num(r.rawMean),
      judges: r.judges,
      votes: null,
      tieBreak: r.tieBreak,
    }));
  const overall = judged();
  const pc: RankedRow[] = peoplesChoice(votes, info).map((r) => ({
    demoId: r.demoId,
    rank: r.rank,
    ...demoInfo(r.demoId),
    score: null,
    rawMean: null,
    judges: null,
    votes: r.votes,
    tieBreak: r.tieBreak,
  }));

  const winnerOf = (row: RankedRow): Winner => ({
    demoId: row.demoId,
    title: row.title,
    team: row.team,
    teamId: row.teamId,
    score: row.score,
    votes: row.votes,
  });
  const result = (
    award: typeof awards.$inferSelect,
    ranking: RankedRow[],
    hasWinner: (top: RankedRow) => boolean,
    empty: string,
  ): AwardResult => {
    const [top, second] = ranking;
    const winner = top && hasWinner(top) ? top : null;
    return {
      id: award.id,
      name: award.name,
      kind: award.kind,
      criterionName: weekCriteria.find((c) => c.id === award.criterionId)?.name ?? null,
      citation: award.citation,
      winners: winner ? [winnerOf(winner)] : [],
      tieBreak: winner && second?.tieBreak?.startsWith("Tied") ? second.tieBreak : null,
      note: winner ? null : empty,
      ranking,
    };
  };

  const awardResult = (award: typeof awards.$inferSelect): AwardResult => {
    if (award.kind === "judged") return result(award, overall, (top) => top.score !== null, "No demo has a complete ballot yet.");
    if (award.kind === "criterion") {
      if (!weekCriteria.some((c) => c.id === award.criterionId))
        return result(award, [], () => false, "This award's criterion no longer exists; choose another one.");
      return result(
        award,
        judged(award.criterionId ?? undefined),
        (top) => top.score !== null,
        "No demo has a complete ballot yet.",
      );
    }
    if (award.kind === "peoples_choice")
      return result(award, pc, (top) => (top.votes ?? 0) > 0, "Nobody has cast a people's-choice vote.");
    // Given by hand: the chosen demo, with the citation.
    const demo = award.manualDemoId === null ? undefined : byId.get(award.manualDemoId);
    const row: RankedRow[] = demo
      ? [
          {
            demoId: demo.id,
            rank: 1,
            ...demoInfo(demo.id),
            score: null,
            rawMean: null,
            judges: null,
            votes: null,
            tieBreak: null,
          },
        ]
      : [];
    return result(award, row, () => true, "The demo chosen for this award no longer exists; choose another one.");
  };
  const awardResults = weekAwards.map(awardResult);

  return {
    weekId,
    computedAt: now.toISOString(),
    normalise,
    showFullRanking,
    method: explainMethod(normalise),
    awards: awardResults,
    overall,
    peoplesChoice: pc,
  };
}

// ---------------------------------------------------------------------------------------------
// Publishing

export type Published = { results: Results; publishedAt: Date; publishedById: number | null };

/** The frozen results everyone sees, or null while they are not published. */
export async function getPublishedResults(db: Queryable, weekId: number): Promise<Published | null> {
  const row = await settingsRow(db, weekId);
  if (!row?.publishedAt || !row.publishedResults) return null;
  return { results: row.publishedResults as Results, publishedAt: row.publishedAt, publishedById: row.publishedById };
}

/** The published winners as rows (archive filters and portfolios join them); same transaction as the snapshot. */
export async function replaceAwardWinners(db: Queryable, weekId: number, results: Results) {
  await db.delete(awardWinners).where(eq(awardWinners.weekId, weekId));
  const rows = results.awards.flatMap((a) =>
    a.winners.map((w) => ({ awardId: a.id, demoId: w.demoId, weekId, awardName: a.name })),
  );
  if (rows.length > 0) await db.insert(awardWinners).values(rows).onConflictDoNothing();
}

async function lockWeek(db: Queryable, weekId: number): Promise<Week | null> {
  const [week] = await db.select().from(weeks).where(eq(weeks.id, weekId)).for("update");
  return week ?? null;
}

/**
 * Freezes the current results as the week's published results (replacing any earlier publication).
 * Organisers only, and only once voting has closed. The week row is locked so two publishes in a row
 * leave exactly the last one.
 */
export async function publishResults(
  db: Database,
  organiser: Actor,
  weekId: number,
  now = new Date(),
): Promise<Outcome<{ publishedAt: Date; results: Results }>> {
  if (!organiser.isOrganiser) return fail(403, NOT_ORGANISER);
  const outcome = await db.transaction(async (tx) => {
    const week = await lockWeek(tx, weekId);
    if (!week) return fail(404, "There is no week with this number.");
    if (now < week.votingClosesAt)
      return fail(409, `Voting is still open until ${formatInstant(week.votingClosesAt, week.timeZone)}.`);
    const before = await settingsRow(tx, weekId);
    const results = await computeResults(tx, weekId, now);
    await tx
      .insert(votingSettings)
      .values({ weekId, publishedResults: results, publishedAt: now, publishedById: organiser.id })
      .onConflictDoUpdate({
        target: votingSettings.weekId,
        set: { publishedResults: results, publishedAt: now, publishedById: organiser.id },
      });
    await replaceAwardWinners(tx, weekId, results);
    await audit(tx, {
      actorId: organiser.id,
      action: "results.published",
      targetType: "week",
      targetId: weekId,
      before: before?.publishedAt ? { publishedAt: before.publishedAt.toISOString() } : undefined,
      after: {
        publishedAt: now.toISOString(),
        normalise: results.normalise,
        winners: results.awards.map((a) => ({ award: a.name, demoIds: a.winners.map((w) => w.demoId) })),
      },
      requestId: organiser.requestId,
    });
    return ok({ publishedAt: now, results });
  });
  // This process shows the archive's filter options afresh (other instances within 30 s).
  forgetArchiveFacets();
  return outcome;
}

/** Takes the results down again (they can be republished at any time). */
export async function unpublishResults(db: Database, organiser: Actor, weekId: number): Promise<Outcome<{ weekId: number }>> {
  if (!organiser.isOrganiser) return fail(403, NOT_ORGANISER);
  const outcome = await db.transaction(async (tx) => {
    const week = await lockWeek(tx, weekId);
    if (!week) return fail(404, "There is no week with this number.");
    const before = await settingsRow(tx, weekId);
    if (!before?.publishedAt) return fail(409, "The results are not published.");
    await tx
      .update(votingSettings)
      .set({ publishedResults: null, publishedAt: null, publishedById: null })
      .where(eq(votingSettings.weekId, weekId));
    await tx.delete(awardWinners).where(eq(awardWinners.weekId, weekId));
    await audit(tx, {
      actorId: organiser.id,
      action: "results.unpublished",
      targetType: "week",
      targetId: weekId,
      before: { publishedAt: before.publishedAt.toISOString() },
      requestId: organiser.requestId,
    });
    return ok({ weekId });
  });
  // This process shows the archive's filter options afresh (other instances within 30 s).
  forgetArchiveFacets();
  return outcome;
}

/** How results are counted and shown. Both are part of the published snapshot, so they change only while unpublished. */
export async function saveResultSettings(
  db: Database,
  organiser: Actor,
  weekId: number,
  input: { normalise: boolean; showFullRanking: boolean },
): Promise<Outcome<{ weekId: number }>> {
  if (!organiser.isOrganiser) return fail(403, NOT_ORGANISER);
  return db.transaction(async (tx) => {
    const week = await lockWeek(tx, weekId);
    if (!week) return fail(404, "There is no week with this number.");
    const before = await settingsRow(tx, weekId);
    const changed =
      (before?.normalise ?? true) !== input.normalise || (before?.showFullRanking ?? true) !== input.showFullRanking;
    if (!changed) return ok({ weekId });
    if (before?.publishedAt)
      return fail(409, "The results are published; unpublish them before changing how they are counted or shown.");
    await tx
      .insert(votingSettings)
      .values({ weekId, ...input })
      .onConflictDoUpdate({ target: votingSettings.weekId, set: input });
    await audit(tx, {
      actorId: organiser.id,
      action: "results.settings_saved",
      targetType: "week",
      targetId: weekId,
      before: { normalise: before?.normalise ?? true, showFullRanking: before?.showFullRanking ?? true },
      after: input,
      requestId: organiser.requestId,
    });
    return ok({ weekId });
  });
}

// ---------------------------------------------------------------------------------------------
// Feedback to teams

export type TeamFeedback = { demoId: number; title: string; items: Array<{ judge: string; feedback: string }> };

/**
 * The judges' feedback on a team's demo, for the team's members once the week's results are published.
 * Judges are numbered by ballot (the order they first saved), never named; empty feedback is left out.
 */
export async function teamFeedback(db: Queryable, viewerId: number, teamId: number): Promise<Outcome<TeamFeedback | null>> {
  const [row] = await db
    .select({
      teamId: teams.id,
      member: sql<boolean>`exists (select 1 from ${teamMembers} where ${teamMembers.teamId} = ${teams.id} and ${teamMembers.userId} = ${viewerId})`,
      publishedAt: votingSettings.publishedAt,
      demoId: demos.id,
      title: demos.title,
    })
    .from(teams)
    .leftJoin(votingSettings, eq(votingSettings.weekId, teams.weekId))
    .leftJoin(demos, eq(demos.teamId, teams.id))
    .where(eq(teams.id, teamId));
  if (!row) return fail(404, "That team does not exist.");
  if (!row.member) return fail(403, "Only the team's members can read its feedback.");
  if (!row.publishedAt) return fail(409, "Feedback from the judges is shared once the results are published.");
  if (row.demoId === null || row.title === null) return ok(null);
  const rows = await db
    .select({ id: ballots.id, feedback: ballots.feedback })
    .from(ballots)
    .where(and(eq(ballots.demoId, row.demoId), sql`btrim(${ballots.feedback}) <> ''`))
    .orderBy(asc(ballots.id));
  return ok({
    demoId: row.demoId,
    title: row.title,
    items: rows.map((r, i) => ({ judge: `Judge ${i + 1}`, feedback: r.feedback })),
  });
}

/** The team a person is in during a week, if any. */
export async function teamOfUser(db: Queryable, userId: number, weekId: number): Promise<number | null> {
  const [row] = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, userId), eq(teamMembers.weekId, weekId)));
  return row?.teamId ?? null;
}

// ---------------------------------------------------------------------------------------------
// Awards

export type Award = typeof awards.$inferSelect;
export type AwardInput = {
  id?: number;
  name: string;
  kind: AwardKind;
  criterionId?: number | null;
  manualDemoId?: number | null;
  citation?: string;
};

export async function listAwards(db: Queryable, weekId: number): Promise<Award[]> {
  return db.select().from(awards).where(eq(awards.weekId, weekId)).orderBy(asc(awards.position), asc(awards.id));
}

/** Creates an award (id absent) or changes one of this week's awards. */
export async function saveAward(
  db: Database,
  organiser: Actor,
  weekId: number,
  input: AwardInput,
): Promise<Outcome<{ id: number }>> {
  if (!organiser.isOrganiser) return fail(403, NOT_ORGANISER);
  const name = input.name.trim();
  const citation = (input.citation ?? "").trim();
  if (name.length < 2) return fail(400, "Give the award a name of at least 2 characters.", "name");
  if (name.length > AWARD_NAME_MAX) return fail(400, `Keep the name to ${AWARD_NAME_MAX} characters.`, "name");
  if (!AWARD_KINDS.some((k) => k.kind === input.kind)) return fail(400, "Choose what kind of award this is.", "kind");
  if (citation.length > CITATION_MAX) return fail(400, `Keep the citation to ${CITATION_MAX} characters.`, "citation");
  return db.transaction(async (tx) => {
    const week = await lockWeek(tx, weekId);
    if (!week) return fail(404, "There is no week with this number.");
    let criterionId: number | null = null;
    let manualDemoId: number | null = null;
    if (input.kind === "criterion") {
      const [c] = input.criterionId
        ? await tx
            .select({ id: criteria.id })
            .from(criteria)
            .where(and(eq(criteria.id, input.criterionId), eq(criteria.weekId, weekId)))
        : [];
      if (!c) return fail(400, "Choose one of this week's criteria.", "criterionId");
      criterionId = c.id;
    }
    if (input.kind === "manual") {
      const [d] = input.manualDemoId
        ? await tx
            .select({ id: demos.id })
            .from(demos)
            .where(and(eq(demos.id, input.manualDemoId), eq(demos.weekId, weekId)))
        : [];
      if (!d) return fail(400, "Choose one of this week's demos.", "manualDemoId");
      if (!citation) return fail(400, "Write a citation: say why the jury chose this demo.", "citation");
      manualDemoId = d.id;
    }
    const values = { name, kind: input.kind, criterionId, manualDemoId, citation };
    if (input.id === undefined) {
      const [{ next } = { next: 0 }] = await tx
        .select({ next: sql<number>`coalesce(max(${awards.position}) + 1, 0)::int` })
        .from(awards)
        .where(eq(awards.weekId, weekId));
      const [created] = await tx
        .insert(awards)
        .values({ weekId, position: next, ...values })
        .returning({ id: awards.id });
      if (!created) return fail(500, "The award could not be saved; try again.");
      await audit(tx, {
        actorId: organiser.id,
        action: "award.created",
        targetType: "award",
        targetId: created.id,
        after: { weekId, ...values },
        requestId: organiser.requestId,
      });
      return ok({ id: created.id });
    }
    const [before] = await tx
      .select()
      .from(awards)
      .where(and(eq(awards.id, input.id), eq(awards.weekId, weekId)))
      .for("update");
    if (!before) return fail(404, "That award does not exist.");
    await tx.update(awards).set(values).where(eq(awards.id, before.id));
    await audit(tx, {
      actorId: organiser.id,
      action: "award.updated",
      targetType: "award",
      targetId: before.id,
      before: {
        name: before.name,
        kind: before.kind,
        criterionId: before.criterionId,
        manualDemoId: before.manualDemoId,
        citation: before.citation,
      },
      after: values,
      requestId: organiser.requestId,
    });
    return ok({ id: before.id });
  });
}

export async function deleteAward(
  db: Database,
  organiser: Actor,
  weekId: number,
  awardId: number,
): Promise<Outcome<{ id: number }>> {
  if (!organiser.isOrganiser) return fail(403, NOT_ORGANISER);
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(awards)
      .where(and(eq(awards.id, awardId), eq(awards.weekId, weekId)))
      .returning();
    if (!gone) return fail(404, "That award does not exist.");
    await audit(tx, {
      actorId: organiser.id,
      action: "award.deleted",
      targetType: "award",
      targetId: gone.id,
      before: { weekId, name: gone.name, kind: gone.kind, citation: gone.citation },
      requestId: organiser.requestId,
    });
    return ok({ id: gone.id });
  });
}
