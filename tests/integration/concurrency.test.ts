import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setFollow } from "~/ideas/ideas.server";
import { castVote, withdrawVote } from "~/voting/judging.server";
import { getDb } from "~db/client";
import { ideaFollows, ideas, notifications, peoplesChoiceVotes } from "~db/schema";
import { createDemo, createDepartment, createIdea, createTeam, createUser, createWeekInPhase, uid } from "../support/factories";

/**
 * 50 people writing to one row at once, the demo-day and pitch-day rush: every call answers with an
 * outcome (a refusal is a domain error, never an exception such as a deadlock or a unique violation),
 * and the counters people see equal the rows behind them. (One person's 50 votes at once, 50 joins
 * of one team and 50 saves of one ballot are in peoples-choice, teams-concurrency and ballots.)
 */
const db = getDb();
const WRITERS = 50;

async function crowd(n: number) {
  const department = await createDepartment(db);
  return Promise.all(Array.from({ length: n }, () => createUser(db, { departmentId: department.id, name: `Rush ${uid()}` })));
}

/** Settles every call; fails the test with the reasons when any of them threw. */
async function allAnswer<T>(calls: Array<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(calls);
  const thrown = settled.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error)?.cause ?? r.reason)] : []));
  expect(thrown).toEqual([]);
  return settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
}

async function followState(ideaId: number) {
  const [idea] = await db.select({ followers: ideas.followerCount }).from(ideas).where(eq(ideas.id, ideaId));
  const rows = await db.select({ userId: ideaFollows.userId }).from(ideaFollows).where(eq(ideaFollows.ideaId, ideaId));
  return { followers: idea?.followers, userIds: new Set(rows.map((r) => r.userId)) };
}

describe("50 writers at once", () => {
  it("50 people following one idea, each clicking twice: 50 follow rows, a follower count of 50, one notification each", async () => {
    const week = await createWeekInPhase(db, "pitching");
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: week.id, author });
    const people = await crowd(WRITERS);

    const outcomes = await allAnswer(
      people.flatMap((p) => [
        setFollow(db, { id: p.id, isOrganiser: false }, idea.id, true),
        setFollow(db, { id: p.id, isOrganiser: false }, idea.id, true),
      ]),
    );

    expect(outcomes.every((o) => o.ok)).toBe(true);
    const state = await followState(idea.id);
    expect(state.followers).toBe(WRITERS);
    expect(state.userIds).toEqual(new Set(people.map((p) => p.id)));
    // The author hears of each new follower once, not once per click.
    const [notes] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, author.id), eq(notifications.kind, "idea_followed")));
    expect(notes?.n).toBe(WRITERS);
  });

  it("50 people following and unfollowing one idea at random at once: the follower count equals the rows", async () => {
    const week = await createWeekInPhase(db, "pitching");
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: week.id, author });
    const people = await crowd(WRITERS);

    // Each person sends four clicks at once, alternating follow and unfollow, in a shuffled order.
    const clicks = people.flatMap((p, i) => [0, 1, 2, 3].map((k) => ({ p, follow: (i + k) % 2 === 0 })));
    clicks.sort(() => Math.random() - 0.5);
    const outcomes = await allAnswer(clicks.map((c) => setFollow(db, { id: c.p.id, isOrganiser: false }, idea.id, c.follow)));

    expect(outcomes.every((o) => o.ok)).toBe(true);
    const state = await followState(idea.id);
    expect(state.followers).toBe(state.userIds.size);
    expect(state.followers).toBeGreaterThanOrEqual(0);
    expect(state.followers).toBeLessThanOrEqual(WRITERS);
  });

  it("50 people voting for one demo at once, each twice, and for another: one vote row per person, the limit of 1 kept", async () => {
    const week = await createWeekInPhase(db, "voting", { peoplesChoiceVotes: 1 });
    const demoOfNewTeam = async () => {
      const lead = await createUser(db);
      const idea = await createIdea(db, { weekId: week.id, author: lead });
      const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id });
      return createDemo(db, { weekId: week.id, teamId: team.id });
    };
    const demo = await demoOfNewTeam();
    const other = await demoOfNewTeam();
    const people = await crowd(WRITERS);

    // Each person clicks "vote" twice on the demo and once on another one, with a limit of one vote.
    const outcomes = await allAnswer(
      people.flatMap((p) => [
        castVote(db, { id: p.id }, demo.id),
        castVote(db, { id: p.id }, demo.id),
        castVote(db, { id: p.id }, other.id),
      ]),
    );

    const refused = outcomes.filter((o) => !o.ok);
    for (const o of refused)
      expect(o).toEqual({ ok: false, status: 409, message: "You have used all 1 vote; withdraw one first." });
    const rows = await db.select().from(peoplesChoiceVotes).where(eq(peoplesChoiceVotes.weekId, week.id));
    // One vote each, never two for one demo or over the limit.
    expect(rows).toHaveLength(WRITERS);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(WRITERS);
    const onDemo = rows.filter((r) => r.demoId === demo.id).length;
    expect(onDemo + rows.filter((r) => r.demoId === other.id).length).toBe(WRITERS);

    // Then all of them withdraw at once, twice: nothing is left and nobody got an error.
    const withdrawals = await allAnswer(
      people.flatMap((p) => [withdrawVote(db, { id: p.id }, demo.id), withdrawVote(db, { id: p.id }, other.id)]),
    );
    expect(withdrawals.every((o) => o.ok)).toBe(true);
    expect(await db.select().from(peoplesChoiceVotes).where(eq(peoplesChoiceVotes.weekId, week.id))).toHaveLength(0);
  });
});
