import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LIVE_CHANNEL } from "~/live/publish.server";
import { NOTIFICATION_KIND_CHECKPOINT } from "~/outcomes/outcomes.server";
import { demoSchedules, notifications } from "~db/schema";
import { type AppServer, startAppServer } from "../../bench/server";
import { signIn } from "../../bench/session";
import { createScratchDatabase, createUser } from "../support/factories";
import { createOutcomeFixture, type OutcomeFixture } from "../support/outcome-factories";
import { formHeaders, hasBuild, listen, type Scene, until, votingScene } from "./support";

/**
 * Two production processes on one database, as behind a load balancer: nothing that matters may live
 * in one process's memory. A session made on one works on the other, a live event published through
 * one reaches event streams on both, and background jobs (each instance runs a worker) run once.
 */
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let a: AppServer;
let b: AppServer;
let scene: Scene;
let due: OutcomeFixture;

beforeAll(async () => {
  if (!hasBuild) return;
  scratch = await createScratchDatabase("two_instances");
  scene = await votingScene(scratch.db, 2, 1);
  await scratch.db.insert(demoSchedules).values({ weekId: scene.week.id, startsAt: new Date() });
  // Results published 31 days ago: the 30-day outcome checkpoint of this demo is due, for 3 members.
  due = await createOutcomeFixture(scratch.db, { publishedDaysAgo: 31, size: 3 });
  // Both with background jobs on (the default): each scans for due checkpoints as it starts.
  [a, b] = (await Promise.all([0, 1].map(() => startAppServer({ databaseUrl: scratch.url, env: { JOBS: "on" } })))) as [
    AppServer,
    AppServer,
  ];
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await scratch?.drop();
});

describe.runIf(hasBuild)("two app instances on one database", () => {
  test("a session made by signing in on one instance works on the other", async () => {
    const person = await createUser(scratch.db, { password: "correct horse battery", name: "Ada Twoinstances" });
    const cookie = await signIn(a.origin, person.email, "correct horse battery");
    const onB = await fetch(`${b.origin}/settings/profile`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain("Ada Twoinstances");
    // Signing out on B ends the session for A too.
    const out = await fetch(`${b.origin}/logout`, { method: "POST", redirect: "manual", headers: formHeaders(b.origin, cookie) });
    expect(out.status).toBeLessThan(400);
    const onA = await fetch(`${a.origin}/settings/profile`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onA.status).toBe(302);
    expect(onA.headers.get("location")).toMatch(/^\/login/);
  });

  test("'now presenting' and a people's-choice vote made through A reach event streams on A and B", async () => {
    const live = `/weeks/${scene.week.slug}/live`;
    const viewer = scene.people[0];
    if (!viewer) throw new Error("viewer");
    const streams = {
      viewerOnA: listen(a.origin, live, viewer.cookie),
      viewerOnB: listen(b.origin, live, viewer.cookie),
      organiserOnB: listen(b.origin, live, scene.organiser.cookie),
    };
    try {
      await Promise.all(Object.values(streams).map((s) => s.opened));
      // Each instance LISTENs on one connection of its own: wait until both are in place.
      await until("both instances to LISTEN", async () => {
        const [row] = await scratch.db.execute<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and query = ${`listen "${LIVE_CHANNEL}"`}`,
        );
        return (row?.n ?? 0) >= 2;
      });

      const demoId = scene.demoIds[1] as number;
      const present = await fetch(`${a.origin}/admin/weeks/${scene.week.id}/schedule`, {
        method: "POST",
        redirect: "manual",
        headers: formHeaders(a.origin, scene.organiser.cookie),
        body: new URLSearchParams({ op: `present:${demoId}` }),
      });
      expect(present.status).toBe(200);
      await until("'presenting' on both instances", () => Object.values(streams).every((s) => s.events.includes("presenting")));

      const vote = await fetch(`${a.origin}/weeks/${scene.week.slug}/vote`, {
        method: "POST",
        headers: formHeaders(a.origin, viewer.cookie),
        body: new URLSearchParams({ intent: "vote", demoId: String(demoId) }),
      });
      expect(vote.status).toBe(200);
      await until("the organiser's 'vote' event on B", () => streams.organiserOnB.events.includes("vote"));
      // Ballot and vote activity is for organisers only, whichever instance serves the stream.
      expect(streams.viewerOnA.events).toEqual(["presenting"]);
      expect(streams.viewerOnB.events).toEqual(["presenting"]);
    } finally {
      for (const s of Object.values(streams)) s.close();
    }
  });

  test("background jobs run once: both instances scanned for the due checkpoint, each member got one reminder", async () => {
    const members = due.members.map((m) => m.id);
    const reminders = () =>
      scratch.db
        .select({ userId: notifications.userId })
        .from(notifications)
        .where(and(inArray(notifications.userId, members), eq(notifications.kind, NOTIFICATION_KIND_CHECKPOINT)));
    await until("the reminders", async () => (await reminders()).length >= members.length, 20_000);
    // More copies of the same reminder job, queued while both workers poll, change nothing.
    await scratch.db.execute(
      sql`select graphile_worker.add_job('checkpoint_remind', ${JSON.stringify({ demoId: due.demo.id, days: 30 })}::json) from generate_series(1, 10)`,
    );
    await until("the queue to drain", async () => {
      const [row] = await scratch.db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs`);
      return row?.n === 0;
    });
    const got = await reminders();
    expect(got.map((r) => r.userId).sort()).toEqual([...members].sort());
  });
});
