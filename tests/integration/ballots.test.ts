import { and, eq, inArray } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import { dbContext, requestInfoContext, userContext } from "~/context";
import { BALLOT_PAGE_SIZE, loader as ballotLoader } from "~/routes/voting/ballot";
import {
  addJudge,
  createCriterion,
  declareConflict,
  judgeBallots,
  runAssignment,
  saveBallot,
  saveVotingSettings,
} from "~/voting/judging.server";
import { parseBallotForm } from "~/voting/schemas.server";
import { getDb } from "~db/client";
import { auditLog, ballotScores, ballots, judgeAssignments, teamMentors } from "~db/schema";
import {
  createDemo,
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type TestUser,
  uid,
  type WeekRow,
} from "../support/factories";

const db = getDb();
const HOUR = 3_600_000;

let organiser: TestUser;
const org = () => ({ id: organiser.id });

beforeAll(async () => {
  organiser = await createUser(db, { roles: ["organiser"], name: `Organiser ${uid()}` });
});

async function demoIn(week: WeekRow, extra: { memberIds?: number[]; position?: number | null } = {}) {
  const lead = await createUser(db);
  const idea = await createIdea(db, { weekId: week.id, author: lead });
  const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id, memberIds: extra.memberIds ?? [] });
  const demo = await createDemo(db, { weekId: week.id, teamId: team.id, position: extra.position ?? null });
  return { lead, team, demo };
}

/**
 * A week in voting with two criteria (1–5 and 0–10), `judgeCount` judges and `demoCount` demos,
 * assigned with k judges per demo just before voting opened.
 */
async function votingWeek(
  options: { judgeCount?: number; demoCount?: number; perDemo?: number; phase?: "voting" | "results" } = {},
) {
  const { judgeCount = 1, demoCount = 1, perDemo = judgeCount } = options;
  const week = await createWeekInPhase(db, options.phase ?? "voting");
  const impact = await createCriterion(db, org(), week.id, {
    name: "Impact",
    description: "",
    weight: 1,
    scaleMin: 1,
    scaleMax: 5,
  });
  const craft = await createCriterion(db, org(), week.id, {
    name: "Craft",
    description: "",
    weight: 2,
    scaleMin: 0,
    scaleMax: 10,
  });
  if (!impact.ok || !craft.ok) throw new Error("criteria");
  const js: TestUser[] = [];
  for (let i = 0; i < judgeCount; i++) {
    const judge = await createUser(db, { name: `Judge ${uid()}` });
    await addJudge(db, org(), week.id, { userId: judge.id });
    js.push(judge);
  }
  const ds = [];
  for (let i = 0; i < demoCount; i++) ds.push((await demoIn(week, { position: demoCount - i })).demo);
  const beforeOpening = new Date(week.votingOpensAt.getTime() - HOUR);
  const settings = await saveVotingSettings(db, org(), week.id, { judgesPerDemo: perDemo, normalise: true }, beforeOpening);
  if (!settings.ok) throw new Error(settings.message);
  const run = await runAssignment(db, org(), week.id, beforeOpening);
  if (!run.ok) throw new Error(run.message);
  return { week, judges: js, demos: ds, impact: impact.value.id, craft: craft.value.id };
}

const empty = { feedback: "", organiserNote: "" };

async function ballotRows(demoId: number) {
  return db.select().from(ballots).where(eq(ballots.demoId, demoId));
}

async function scoresOf(ballotId: number) {
  return db.select().from(ballotScores).where(eq(ballotScores.ballotId, ballotId));
}

describe("the judge's ballot page", () => {
  it("lists only assigned, unconflicted demos in running order, with progress and only the judge's own scores", async () => {
    const f = await votingWeek({ judgeCount: 2, demoCount: 3 });
    const [a, b] = f.judges;
    if (!a || !b) throw new Error("judges");
    // demos were made with positions 3, 2, 1: running order is the reverse.
    const order = [...f.demos].reverse().map((d) => d.id);
    const viewA = await judgeBallots(db, { id: a.id }, f.week);
    expect(viewA?.demos.map((d) => d.id)).toEqual(order);
    expect(viewA).toMatchObject({ open: true, scored: 0, total: 3 });
    expect(viewA?.criteria.map((c) => c.name)).toEqual(["Impact", "Craft"]);

    const first = order[0] as number;
    expect((await saveBallot(db, { id: a.id }, first, { scores: { [f.impact]: 4, [f.craft]: 9 }, ...empty })).ok).toBe(true);
    expect((await saveBallot(db, { id: a.id }, order[1] as number, { scores: { [f.impact]: 2 }, ...empty })).ok).toBe(true);
    const after = await judgeBallots(db, { id: a.id }, f.week);
    expect(after).toMatchObject({ scored: 1, total: 3 });
    expect(after?.demos[0]).toMatchObject({ scores: { [f.impact]: 4, [f.craft]: 9 }, complete: true });
    expect(after?.demos[1]).toMatchObject({ scores: { [f.impact]: 2 }, complete: false });

    const viewB = await judgeBallots(db, { id: b.id }, f.week);
    expect(viewB?.demos.every((d) => Object.keys(d.scores).length === 0 && d.savedAt === null)).toBe(true);

    // A declared conflict hides the demo from the page.
    await declareConflict(db, { id: b.id }, first, "I reviewed their design doc");
    const hidden = await judgeBallots(db, { id: b.id }, f.week);
    expect(hidden?.demos.map((d) => d.id)).toEqual(order.slice(1));
    expect(hidden?.total).toBe(2);

    const stranger = await createUser(db);
    expect(await judgeBallots(db, { id: stranger.id }, f.week)).toBeNull();
    const closed = await judgeBallots(db, { id: a.id }, f.week, f.week.votingClosesAt);
    expect(closed?.open).toBe(false);
  });

  it("never lists a demo whose team the judge is in or mentors, even if an assignment row says so", async () => {
    const f = await votingWeek({ judgeCount: 2, demoCount: 1 });
    const [member, mentor] = f.judges;
    if (!member || !mentor) throw new Error("judges");
    const { demo, team, lead } = await demoIn(f.week, { memberIds: [member.id] });
    await db.insert(teamMentors).values({ teamId: team.id, userId: mentor.id, status: "accepted", requestedById: lead.id });
    await db.insert(judgeAssignments).values([
      { weekId: f.week.id, judgeId: member.id, demoId: demo.id },
      { weekId: f.week.id, judgeId: mentor.id, demoId: demo.id },
    ]);
    for (const judge of [member, mentor]) {
      const view = await judgeBallots(db, { id: judge.id }, f.week);
      expect(view?.demos.map((d) => d.id)).not.toContain(demo.id);
    }
    expect(await saveBallot(db, { id: member.id }, demo.id, { scores: { [f.impact]: 5 }, ...empty })).toMatchObject({
      ok: false,
      status: 403,
      message: "You are a member of this demo's team, so you cannot judge it.",
    });
    expect(await saveBallot(db, { id: mentor.id }, demo.id, { scores: { [f.impact]: 5 }, ...empty })).toMatchObject({
      ok: false,
      status: 403,
      message: "You mentor this demo's team, so you cannot judge it.",
    });
    expect(await ballotRows(demo.id)).toHaveLength(0);
  });
});

describe("the ballot page with many demos", () => {
  async function load(judge: TestUser, slug: string, search = "") {
    const context = new RouterContextProvider();
    context.set(dbContext, db);
    context.set(requestInfoContext, { requestId: "req-ballot", ip: "127.0.0.1", nonce: "n", log: {} as never });
    context.set(userContext, { ...judge, roles: [] });
    const request = new Request(`http://localhost/weeks/${slug}/ballot${search}`);
    return ballotLoader({ request, context, params: { slug } } as unknown as Parameters<typeof ballotLoader>[0]);
  }

  it(`shows ${BALLOT_PAGE_SIZE} scoring forms a page, every demo in the overview with its page and state, and refuses a bad page number`, async () => {
    const f = await votingWeek({ demoCount: BALLOT_PAGE_SIZE + 2 });
    const [judge] = f.judges;
    if (!judge) throw new Error("judge");
    const order = [...f.demos].reverse().map((d) => d.id);
    const lastDemo = order.at(-1) as number;
    const saved = await saveBallot(db, { id: judge.id }, lastDemo, { ...empty, scores: { [f.impact]: 3, [f.craft]: 7 } });
    expect(saved.ok).toBe(true);

    const first = await load(judge, f.week.slug);
    expect(first.page).toBe(1);
    expect(first.pages).toBe(2);
    expect(first.demos.map((d) => d.id)).toEqual(order.slice(0, BALLOT_PAGE_SIZE));
    expect(first.overview.map((d) => d.id)).toEqual(order);
    expect(first.overview.map((d) => d.page)).toEqual([...Array(BALLOT_PAGE_SIZE).fill(1), 2, 2]);
    expect(first.overview.at(-1)?.status).toBe("scored");
    expect(first.overview[0]?.status).toBe("new");
    expect(first).toMatchObject({ scored: 1, total: BALLOT_PAGE_SIZE + 2 });

    const second = await load(judge, f.week.slug, "?page=2");
    expect(second.demos.map((d) => d.id)).toEqual(order.slice(BALLOT_PAGE_SIZE));
    expect(second.demos.at(-1)?.scores).toEqual({ [f.impact]: 3, [f.craft]: 7 });
    // Past the end: the last page, not an empty ballot.
    expect((await load(judge, f.week.slug, "?page=9")).page).toBe(2);
    for (const bad of ["?page=abc", "?page=0", "?page=-1", "?page=1.5"]) {
      const refused = await load(judge, f.week.slug, bad).catch((e: unknown) => e);
      expect(refused, bad).toMatchObject({ init: { status: 400 } });
    }
  });
});

describe("saving a ballot", () => {
  it("saves drafts, changes scores, clears one with null, and audits old → new per changed criterion", async () => {
    const f = await votingWeek();
    const [judge] = f.judges;
    const [demo] = f.demos;
    if (!judge || !demo) throw new Error("fixture");
    const me = { id: judge.id, requestId: `req-${uid()}` };
    const draft = await saveBallot(db, me, demo.id, {
      scores: { [f.impact]: 3, [f.craft]: null },
      feedback: "  Nice start ",
      organiserNote: "",
    });
    if (!draft.ok) throw new Error(draft.message);
    expect(draft.value.changed).toBe(1);
    const [ballot] = await ballotRows(demo.id);
    expect(ballot).toMatchObject({ feedback: "Nice start", organiserNote: "", judgeId: judge.id, weekId: f.week.id });
    expect((await scoresOf(draft.value.ballotId)).map((s) => [s.criterionId, s.value])).toEqual([[f.impact, 3]]);

    const full = await saveBallot(db, me, demo.id, {
      scores: { [f.impact]: 5, [f.craft]: 0 },
      feedback: "Great demo",
      organiserNote: "Consider for the innovation award",
    });
    expect(full).toMatchObject({ ok: true, value: { ballotId: draft.value.ballotId, changed: 2 } });
    const cleared = await saveBallot(db, me, demo.id, { scores: { [f.craft]: null }, feedback: "Great demo", organiserNote: "" });
    expect(cleared).toMatchObject({ ok: true, value: { changed: 1 } });
    expect((await scoresOf(draft.value.ballotId)).map((s) => [s.criterionId, s.value])).toEqual([[f.impact, 5]]);
    expect(await ballotRows(demo.id)).toHaveLength(1);

    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "ballot.saved"), eq(auditLog.targetId, String(draft.value.ballotId))))
      .orderBy(auditLog.id);
    expect(entries).toHaveLength(3);
    expect(entries.every((e) => e.actorId === judge.id && e.requestId === me.requestId)).toBe(true);
    expect(entries[0]?.summary).toMatchObject({ before: { scores: { Impact: null } }, after: { scores: { Impact: 3 } } });
    expect(entries[1]?.summary).toMatchObject({
      before: { scores: { Impact: 3, Craft: null } },
      after: { scores: { Impact: 5, Craft: 0 }, feedbackChanged: true, organiserNoteChanged: true },
    });
    expect(entries[2]?.summary).toMatchObject({ before: { scores: { Craft: 0 } }, after: { scores: { Craft: null } } });
    // Private feedback is not copied into the audit log.
    expect(JSON.stringify(entries.map((e) => e.summary))).not.toContain("Great demo");
  });

  it("refuses out-of-scale, fractional and unknown-criterion scores with 400 and changes nothing", async () => {
    const f = await votingWeek();
    const [judge] = f.judges;
    const [demo] = f.demos;
    if (!judge || !demo) throw new Error("fixture");
    const cases: Array<[Record<number, number | null>, string | undefined]> = [
      [{ [f.impact]: 6 }, `score-${f.impact}`],
      [{ [f.impact]: 0 }, `score-${f.impact}`],
      [{ [f.craft]: 11 }, `score-${f.craft}`],
      [{ [f.impact]: 2.5 }, `score-${f.impact}`],
      [{ [f.impact]: Number.NaN }, `score-${f.impact}`],
      [{ [f.impact]: 3, [f.craft]: -1 }, `score-${f.craft}`],
      [{ 2000000000: 3 }, undefined],
    ];
    for (const [scores, field] of cases) {
      const outcome = await saveBallot(db, { id: judge.id }, demo.id, { scores, ...empty });
      expect(outcome, JSON.stringify(scores)).toMatchObject({ ok: false, status: 400 });
      if (field) expect(outcome).toMatchObject({ field });
    }
    expect(await saveBallot(db, { id: judge.id }, demo.id, { scores: { [f.impact]: 6 }, ...empty })).toMatchObject({
      message: "Impact takes a whole number from 1 to 5.",
    });
    expect(
      await saveBallot(db, { id: judge.id }, demo.id, { scores: {}, feedback: "x".repeat(5001), organiserNote: "" }),
    ).toMatchObject({
      ok: false,
      status: 400,
      field: "feedback",
    });
    expect(await ballotRows(demo.id)).toHaveLength(0);

    // A valid ballot followed by a bad one keeps the valid one intact.
    const good = await saveBallot(db, { id: judge.id }, demo.id, {
      scores: { [f.impact]: 4, [f.craft]: 7 },
      feedback: "kept",
      organiserNote: "",
    });
    if (!good.ok) throw new Error(good.message);
    const bad = await saveBallot(db, { id: judge.id }, demo.id, {
      scores: { [f.impact]: 1, [f.craft]: 42 },
      feedback: "lost",
      organiserNote: "",
    });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    expect((await scoresOf(good.value.ballotId)).map((s) => s.value).sort()).toEqual([4, 7]);
    expect((await ballotRows(demo.id))[0]?.feedback).toBe("kept");
  });

  it("refuses outside the voting window (409) and keeps the ballot as it was", async () => {
    const f = await votingWeek();
    const [judge] = f.judges;
    const [demo] = f.demos;
    if (!judge || !demo) throw new Error("fixture");
    const saved = await saveBallot(db, { id: judge.id }, demo.id, { scores: { [f.impact]: 2 }, ...empty });
    if (!saved.ok) throw new Error(saved.message);
    const late = await saveBallot(db, { id: judge.id }, demo.id, { scores: { [f.impact]: 5 }, ...empty }, f.week.votingClosesAt);
    expect(late).toEqual({ ok: false, status: 409, message: "Voting has closed; ballots can no longer change." });
    const early = await saveBallot(
      db,
      { id: judge.id },
      demo.id,
      { scores: { [f.impact]: 5 }, ...empty },
      new Date(f.week.votingOpensAt.getTime() - 1),
    );
    expect(early).toEqual({ ok: false, status: 409, message: "Voting has not opened yet." });
    expect((await scoresOf(saved.value.ballotId)).map((s) => s.value)).toEqual([2]);

    const closedWeek = await votingWeek({ phase: "results" });
    const [j2] = closedWeek.judges;
    const [d2] = closedWeek.demos;
    if (!j2 || !d2) throw new Error("fixture");
    expect(await saveBallot(db, { id: j2.id }, d2.id, { scores: { [closedWeek.impact]: 3 }, ...empty })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await ballotRows(d2.id)).toHaveLength(0);
  });

  it("refuses non-judges, unassigned demos, declared conflicts and unknown demos", async () => {
    const f = await votingWeek({ judgeCount: 2, demoCount: 2, perDemo: 1 });
    const [a, b] = f.judges;
    if (!a || !b) throw new Error("judges");
    const rows = await db.select().from(judgeAssignments).where(eq(judgeAssignments.weekId, f.week.id));
    const mine = rows.find((r) => r.judgeId === a.id);
    const theirs = rows.find((r) => r.judgeId === b.id);
    if (!mine || !theirs) throw new Error("assignments");
    const stranger = await createUser(db);
    expect(await saveBallot(db, { id: stranger.id }, mine.demoId, { scores: { [f.impact]: 3 }, ...empty })).toEqual({
      ok: false,
      status: 403,
      message: "Only the week's judges can score demos.",
    });
    expect(await saveBallot(db, { id: a.id }, theirs.demoId, { scores: { [f.impact]: 3 }, ...empty })).toEqual({
      ok: false,
      status: 403,
      message: "This demo is not assigned to you.",
    });
    expect(await saveBallot(db, { id: a.id }, 2_000_000_000, { scores: {}, ...empty })).toMatchObject({ ok: false, status: 404 });
    await declareConflict(db, { id: a.id }, mine.demoId, "Close friend of the lead");
    expect(await saveBallot(db, { id: a.id }, mine.demoId, { scores: { [f.impact]: 3 }, ...empty })).toMatchObject({
      ok: false,
      status: 403,
    });
    // Even if an assignment row came back, the declared conflict still refuses.
    await db.insert(judgeAssignments).values({ weekId: f.week.id, judgeId: a.id, demoId: mine.demoId });
    expect(await saveBallot(db, { id: a.id }, mine.demoId, { scores: { [f.impact]: 3 }, ...empty })).toMatchObject({
      ok: false,
      status: 403,
      message: "You declared a conflict of interest with this demo, so you cannot judge it.",
    });
    expect(
      await db
        .select()
        .from(ballots)
        .where(inArray(ballots.demoId, [mine.demoId, theirs.demoId])),
    ).toHaveLength(0);
  });

  it("50 concurrent saves of one ballot end with one ballot row and one score per criterion from one save", async () => {
    const f = await votingWeek();
    const [judge] = f.judges;
    const [demo] = f.demos;
    if (!judge || !demo) throw new Error("fixture");
    // Every save a different (impact, craft) pair, so the one that won can be told apart.
    const submissions = Array.from({ length: 50 }, (_, i) => ({
      scores: { [f.impact]: (i % 5) + 1, [f.craft]: Math.floor(i / 5) },
      feedback: `tab ${i}`,
      organiserNote: "",
    }));
    const settled = await Promise.allSettled(submissions.map((s) => saveBallot(db, { id: judge.id }, demo.id, s)));
    // Every save answers (none throws, e.g. on a deadlock or a unique violation) and every one succeeds.
    expect(settled.filter((o) => o.status === "rejected")).toEqual([]);
    expect(settled.every((o) => o.status === "fulfilled" && o.value.ok)).toBe(true);
    const rows = await ballotRows(demo.id);
    expect(rows).toHaveLength(1);
    const scores = await scoresOf(rows[0]?.id ?? 0);
    expect(scores).toHaveLength(2);
    const impact = scores.find((s) => s.criterionId === f.impact)?.value;
    const craft = scores.find((s) => s.criterionId === f.craft)?.value;
    // The last save wins whole: both scores and the feedback come from the same tab.
    const winner = submissions.find((s) => s.scores[f.craft] === craft && s.scores[f.impact] === impact);
    expect(winner).toBeDefined();
    expect(rows[0]?.feedback).toBe(winner?.feedback);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "ballot.saved"), eq(auditLog.targetId, String(rows[0]?.id))));
    expect(audits).toHaveLength(50);
  });
});

describe("the ballot form parser", () => {
  it("reads score-<id> fields, treating blanks as unscored and junk as invalid", () => {
    const parsed = parseBallotForm({
      demoId: "12",
      "score-3": "4",
      "score-5": "",
      "score-7": "abc",
      other: "x",
      feedback: " hi ",
      organiserNote: "",
    });
    expect(parsed.demoId).toBe(12);
    expect(parsed.scores[3]).toBe(4);
    expect(parsed.scores[5]).toBeNull();
    expect(Number.isNaN(parsed.scores[7])).toBe(true);
    expect(parsed.feedback).toBe("hi");
    expect(parseBallotForm({ demoId: "x" }).demoId).toBeNull();
  });
});
