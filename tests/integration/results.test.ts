import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  formatScore,
  PEOPLES_CHOICE_HEADER,
  peoplesChoiceCsv,
  peoplesChoiceRows,
  RESULTS_HEADER,
  resultsCsv,
  resultsRows,
  SCORES_HEADER,
  scoresCsv,
} from "~/voting/csv.server";
import {
  type Actor,
  computeResults,
  deleteAward,
  getPublishedResults,
  listAwards,
  publishResults,
  saveAward,
  saveResultSettings,
  teamFeedback,
  unpublishResults,
} from "~/voting/results.server";
import { getDb } from "~db/client";
import { auditLog, ballotScores, ballots, criteria, peoplesChoiceVotes, votingSettings, weeks } from "~db/schema";
import {
  createDemo,
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type DemoRow,
  type TestUser,
  type WeekRow,
} from "../support/factories";

const db = getDb();
const MINUTE = 60_000;

/** A minimal RFC 4180 reader (quotes, doubled quotes, CRLF), enough to read our own exports back. */
function parseCsv(text: string): string[][] {
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && input[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length) rows.push([...row, cell]);
  return rows;
}

type Fixture = {
  week: WeekRow;
  organiser: Actor;
  judgeA: TestUser;
  judgeB: TestUser;
  d1: DemoRow;
  d2: DemoRow;
  d3: DemoRow;
  impact: number;
  craft: number;
  members: Record<"d1" | "d2" | "d3", TestUser>;
  outsider: TestUser;
};

/**
 * 2 judges, 3 demos, 2 criteria (Impact ×2, Craft ×1, scale 1–5).
 *   judge A: D1 (5,5)=5   D2 (4,1)=3   D3 (1,4)=2
 *   judge B: D1 (3,3)=3   D2 (5,5)=5   D3 (4,4)=4
 * plus an incomplete ballot (judge B's colleague C scored only Impact on D3), which must not count.
 */
async function buildWeek(phase: "voting" | "results" = "results"): Promise<Fixture> {
  const week = await createWeekInPhase(db, phase);
  const org = await createUser(db, { roles: ["organiser"] });
  const [judgeA, judgeB, judgeC, outsider] = await Promise.all([
    createUser(db, { name: "Judge Alpha" }),
    createUser(db, { name: "Judge Beta" }),
    createUser(db, { name: "Judge Gamma" }),
    createUser(db),
  ]);
  const [impact, craft] = await db
    .insert(criteria)
    .values([
      { weekId: week.id, name: "Impact", weight: 2, position: 0 },
      { weekId: week.id, name: "Craft", weight: 1, position: 1 },
    ])
    .returning({ id: criteria.id });
  if (!impact || !craft) throw new Error("criteria not inserted");
  const base = week.demoDeadlineAt.getTime() - 60 * MINUTE;
  const makeDemo = async (n: number) => {
    const lead = await createUser(db);
    const idea = await createIdea(db, { weekId: week.id, author: lead });
    const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id, name: `Team ${n} ${week.slug}` });
    const demo = await createDemo(db, {
      weekId: week.id,
      teamId: team.id,
      title: `Demo ${n}, "quoted"`,
      submittedAt: new Date(base + n * MINUTE),
    });
    return { lead, demo };
  };
  const one = await makeDemo(1);
  const two = await makeDemo(2);
  const three = await makeDemo(3);
  const ballot = async (judge: TestUser, demo: DemoRow, values: [number, number] | [number], feedback = "") => {
    const [b] = await db.insert(ballots).values({ weekId: week.id, judgeId: judge.id, demoId: demo.id, feedback }).returning();
    if (!b) throw new Error("ballot not inserted");
    await db
      .insert(ballotScores)
      .values(values.map((value, i) => ({ ballotId: b.id, criterionId: (i === 0 ? impact : craft).id, value })));
  };
  await ballot(judgeB, one.demo, [3, 3], "Beta says: polish the UI.");
  await ballot(judgeA, one.demo, [5, 5], "Alpha says: great impact.");
  await ballot(judgeA, two.demo, [4, 1]);
  await ballot(judgeA, three.demo, [1, 4]);
  await ballot(judgeB, two.demo, [5, 5]);
  await ballot(judgeB, three.demo, [4, 4]);
  await ballot(judgeC, three.demo, [5]);
  return {
    week,
    organiser: { id: org.id, isOrganiser: true },
    judgeA,
    judgeB,
    d1: one.demo,
    d2: two.demo,
    d3: three.demo,
    impact: impact.id,
    craft: craft.id,
    members: { d1: one.lead, d2: two.lead, d3: three.lead },
    outsider,
  };
}

const s14 = Math.sqrt(14);
const s15 = Math.sqrt(1.5);

describe("computeResults", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await buildWeek();
  });

  it("normalises per judge by default and ranks with the declared tie-breaks", async () => {
    const r = await computeResults(db, f.week.id);
    expect(r.normalise).toBe(true);
    expect(r.method).toMatch(/normalised/);
    expect(r.overall.map((x) => x.demoId)).toEqual([f.d2.id, f.d1.id, f.d3.id]);
    const [first, second, third] = r.overall;
    // Judge A: μ=10/3, σ=√14/3 → z = 5/√14, −1/√14, −4/√14; judge B: μ=4, σ=√(2/3) → z = −√1.5, √1.5, 0.
    expect(first?.score).toBeCloseTo((-1 / s14 + s15) / 2, 12);
    expect(second?.score).toBeCloseTo((5 / s14 - s15) / 2, 12);
    expect(third?.score).toBeCloseTo(-4 / s14 / 2, 12);
    expect(r.overall.map((x) => x.rawMean)).toEqual([4, 4, 3]);
    // Judge C's half-filled ballot does not count.
    expect(r.overall.map((x) => x.judges)).toEqual([2, 2, 2]);
    expect(r.overall.every((x) => x.tieBreak === null)).toBe(true);
    expect(first).toMatchObject({ title: 'Demo 2, "quoted"', team: `Team 2 ${f.week.slug}`, teamId: f.d2.teamId });
  });

  it("uses raw means when switched off, where D1 and D2 tie and Impact decides", async () => {
    const week = await buildWeek();
    expect(await saveResultSettings(db, week.organiser, week.week.id, { normalise: false, showFullRanking: false })).toEqual({
      ok: true,
      value: { weekId: week.week.id },
    });
    const r = await computeResults(db, week.week.id);
    expect(r).toMatchObject({ normalise: false, showFullRanking: false });
    expect(r.method).toMatch(/not normalised/);
    expect(r.overall.map((x) => [x.demoId, x.score, x.tieBreak])).toEqual([
      // Raw 4 and 4: same raw mean, one first place each, then Impact means 4.5 against 4.
      [week.d2.id, 4, null],
      [week.d1.id, 4, "Tied on score; higher mean on Impact"],
      [week.d3.id, 3, null],
    ]);
  });

  it("computes every kind of award", async () => {
    const week = await buildWeek();
    const w = week.week.id;
    const o = week.organiser;
    const saved = [
      await saveAward(db, o, w, { name: "Best demo", kind: "judged" }),
      await saveAward(db, o, w, { name: "Best craft", kind: "criterion", criterionId: week.craft }),
      await saveAward(db, o, w, { name: "People's choice", kind: "peoples_choice" }),
      await saveAward(db, o, w, {
        name: "Jury award",
        kind: "manual",
        manualDemoId: week.d1.id,
        citation: "For the bravest idea.",
      }),
    ];
    expect(saved.every((s) => s.ok)).toBe(true);
    const voters = await Promise.all([createUser(db), createUser(db), createUser(db)]);
    await db.insert(peoplesChoiceVotes).values([
      { weekId: w, userId: voters[0].id, demoId: week.d3.id },
      { weekId: w, userId: voters[1].id, demoId: week.d3.id },
      { weekId: w, userId: voters[2].id, demoId: week.d1.id },
    ]);

    const r = await computeResults(db, w);
    expect(r.awards.map((a) => [a.name, a.kind, a.winners.map((x) => x.demoId)])).toEqual([
      ["Best demo", "judged", [week.d2.id]],
      // On Craft alone, normalised: A z ≈ 0.98, −1.37, 0.39 and B −1.22, 1.22, 0 → D3 first.
      ["Best craft", "criterion", [week.d3.id]],
      ["People's choice", "peoples_choice", [week.d3.id]],
      ["Jury award", "manual", [week.d1.id]],
    ]);
    const [, craft, pc, jury] = r.awards;
    expect(craft?.criterionName).toBe("Craft");
    expect(craft?.ranking.map((x) => x.demoId)).toEqual([week.d3.id, week.d2.id, week.d1.id]);
    expect(craft?.ranking.map((x) => x.rawMean)).toEqual([4, 3, 4]);
    expect(pc?.ranking.map((x) => [x.demoId, x.votes, x.tieBreak])).toEqual([
      [week.d3.id, 2, null],
      [week.d1.id, 1, null],
      [week.d2.id, 0, null],
    ]);
    expect(pc?.winners[0]).toMatchObject({ demoId: week.d3.id, votes: 2, score: null });
    expect(jury).toMatchObject({ citation: "For the bravest idea.", tieBreak: null, note: null });
    expect(jury?.ranking).toHaveLength(1);
    expect(r.peoplesChoice.map((x) => x.votes)).toEqual([2, 1, 0]);

    // Raw means: on Craft D1 and D3 tie at 4; D1 has judge A's first place, so it wins, and says why.
    await saveResultSettings(db, o, w, { normalise: false, showFullRanking: true });
    const raw = await computeResults(db, w);
    const rawCraft = raw.awards[1];
    expect(rawCraft?.winners.map((x) => x.demoId)).toEqual([week.d1.id]);
    expect(rawCraft?.tieBreak).toBe("Tied on score; more first places");
  });

  it("has no winner without ballots or votes, and says so", async () => {
    const week = await createWeekInPhase(db, "results");
    const org: Actor = { id: (await createUser(db, { roles: ["organiser"] })).id, isOrganiser: true };
    await saveAward(db, org, week.id, { name: "Best demo", kind: "judged" });
    await saveAward(db, org, week.id, { name: "Crowd", kind: "peoples_choice" });
    const r = await computeResults(db, week.id);
    expect(r.awards.map((a) => a.winners)).toEqual([[], []]);
    expect(r.awards.map((a) => a.note)).toEqual([
      "No demo has a complete ballot yet.",
      "Nobody has cast a people's-choice vote.",
    ]);
  });

  it("reads everything in a fixed number of queries", async () => {
    const { tracedDatabase } = await import("../support/factories");
    const traced = tracedDatabase();
    try {
      await computeResults(traced.db, f.week.id);
      expect(traced.queries.filter((q) => !q.text.includes("pg_catalog.pg_type"))).toHaveLength(6);
    } finally {
      await traced.end();
    }
  });
});

describe("awards", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await buildWeek();
  });

  it("validates names, criteria, demos and citations of this week", async () => {
    const other = await buildWeek();
    const w = f.week.id;
    const o = f.organiser;
    expect(await saveAward(db, o, w, { name: "x".repeat(81), kind: "judged" })).toMatchObject({ status: 400, field: "name" });
    expect(await saveAward(db, o, w, { name: "By craft", kind: "criterion", criterionId: other.craft })).toMatchObject({
      status: 400,
      field: "criterionId",
    });
    expect(await saveAward(db, o, w, { name: "By craft", kind: "criterion" })).toMatchObject({ field: "criterionId" });
    expect(await saveAward(db, o, w, { name: "Jury", kind: "manual", manualDemoId: other.d1.id, citation: "Yes" })).toMatchObject(
      {
        status: 400,
        field: "manualDemoId",
      },
    );
    expect(await saveAward(db, o, w, { name: "Jury", kind: "manual", manualDemoId: f.d1.id })).toMatchObject({
      status: 400,
      field: "citation",
    });
    expect(
      await saveAward(db, o, w, { name: "Jury", kind: "manual", manualDemoId: f.d1.id, citation: "c".repeat(501) }),
    ).toMatchObject({ status: 400, field: "citation" });
    expect(await saveAward(db, { ...o, isOrganiser: false }, w, { name: "Mine", kind: "judged" })).toMatchObject({ status: 403 });
    expect(await listAwards(db, w)).toEqual([]);
  });

  it("creates, edits and deletes, audited, only within the week", async () => {
    const w = f.week.id;
    const o = f.organiser;
    const created = await saveAward(db, o, w, { name: "Best demo", kind: "judged" });
    if (!created.ok) throw new Error(created.message);
    const second = await saveAward(db, o, w, { name: "Crowd", kind: "peoples_choice" });
    expect(second.ok).toBe(true);
    const edited = await saveAward(db, o, w, {
      id: created.value.id,
      name: "Best collaboration",
      kind: "criterion",
      criterionId: f.impact,
    });
    expect(edited).toEqual({ ok: true, value: { id: created.value.id } });
    const list = await listAwards(db, w);
    expect(list.map((a) => [a.name, a.kind, a.criterionId, a.position])).toEqual([
      ["Best collaboration", "criterion", f.impact, 0],
      ["Crowd", "peoples_choice", null, 1],
    ]);
    const other = await buildWeek();
    expect(await saveAward(db, o, other.week.id, { id: created.value.id, name: "Hijack", kind: "judged" })).toMatchObject({
      status: 404,
    });
    expect(await deleteAward(db, o, other.week.id, created.value.id)).toMatchObject({ status: 404 });
    expect(await deleteAward(db, { ...o, isOrganiser: false }, w, created.value.id)).toMatchObject({ status: 403 });
    expect(await deleteAward(db, o, w, created.value.id)).toEqual({ ok: true, value: { id: created.value.id } });
    expect((await listAwards(db, w)).map((a) => a.name)).toEqual(["Crowd"]);
    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, "award"), eq(auditLog.targetId, String(created.value.id))));
    expect(actions.map((a) => a.action).sort()).toEqual(["award.created", "award.deleted", "award.updated"]);
  });
});

describe("publishing", () => {
  const publishedAudits = async (weekId: number) =>
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "results.published"), eq(auditLog.targetId, String(weekId))));

  it("refuses a non-organiser with 403 and writes nothing", async () => {
    const f = await buildWeek();
    const outcome = await publishResults(db, { id: f.outsider.id, isOrganiser: false }, f.week.id);
    expect(outcome).toMatchObject({ ok: false, status: 403 });
    expect(await getPublishedResults(db, f.week.id)).toBeNull();
    expect(await db.select().from(votingSettings).where(eq(votingSettings.weekId, f.week.id))).toEqual([]);
    expect(await publishedAudits(f.week.id)).toEqual([]);
  });

  it("refuses while voting is open with 409 and writes nothing", async () => {
    const f = await buildWeek("voting");
    const outcome = await publishResults(db, f.organiser, f.week.id);
    expect(outcome).toMatchObject({ ok: false, status: 409 });
    if (!outcome.ok) expect(outcome.message).toMatch(/^Voting is still open until .+\.$/);
    expect(await getPublishedResults(db, f.week.id)).toBeNull();
    expect(await publishedAudits(f.week.id)).toEqual([]);
    const [week] = await db.select().from(weeks).where(eq(weeks.id, f.week.id));
    expect(week).toEqual(f.week);
  });

  it("freezes a snapshot that equals the computed results and the page data; republishing replaces it", async () => {
    const f = await buildWeek();
    await saveAward(db, f.organiser, f.week.id, { name: "Best demo", kind: "judged" });
    const now = new Date();
    const outcome = await publishResults(db, f.organiser, f.week.id, now);
    if (!outcome.ok) throw new Error(outcome.message);
    const published = await getPublishedResults(db, f.week.id);
    expect(published?.publishedAt).toEqual(now);
    expect(published?.publishedById).toBe(f.organiser.id);
    expect(published?.results).toEqual(outcome.value.results);
    expect(published?.results).toEqual(await computeResults(db, f.week.id, now));
    expect(await publishedAudits(f.week.id)).toHaveLength(1);

    // Settings are part of the snapshot: they are locked while published.
    expect(await saveResultSettings(db, f.organiser, f.week.id, { normalise: false, showFullRanking: true })).toMatchObject({
      status: 409,
    });

    // A late award shows only after publishing again.
    await saveAward(db, f.organiser, f.week.id, { name: "Crowd", kind: "peoples_choice" });
    expect((await getPublishedResults(db, f.week.id))?.results.awards).toHaveLength(1);
    const later = new Date(now.getTime() + 1000);
    expect((await publishResults(db, f.organiser, f.week.id, later)).ok).toBe(true);
    const again = await getPublishedResults(db, f.week.id);
    expect(again?.publishedAt).toEqual(later);
    expect(again?.results.awards.map((a) => a.name)).toEqual(["Best demo", "Crowd"]);
    expect(await publishedAudits(f.week.id)).toHaveLength(2);

    expect(await unpublishResults(db, { ...f.organiser, isOrganiser: false }, f.week.id)).toMatchObject({ status: 403 });
    expect(await unpublishResults(db, f.organiser, f.week.id)).toEqual({ ok: true, value: { weekId: f.week.id } });
    expect(await getPublishedResults(db, f.week.id)).toBeNull();
    expect(await unpublishResults(db, f.organiser, f.week.id)).toMatchObject({ status: 409 });
  });
});

describe("CSV exports", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await buildWeek();
    const o = f.organiser;
    await saveAward(db, o, f.week.id, { name: "Best demo", kind: "judged" });
    await saveAward(db, o, f.week.id, { name: "Best craft", kind: "criterion", criterionId: f.craft });
    await saveAward(db, o, f.week.id, { name: "=Crowd", kind: "peoples_choice" });
    await saveAward(db, o, f.week.id, { name: "Jury", kind: "manual", manualDemoId: f.d2.id, citation: "Line one,\nline two" });
    const voter = await createUser(db);
    await db.insert(peoplesChoiceVotes).values({ weekId: f.week.id, userId: voter.id, demoId: f.d1.id });
    const outcome = await publishResults(db, o, f.week.id);
    if (!outcome.ok) throw new Error(outcome.message);
  });

  it("results.csv read back matches the published snapshot row by row", async () => {
    const published = await getPublishedResults(db, f.week.id);
    if (!published) throw new Error("not published");
    const { results } = published;
    const text = resultsCsv(results);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(RESULTS_HEADER);
    const expected = [
      ...results.awards.flatMap((a) =>
        a.ranking.map((r) => ({ award: a.name, rank: r.rank, title: r.title, team: r.team, score: r.score, raw: r.rawMean, a })),
      ),
      ...results.overall.map((r) => ({
        award: "Full ranking",
        rank: r.rank,
        title: r.title,
        team: r.team,
        score: r.score,
        raw: r.rawMean,
        a: null,
      })),
    ];
    expect(rows).toHaveLength(expected.length);
    expect(rows.length).toBe(3 + 3 + 3 + 1 + 3);
    rows.forEach((row, i) => {
      const e = expected[i];
      if (!e) throw new Error("missing row");
      expect(row[0]).toBe(e.award.startsWith("=") ? `'${e.award}` : e.award);
      expect(Number(row[2])).toBe(e.rank);
      expect(row[4]).toBe(e.title);
      expect(row[5]).toBe(e.team);
      expect(row[6]).toBe(formatScore(e.score));
      expect(row[7]).toBe(formatScore(e.raw));
      expect(row[3]).toBe(e.a?.winners.some((w) => w.title === e.title) ? "yes" : "");
    });
    // The winner rows are the winners the page names; the citation survives commas and newlines.
    const jury = rows.find((r) => r[0] === "Jury");
    expect(jury?.[11]).toBe("Line one,\nline two");
    expect(rows.filter((r) => r[3] === "yes").map((r) => r[0])).toEqual(["Best demo", "Best craft", "'=Crowd", "Jury"]);
    // The stringified rows are exactly the ones the builder used.
    expect(rows).toEqual(resultsRows(results).map((r) => r.map(String)));
  });

  it("peoples-choice.csv matches the snapshot", async () => {
    const published = await getPublishedResults(db, f.week.id);
    if (!published) throw new Error("not published");
    const [header, ...rows] = parseCsv(peoplesChoiceCsv(published.results));
    expect(header).toEqual(PEOPLES_CHOICE_HEADER);
    expect(rows).toEqual(peoplesChoiceRows(published.results).map((r) => r.map(String)));
    expect(rows.map((r) => [r[1], r[3]])).toEqual([
      [f.d1.title, "1"],
      [f.d2.title, "0"],
      [f.d3.title, "0"],
    ]);
    expect(rows[2]?.[4]).toBe("Tied on votes; earlier submission");
  });

  it("scores.csv lists every saved score, complete ballots or not", async () => {
    const [header, ...rows] = parseCsv(await scoresCsv(db, f.week.id));
    expect(header).toEqual(SCORES_HEADER);
    expect(rows).toHaveLength(6 * 2 + 1);
    const alphaD1 = rows.filter((r) => r[0] === "Judge Alpha" && r[2] === f.d1.title);
    expect(alphaD1.map((r) => [r[4], r[5]])).toEqual([
      ["Impact", "5"],
      ["Craft", "5"],
    ]);
    expect(rows.filter((r) => r[0] === "Judge Gamma").map((r) => [r[4], r[5]])).toEqual([["Impact", "5"]]);
    expect(rows.every((r) => !Number.isNaN(Date.parse(r[6] ?? "")))).toBe(true);
  });
});

describe("teamFeedback", () => {
  it("shows the judges' feedback anonymised, to members only, once published", async () => {
    const f = await buildWeek();
    const member = f.members.d1;
    const before = await teamFeedback(db, member.id, f.d1.teamId);
    expect(before).toMatchObject({ ok: false, status: 409 });

    expect((await publishResults(db, f.organiser, f.week.id)).ok).toBe(true);
    expect(await teamFeedback(db, f.outsider.id, f.d1.teamId)).toMatchObject({ ok: false, status: 403 });
    expect(await teamFeedback(db, f.members.d2.id, f.d1.teamId)).toMatchObject({ ok: false, status: 403 });
    expect(await teamFeedback(db, member.id, 2_000_000_000)).toMatchObject({ ok: false, status: 404 });

    const outcome = await teamFeedback(db, member.id, f.d1.teamId);
    if (!outcome.ok) throw new Error(outcome.message);
    // Ordered by ballot: judge Beta saved first. No names, no ids.
    expect(outcome.value).toEqual({
      demoId: f.d1.id,
      title: f.d1.title,
      items: [
        { judge: "Judge 1", feedback: "Beta says: polish the UI." },
        { judge: "Judge 2", feedback: "Alpha says: great impact." },
      ],
    });
    expect(JSON.stringify(outcome.value)).not.toMatch(/Judge (Alpha|Beta)/);

    // A team whose judges wrote nothing gets an empty list.
    const empty = await teamFeedback(db, f.members.d2.id, f.d2.teamId);
    expect(empty).toMatchObject({ ok: true, value: { items: [] } });
  });
});
