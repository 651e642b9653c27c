import { Writable } from "node:stream";
import { and, eq, inArray, sql } from "drizzle-orm";
import pino from "pino";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remindJobKey, TASK_CHECKPOINT_REMIND, TASK_CHECKPOINTS_SCAN } from "~/jobs/tasks.server";
import { graphileLogger, type JobsWorker, startWorker } from "~/jobs/worker.server";
import { NOTIFICATION_KIND_CHECKPOINT, sendCheckpointReminder } from "~/outcomes/outcomes.server";
import { getDb } from "~db/client";
import { checkpointReminders, notifications, outcomeUpdates } from "~db/schema";
import { uid } from "../support/factories";
import { createOutcomeFixture, type OutcomeFixture } from "../support/outcome-factories";

const db = getDb();
const DAY = 86_400_000;
const url = () => {
  const value = process.env.DATABASE_URL;
  if (!value) throw new Error("DATABASE_URL is not set");
  return value;
};

// A queue schema of this file's own, so other test files (and other runs) never see these jobs.
const schema = `jobs_test_${uid()}`;
const quiet = pino({ level: "silent" });
const workers: JobsWorker[] = [];
const admin = postgres(url(), { max: 1, onnotice: () => {} });

async function queueLength(): Promise<{ waiting: number; failed: number; errors: string[] }> {
  const rows = await admin.unsafe<Array<{ attempts: number; max_attempts: number; last_error: string | null }>>(
    `select attempts, max_attempts, last_error from "${schema}".jobs`,
  );
  return {
    waiting: rows.length,
    failed: rows.filter((r) => r.last_error).length,
    errors: rows.map((r) => r.last_error ?? "").filter(Boolean),
  };
}

/** Until every job has run (fails fast when one errors: a reminder job must never fail here). */
async function drained(timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const q = await queueLength();
    if (q.failed) throw new Error(`a job failed: ${q.errors.join("; ")}`);
    if (q.waiting === 0) return;
    if (Date.now() > until) throw new Error(`the queue still holds ${q.waiting} job(s)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function remindersOf(userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ userId: notifications.userId, link: notifications.link, data: notifications.data })
    .from(notifications)
    .where(and(inArray(notifications.userId, userIds), eq(notifications.kind, NOTIFICATION_KIND_CHECKPOINT)));
}

type Scenario = {
  /** 31 days after results: the 30-day checkpoint is due (two demos, 2 and 3 members). */
  a1: OutcomeFixture;
  a2: OutcomeFixture;
  /** 95 days after results: the 90-day checkpoint is the current one. */
  b: OutcomeFixture;
  /** 40 days after results, but the team recorded an outcome today: done, no reminder. */
  done: OutcomeFixture;
  /** 10 days after results: nothing is due yet. */
  early: OutcomeFixture;
  weekIds: number[];
};
let s: Scenario;

beforeAll(async () => {
  const a1 = await createOutcomeFixture(db, { publishedDaysAgo: 31, size: 2 });
  const a2 = await createOutcomeFixture(db, { publishedDaysAgo: 31, size: 3 });
  const b = await createOutcomeFixture(db, { phase: "archived", publishedDaysAgo: 95, size: 3 });
  const done = await createOutcomeFixture(db, { publishedDaysAgo: 40, size: 2 });
  const early = await createOutcomeFixture(db, { publishedDaysAgo: 10, size: 2 });
  await db.insert(outcomeUpdates).values({
    demoId: done.demo.id,
    status: "prototype",
    happenedOn: new Date().toISOString().slice(0, 10),
    authorId: done.lead.id,
  });
  s = { a1, a2, b, done, early, weekIds: [a1, a2, b, done, early].map((f) => f.week.id) };
  // Two workers on one database, as two app instances would run them.
  for (let i = 0; i < 2; i++) {
    workers.push(
      await startWorker({ connectionString: url(), schema, crontab: null, concurrency: 3, pollInterval: 100, log: quiet }),
    );
  }
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await admin.unsafe(`drop schema if exists "${schema}" cascade`);
  await admin.end({ timeout: 5 });
});

describe("checkpoint reminders with two workers at once", () => {
  it("both workers run jobs, and every member gets exactly one reminder per due checkpoint", async () => {
    const ran = new Map<number, number>();
    workers.forEach((w, i) => {
      w.events.on("job:success", () => ran.set(i, (ran.get(i) ?? 0) + 1));
    });
    // Both instances scan at once, and duplicate reminder jobs (as retries or a second scan would make) race too.
    const payload = { weekIds: s.weekIds };
    const duplicates = [s.a1, s.a2, s.b, s.done, s.early].flatMap((f) => [
      { demoId: f.demo.id, days: 30 },
      { demoId: f.demo.id, days: 90 },
    ]);
    await Promise.all(
      workers.flatMap((w) => [
        w.addJob(TASK_CHECKPOINTS_SCAN, payload),
        w.addJob(TASK_CHECKPOINTS_SCAN, payload),
        ...duplicates.map((d) => w.addJob(TASK_CHECKPOINT_REMIND, d)),
      ]),
    );
    await drained();
    expect([...ran.keys()].sort()).toEqual([0, 1]);

    const rows = await db
      .select({ demoId: checkpointReminders.demoId, days: checkpointReminders.days, recipients: checkpointReminders.recipients })
      .from(checkpointReminders)
      .where(
        inArray(
          checkpointReminders.demoId,
          [s.a1, s.a2, s.b, s.done, s.early].map((f) => f.demo.id),
        ),
      );
    expect(rows.sort((x, y) => x.demoId - y.demoId || x.days - y.days)).toEqual(
      [
        { demoId: s.a1.demo.id, days: 30, recipients: 2 },
        { demoId: s.a2.demo.id, days: 30, recipients: 3 },
        // The 90-day demo's old 30-day checkpoint was also asked for directly (a duplicate job), and it
        // is still unanswered, so it was sent once too; the scan itself only queues the current one.
        { demoId: s.b.demo.id, days: 30, recipients: 3 },
        { demoId: s.b.demo.id, days: 90, recipients: 3 },
      ].sort((x, y) => x.demoId - y.demoId || x.days - y.days),
    );

    for (const f of [s.a1, s.a2]) {
      const got = await remindersOf(f.members.map((m) => m.id));
      expect(got).toHaveLength(f.members.length);
      expect(new Set(got.map((n) => n.userId)).size).toBe(f.members.length);
      for (const n of got) {
        expect(n.link).toBe(`/demos/${f.demo.id}/outcome`);
        expect(n.data).toMatchObject({ demoId: f.demo.id, days: 30 });
      }
    }
    const bGot = await remindersOf(s.b.members.map((m) => m.id));
    expect(bGot).toHaveLength(2 * s.b.members.length);
    for (const m of s.b.members) {
      expect(
        bGot
          .filter((n) => n.userId === m.id)
          .map((n) => (n.data as { days: number }).days)
          .sort((x, y) => x - y),
      ).toEqual([30, 90]);
    }
    expect(await remindersOf([...s.done.members, ...s.early.members].map((m) => m.id))).toEqual([]);
  });

  it("a second round of scans and duplicate jobs sends nothing new", async () => {
    const ids = [s.a1, s.a2, s.b, s.done, s.early].flatMap((f) => f.members.map((m) => m.id));
    const before = (await remindersOf(ids)).length;
    await Promise.all(
      workers.flatMap((w) => [
        w.addJob(TASK_CHECKPOINTS_SCAN, { weekIds: s.weekIds }),
        w.addJob(TASK_CHECKPOINT_REMIND, { demoId: s.a1.demo.id, days: 30 }, { jobKey: remindJobKey(s.a1.demo.id, 30) }),
        w.addJob(TASK_CHECKPOINT_REMIND, { demoId: s.b.demo.id, days: 90 }),
      ]),
    );
    await drained();
    expect((await remindersOf(ids)).length).toBe(before);
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(checkpointReminders)
      .where(
        inArray(
          checkpointReminders.demoId,
          [s.a1, s.a2, s.b].map((f) => f.demo.id),
        ),
      );
    expect(count?.n).toBe(4);
  });

  it("a checkpoint the team has answered is not reminded, even when asked directly", async () => {
    const result = await sendCheckpointReminder(db, s.done.demo.id, 30);
    expect(result).toEqual({ sent: false, reason: "already done" });
    expect(await sendCheckpointReminder(db, s.early.demo.id, 30)).toEqual({ sent: false, reason: "not due yet" });
    expect(await remindersOf(s.done.members.map((m) => m.id))).toEqual([]);
  });

  it("a malformed job fails (and is recorded as failed) instead of being retried forever", async () => {
    const job = await workers[0]?.addJob(TASK_CHECKPOINT_REMIND, { demoId: "x" }, { maxAttempts: 1 });
    expect(job).toBeDefined();
    const until = Date.now() + 10_000;
    let error: string | null = null;
    while (Date.now() < until) {
      const [row] = await admin.unsafe<Array<{ last_error: string | null }>>(
        `select last_error from "${schema}".jobs where id = $1`,
        [job?.id ?? "0"],
      );
      if (row?.last_error) {
        error = row.last_error;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(error).toContain("Malformed checkpoint_remind payload");
    await admin.unsafe(`delete from "${schema}"._private_jobs where id = $1`, [job?.id ?? "0"]);
  });
});

describe("sendCheckpointReminder", () => {
  it("ten concurrent calls for one checkpoint send it once", async () => {
    const f = await createOutcomeFixture(db, { publishedDaysAgo: 35, size: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, () => sendCheckpointReminder(db, f.demo.id, 30)));
    expect(results.filter((r) => r.sent)).toEqual([{ sent: true, recipients: 3 }]);
    expect(results.filter((r) => !r.sent).every((r) => !r.sent && r.reason === "already sent")).toBe(true);
    expect(await remindersOf(f.members.map((m) => m.id))).toHaveLength(3);
  });

  it("refuses unpublished results and days that are not checkpoints", async () => {
    const f = await createOutcomeFixture(db, { phase: "voting", publishedDaysAgo: null });
    expect(await sendCheckpointReminder(db, f.demo.id, 30, new Date(Date.now() + 60 * DAY))).toEqual({
      sent: false,
      reason: "results not published",
    });
    expect(await sendCheckpointReminder(db, f.demo.id, 45)).toEqual({ sent: false, reason: "not a checkpoint" });
  });
});

describe("the graphile logger", () => {
  it("forwards to pino as structured JSON with the job's scope", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = graphileLogger(pino({ level: "debug" }, sink));
    logger.scope({ taskIdentifier: "checkpoint_remind", jobId: "42" }).warn("slow job", { attempts: 2, client: {} });
    const entry = JSON.parse(lines[0] ?? "{}");
    expect(entry).toMatchObject({
      level: 40,
      msg: "slow job",
      component: "jobs",
      task: "checkpoint_remind",
      jobId: "42",
      attempts: 2,
    });
    expect(entry.client).toBeUndefined();
  });
});
