import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPortfolio } from "~/people/portfolio.server";
import { portfolioMarkdown } from "~/people/portfolio-markdown";
import { getDb } from "~db/client";
import { awards, awardWinners, demoReflections, impactMeasurements, kudos, nominations, outcomeUpdates, users } from "~db/schema";
import {
  createDemo,
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type TestUser,
  tracedDatabase,
  uid,
  type WeekRow,
} from "../support/factories";

const db = getDb();

let person: TestUser;
let teammate: TestUser;
let stranger: TestUser;
let week: WeekRow;
let demoId: number;
let teamId: number;
let awardName: string;

const viewerOf = (u: { id: number }, roles: string[] = []) => ({ id: u.id, roles });

beforeAll(async () => {
  [person, teammate, stranger] = [await createUser(db), await createUser(db), await createUser(db)];
  await db
    .update(users)
    .set({ skills: ["go"], stretchGoals: ["rust"] })
    .where(eq(users.id, person.id));
  week = await createWeekInPhase(db, "archived");
  const idea = await createIdea(db, { weekId: week.id, author: person, title: `Portfolio idea ${uid()}` });
  const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: person.id, memberIds: [teammate.id] });
  teamId = team.id;
  const demo = await createDemo(db, { weekId: week.id, teamId: team.id, title: `Flags *gone* ${uid()}` });
  demoId = demo.id;
  awardName = `Best in show ${uid()}`;
  const [award] = await db.insert(awards).values({ weekId: week.id, name: awardName, kind: "judged" }).returning();
  if (!award) throw new Error("no award");
  await db.insert(awardWinners).values({ awardId: award.id, demoId, weekId: week.id, awardName });
  await db
    .insert(demoReflections)
    .values({ demoId, userId: person.id, stretchGoal: "rust", reflection: "Wrote my first Rust.\nIt compiled." });
  await db.insert(outcomeUpdates).values([
    { demoId, status: "prototype", happenedOn: "2025-01-10", authorId: person.id },
    { demoId, status: "shipped", happenedOn: "2025-03-01", note: "Live", authorId: person.id },
  ]);
  await db.insert(impactMeasurements).values([
    { demoId, kind: "hours_saved", value: 300, measuredOn: "2025-02-01", authorId: person.id },
    { demoId, kind: "hours_saved", value: 1200, baseline: 0, measuredOn: "2025-06-01", authorId: person.id },
  ]);
  // Nominations: one accepted (of the person), one accepted of their team, one still new, one declined.
  await db.insert(nominations).values([
    {
      nominatorId: stranger.id,
      nomineeUserId: person.id,
      kind: "talk",
      reason: "A talk everyone should hear, truly.",
      status: "accepted",
    },
    {
      nominatorId: stranger.id,
      nomineeTeamId: teamId,
      weekId: week.id,
      kind: "all_hands_demo",
      reason: "The whole team earned the stage.",
      status: "done",
    },
    {
      nominatorId: stranger.id,
      nomineeUserId: person.id,
      kind: "leadership",
      reason: "Still being considered by organisers.",
      status: "new",
    },
    {
      nominatorId: teammate.id,
      nomineeUserId: person.id,
      kind: "award",
      reason: "Declined one that must stay private.",
      status: "declined",
    },
  ]);
  await db.insert(kudos).values([
    { authorId: stranger.id, userId: person.id, message: "Thanks for the *review*" },
    { authorId: stranger.id, teamId, message: "Great team work" },
    { authorId: stranger.id, demoId, message: "Loved the demo" },
    { authorId: stranger.id, userId: person.id, message: "Removed one", deletedAt: new Date() },
  ]);
});

describe("loadPortfolio", () => {
  it("shows the week's demo with its awards, latest outcome and latest impact, and the person's reflection", async () => {
    const p = await loadPortfolio(db, viewerOf(stranger), person.id);
    const entry = p?.weeks.find((w) => w.week.slug === week.slug);
    expect(entry?.team).toMatchObject({ id: teamId, role: "lead" });
    expect(entry?.demo).toMatchObject({ id: demoId, outcomeStatus: "shipped", awards: [awardName] });
    expect(entry?.demo?.impact).toEqual([
      { kind: "hours_saved", metric: "", unit: "", baseline: 0, value: 1200, measuredOn: "2025-06-01" },
    ]);
    expect(entry?.reflection).toEqual({ stretchGoal: "rust", text: "Wrote my first Rust.\nIt compiled." });
    // The teammate's portfolio shows the same demo, but no reflection of theirs.
    const mate = await loadPortfolio(db, viewerOf(stranger), teammate.id);
    const mateEntry = mate?.weeks.find((w) => w.week.slug === week.slug);
    expect(mateEntry?.demo?.id).toBe(demoId);
    expect(mateEntry?.reflection).toBeNull();
  });

  it("lists only accepted and done nominations (of the person or their team), and kudos that were not removed", async () => {
    const p = await loadPortfolio(db, viewerOf(stranger), person.id);
    expect(p?.nominations.map((n) => n.kind).sort()).toEqual(["all_hands_demo", "talk"]);
    expect(p?.kudos.map((k) => k.message).sort()).toEqual(["Great team work", "Loved the demo", "Thanks for the *review*"]);
  });

  it("shows the email to the person and organisers only, and is null for an unknown person", async () => {
    expect((await loadPortfolio(db, viewerOf(stranger), person.id))?.person.email).toBeNull();
    expect((await loadPortfolio(db, viewerOf(person), person.id))?.person.email).toBe(person.email);
    expect((await loadPortfolio(db, viewerOf(stranger, ["organiser"]), person.id))?.person.email).toBe(person.email);
    expect(await loadPortfolio(db, viewerOf(stranger), 2_000_000_000)).toBeNull();
  });
});

describe("loadPortfolio's cost", () => {
  it("takes six queries for a person with a demo, awards, impact, nominations and kudos (the page adds session and bell)", async () => {
    const traced = tracedDatabase();
    try {
      await traced.db.execute(sql`select 1`);
      traced.reset();
      const p = await loadPortfolio(traced.db, viewerOf(stranger), person.id);
      expect(p?.kudosPanel.kudos.map((k) => k.message)).toEqual(["Thanks for the *review*"]);
      expect(p?.kudosPanel.canGive).toBe(true);
      // postgres.js reads the type catalogue once per new connection; those are not the portfolio's queries.
      expect(traced.queries.filter((q) => !q.text.includes("pg_catalog.pg_type"))).toHaveLength(6);
      expect((await loadPortfolio(traced.db, viewerOf(person), person.id))?.kudosPanel.canGive).toBe(false);
    } finally {
      await traced.end();
    }
  });
});

describe("portfolioMarkdown", () => {
  it("exports the portfolio with headings, absolute links and escaped text", async () => {
    const p = await loadPortfolio(db, viewerOf(stranger), person.id);
    if (!p) throw new Error("no portfolio");
    const md = portfolioMarkdown(p, "https://expedition.example");
    expect(md).toMatch(/^# Exploration portfolio: /);
    expect(md).toContain(`## ${week.name}`);
    expect(md).toContain(`(https://expedition.example/demos/${demoId})`);
    // The title "Flags *gone*" prints as typed, not as emphasis.
    expect(md).toContain("Flags \\*gone\\*");
    expect(md).toContain(`Awards: ${awardName}`);
    expect(md).toContain("Outcome: Shipped / adopted");
    expect(md).toContain("Impact: Hours saved per year: 1,200 hours/year (baseline 0), measured 2025-06-01");
    expect(md).toContain("- **Stretch goal:** rust\n\n> Wrote my first Rust.\n> It compiled.");
    expect(md).toContain("## Nominations");
    expect(md).toContain("**Talk**");
    expect(md).not.toContain("Declined one that must stay private");
    expect(md).not.toContain("Still being considered");
    expect(md).toContain("## Kudos");
    expect(md).toContain("“Thanks for the \\*review\\*”");
    expect(md).not.toContain("Removed one");
  });
});
