import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pastWeeks } from "~/archive/archive.server";
import { weekShowcase } from "~/archive/showcase.server";
import {
  emptyOutcomes,
  formatShare,
  impactHeadlines,
  type OutcomeCounts,
  STAT_DEFINITIONS,
  type WeekStats,
} from "~/archive/stats";
import { archiveStatistics, weekStatistics } from "~/archive/stats.server";
import type { Database } from "~db/client";
import { teams } from "~db/schema";
import {
  addAwardWinner,
  addMentor,
  addReflection,
  createPastWeek,
  createProject,
  createVotingWeek,
  measureImpact,
  recordOutcome,
} from "../support/archive-factories";
import {
  createDepartment,
  createIdea,
  createScratchDatabase,
  createUser,
  type DepartmentRow,
  type TestUser,
  tracedDatabase,
  uid,
  type WeekRow,
} from "../support/factories";

/**
 * Every statistic is computed twice: by the app (SQL) and here, in plain TypeScript, from a ledger of the
 * rows this test created. A fresh database, so totals across weeks are exactly this file's rows.
 */
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Database;

type Ledger = {
  ideas: Array<{ weekId: number; authorId: number; published: boolean }>;
  members: Array<{ weekId: number; teamId: number; userId: number }>;
  teams: Array<{ weekId: number; teamId: number }>;
  mentors: Array<{ weekId: number; teamId: number; userId: number; status: string }>;
  demos: Array<{ weekId: number; demoId: number; title: string }>;
  reflections: Array<{ demoId: number; stretchGoal: string }>;
  outcomes: Array<{ demoId: number; status: string; happenedOn: string; seq: number }>;
  impact: Array<{ demoId: number; kind: string; metric: string; unit: string; value: number; measuredOn: string; seq: number }>;
  awards: Array<{ weekId: number; demoId: number }>;
};
const ledger: Ledger = {
  ideas: [],
  members: [],
  teams: [],
  mentors: [],
  demos: [],
  reflections: [],
  outcomes: [],
  impact: [],
  awards: [],
};
const departmentOf = new Map<number, number>();
let seq = 0;

let deps: DepartmentRow[];
let older: WeekRow;
let newer: WeekRow;
let upcoming: WeekRow;
let emptyPast: WeekRow;
let author: TestUser;

async function person(dep: DepartmentRow) {
  const user = await createUser(db, { departmentId: dep.id });
  departmentOf.set(user.id, dep.id);
  return user;
}

async function project(week: WeekRow, lead: TestUser, members: TestUser[] = [], title = `Demo ${uid()}`) {
  const built = await createProject(db, { week, lead, members, demo: { title } });
  ledger.ideas.push({ weekId: week.id, authorId: lead.id, published: true });
  ledger.teams.push({ weekId: week.id, teamId: built.team.id });
  for (const m of [lead, ...members]) ledger.members.push({ weekId: week.id, teamId: built.team.id, userId: m.id });
  ledger.demos.push({ weekId: week.id, demoId: built.demo.id, title });
  return built;
}

async function mentor(week: WeekRow, teamId: number, user: TestUser, status: "pending" | "accepted" | "declined") {
  await addMentor(db, { teamId, userId: user.id, requestedById: author.id, status });
  ledger.mentors.push({ weekId: week.id, teamId, userId: user.id, status });
}

async function reflect(demoId: number, user: TestUser, stretchGoal: string) {
  await addReflection(db, { demoId, userId: user.id, stretchGoal });
  ledger.reflections.push({ demoId, stretchGoal });
}

async function outcome(
  demoId: number,
  status: "shipped" | "continued" | "prototype" | "learning" | "stopped",
  happenedOn: string,
) {
  await recordOutcome(db, { demoId, authorId: author.id, status, happenedOn });
  ledger.outcomes.push({ demoId, status, happenedOn, seq: ++seq });
}

async function impact(
  demoId: number,
  kind: "hours_saved" | "money_saved" | "people_reached" | "custom",
  value: number,
  measuredOn: string,
  extra: { metric?: string; unit?: string } = {},
) {
  await measureImpact(db, { demoId, authorId: author.id, kind, value, measuredOn, ...extra });
  ledger.impact.push({ demoId, kind, metric: extra.metric ?? "", unit: extra.unit ?? "", value, measuredOn, seq: ++seq });
}

async function award(week: WeekRow, demoId: number, name: string) {
  await addAwardWinner(db, { weekId: week.id, demoId, name });
  ledger.awards.push({ weekId: week.id, demoId });
}

// ---------------------------------------------------------------------------------------------
// The independent computation

const distinct = <T>(xs: T[]) => [...new Set(xs)];

function participantsOf(weekIds: number[]) {
  return distinct([
    ...ledger.ideas.filter((i) => weekIds.includes(i.weekId) && i.published).map((i) => i.authorId),
    ...ledger.members.filter((m) => weekIds.includes(m.weekId)).map((m) => m.userId),
  ]);
}

/** The latest of a list by date, then by insertion order (the database's id). */
function latest<T extends { seq: number }>(rows: T[], date: (r: T) => string): T | undefined {
  return [...rows].sort((a, b) => date(b).localeCompare(date(a)) || b.seq - a.seq)[0];
}

function expectedWeek(week: WeekRow): Omit<WeekStats, "startsAt" | "theme"> {
  const participants = participantsOf([week.id]);
  const teamRows = ledger.teams.filter((t) => t.weekId === week.id);
  const teamDepartments = teamRows.map((t) =>
    distinct(ledger.members.filter((m) => m.teamId === t.teamId).map((m) => departmentOf.get(m.userId))),
  );
  const withMembers = teamDepartments.filter((d) => d.length >= 1);
  const cross = withMembers.filter((d) => d.length >= 2).length;
  const demoIds = ledger.demos.filter((d) => d.weekId === week.id).map((d) => d.demoId);
  const outcomes: OutcomeCounts = emptyOutcomes();
  for (const demoId of demoIds) {
    const last = latest(
      ledger.outcomes.filter((o) => o.demoId === demoId),
      (o) => o.happenedOn,
    );
    outcomes[(last?.status ?? "none") as keyof OutcomeCounts] += 1;
  }
  // Impact: the latest measurement of every (demo, kind, metric) series.
  const series = new Map<string, Ledger["impact"]>();
  for (const m of ledger.impact.filter((i) => demoIds.includes(i.demoId))) {
    const key = `${m.demoId}/${m.kind}/${m.metric}`;
    series.set(key, [...(series.get(key) ?? []), m]);
  }
  const latestOfEach = [...series.values()].map((rows) => latest(rows, (r) => r.measuredOn)).filter((r) => r !== undefined);
  const sumOf = (kind: string) => latestOfEach.filter((m) => m.kind === kind).reduce((n, m) => n + m.value, 0);
  const money = new Map<string, number>();
  for (const m of latestOfEach.filter((m) => m.kind === "money_saved")) money.set(m.unit, (money.get(m.unit) ?? 0) + m.value);
  return {
    weekId: week.id,
    slug: week.slug,
    name: week.name,
    participants: participants.length,
    ideas: ledger.ideas.filter((i) => i.weekId === week.id && i.published).length,
    teams: withMembers.length,
    demos: demoIds.length,
    departments: distinct(participants.map((p) => departmentOf.get(p))).length,
    crossDepartmentTeams: cross,
    crossDepartmentShare: withMembers.length ? cross / withMembers.length : null,
    stretchGoals: ledger.reflections.filter((r) => demoIds.includes(r.demoId) && r.stretchGoal.trim() !== "").length,
    mentors: distinct(ledger.mentors.filter((m) => m.weekId === week.id && m.status === "accepted").map((m) => m.userId)).length,
    awards: ledger.awards.filter((a) => a.weekId === week.id).length,
    outcomes,
    impact: {
      hoursSaved: sumOf("hours_saved"),
      peopleReached: sumOf("people_reached"),
      money: [...money.entries()]
        .map(([currency, amount]) => ({ currency, amount }))
        .sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency)),
      custom: latestOfEach
        .filter((m) => m.kind === "custom")
        .map((m) => ({
          demoId: m.demoId,
          demoTitle: ledger.demos.find((d) => d.demoId === m.demoId)?.title ?? "",
          metric: m.metric,
          unit: m.unit,
          value: m.value,
        }))
        .sort((a, b) => a.metric.localeCompare(b.metric) || a.demoId - b.demoId),
    },
  };
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  scratch = await createScratchDatabase("archive_stats");
  db = scratch.db;
  deps = [];
  for (let i = 0; i < 4; i++) deps.push(await createDepartment(db));
  const [d0, d1, d2, d3] = deps as [DepartmentRow, DepartmentRow, DepartmentRow, DepartmentRow];
  author = await person(d3); // records outcomes and impact; takes part in nothing

  older = await createPastWeek(db, { daysAgo: 200, overrides: { name: "2025 H1" } });
  newer = await createPastWeek(db, { daysAgo: 20, overrides: { name: "2025 H2" } });
  upcoming = await createVotingWeek(db);
  emptyPast = await createPastWeek(db, { daysAgo: 400, overrides: { name: "Quiet week" } });

  // People: ada and ben (d0), cem (d1), dan (d1), eva (d2), fay (d0), gus (d2) — and mentors.
  const [ada, ben, cem, dan, eva, fay, gus] = [
    await person(d0),
    await person(d0),
    await person(d1),
    await person(d1),
    await person(d2),
    await person(d0),
    await person(d2),
  ] as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];
  const [mia, max, noa] = [await person(d3), await person(d3), await person(d1)] as [TestUser, TestUser, TestUser];

  // --- The older week: three teams, one idea without a team, a withdrawn idea, an empty team.
  const alpha = await project(older, ada, [cem, eva], "Alpha"); // d0, d1, d2: cross-department
  const beta = await project(older, ben, [fay], "Beta"); // d0 only
  const gamma = await project(older, dan, [], "Gamma"); // a team of one, d1
  await createIdea(db, { weekId: older.id, author: gus }); // gus pitched; no team
  ledger.ideas.push({ weekId: older.id, authorId: gus.id, published: true });
  const quitter = await person(d3); // pitched, then withdrew: not a participant, not an idea
  await createIdea(db, { weekId: older.id, author: quitter, status: "withdrawn", withdrawnAt: new Date() });
  ledger.ideas.push({ weekId: older.id, authorId: quitter.id, published: false });
  // A team whose last member left: not counted as a team.
  const orphanIdea = await createIdea(db, { weekId: older.id, author: cem });
  ledger.ideas.push({ weekId: older.id, authorId: cem.id, published: true });
  const [orphan] = await db
    .insert(teams)
    .values({ weekId: older.id, ideaId: orphanIdea.id, leadId: cem.id, name: `Team ${uid()}`, capacity: 4 })
    .returning({ id: teams.id });
  if (!orphan) throw new Error("no team");
  ledger.teams.push({ weekId: older.id, teamId: orphan.id });

  // Mentors: mia accepted on two teams (one person), max pending, noa declined then nothing.
  await mentor(older, alpha.team.id, mia, "accepted");
  await mentor(older, beta.team.id, mia, "accepted");
  await mentor(older, gamma.team.id, max, "pending");
  await mentor(older, alpha.team.id, noa, "declined");

  // Reflections: two stretch goals declared, one blank, one whitespace only.
  await reflect(alpha.demo.id, ada, "Learn Rust");
  await reflect(alpha.demo.id, cem, "Public speaking");
  await reflect(alpha.demo.id, eva, "");
  await reflect(beta.demo.id, ben, "   ");

  // Outcomes: alpha prototype then shipped (latest counts), beta stopped, gamma none.
  await outcome(alpha.demo.id, "prototype", "2025-03-01");
  await outcome(alpha.demo.id, "shipped", "2025-05-01");
  await outcome(beta.demo.id, "continued", "2025-04-01");
  await outcome(beta.demo.id, "stopped", "2025-02-01"); // recorded later, happened earlier: continued stays latest

  // Impact: an older, larger measurement that must not be summed; equal dates resolved by id.
  await impact(alpha.demo.id, "hours_saved", 5000, "2025-04-01");
  await impact(alpha.demo.id, "hours_saved", 1200.5, "2025-06-01");
  await impact(beta.demo.id, "hours_saved", 800, "2025-05-01");
  await impact(beta.demo.id, "hours_saved", 900, "2025-05-01"); // same day, later row: this one
  await impact(alpha.demo.id, "money_saved", 10000, "2025-06-01", { unit: "EUR" });
  await impact(beta.demo.id, "money_saved", 2500.25, "2025-06-01", { unit: "EUR" });
  await impact(gamma.demo.id, "money_saved", 300, "2025-06-01", { unit: "USD" });
  await impact(gamma.demo.id, "money_saved", 100, "2025-01-01", { unit: "USD" }); // older
  await impact(alpha.demo.id, "people_reached", 40, "2025-06-01");
  await impact(alpha.demo.id, "custom", 12, "2025-06-01", { metric: "Deploys per day", unit: "deploys/day" });
  await impact(alpha.demo.id, "custom", 3, "2025-03-01", { metric: "Deploys per day", unit: "deploys/day" }); // older
  await impact(gamma.demo.id, "custom", 99, "2025-06-01", { metric: "Flaky tests removed", unit: "tests" });

  await award(older, alpha.demo.id, "Best in show");
  await award(older, beta.demo.id, "People's choice");

  // --- The newer week: ada again (counted once across weeks), new people, one cross team.
  const hal = await person(d2);
  const delta = await project(newer, ada, [hal], "Delta"); // d0 + d2
  await mentor(newer, delta.team.id, mia, "accepted"); // mia again: once across weeks
  await reflect(delta.demo.id, hal, "Lead a demo");
  await outcome(delta.demo.id, "learning", "2025-12-01");
  await impact(delta.demo.id, "hours_saved", 2000, "2025-12-15");
  await impact(delta.demo.id, "money_saved", 700, "2025-12-15", { unit: "USD" });
  await award(newer, delta.demo.id, "Best in show");

  // --- A week still voting: everything here would change the numbers if it leaked.
  const leak = await createProject(db, { week: upcoming, lead: await person(d3), members: [gus] });
  await addMentor(db, { teamId: leak.team.id, userId: noa.id, requestedById: author.id });
  await addReflection(db, { demoId: leak.demo.id, userId: gus.id, stretchGoal: "Leak" });
  await recordOutcome(db, { demoId: leak.demo.id, authorId: author.id, status: "shipped", happenedOn: "2026-01-01" });
  await measureImpact(db, {
    demoId: leak.demo.id,
    authorId: author.id,
    kind: "hours_saved",
    value: 99999,
    measuredOn: "2026-01-01",
  });
  await addAwardWinner(db, { weekId: upcoming.id, demoId: leak.demo.id });
});

afterAll(async () => {
  await scratch?.drop();
});

describe("weekStatistics", () => {
  it("matches the independent computation for a busy week", async () => {
    const stats = await weekStatistics(db, older.id);
    expect(stats).toMatchObject(expectedWeek(older));
    expect(stats?.theme).toBe(older.theme);
    expect(stats?.startsAt).toBe(older.pitchingOpensAt.toISOString().replace(/\.\d{3}Z$/, "Z"));
  });

  it("has the hand-checked numbers too (the ledger itself could be wrong)", async () => {
    const stats = await weekStatistics(db, older.id);
    expect(stats).toMatchObject({
      participants: 7, // ada, ben, cem, dan, eva, fay, gus (not the one who withdrew)
      ideas: 5, // alpha, beta, gamma, gus's, the orphan team's
      teams: 3, // the team without members is not a team
      demos: 3,
      departments: 3,
      crossDepartmentTeams: 1,
      stretchGoals: 2,
      mentors: 1,
      awards: 2,
      outcomes: { shipped: 1, continued: 1, prototype: 0, learning: 0, stopped: 0, none: 1 },
    });
    expect(stats?.crossDepartmentShare).toBeCloseTo(1 / 3);
    expect(stats?.impact.hoursSaved).toBe(2100.5); // 1200.5 + 900, never the older 5000
    expect(stats?.impact.money).toEqual([
      { currency: "EUR", amount: 12500.25 },
      { currency: "USD", amount: 300 },
    ]);
    expect(stats?.impact.peopleReached).toBe(40);
    expect(stats?.impact.custom.map((c) => [c.metric, c.value])).toEqual([
      ["Deploys per day", 12],
      ["Flaky tests removed", 99],
    ]);
  });

  it("matches for the newer week, and a week with nothing is all zeros", async () => {
    expect(await weekStatistics(db, newer.id)).toMatchObject(expectedWeek(newer));
    const quiet = await weekStatistics(db, emptyPast.id);
    expect(quiet).toMatchObject({
      participants: 0,
      ideas: 0,
      teams: 0,
      demos: 0,
      departments: 0,
      crossDepartmentTeams: 0,
      crossDepartmentShare: null,
      stretchGoals: 0,
      mentors: 0,
      awards: 0,
      outcomes: emptyOutcomes(),
      impact: { hoursSaved: 0, peopleReached: 0, money: [], custom: [] },
    });
  });

  it("is null for a week that does not exist", async () => {
    expect(await weekStatistics(db, 2_000_000_000)).toBeNull();
  });

  it("follows a new measurement and a new outcome", async () => {
    const [before] = [await weekStatistics(db, newer.id)];
    const demoId = ledger.demos.find((d) => d.title === "Delta")?.demoId ?? 0;
    await impact(demoId, "hours_saved", 2500, "2026-01-10");
    await outcome(demoId, "shipped", "2026-01-10");
    const after = await weekStatistics(db, newer.id);
    expect(after?.impact.hoursSaved).toBe(2500);
    expect(after?.outcomes.shipped).toBe((before?.outcomes.shipped ?? 0) + 1);
    expect(after).toMatchObject(expectedWeek(newer));
  });
});

describe("archiveStatistics", () => {
  it("lists every past week oldest first with the same numbers as weekStatistics, and never the week still voting", async () => {
    const { weeks } = await archiveStatistics(db);
    expect(weeks.map((w) => w.weekId)).toEqual([emptyPast.id, older.id, newer.id]);
    for (const w of weeks) expect(w).toEqual(await weekStatistics(db, w.weekId));
  });

  it("counts people, departments and mentors once across weeks and sums the rest", async () => {
    const { totals } = await archiveStatistics(db);
    const weekIds = [older.id, newer.id, emptyPast.id];
    const perWeek = weekIds.map((id) => {
      const w = [older, newer, emptyPast].find((x) => x.id === id);
      if (!w) throw new Error("week");
      return expectedWeek(w);
    });
    const participants = participantsOf(weekIds);
    const sum = (pick: (w: ReturnType<typeof expectedWeek>) => number) => perWeek.reduce((n, w) => n + pick(w), 0);
    expect(totals).toMatchObject({
      weeks: 3,
      participants: participants.length,
      departments: distinct(participants.map((p) => departmentOf.get(p))).length,
      mentors: distinct(ledger.mentors.filter((m) => weekIds.includes(m.weekId) && m.status === "accepted").map((m) => m.userId))
        .length,
      ideas: sum((w) => w.ideas),
      teams: sum((w) => w.teams),
      demos: sum((w) => w.demos),
      crossDepartmentTeams: sum((w) => w.crossDepartmentTeams),
      stretchGoals: sum((w) => w.stretchGoals),
      awards: sum((w) => w.awards),
    });
    expect(totals.participants).toBe(8); // ada took part in both weeks
    expect(totals.mentors).toBe(1); // mia mentored in both
    expect(totals.impact.hoursSaved).toBe(2100.5 + 2500);
    expect(totals.impact.money).toEqual([
      { currency: "EUR", amount: 12500.25 },
      { currency: "USD", amount: 1000 },
    ]);
    expect(totals.crossDepartmentShare).toBeCloseTo(2 / 4);
  });

  it("writes the headline sentences leadership reads", async () => {
    const { weeks, totals } = await archiveStatistics(db);
    const lines = impactHeadlines(weeks, totals);
    expect(lines).toContain("Projects from 2025 H2 now save 2,500 hours a year and save $700 a year.");
    expect(lines).toContain(
      "Projects from 2025 H1 now save 2,101 hours a year, save €12,500 a year, save $300 a year and reach 40 people.",
    );
    expect(lines.at(-1)).toBe(
      "Across 3 weeks, projects now save 4,601 hours a year, save €12,500 a year, save $1,000 a year and reach 40 people.",
    );
    expect(formatShare(totals.crossDepartmentShare)).toBe("50%");
    expect(STAT_DEFINITIONS.map((d) => d.term)).toContain("Cross-department share");
  });

  it("uses three queries however many weeks there are; weekStatistics two", async () => {
    const traced = tracedDatabase(scratch.url, { max: 1 });
    try {
      await traced.db.execute("select 1");
      const appQueries = () => traced.queries.filter((q) => !q.text.includes("pg_catalog.pg_type"));
      traced.reset();
      await archiveStatistics(traced.db);
      expect(appQueries()).toHaveLength(3);
      const extra = await createPastWeek(db, { daysAgo: 500 });
      await project(extra, await person(deps[0] as DepartmentRow));
      traced.reset();
      const { weeks } = await archiveStatistics(traced.db);
      expect(weeks).toHaveLength(4);
      expect(appQueries()).toHaveLength(3);
      traced.reset();
      await weekStatistics(traced.db, older.id);
      expect(appQueries()).toHaveLength(2);
    } finally {
      await traced.end();
    }
  });
});

describe("the archive list and the week showcase", () => {
  it("pastWeeks lists past weeks newest first with their winners", async () => {
    const rows = await pastWeeks(db);
    const ids = rows.map((r) => r.week.id);
    expect(ids).not.toContain(upcoming.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    const olderRow = rows.find((r) => r.week.id === older.id);
    expect(olderRow?.winners.map((w) => [w.awardName, w.demoTitle])).toEqual([
      ["Best in show", "Alpha"],
      ["People's choice", "Beta"],
    ]);
    expect(olderRow?.resultsPublished).toBe(true);
  });

  it("weekShowcase: the week, its winners, every demo and its statistics; not yet for a week still voting", async () => {
    const showcase = await weekShowcase(db, older.slug);
    if (showcase.status !== "ok") throw new Error(`expected ok, got ${showcase.status}`);
    expect(showcase.demos.map((d) => d.title).sort()).toEqual(["Alpha", "Beta", "Gamma"]);
    expect(showcase.winners.map((w) => w.awardName)).toEqual(["Best in show", "People's choice"]);
    const alpha = showcase.demos.find((d) => d.title === "Alpha");
    expect(alpha).toMatchObject({ outcomeStatus: "shipped", awards: ["Best in show"], hoursSaved: 1200.5, votes: 0 });
    expect(alpha?.departments.map((d) => d.id).sort((a, b) => a - b)).toEqual(
      [deps[0]?.id, deps[1]?.id, deps[2]?.id].map(Number).sort((a, b) => a - b),
    );
    expect(showcase.stats).toEqual(await weekStatistics(db, older.id));
    expect((await weekShowcase(db, upcoming.slug)).status).toBe("pending");
    expect((await weekShowcase(db, `no-such-week-${uid()}`)).status).toBe("missing");
  });
});
