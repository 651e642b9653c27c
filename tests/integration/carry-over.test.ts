import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carryOver, loadIdeaPage, setFollow, type Viewer } from "~/ideas/ideas.server";
import type { Database } from "~db/client";
import { auditLog, ideaFollows, ideas, notifications } from "~db/schema";
import {
  createDemo,
  createDepartment,
  createIdea,
  createScratchDatabase,
  createTeam,
  createUser,
  createWeekInPhase,
  type IdeaRow,
  type TestUser,
  type WeekRow,
} from "../support/factories";

// carryOver targets the week featured across the whole database, so this file owns its database.
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Database;

let pitchingWeek: WeekRow;
let resultsWeek: WeekRow;
let archivedWeek: WeekRow;
let exploringWeek: WeekRow;
let author: TestUser;
let organiser: TestUser;
let stranger: TestUser;
let followers: TestUser[];

const as = (user: { id: number }, isOrganiser = false): Viewer => ({ id: user.id, isOrganiser });

async function ideaRow(id: number) {
  const [row] = await db.select().from(ideas).where(eq(ideas.id, id));
  if (!row) throw new Error(`idea ${id} is gone`);
  return row;
}

async function carriedCopies(fromId: number) {
  return db.select().from(ideas).where(eq(ideas.carriedFromId, fromId));
}

/** A results-week idea by `author` with the three followers, counted as the app counts them. */
async function pastIdea(overrides: Partial<Parameters<typeof createIdea>[1]> = {}): Promise<IdeaRow> {
  const idea = await createIdea(db, {
    weekId: resultsWeek.id,
    author,
    title: "Self-healing runbooks",
    summary: "Runbooks that fix the common pages themselves",
    problem: "On-call is **noisy**.",
    proposal: "Automate the top ten pages.",
    learning: "Operators",
    skills: ["go", "kubernetes"],
    tags: ["on-call"],
    peopleWanted: 3,
    ...overrides,
  });
  if (idea.status === "published") {
    await db.insert(ideaFollows).values(followers.map((f) => ({ ideaId: idea.id, userId: f.id })));
    await db.update(ideas).set({ followerCount: followers.length }).where(eq(ideas.id, idea.id));
  }
  return ideaRow(idea.id);
}

beforeAll(async () => {
  scratch = await createScratchDatabase("carry_over");
  db = scratch.db;
  [pitchingWeek, resultsWeek, archivedWeek, exploringWeek] = [
    await createWeekInPhase(db, "pitching", { name: "2026 H2" }),
    await createWeekInPhase(db, "results", { name: "2026 H1" }),
    await createWeekInPhase(db, "archived", { name: "2025 H2" }),
    await createWeekInPhase(db, "exploring", { name: "Side week" }),
  ];
  const department = await createDepartment(db);
  author = await createUser(db, { departmentId: department.id });
  organiser = await createUser(db, { roles: ["organiser"] });
  stranger = await createUser(db);
  followers = [await createUser(db), await createUser(db), await createUser(db)];
});

afterAll(async () => {
  await scratch?.drop();
});

describe("carryOver", () => {
  it("re-pitches a past idea into the week taking pitches, with its followers, notifications and an audit row", async () => {
    const old = await pastIdea();
    const outcome = await carryOver(db, { ...as(author), requestId: "req-carry" }, old.id);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const fresh = await ideaRow(outcome.value.id);
    expect(fresh).toMatchObject({
      weekId: pitchingWeek.id,
      carriedFromId: old.id,
      authorId: author.id,
      departmentId: author.departmentId,
      title: old.title,
      summary: old.summary,
      problem: old.problem,
      proposal: old.proposal,
      learning: old.learning,
      skills: old.skills,
      tags: old.tags,
      peopleWanted: old.peopleWanted,
      status: "published",
      followerCount: 3,
      commentCount: 0,
    });
    const follows = await db.select({ userId: ideaFollows.userId }).from(ideaFollows).where(eq(ideaFollows.ideaId, fresh.id));
    expect(follows.map((f) => f.userId).sort((a, b) => a - b)).toEqual(followers.map((f) => f.id).sort((a, b) => a - b));
    // The old idea keeps its followers.
    expect((await ideaRow(old.id)).followerCount).toBe(3);

    const sent = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "idea_carried_over"), eq(notifications.link, `/ideas/${fresh.id}`)));
    expect(sent.map((n) => n.userId).sort((a, b) => a - b)).toEqual(followers.map((f) => f.id).sort((a, b) => a - b));
    for (const n of sent) {
      expect(n).toMatchObject({ actorId: author.id, data: { ideaId: fresh.id, fromIdeaId: old.id } });
      expect(n.message).toContain("2026 H2");
    }

    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "idea.carried_over"), eq(auditLog.targetId, String(fresh.id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: author.id,
      targetType: "idea",
      requestId: "req-carry",
      summary: { after: { from: old.id, week: pitchingWeek.slug, followers: 3 } },
    });
  });

  it("refuses carrying the same idea twice (409), leaving one copy", async () => {
    const old = await pastIdea();
    expect((await carryOver(db, as(author), old.id)).ok).toBe(true);
    const again = await carryOver(db, as(author), old.id);
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect(await carriedCopies(old.id)).toHaveLength(1);
  });

  it("lets exactly one of 5 concurrent carry-overs succeed", async () => {
    const old = await pastIdea();
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => carryOver(db, as(author), old.id)));
    const values = outcomes.map((o) =>
      o.status === "fulfilled" ? o.value : { ok: false as const, status: 500, message: String(o.reason) },
    );
    expect(values.filter((v) => v.ok)).toHaveLength(1);
    expect(values.filter((v) => !v.ok).map((v) => (v.ok ? 0 : v.status))).toEqual([409, 409, 409, 409]);
    const copies = await carriedCopies(old.id);
    expect(copies).toHaveLength(1);
    const [follows] = await db
      .select({ n: count() })
      .from(ideaFollows)
      .where(eq(ideaFollows.ideaId, copies[0]?.id ?? 0));
    expect(follows?.n).toBe(3);
    const [sent] = await db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.kind, "idea_carried_over"), eq(notifications.link, `/ideas/${copies[0]?.id}`)));
    expect(sent?.n).toBe(3);
  });

  it("refuses someone who is neither the author nor an organiser (403)", async () => {
    const old = await pastIdea();
    expect(await carryOver(db, as(stranger), old.id)).toMatchObject({ ok: false, status: 403 });
    expect(await carryOver(db, as(followers[0] ?? stranger), old.id)).toMatchObject({ ok: false, status: 403 });
    expect(await carriedCopies(old.id)).toHaveLength(0);
  });

  it("lets an organiser carry someone's idea; it stays the author's", async () => {
    const old = await pastIdea();
    const outcome = await carryOver(db, as(organiser, true), old.id);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(await ideaRow(outcome.value.id)).toMatchObject({ authorId: author.id, carriedFromId: old.id, followerCount: 3 });
    const sent = await db
      .select()
      .from(notifications)
      .where(eq(notifications.link, `/ideas/${outcome.value.id}`));
    expect(sent).toHaveLength(3);
    expect(sent.every((n) => n.actorId === organiser.id)).toBe(true);
  });

  it("carries from an archived week too", async () => {
    const old = await pastIdea({ weekId: archivedWeek.id });
    expect((await carryOver(db, as(author), old.id)).ok).toBe(true);
  });

  it("refuses an idea of the week that is still pitching, or of a week still exploring (409)", async () => {
    const current = await createIdea(db, { weekId: pitchingWeek.id, author });
    expect(await carryOver(db, as(author), current.id)).toMatchObject({ ok: false, status: 409 });
    const running = await createIdea(db, { weekId: exploringWeek.id, author });
    expect(await carryOver(db, as(author), running.id)).toMatchObject({ ok: false, status: 409 });
    expect(await carriedCopies(current.id)).toHaveLength(0);
    expect(await carriedCopies(running.id)).toHaveLength(0);
  });

  it("refuses once the target week no longer takes pitches (409)", async () => {
    const old = await pastIdea();
    const later = new Date(pitchingWeek.exploringStartsAt.getTime() + 60_000); // the pitching week is exploring by then
    expect(await carryOver(db, as(author), old.id, later)).toMatchObject({ ok: false, status: 409 });
    expect(await carriedCopies(old.id)).toHaveLength(0);
  });

  it("refuses an idea that became a demo (409): it was tried, and the archive has it", async () => {
    const old = await pastIdea();
    const team = await createTeam(db, { weekId: resultsWeek.id, ideaId: old.id, leadId: author.id });
    await createDemo(db, { weekId: resultsWeek.id, teamId: team.id });
    expect(await carryOver(db, as(author), old.id)).toMatchObject({ ok: false, status: 409 });
    expect(await carriedCopies(old.id)).toHaveLength(0);
    expect((await loadIdeaPage(db, as(author), old.id))?.permissions.carryOverTo).toBeNull();
  });

  it("answers 404 for a withdrawn or unknown idea", async () => {
    const withdrawn = await pastIdea({ status: "withdrawn", withdrawnAt: new Date() });
    expect(await carryOver(db, as(author), withdrawn.id)).toMatchObject({ ok: false, status: 404 });
    expect(await carryOver(db, as(author), 2_000_000_000)).toMatchObject({ ok: false, status: 404 });
  });

  it("starts the copy with fresh counters and comments, and it takes new follows", async () => {
    const old = await pastIdea({ commentCount: 0 });
    const outcome = await carryOver(db, as(author), old.id);
    if (!outcome.ok) throw new Error(outcome.message);
    const newcomer = await createUser(db);
    expect(await setFollow(db, as(newcomer), outcome.value.id, true)).toEqual({
      ok: true,
      value: { following: true, followers: 4 },
    });
  });
});

describe("loadIdeaPage: carry-over history", () => {
  it('shows "from" on the new idea and "to" on the old one, and offers carrying only until it is done', async () => {
    const old = await pastIdea();
    const before = await loadIdeaPage(db, as(author), old.id);
    expect(before?.history).toEqual([]);
    expect(before?.permissions.carryOverTo).toEqual({ name: pitchingWeek.name, slug: pitchingWeek.slug });
    expect((await loadIdeaPage(db, as(stranger), old.id))?.permissions.carryOverTo).toBeNull();
    expect((await loadIdeaPage(db, as(organiser, true), old.id))?.permissions.carryOverTo).toEqual({
      name: pitchingWeek.name,
      slug: pitchingWeek.slug,
    });

    const outcome = await carryOver(db, as(author), old.id);
    if (!outcome.ok) throw new Error(outcome.message);

    const oldPage = await loadIdeaPage(db, as(stranger), old.id);
    expect(oldPage?.history).toEqual([
      { id: outcome.value.id, title: old.title, weekName: pitchingWeek.name, weekSlug: pitchingWeek.slug, direction: "to" },
    ]);
    expect((await loadIdeaPage(db, as(author), old.id))?.permissions.carryOverTo).toBeNull();

    const newPage = await loadIdeaPage(db, as(stranger), outcome.value.id);
    expect(newPage?.history).toEqual([
      { id: old.id, title: old.title, weekName: resultsWeek.name, weekSlug: resultsWeek.slug, direction: "from" },
    ]);
    expect((await loadIdeaPage(db, as(author), outcome.value.id))?.permissions.carryOverTo).toBeNull();
  });

  it("offers no carry-over for ideas of the current week", async () => {
    const current = await createIdea(db, { weekId: pitchingWeek.id, author });
    expect((await loadIdeaPage(db, as(author), current.id))?.permissions.carryOverTo).toBeNull();
  });
});
