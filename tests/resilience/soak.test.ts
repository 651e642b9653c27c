import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type AppServer, rssOf, startAppServer } from "../../bench/server";
import { createScratchDatabase } from "../support/factories";
import { counterMismatches, formHeaders, hasBuild, type Scene, tally, votingScene } from "./support";

/**
 * 100 signed-in people using one production server for 60 s (SOAK_SECONDS to change it): the ideas
 * board, idea, team and demo pages, follows and unfollows, comments and people's-choice votes. No
 * answer may be a 5xx or missing, and the server's memory must stay flat: once V8 has sized its heap
 * (the first two thirds of the run), the last third's RSS may not exceed their highest by over 15 %. Rate limits (comments,
 * votes) are respected by each person's pace, so a 429 would be reported, and is not a failure.
 */
const USERS = 100;
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const WARMUP_SECONDS = 10;
/** Each person's own caps, under the rate limits (10 comments and 60 votes a minute). */
const MAX_COMMENTS = 8;
const MAX_VOTES = 40;

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let app: AppServer;
let scene: Scene;

beforeAll(async () => {
  if (!hasBuild) return;
  scratch = await createScratchDatabase("soak");
  scene = await votingScene(scratch.db, 12, USERS);
  app = await startAppServer({ databaseUrl: scratch.url, env: { JOBS: "off" } });
});

afterAll(async () => {
  // The server's errors, if it logged any (they explain a failed run).
  if (app?.errorTail()) console.info(app.errorTail());
  await app?.stop();
  await scratch?.drop();
});

type Sample = { status: number | string; ms: number; kind: string };

describe.runIf(hasBuild)("soak", () => {
  test(`${USERS} people for ${SECONDS} s: no 5xx, memory flat`, async () => {
    const { origin } = app;
    const samples: Sample[] = [];
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)] as T;
    let measuring = false;
    let stop = false;

    const call = async (kind: string, path: string, init: RequestInit = {}) => {
      const t0 = performance.now();
      let status: number | string;
      try {
        const response = await fetch(`${origin}${path}`, { redirect: "manual", ...init });
        await response.arrayBuffer();
        status = response.status;
      } catch (error) {
        status = `error ${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`;
      }
      if (measuring) samples.push({ status, ms: performance.now() - t0, kind });
    };

    const person = async (i: number) => {
      const me = scene.people[i];
      if (!me) throw new Error("person");
      const read = { headers: { Cookie: me.cookie } };
      const post = (body: Record<string, string>) => ({
        method: "POST",
        headers: formHeaders(origin, me.cookie),
        body: new URLSearchParams(body),
      });
      const following = new Set<number>();
      const voted = new Set<number>();
      let comments = 0;
      let votes = 0;
      while (!stop) {
        const roll = Math.random();
        if (roll < 0.3) await call("board", `/weeks/${scene.week.slug}/ideas`, read);
        else if (roll < 0.5) await call("idea", `/ideas/${pick(scene.ideaIds)}`, read);
        else if (roll < 0.6) await call("team", `/teams/${pick(scene.teamIds)}`, read);
        else if (roll < 0.7) await call("demo", `/demos/${pick(scene.demoIds)}`, read);
        else if (roll < 0.82) {
          const ideaId = pick(scene.ideaIds);
          const intent = following.has(ideaId) ? "unfollow" : "follow";
          await call(intent, `/ideas/${ideaId}`, post({ intent }));
          if (intent === "follow") following.add(ideaId);
          else following.delete(ideaId);
        } else if (roll < 0.88 && comments < MAX_COMMENTS) {
          comments++;
          await call(
            "comment",
            `/ideas/${pick(scene.ideaIds)}`,
            post({ intent: "comment", body: `Soak comment ${i}-${comments}` }),
          );
        } else if (votes < MAX_VOTES) {
          votes++;
          // Within the week's 3 votes: at the limit (or now and then) one is withdrawn instead.
          const unvote = voted.size > 0 && (voted.size >= 3 || Math.random() < 0.3);
          const demoId = unvote ? pick([...voted]) : pick(scene.demoIds.filter((id) => !voted.has(id)));
          const intent = unvote ? "unvote" : "vote";
          await call(intent, `/weeks/${scene.week.slug}/vote`, post({ intent, demoId: String(demoId) }));
          if (intent === "vote") voted.add(demoId);
          else voted.delete(demoId);
        } else await call("board", `/weeks/${scene.week.slug}/ideas`, read);
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    };

    const people = Promise.all(Array.from({ length: USERS }, (_, i) => person(i)));
    await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
    measuring = true;
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssOf(app.pid) ?? 0), 2000);
    const started = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    measuring = false;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    stop = true;
    await people;

    const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
    // Flat: after V8 has sized its heap (the first two thirds), the last third sets no new high.
    const third = Math.max(1, Math.floor(rss.length / 3));
    const firstMax = Math.max(...rss.slice(0, third));
    const beforeMax = Math.max(...rss.slice(0, -third));
    const lastMax = Math.max(...rss.slice(-third));
    const sorted = samples.map((s) => s.ms).sort((x, y) => x - y);
    const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
    const report = {
      users: USERS,
      seconds: Math.round(seconds),
      requests: samples.length,
      rps: Math.round(samples.length / seconds),
      statuses: tally(samples.map((s) => s.status)),
      byKind: tally(samples.map((s) => s.kind)),
      p50ms: at(0.5),
      p95ms: at(0.95),
      p99ms: at(0.99),
      rssMb: rss.map(mb),
      rssFirstThirdMaxMb: mb(firstMax),
      rssFirstTwoThirdsMaxMb: mb(beforeMax),
      rssLastThirdMaxMb: mb(lastMax),
    };
    console.info("soak:", JSON.stringify(report));

    // Everyone got through pages and writes (on a busy 2-core machine this is ~40 requests a second).
    expect(samples.length).toBeGreaterThan(USERS * 5);
    for (const kind of ["board", "idea", "team", "demo", "follow", "comment", "vote"]) {
      expect(report.byKind[kind], kind).toBeGreaterThan(0);
    }
    const failed = samples.filter((s) => typeof s.status === "string" || s.status >= 500);
    expect(tally(failed.map((s) => `${s.kind} ${s.status}`))).toEqual({});
    // Writes that succeed redirect or render (200/302); a 429 is a rate limit, not an error of the server.
    const unexpected = samples.filter((s) => typeof s.status === "number" && ![200, 302, 429].includes(s.status));
    expect(tally(unexpected.map((s) => `${s.kind} ${s.status}`))).toEqual({});
    expect(rss.length).toBeGreaterThanOrEqual(6);
    expect(lastMax).toBeLessThanOrEqual(beforeMax * 1.15);
    // After all of it, every counter still equals its rows.
    expect(await counterMismatches(scratch.db, scene.ideaIds)).toEqual([]);
  });
});
