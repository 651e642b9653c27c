import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { castVote, myVotes, voteStateForDemo, withdrawVote } from "~/voting/judging.server";
import { VoteSchema } from "~/voting/schemas.server";
import { getDb } from "~db/client";
import { peoplesChoiceVotes } from "~db/schema";
import { createDemo, createIdea, createTeam, createUser, createWeekInPhase, type WeekRow } from "../support/factories";

const db = getDb();

async function demoIn(week: WeekRow, memberIds: number[] = []) {
  const lead = await createUser(db);
  const idea = await createIdea(db, { weekId: week.id, author: lead });
  const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id, memberIds });
  return { lead, team, demo: await createDemo(db, { weekId: week.id, teamId: team.id }) };
}

async function votesOf(userId: number, weekId: number) {
  return db
    .select()
    .from(peoplesChoiceVotes)
    .where(and(eq(peoplesChoiceVotes.userId, userId), eq(peoplesChoiceVotes.weekId, weekId)));
}

async function weekWithDemos(n: number, options: { limit?: number; phase?: "voting" | "demos" | "results" } = {}) {
  const week = await createWeekInPhase(db, options.phase ?? "voting", { peoplesChoiceVotes: options.limit ?? 3 });
  const ds = [];
  for (let i = 0; i < n; i++) ds.push((await demoIn(week)).demo);
  return { week, demos: ds };
}

describe("people's choice", () => {
  it("votes, re-votes idempotently, withdraws, and reports what is left", async () => {
    const { week, demos } = await weekWithDemos(2, { limit: 2 });
    const [a, b] = demos;
    if (!a || !b) throw new Error("demos");
    const voter = await createUser(db);
    expect(await myVotes(db, voter.id, week.id)).toEqual({ demoIds: [], limit: 2, remaining: 2, open: true });
    expect(await castVote(db, { id: voter.id }, a.id)).toEqual({ ok: true, value: { demoId: a.id, remaining: 1 } });
    expect(await castVote(db, { id: voter.id }, a.id)).toEqual({ ok: true, value: { demoId: a.id, remaining: 1 } });
    expect(await votesOf(voter.id, week.id)).toHaveLength(1);
    expect(await voteStateForDemo(db, voter.id, a.id)).toMatchObject({ voted: true, remaining: 1, ownTeam: false });
    expect(await voteStateForDemo(db, voter.id, b.id)).toMatchObject({ voted: false, remaining: 1 });
    expect(await withdrawVote(db, { id: voter.id }, a.id)).toEqual({ ok: true, value: { demoId: a.id, remaining: 2 } });
    expect(await withdrawVote(db, { id: voter.id }, a.id)).toEqual({ ok: true, value: { demoId: a.id, remaining: 2 } });
    expect(await votesOf(voter.id, week.id)).toHaveLength(0);
  });

  it("refuses a vote for one's own team (403) and vote N+1 (409) without changing anything", async () => {
    const { week, demos } = await weekWithDemos(3, { limit: 2 });
    const voter = await createUser(db);
    const own = await demoIn(week, [voter.id]);
    expect(await castVote(db, { id: voter.id }, own.demo.id)).toEqual({
      ok: false,
      status: 403,
      message: "You cannot vote for your own team's demo.",
    });
    expect(await castVote(db, { id: own.lead.id }, own.demo.id)).toMatchObject({ ok: false, status: 403 });
    expect(await voteStateForDemo(db, voter.id, own.demo.id)).toMatchObject({ ownTeam: true });
    const [a, b, c] = demos;
    if (!a || !b || !c) throw new Error("demos");
    expect((await castVote(db, { id: voter.id }, a.id)).ok).toBe(true);
    expect((await castVote(db, { id: voter.id }, b.id)).ok).toBe(true);
    expect(await castVote(db, { id: voter.id }, c.id)).toEqual({
      ok: false,
      status: 409,
      message: "You have used all 2 votes; withdraw one first.",
    });
    expect((await votesOf(voter.id, week.id)).map((v) => v.demoId).sort()).toEqual([a.id, b.id].sort());
    // Withdrawing frees a vote for another demo.
    expect((await withdrawVote(db, { id: voter.id }, a.id)).ok).toBe(true);
    expect((await castVote(db, { id: voter.id }, c.id)).ok).toBe(true);
    expect((await votesOf(voter.id, week.id)).map((v) => v.demoId).sort()).toEqual([b.id, c.id].sort());
    expect(await castVote(db, { id: voter.id }, 2_000_000_000)).toMatchObject({ ok: false, status: 404 });
  });

  it("only during the voting window: before it opens and after it closes, votes and withdrawals are refused", async () => {
    const { week, demos } = await weekWithDemos(1);
    const [demo] = demos;
    if (!demo) throw new Error("demo");
    const voter = await createUser(db);
    expect((await castVote(db, { id: voter.id }, demo.id)).ok).toBe(true);
    expect(await withdrawVote(db, { id: voter.id }, demo.id, week.votingClosesAt)).toEqual({
      ok: false,
      status: 409,
      message: "People's choice voting has closed.",
    });
    expect(await castVote(db, { id: voter.id }, demo.id, new Date(week.votingOpensAt.getTime() - 1))).toMatchObject({
      ok: false,
      status: 409,
      message: "People's choice voting has not opened yet.",
    });
    expect(await votesOf(voter.id, week.id)).toHaveLength(1);

    const early = await weekWithDemos(1, { phase: "demos" });
    const late = await weekWithDemos(1, { phase: "results" });
    for (const f of [early, late]) {
      const d = f.demos[0];
      if (!d) throw new Error("demo");
      expect(await castVote(db, { id: voter.id }, d.id)).toMatchObject({ ok: false, status: 409 });
      expect(await votesOf(voter.id, f.week.id)).toHaveLength(0);
      expect((await myVotes(db, voter.id, f.week.id)).open).toBe(false);
    }
  });

  it("50 concurrent votes by one person across 5 demos with a limit of 3 leave exactly 3 votes", async () => {
    const { week, demos } = await weekWithDemos(5, { limit: 3 });
    const voter = await createUser(db);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => castVote(db, { id: voter.id }, (demos[i % 5] as { id: number }).id)),
    );
    const rows = await votesOf(voter.id, week.id);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.demoId)).size).toBe(3);
    const refused = outcomes.filter((o) => !o.ok);
    expect(refused.every((o) => !o.ok && o.status === 409)).toBe(true);
    expect(outcomes.filter((o) => o.ok).length).toBeGreaterThanOrEqual(3);
    expect(await myVotes(db, voter.id, week.id)).toMatchObject({ remaining: 0 });
  });

  it("concurrent votes and withdrawals by one person never exceed the limit", async () => {
    const { week, demos } = await weekWithDemos(4, { limit: 2 });
    const voter = await createUser(db);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const demo = demos[i % 4] as { id: number };
        return i % 3 === 0 ? withdrawVote(db, { id: voter.id }, demo.id) : castVote(db, { id: voter.id }, demo.id);
      }),
    );
    expect((await votesOf(voter.id, week.id)).length).toBeLessThanOrEqual(2);
  });

  it("the vote form schema accepts vote/unvote with a demo id only", () => {
    expect(VoteSchema.safeParse({ intent: "vote", demoId: "7" }).data).toEqual({ intent: "vote", demoId: 7 });
    expect(VoteSchema.safeParse({ intent: "unvote", demoId: "7", redirectTo: "/demos/7" }).success).toBe(true);
    expect(VoteSchema.safeParse({ intent: "stuff", demoId: "7" }).success).toBe(false);
    expect(VoteSchema.safeParse({ intent: "vote", demoId: "-1" }).success).toBe(false);
  });
});
