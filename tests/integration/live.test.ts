import { afterAll, describe, expect, it } from "vitest";
import { liveDashboard } from "~/live/dashboard.server";
import { createLiveListener, type LiveListener, parseLiveEvent } from "~/live/listener.server";
import { type LiveEvent, publishLive } from "~/live/publish.server";
import { getDb } from "~db/client";
import { ballotScores, ballots, criteria, demos, judgeAssignments, judges, peoplesChoiceVotes } from "~db/schema";
import { createIdea, createTeam, createUser, createWeekInPhase, tracedDatabase } from "../support/factories";

const db = getDb();
const url = () => {
  const value = process.env.DATABASE_URL;
  if (!value) throw new Error("DATABASE_URL is not set");
  return value;
};

// Week ids in the channel are just numbers to the listener: pick ones no other test publishes for.
const weekId = 900_000 + Math.floor(Math.random() * 90_000);

/** Collects a subscriber's events and lets a test wait until one matches. */
function collector(listener: LiveListener, week: number) {
  const events: LiveEvent[] = [];
  const waiters: Array<{ match: (e: LiveEvent) => boolean; resolve: () => void }> = [];
  const unsubscribe = listener.subscribe(week, (event) => {
    events.push(event);
    for (const w of [...waiters]) {
      if (w.match(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const waitFor = (match: (e: LiveEvent) => boolean, ms = 5000) =>
    new Promise<void>((resolve, reject) => {
      if (events.some(match)) return resolve();
      const timer = setTimeout(() => reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`)), ms);
      waiters.push({
        match,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  return { events, waitFor, unsubscribe };
}

const listeners: LiveListener[] = [];
afterAll(async () => {
  await Promise.all(listeners.map((l) => l.close()));
});

describe("live events over LISTEN/NOTIFY", () => {
  it("reaches listeners of two instances, and a rolled-back event reaches nobody", async () => {
    // Two app instances: each has its own dedicated LISTEN connection.
    const a = createLiveListener(url());
    const b = createLiveListener(url());
    listeners.push(a, b);
    await Promise.all([a.ready, b.ready]);
    const onA = collector(a, weekId);
    const onB = collector(b, weekId);
    const otherWeek = collector(b, weekId + 1);

    // A third connection (the shared pool) commits a change that announces itself.
    const since = new Date().toISOString();
    await db.transaction(async (tx) => {
      await publishLive(tx, { type: "presenting", weekId, demoId: 42, since });
    });
    const presenting = (e: LiveEvent) => e.type === "presenting" && e.demoId === 42;
    await Promise.all([onA.waitFor(presenting), onB.waitFor(presenting)]);
    expect(onA.events).toEqual([{ type: "presenting", weekId, demoId: 42, since }]);
    expect(onB.events).toEqual([{ type: "presenting", weekId, demoId: 42, since }]);

    // A transaction that publishes and then rolls back: NOTIFY is only delivered on commit.
    await expect(
      db.transaction(async (tx) => {
        await publishLive(tx, { type: "ballot", weekId });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    // Notifications arrive in commit order, so once the next committed one is here, the rolled-back
    // one would have been too.
    await publishLive(db, { type: "schedule", weekId });
    const schedule = (e: LiveEvent) => e.type === "schedule";
    await Promise.all([onA.waitFor(schedule), onB.waitFor(schedule)]);
    for (const on of [onA, onB]) {
      expect(on.events.map((e) => e.type)).toEqual(["presenting", "schedule"]);
    }
    // Subscribers only hear their own week.
    expect(otherWeek.events).toEqual([]);

    // After unsubscribing, nothing more arrives at that subscriber; the other instance still hears it.
    onA.unsubscribe();
    await publishLive(db, { type: "vote", weekId });
    await onB.waitFor((e) => e.type === "vote");
    expect(onA.events.map((e) => e.type)).toEqual(["presenting", "schedule"]);
    expect(a.size()).toBe(0);
  });

  it("closing a listener tells its subscribers, so open streams can end", async () => {
    const listener = createLiveListener(url());
    await listener.ready;
    let closed = 0;
    listener.subscribe(
      weekId,
      () => {},
      () => closed++,
    );
    listener.subscribe(
      weekId + 2,
      () => {},
      () => closed++,
    );
    await listener.close();
    expect(closed).toBe(2);
    expect(listener.size()).toBe(0);
    // Subscribing after close ends at once instead of hanging forever.
    listener.subscribe(
      weekId,
      () => {},
      () => closed++,
    );
    expect(closed).toBe(3);
  });

  it("ignores malformed payloads on the channel", () => {
    expect(parseLiveEvent("not json")).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ type: "ballot" }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ type: "gossip", weekId: 1 }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ type: "vote", weekId: 3, score: 5 }))).toEqual({ type: "vote", weekId: 3 });
    expect(parseLiveEvent(JSON.stringify({ type: "presenting", weekId: 3, demoId: null, since: null }))).toEqual({
      type: "presenting",
      weekId: 3,
      demoId: null,
      since: null,
    });
  });
});

describe("live dashboard", () => {
  it("counts complete ballots per judge and per demo, and people's-choice turnout, in three queries", async () => {
    const week = await createWeekInPhase(db, "voting");
    const [judgeA, judgeB, voterA, voterB] = await Promise.all([createUser(db), createUser(db), createUser(db), createUser(db)]);
    const demoIds: number[] = [];
    for (let i = 0; i < 2; i++) {
      const lead = await createUser(db);
      const idea = await createIdea(db, { weekId: week.id, author: lead });
      const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id });
      const [demo] = await db
        .insert(demos)
        .values({ weekId: week.id, teamId: team.id, title: `Demo ${i + 1}`, summary: "s", position: i + 1 })
        .returning({ id: demos.id });
      if (!demo) throw new Error("demo insert failed");
      demoIds.push(demo.id);
    }
    const [d1, d2] = demoIds as [number, number];
    const empty = await liveDashboard(db, week.id);
    expect(empty).toMatchObject({ criteria: 0, judges: [], turnout: { voters: 0, votes: 0 } });
    expect(empty.demos.map((d) => [d.demoId, d.assigned, d.scored])).toEqual([
      [d1, 0, 0],
      [d2, 0, 0],
    ]);

    const [c1, c2] = await db
      .insert(criteria)
      .values([
        { weekId: week.id, name: "Impact", position: 1 },
        { weekId: week.id, name: "Craft", position: 2 },
      ])
      .returning({ id: criteria.id });
    await db.insert(judges).values([
      { weekId: week.id, userId: judgeA.id },
      { weekId: week.id, userId: judgeB.id },
    ]);
    await db.insert(judgeAssignments).values([
      { weekId: week.id, judgeId: judgeA.id, demoId: d1 },
      { weekId: week.id, judgeId: judgeA.id, demoId: d2 },
      { weekId: week.id, judgeId: judgeB.id, demoId: d1 },
    ]);
    // Judge A: d1 fully scored, d2 half scored. Judge B: nothing yet.
    const [b1, b2] = await db
      .insert(ballots)
      .values([
        { weekId: week.id, judgeId: judgeA.id, demoId: d1 },
        { weekId: week.id, judgeId: judgeA.id, demoId: d2 },
      ])
      .returning({ id: ballots.id });
    if (!b1 || !b2 || !c1 || !c2) throw new Error("insert failed");
    await db.insert(ballotScores).values([
      { ballotId: b1.id, criterionId: c1.id, value: 4 },
      { ballotId: b1.id, criterionId: c2.id, value: 5 },
      { ballotId: b2.id, criterionId: c1.id, value: 3 },
    ]);
    await db.insert(peoplesChoiceVotes).values([
      { weekId: week.id, userId: voterA.id, demoId: d1 },
      { weekId: week.id, userId: voterA.id, demoId: d2 },
      { weekId: week.id, userId: voterB.id, demoId: d1 },
    ]);

    const dashboard = await liveDashboard(db, week.id);
    expect(dashboard.criteria).toBe(2);
    const byJudge = Object.fromEntries(dashboard.judges.map((j) => [j.judgeId, j]));
    expect(byJudge[judgeA.id]).toMatchObject({ assigned: 2, complete: 1, started: 1 });
    expect(byJudge[judgeB.id]).toMatchObject({ assigned: 1, complete: 0, started: 0 });
    expect(dashboard.demos.map((d) => [d.demoId, d.assigned, d.scored])).toEqual([
      [d1, 2, 1],
      [d2, 1, 0],
    ]);
    expect(dashboard.turnout).toEqual({ voters: 2, votes: 3, limitPerPerson: week.peoplesChoiceVotes });
    // Counts only: nothing that looks like a score leaves the module.
    expect(JSON.stringify(dashboard)).not.toMatch(/"value"|"scores?"/);

    // A constant number of queries, however many judges and demos.
    const traced = tracedDatabase();
    try {
      await liveDashboard(traced.db, week.id);
      expect(traced.queries.filter((q) => !q.text.includes("pg_catalog.pg_type"))).toHaveLength(3);
    } finally {
      await traced.end();
    }
  });
});
