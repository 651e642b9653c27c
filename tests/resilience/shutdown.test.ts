import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AppServer, startAppServer } from "../../bench/server";
import { createScratchDatabase } from "../support/factories";
import { hasBuild, type Scene, votingScene } from "./support";

/**
 * SIGTERM while requests are in flight (a deploy or a scale-down): they finish with their page, new
 * requests are refused, and the process exits 0 soon after. The requests are held in flight for as
 * long as the test wants by a transaction that locks the table the ideas board reads.
 * (tests/integration/server.test.ts covers a SIGTERM with nothing in flight.)
 */
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let app: AppServer;
let scene: Scene;

beforeAll(async () => {
  if (!hasBuild) return;
  scratch = await createScratchDatabase("shutdown");
  scene = await votingScene(scratch.db, 1, 5);
  app = await startAppServer({ databaseUrl: scratch.url, env: { JOBS: "off" } });
});

afterAll(async () => {
  await app?.stop();
  await scratch?.drop();
});

describe.runIf(hasBuild)("graceful shutdown", () => {
  test("in-flight requests complete with 200, new ones are refused, the process exits 0", async () => {
    const locker = postgres(scratch.url, { max: 2, onnotice: () => {} });
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holding = locker.begin(async (tx) => {
      await tx`lock table ideas in access exclusive mode`;
      locked();
      await released;
    });
    try {
      await lockTaken;
      const inFlight = scene.people.map((person) =>
        fetch(`${app.origin}/weeks/${scene.week.slug}/ideas`, { headers: { Cookie: person.cookie } }).then(async (r) => ({
          status: r.status,
          body: await r.text(),
        })),
      );
      // Every board request is now waiting on the lock inside PostgreSQL.
      const waiting = async () =>
        (
          await locker`select count(*)::int as n from pg_stat_activity
                       where datname = current_database() and wait_event_type = 'Lock'`
        )[0]?.n ?? 0;
      for (let i = 0; i < 100 && (await waiting()) < scene.people.length; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await waiting()).toBeGreaterThanOrEqual(scene.people.length);

      const signalled = Date.now();
      process.kill(app.pid, "SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      // A new request is refused: the port is closed (or, on a reused connection, a 503 saying so).
      const late = await fetch(`${app.origin}/readyz`).then(
        (r) => r.status,
        (error: Error) => String((error.cause as { code?: string })?.code ?? error.message),
      );
      expect(["ECONNREFUSED", 503]).toContain(late);
      // Still running: it is waiting for the in-flight requests.
      expect(await Promise.race([app.exited.then(() => "exited"), new Promise((r) => setTimeout(() => r("running"), 200))])).toBe(
        "running",
      );

      release();
      await holding;
      const answers = await Promise.all(inFlight);
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.body).toContain("</html>");
      }
      expect(await app.exited).toBe(0);
      const exitMs = Date.now() - signalled;
      console.info(`graceful shutdown: ${answers.length} in-flight requests answered 200, exit 0 after ${exitMs} ms`);
      expect(exitMs).toBeLessThan(5000);
    } finally {
      release();
      await holding.catch(() => {});
      await locker.end({ timeout: 2 });
    }
  });
});
