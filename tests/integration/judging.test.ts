import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addDefaultCriteria,
  addJudge,
  assignmentOverview,
  conflictsFor,
  createCriterion,
  DEFAULT_CRITERIA,
  declareConflict,
  deleteCriterion,
  getVotingSettings,
  listCriteria,
  listJudges,
  moveCriterion,
  removeJudge,
  runAssignment,
  saveBallot,
  saveVotingSettings,
  updateCriterion,
  VOTING_CONFIG_LOCKED,
} from "~/voting/judging.server";
import { CriterionSchema, VotingAdminActionSchema } from "~/voting/schemas.server";
import { getDb } from "~db/client";
import { auditLog, ballots, judgeAssignments, judgeConflicts, teamMentors } from "~db/schema";
import {
  createDemo,
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type DemoRow,
  type TestUser,
  tracedDatabase,
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

/** A demo of a fresh two-person team in `week`. */
async function demoIn(week: WeekRow, extra: { memberIds?: number[]; position?: number | null } = {}) {
  const lead = await createUser(db);
  const idea = await createIdea(db, { weekId: week.id, author: lead });
  const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id, memberIds: extra.memberIds ?? [] });
  const demo = await createDemo(db, { weekId: week.id, teamId: team.id, position: extra.position ?? null });
  return { lead, team, demo };
}

async function judgesFor(week: WeekRow, n: number) {
  const out: TestUser[] = [];
  for (let i = 0; i < n; i++) {
    const judge = await createUser(db, { name: `Judge ${uid()}` });
    const added = await addJudge(db, org(), week.id, { email: judge.email.toUpperCase() });
    expect(added.ok).toBe(true);
    out.push(judge);
  }
  return out;
}

async function assignmentsOf(weekId: number) {
  return db.select().from(judgeAssignments).where(eq(judgeAssignments.weekId, weekId));
}

const criterion = (overrides: Partial<Parameters<typeof createCriterion>[3]> = {}) => ({
  name: `Criterion ${uid()}`,
  description: "",
  weight: 1,
  scaleMin: 1,
  scaleMax: 5,
  ...overrides,
});

describe("judges", () => {
  it("adds a judge by email (case-insensitively), audited, and refuses duplicates, strangers and deactivated people", async () => {
    const week = await createWeekInPhase(db, "demos");
    const leader = await createUser(db);
    const added = await addJudge(db, org(), week.id, { email: `  ${leader.email.toUpperCase()} ` });
    expect(added).toEqual({ ok: true, value: { userId: leader.id, name: leader.name } });
    expect((await listJudges(db, week.id)).map((j) => j.userId)).toEqual([leader.id]);

    const again = await addJudge(db, org(), week.id, { userId: leader.id });
    expect(again).toMatchObject({ ok: false, status: 409, message: `${leader.name} is already a judge this week.` });
    expect(await addJudge(db, org(), week.id, { email: `nobody-${uid()}@test.example` })).toMatchObject({
      ok: false,
      status: 404,
    });
    const gone = await createUser(db, { deactivatedAt: new Date() });
    expect(await addJudge(db, org(), week.id, { email: gone.email })).toMatchObject({ ok: false, status: 400 });
    expect(await addJudge(db, org(), 2_000_000_000, { email: leader.email })).toMatchObject({ ok: false, status: 404 });

    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "judge.added"), eq(auditLog.targetId, String(week.id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actorId).toBe(organiser.id);
  });

  it("removing a judge drops their assignments and declared conflicts", async () => {
    const week = await createWeekInPhase(db, "demos");
    const [a, b] = await judgesFor(week, 2);
    const { demo } = await demoIn(week);
    await saveVotingSettings(db, org(), week.id, { judgesPerDemo: 2, normalise: true });
    expect((await runAssignment(db, org(), week.id)).ok).toBe(true);
    expect(await assignmentsOf(week.id)).toHaveLength(2);
    const removed = await removeJudge(db, org(), week.id, a?.id ?? 0);
    expect(removed.ok).toBe(true);
    const left = await assignmentsOf(week.id);
    expect(left.map((r) => r.judgeId)).toEqual([b?.id]);
    expect(left[0]?.demoId).toBe(demo.id);
    expect(await removeJudge(db, org(), week.id, a?.id ?? 0)).toMatchObject({ ok: false, status: 404 });
  });
});

describe("criteria", () => {
  it("validates name, description, weight and scale", async () => {
    const week = await createWeekInPhase(db, "demos");
    const cases: Array<[Partial<ReturnType<typeof criterion>>, string]> = [
      [{ name: "   " }, "name"],
      [{ name: "x".repeat(61) }, "name"],
      [{ description: "d".repeat(301) }, "description"],
      [{ weight: 0.05 }, "weight"],
      [{ weight: 10.5 }, "weight"],
      [{ weight: Number.NaN }, "weight"],
      [{ scaleMin: 3, scaleMax: 3 }, "scaleMax"],
      [{ scaleMin: 5, scaleMax: 1 }, "scaleMax"],
      [{ scaleMin: 0, scaleMax: 21 }, "scaleMax"],
      [{ scaleMin: 1.5 }, "scaleMin"],
    ];
    for (const [overrides, field] of cases) {
      const outcome = await createCriterion(db, org(), week.id, criterion(overrides));
      expect(outcome, JSON.stringify(overrides)).toMatchObject({ ok: false, status: 400, field });
    }
    expect(await listCriteria(db, week.id)).toHaveLength(0);
    const edge = await createCriterion(
      db,
      org(),
      week.id,
      criterion({ name: "x".repeat(60), weight: 0.1, scaleMin: 0, scaleMax: 20 }),
    );
    expect(edge.ok).toBe(true);
    const heavy = await createCriterion(db, org(), week.id, criterion({ weight: 10 }));
    expect(heavy.ok).toBe(true);
  });

  it("the form schema refuses the same bad input with field messages", () => {
    const parse = (v: Record<string, string>) =>
      CriterionSchema.safeParse({ name: "Impact", weight: "1", scaleMin: "1", scaleMax: "5", ...v });
    expect(parse({}).success).toBe(true);
    expect(parse({ weight: "1.5" }).data?.weight).toBe(1.5);
    const bads: Array<Record<string, string>> = [
      { name: "" },
      { name: "n".repeat(61) },
      { weight: "0" },
      { weight: "11" },
      { weight: "abc" },
      { scaleMax: "1" },
      { scaleMax: "30" },
      { scaleMin: "1.5" },
    ];
    for (const bad of bads) {
      expect(parse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const admin = VotingAdminActionSchema.safeParse({ intent: "settings", judgesPerDemo: "11" });
    expect(admin.success).toBe(false);
    expect(VotingAdminActionSchema.safeParse({ intent: "settings", judgesPerDemo: "0" }).success).toBe(false);
    expect(VotingAdminActionSchema.safeParse({ intent: "settings", judgesPerDemo: "4", normalise: "on" }).data).toEqual({
      intent: "settings",
      judgesPerDemo: 4,
      normalise: true,
    });
  });

  it("names are unique per week case-insensitively; update, reorder and delete work and are audited", async () => {
    const week = await createWeekInPhase(db, "demos");
    const other = await createWeekInPhase(db, "demos");
    const first = await createCriterion(db, org(), week.id, criterion({ name: "Impact" }));
    if (!first.ok) throw new Error(first.message);
    expect(await createCriterion(db, org(), week.id, criterion({ name: " impact " }))).toMatchObject({
      ok: false,
      status: 409,
      field: "name",
    });
    expect((await createCriterion(db, org(), other.id, criterion({ name: "IMPACT" }))).ok).toBe(true);
    const second = await createCriterion(db, org(), week.id, criterion({ name: "Execution" }));
    if (!second.ok) throw new Error(second.message);
    expect(await updateCriterion(db, org(), second.value.id, criterion({ name: "IMPACT" }))).toMatchObject({
      ok: false,
      status: 409,
    });
    const updated = await updateCriterion(
      db,
      org(),
      second.value.id,
      criterion({ name: "Delivery", weight: 2, scaleMin: 0, scaleMax: 10 }),
    );
    expect(updated.ok).toBe(true);
    expect(await updateCriterion(db, org(), 2_000_000_000, criterion())).toMatchObject({ ok: false, status: 404 });

    expect((await listCriteria(db, week.id)).map((c) => c.name)).toEqual(["Impact", "Delivery"]);
    expect((await moveCriterion(db, org(), second.value.id, "up")).ok).toBe(true);
    expect((await listCriteria(db, week.id)).map((c) => c.name)).toEqual(["Delivery", "Impact"]);
    expect((await moveCriterion(db, org(), second.value.id, "up")).ok).toBe(true); // already first: no change
    expect((await listCriteria(db, week.id)).map((c) => c.name)).toEqual(["Delivery", "Impact"]);

    expect((await deleteCriterion(db, org(), first.value.id)).ok).toBe(true);
    const left = await listCriteria(db, week.id);
    expect(left.map((c) => [c.name, c.weight, c.scaleMin, c.scaleMax])).toEqual([["Delivery", 2, 0, 10]]);
    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, String(second.value.id)));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["criterion.created", "criterion.updated", "criterion.moved"]),
    );
  });

  it("adds the default set once; a second click skips existing names", async () => {
    const week = await createWeekInPhase(db, "demos");
    await createCriterion(db, org(), week.id, criterion({ name: "impact", weight: 3 }));
    const first = await addDefaultCriteria(db, org(), week.id);
    expect(first).toEqual({ ok: true, value: { created: 4, skipped: 1 } });
    const again = await addDefaultCriteria(db, org(), week.id);
    expect(again).toEqual({ ok: true, value: { created: 0, skipped: 5 } });
    const names = (await listCriteria(db, week.id)).map((c) => c.name);
    expect(names).toEqual(["impact", "Ingenuity", "Execution", "Cross-department collaboration", "Growth (stretch)"]);
    expect(DEFAULT_CRITERIA.every((c) => c.scaleMin === 1 && c.scaleMax === 5)).toBe(true);
  });
});

describe("settings", () => {
  it("judges per demo is 1–10; it freezes once voting opens; normalise can still change", async () => {
    const week = await createWeekInPhase(db, "demos");
    expect(await getVotingSettings(db, week.id)).toMatchObject({ judgesPerDemo: 3, normalise: true });
    expect(await saveVotingSettings(db, org(), week.id, { judgesPerDemo: 0, normalise: true })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await saveVotingSettings(db, org(), week.id, { judgesPerDemo: 11, normalise: true })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect((await saveVotingSettings(db, org(), week.id, { judgesPerDemo: 4, normalise: false })).ok).toBe(true);
    expect(await getVotingSettings(db, week.id)).toMatchObject({ judgesPerDemo: 4, normalise: false });

    const voting = await createWeekInPhase(db, "voting");
    expect(await saveVotingSettings(db, org(), voting.id, { judgesPerDemo: 2, normalise: true })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect((await saveVotingSettings(db, org(), voting.id, { judgesPerDemo: 3, normalise: false })).ok).toBe(true);
  });
});

describe("conflicts", () => {
  it("finds members, accepted mentors and declared conflicts in one query; pending mentors are not conflicts", async () => {
    const week = await createWeekInPhase(db, "demos");
    const [member, mentor, pending, declarer, clean] = await judgesFor(week, 5);
    if (!member || !mentor || !pending || !declarer || !clean) throw new Error("judges");
    const { demo, team, lead } = await demoIn(week, { memberIds: [member.id] });
    const other = await demoIn(week);
    await db.insert(teamMentors).values([
      { teamId: team.id, userId: mentor.id, status: "accepted", requestedById: lead.id },
      { teamId: team.id, userId: pending.id, status: "pending", requestedById: lead.id },
    ]);
    expect((await declareConflict(db, { id: declarer.id }, other.demo.id, "My partner is on this team")).ok).toBe(true);

    const traced = tracedDatabase();
    try {
      const found = await conflictsFor(traced.db, week.id);
      expect(traced.queries.filter((q) => !q.text.includes("pg_catalog.pg_type"))).toHaveLength(1);
      expect(found).toEqual(
        expect.arrayContaining([
          { judgeId: member.id, demoId: demo.id, kind: "member", reason: "" },
          { judgeId: mentor.id, demoId: demo.id, kind: "mentor", reason: "" },
          { judgeId: declarer.id, demoId: other.demo.id, kind: "declared", reason: "My partner is on this team" },
        ]),
      );
      expect(found).toHaveLength(3);
      expect(await conflictsFor(traced.db, week.id, { judgeId: mentor.id, demoId: demo.id })).toHaveLength(1);
      expect(await conflictsFor(traced.db, week.id, { judgeId: clean.id })).toHaveLength(0);
    } finally {
      await traced.end();
    }
  });

  it("declaring a conflict removes the pair's assignment and ballot, audited; a reason is required", async () => {
    const week = await createWeekInPhase(db, "voting");
    const [judge] = await judgesFor(week, 1);
    if (!judge) throw new Error("judge");
    const { demo } = await demoIn(week);
    const name = `Impact ${uid()}`;
    const c = await createCriterion(db, org(), week.id, criterion({ name }));
    if (!c.ok) throw new Error(c.message);
    const beforeOpening = new Date(week.votingOpensAt.getTime() - HOUR);
    expect((await saveVotingSettings(db, org(), week.id, { judgesPerDemo: 1, normalise: true }, beforeOpening)).ok).toBe(true);
    expect((await runAssignment(db, org(), week.id, beforeOpening)).ok).toBe(true);
    expect(
      (await saveBallot(db, { id: judge.id }, demo.id, { scores: { [c.value.id]: 4 }, feedback: "", organiserNote: "" })).ok,
    ).toBe(true);

    expect(await declareConflict(db, { id: judge.id }, demo.id, " ")).toMatchObject({ ok: false, status: 400, field: "reason" });
    const stranger = await createUser(db);
    expect(await declareConflict(db, { id: stranger.id }, demo.id, "I know them")).toMatchObject({ ok: false, status: 403 });
    const declared = await declareConflict(db, { id: judge.id }, demo.id, "I used to manage the lead");
    expect(declared).toEqual({ ok: true, value: { demoId: demo.id, removedBallot: true } });
    expect(await assignmentsOf(week.id)).toHaveLength(0);
    expect(await db.select().from(ballots).where(eq(ballots.demoId, demo.id))).toHaveLength(0);
    const [row] = await db.select().from(judgeConflicts).where(eq(judgeConflicts.demoId, demo.id));
    expect(row?.reason).toBe("I used to manage the lead");
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "judge.conflict_declared"), eq(auditLog.targetId, String(demo.id))));
    expect(entry?.summary).toMatchObject({ before: { ballotScores: { [name]: 4 } }, after: { removedBallot: true } });
  });
});

describe("balanced assignment", () => {
  it("gives every demo exactly k non-conflicted judges, loads within one, deterministically", async () => {
    const week = await createWeekInPhase(db, "demos");
    const js = await judgesFor(week, 4);
    const [member, mentor] = js;
    if (!member || !mentor) throw new Error("judges");
    const made: Array<{ demo: DemoRow; team: { id: number } }> = [];
    for (let i = 0; i < 7; i++) made.push(await demoIn(week, { memberIds: i === 0 ? [member.id] : [], position: 7 - i }));
    const mentored = made[1];
    if (!mentored) throw new Error("demo");
    await db
      .insert(teamMentors)
      .values({ teamId: mentored.team.id, userId: mentor.id, status: "accepted", requestedById: mentor.id });

    await saveVotingSettings(db, org(), week.id, { judgesPerDemo: 2, normalise: true });
    const run = await runAssignment(db, org(), week.id);
    if (!run.ok) throw new Error(run.message);
    expect(run.value).toMatchObject({ ok: true, problems: [], assigned: 14 });
    const rows = await assignmentsOf(week.id);
    for (const { demo } of made) expect(rows.filter((r) => r.demoId === demo.id)).toHaveLength(2);
    const loads = js.map((j) => rows.filter((r) => r.judgeId === j.id).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(rows.some((r) => r.judgeId === member.id && r.demoId === made[0]?.demo.id)).toBe(false);
    expect(rows.some((r) => r.judgeId === mentor.id && r.demoId === mentored.demo.id)).toBe(false);

    const key = (rs: typeof rows) => rs.map((r) => `${r.judgeId}:${r.demoId}`).sort();
    const again = await runAssignment(db, org(), week.id);
    expect(again.ok).toBe(true);
    expect(key(await assignmentsOf(week.id))).toEqual(key(rows));

    const overview = await assignmentOverview(db, week.id);
    expect(overview.demos.every((d) => d.judges === 2)).toBe(true);
    expect(overview.judges.map((j) => j.load).sort()).toEqual([...loads].sort());
    expect(overview.assignedTotal).toBe(14);
    // Running order: position ascending (the last demo made has position 1).
    expect(overview.demos[0]?.id).toBe(made[6]?.demo.id);
  });

  it("reports problems when a demo cannot get k judges, and still assigns what it can", async () => {
    const week = await createWeekInPhase(db, "demos");
    const [a, b] = await judgesFor(week, 2);
    if (!a || !b) throw new Error("judges");
    const { demo } = await demoIn(week, { memberIds: [a.id] });
    await demoIn(week);
    await saveVotingSettings(db, org(), week.id, { judgesPerDemo: 2, normalise: true });
    const run = await runAssignment(db, org(), week.id);
    if (!run.ok) throw new Error(run.message);
    expect(run.value.ok).toBe(false);
    expect(run.value.problems).toEqual(expect.arrayContaining([expect.objectContaining({ demoId: demo.id })]));
    expect(run.value.assigned).toBe(3);
    const rows = await assignmentsOf(week.id);
    expect(rows.filter((r) => r.demoId === demo.id).map((r) => r.judgeId)).toEqual([b.id]);
  });

  it("is refused once voting has opened, and the assignment stays as it was", async () => {
    const week = await createWeekInPhase(db, "voting");
    await judgesFor(week, 2);
    await demoIn(week);
    const before = new Date(week.votingOpensAt.getTime() - HOUR);
    expect((await saveVotingSettings(db, org(), week.id, { judgesPerDemo: 2, normalise: true }, before)).ok).toBe(true);
    expect((await runAssignment(db, org(), week.id, before)).ok).toBe(true);
    const rows = await assignmentsOf(week.id);
    expect(rows).toHaveLength(2);
    const refused = await runAssignment(db, org(), week.id);
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(await assignmentsOf(week.id)).toEqual(rows);
  });
});

describe("locking after ballots exist", () => {
  it("refuses judge and criteria changes once any ballot exists, explaining why", async () => {
    const week = await createWeekInPhase(db, "voting");
    const [judge, other] = await judgesFor(week, 2);
    if (!judge || !other) throw new Error("judges");
    const { demo } = await demoIn(week);
    const c = await createCriterion(db, org(), week.id, criterion());
    if (!c.ok) throw new Error(c.message);
    const beforeOpening = new Date(week.votingOpensAt.getTime() - HOUR);
    expect((await saveVotingSettings(db, org(), week.id, { judgesPerDemo: 1, normalise: true }, beforeOpening)).ok).toBe(true);
    expect((await runAssignment(db, org(), week.id, beforeOpening)).ok).toBe(true);
    const [assigned] = await assignmentsOf(week.id);
    const scorer = assigned?.judgeId ?? judge.id;
    expect(
      (await saveBallot(db, { id: scorer }, demo.id, { scores: { [c.value.id]: 3 }, feedback: "", organiserNote: "" })).ok,
    ).toBe(true);
    const newcomer = await createUser(db);
    const refusals = [
      await addJudge(db, org(), week.id, { userId: newcomer.id }),
      await removeJudge(db, org(), week.id, other.id),
      await createCriterion(db, org(), week.id, criterion()),
      await updateCriterion(db, org(), c.value.id, criterion({ scaleMax: 10 })),
      await deleteCriterion(db, org(), c.value.id),
      await moveCriterion(db, org(), c.value.id, "down"),
      await addDefaultCriteria(db, org(), week.id),
    ];
    for (const r of refusals) expect(r).toEqual({ ok: false, status: 409, message: VOTING_CONFIG_LOCKED });
    expect(await listJudges(db, week.id)).toHaveLength(2);
    expect(await listCriteria(db, week.id)).toHaveLength(1);
  });
});
