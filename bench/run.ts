/**
 * npm run bench [-- --reseed] [-- --build] [-- --quick] [-- --no-lighthouse]
 *
 * 1. Build the app if there is no build (or --build).
 * 2. Seed the bench databases (full scale, and the 1k-ideas growth point) unless already seeded at the
 *    same seed version (or --reseed).
 * 3. Capture the SQL the production build runs for the board and archive search; save EXPLAIN (ANALYZE,
 *    BUFFERS) of the board and archive queries at 15k.
 * 4. Start the bare baseline and the production build; run every scenario at 1 and 16 connections
 *    (warm-up, then a fixed measured window); count SQL queries per request from the server's log lines.
 * 5. Growth check on the 1k database; client JavaScript per route; Lighthouse on home and board.
 * 6. Write bench/results/latest.json and latest.md and print the tables with PASS/MISS per budget.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createInterface } from "node:readline";
import postgres from "postgres";
import { clientJsPerRoute, type RouteJs } from "./bundle";
import type { CapturedPage } from "./capture-sql";
import { openCluster, redact } from "./db";
import { LIGHTHOUSE_PAGES, type LighthouseScores, runLighthouse } from "./lighthouse";
import { type LoadRequest, measure } from "./load";
import { type Report, renderMarkdown } from "./report";
import { BENCH_JUDGES, BENCH_PASSWORD, isSeeded, SEED_VERSION, type SeedReport, seedScale, VOTING_WEEK_SLUG } from "./seed";
import { type AppServer, type RequestLog, startAppServer } from "./server";
import { mintSessions, signIn } from "./session";

const args = new Set(process.argv.slice(2));
const QUICK = args.has("--quick");
const WARMUP = Number(process.env.BENCH_WARMUP ?? (QUICK ? 1 : 3));
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 7));
const CONNECTIONS = [1, 16];
const SMALL_SCALE = 1 / 15;
const RESULTS = "bench/results";
const WEEK = VOTING_WEEK_SLUG;
/** People casting people's-choice votes in the vote scenario: enough that none meets the app's per-person rate limit. */
const VOTERS = 2000;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (line: string) => console.log(`[bench ${elapsed().padStart(5)}] ${line}`);

/** Page scenarios: GETs signed in as a participant (the ballot page as a judge). */
type PageScenario = { name: string; path: string; as?: "judge"; baseline?: string };

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  if (args.has("--build") || !existsSync("build/server/index.js") || !existsSync("build/client/assets")) {
    say("building the app (npm run build)");
    const build = spawnSync("npm", ["run", "build"], { stdio: ["ignore", "ignore", "inherit"] });
    if (build.status !== 0) throw new Error("npm run build failed");
  }

  const cluster = await openCluster();
  say(`databases: ${redact(cluster.url)} and ${redact(cluster.smallUrl)} (${cluster.source})`);
  const children: ChildProcess[] = [];
  const servers: AppServer[] = [];
  try {
    // Seeding -------------------------------------------------------------------------------------
    const seeding: { full: SeedReport | "kept"; small: SeedReport | "kept" } = { full: "kept", small: "kept" };
    for (const [key, url, scale] of [
      ["full", cluster.url, 1],
      ["small", cluster.smallUrl, SMALL_SCALE],
    ] as const) {
      if (!args.has("--reseed") && (await isSeeded(url, scale))) {
        say(`${key} database already seeded (seed version ${SEED_VERSION}); --reseed to start over`);
        continue;
      }
      say(`seeding the ${key} database (scale ${scale.toFixed(3)})`);
      seeding[key] = await seedScale({ url, scale, log: (l) => say(l) });
      say(`seeded in ${((seeding[key] as SeedReport).ms / 1000).toFixed(1)} s`);
    }

    const db = postgres(cluster.url, { max: 2, onnotice: () => {} });
    const fixtures = await loadFixtures(db);
    // Reset what the write scenarios change, so every run starts from the same state.
    await db`delete from peoples_choice_votes where week_id = ${fixtures.weekId} and user_id = any(${fixtures.voterIds})`;

    const pages: PageScenario[] = [
      { name: "home", path: "/" },
      { name: "ideas board", path: `/weeks/${WEEK}/ideas`, baseline: "board" },
      { name: "board: search", path: `/weeks/${WEEK}/ideas?q=latency` },
      { name: "board: 2 filters", path: `/weeks/${WEEK}/ideas?skill=react&tag=performance` },
      { name: "board: page 50", path: `/weeks/${WEEK}/ideas?page=50` },
      { name: "idea page", path: `/ideas/${fixtures.ideaId}` },
      { name: "teams list", path: `/weeks/${WEEK}/teams` },
      { name: "people search", path: `/people?q=${encodeURIComponent(fixtures.personQuery)}` },
      { name: "archive search", path: "/archive/demos?q=onboarding", baseline: "archive" },
      { name: "demo page", path: `/demos/${fixtures.demoId}` },
      { name: "ballot page", path: `/weeks/${WEEK}/ballot`, as: "judge" },
    ];

    // SQL capture and EXPLAIN ----------------------------------------------------------------------
    say("capturing the SQL of the board and archive search from the production build");
    const captured = captureSql(cluster.url, `${RESULTS}/sql-15k.json`, {
      board: pages[1]?.path ?? "",
      archive: "/archive/demos?q=onboarding",
    });
    captureSql(cluster.smallUrl, `${RESULTS}/sql-1k.json`, {
      board: pages[1]?.path ?? "",
      archive: "/archive/demos?q=onboarding",
    });
    const explain = await explainPlans(db, captured);
    await db.end({ timeout: 2 });

    // Baseline and app -----------------------------------------------------------------------------
    const baseline = await startBaseline(cluster.url, `${RESULTS}/sql-15k.json`);
    children.push(baseline.child);
    const app = await startAppServer({ databaseUrl: cluster.url });
    servers.push(app);
    say(`app at ${app.origin} (pid ${app.pid}), baseline at ${baseline.origin}`);
    const participant = await signIn(app.origin, "bench@bench.test", BENCH_PASSWORD);
    const judges: string[] = [];
    for (let i = 1; i <= BENCH_JUDGES; i++) judges.push(await signIn(app.origin, `judge${i}@bench.test`, BENCH_PASSWORD));
    // Voters: more people than the vote scenario could exhaust at the app's per-person limit (VOTE_RATE),
    // with sessions made directly (signing in 2,000 people through /login would take minutes of hashing).
    const voters = await mintSessions(cluster.url, fixtures.voterIds);
    app.takeLogs();

    const browser = { "accept-encoding": "gzip, deflate, br", accept: "text/html" };
    const scenarios: Array<{
      name: string;
      kind: "baseline" | "page" | "write";
      url: string;
      logPath?: string;
      requests: LoadRequest[];
      baseline?: string;
    }> = [
      {
        name: "baseline: board",
        kind: "baseline",
        url: baseline.origin,
        requests: [{ method: "GET", path: "/board", headers: browser }],
      },
      {
        name: "baseline: archive search",
        kind: "baseline",
        url: baseline.origin,
        requests: [{ method: "GET", path: "/archive", headers: browser }],
      },
      ...pages.map((p) => ({
        name: p.name,
        kind: "page" as const,
        url: app.origin,
        logPath: p.path.split("?")[0],
        baseline: p.baseline === "archive" ? "baseline: archive search" : "baseline: board",
        requests: [
          {
            method: "GET" as const,
            path: p.path,
            headers: { ...browser, cookie: p.as === "judge" ? (judges[0] ?? "") : participant },
          },
        ],
      })),
      {
        name: "ballot save",
        kind: "write",
        url: app.origin,
        logPath: `/weeks/${WEEK}/ballot.data`,
        requests: [ballotSaveRequest(app.origin, judges, fixtures)],
      },
      {
        name: "people's-choice vote",
        kind: "write",
        url: app.origin,
        logPath: `/weeks/${WEEK}/vote`,
        requests: voteRequests(app.origin, voters, fixtures.demoIds),
      },
    ];

    const results: Report["scenarios"] = [];
    for (const scenario of scenarios) {
      for (const connections of CONNECTIONS) {
        app.takeLogs();
        const load = await measure({
          url: scenario.url,
          connections,
          warmupSeconds: WARMUP,
          seconds: SECONDS,
          requests: scenario.requests,
          pid: scenario.kind === "baseline" ? baseline.child.pid : app.pid,
        });
        const logs = scenario.logPath ? app.takeLogs().filter((l) => l.path === scenario.logPath) : [];
        const queries = queryStats(logs);
        results.push({ name: scenario.name, kind: scenario.kind, baseline: scenario.baseline, ...load, queries });
        say(
          `${scenario.name.padEnd(26)} c=${String(connections).padStart(2)}  ${String(load.rps).padStart(7)} req/s  p50 ${load.p50} ms  p95 ${load.p95} ms  errors ${load.errors}${queries ? `  sql ${queries.median}` : ""}`,
        );
      }
    }

    // Lighthouse while the full-scale app is still up.
    let lighthouse: LighthouseScores[] | null = null;
    if (!args.has("--no-lighthouse")) {
      say("lighthouse (mobile) on home and the ideas board");
      try {
        lighthouse = await runLighthouse(app.origin, participant, LIGHTHOUSE_PAGES);
      } catch (error) {
        say(`lighthouse failed: ${(error as Error).message}`);
      }
    }
    await app.stop();
    servers.pop();
    baseline.child.kill("SIGTERM");

    // Growth: the same pages on the 1k database, one connection.
    say("growth check: board and archive search on the 1k-ideas database");
    const small = await startAppServer({ databaseUrl: cluster.smallUrl });
    servers.push(small);
    const smallCookie = await signIn(small.origin, "bench@bench.test", BENCH_PASSWORD);
    const growth: Report["growth"] = [];
    for (const page of pages.filter((p) => p.baseline)) {
      small.takeLogs();
      const load = await measure({
        url: small.origin,
        connections: 1,
        warmupSeconds: WARMUP,
        seconds: SECONDS,
        requests: [{ method: "GET", path: page.path, headers: { ...browser, cookie: smallCookie } }],
        pid: small.pid,
      });
      const queries = queryStats(small.takeLogs().filter((l) => l.path === page.path.split("?")[0]));
      const big = results.find((r) => r.name === page.name && r.connections === 1);
      growth.push({
        name: page.name,
        p50At1k: load.p50,
        p50At15k: big?.p50 ?? 0,
        ratio: load.p50 > 0 ? Math.round(((big?.p50 ?? 0) / load.p50) * 100) / 100 : 0,
        queriesAt1k: queries?.max ?? null,
        queriesAt15k: big?.queries?.max ?? null,
      });
      say(`${page.name.padEnd(26)} 1k p50 ${load.p50} ms vs 15k p50 ${big?.p50} ms`);
    }
    await small.stop();
    servers.pop();

    const js = clientJsPerRoute("build/client");
    const report: Report = buildReport({ results, growth, js, lighthouse, explain, seeding, cluster: cluster.source });
    report.totalSeconds = Math.round((Date.now() - started) / 1000);
    writeFileSync(`${RESULTS}/latest.json`, `${JSON.stringify(report, null, 2)}\n`);
    const markdown = renderMarkdown(report);
    writeFileSync(`${RESULTS}/latest.md`, markdown);
    console.log(`\n${markdown}`);
    say(`wrote ${RESULTS}/latest.json and latest.md`);
  } finally {
    for (const s of servers) await s.stop();
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    await cluster.stop();
  }
}

// -------------------------------------------------------------------------------------------------

type Fixtures = {
  weekId: number;
  ideaId: number;
  demoId: number;
  demoIds: number[];
  voterIds: number[];
  personQuery: string;
  criteria: number[];
  assignments: Array<{ judge: number; demoId: number }>;
};

async function loadFixtures(db: postgres.Sql): Promise<Fixtures> {
  const [week] = await db<[{ id: number }]>`select id from weeks where slug = ${WEEK}`;
  if (!week) throw new Error("The bench database has no voting week; run with --reseed");
  const weekId = week.id;
  // The voting week's most discussed idea, and a demo of the voting week (people's choice shows there).
  const [idea] = await db<[{ id: number }]>`select id from ideas where week_id = ${weekId} and status = 'published'
    order by comment_count desc, id limit 1`;
  const demos = await db<Array<{ id: number }>>`select id from demos where week_id = ${weekId} order by id`;
  const criteria = await db<Array<{ id: number }>>`select id from criteria where week_id = ${weekId} order by position`;
  const assignments = await db<Array<{ judge: number; demo_id: number }>>`
    select u.email as judge_email, a.demo_id, cast(substring(u.email from 'judge(\\d+)@') as int) as judge
    from judge_assignments a join users u on u.id = a.judge_id
    where a.week_id = ${weekId} and u.email like 'judge%@bench.test' order by a.demo_id`;
  // The bench voters, then people with no team in the voting week (nobody votes for their own team's demo).
  const voters = await db<Array<{ id: number }>>`
    select u.id from users u
    where u.email like 'voter%@bench.test'
       or (u.email like 'user%@bench.test' and not exists (
             select 1 from team_members tm join teams t on t.id = tm.team_id
             where tm.user_id = u.id and t.week_id = ${weekId}))
    order by (u.email like 'voter%@bench.test') desc, u.id
    limit ${VOTERS}`;
  const [person] = await db<[{ name: string }]>`select name from users where id = 5000`;
  return {
    weekId,
    ideaId: idea?.id ?? 1,
    demoId: demos[Math.floor(demos.length / 2)]?.id ?? 1,
    demoIds: demos.map((d) => d.id),
    voterIds: voters.map((v) => v.id),
    personQuery: (person?.name ?? "Lovelace").split(" ").at(-1) ?? "Lovelace",
    criteria: criteria.map((c) => c.id),
    assignments: assignments.map((a) => ({ judge: a.judge, demoId: a.demo_id })),
  };
}

/** Ballot saves round-robin over the bench judges' assigned demos; each save changes every score. */
function ballotSaveRequest(origin: string, judgeCookies: string[], fixtures: Fixtures): LoadRequest {
  let n = 0;
  const pairs = fixtures.assignments;
  if (pairs.length === 0) throw new Error("The bench judges have no assigned demos");
  return {
    method: "POST",
    path: `/weeks/${WEEK}/ballot.data`,
    setupRequest: (request) => {
      const k = n++;
      const pair = pairs[k % pairs.length] ?? { judge: 1, demoId: 0 };
      const value = String((Math.floor(k / pairs.length) % 5) + 1);
      const body = new URLSearchParams({ intent: "save", demoId: String(pair.demoId), feedback: `Bench feedback ${value}` });
      for (const c of fixtures.criteria) body.set(`score-${c}`, value);
      return {
        ...request,
        headers: {
          cookie: judgeCookies[pair.judge - 1] ?? "",
          origin,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: body.toString(),
      };
    },
  };
}

/**
 * People's-choice votes: each connection takes a free bench voter, votes for a demo and withdraws the vote
 * (both are writes), then frees the voter. A voter is never used by two connections at once, so the
 * three-votes limit is never reached and every request is allowed.
 */
function voteRequests(origin: string, voterCookies: string[], demoIds: number[]): LoadRequest[] {
  const free = voterCookies.map((cookie, i) => ({ cookie, demoId: demoIds[(i * 7) % demoIds.length] ?? 0 }));
  type Slot = (typeof free)[number];
  const headers = (slot: Slot) => ({ cookie: slot.cookie, origin, "content-type": "application/x-www-form-urlencoded" });
  return [
    {
      method: "POST",
      path: `/weeks/${WEEK}/vote`,
      setupRequest: (request, context) => {
        const slot = free.shift() ?? (free[0] as Slot);
        (context as { slot?: Slot }).slot = slot;
        return { ...request, headers: headers(slot), body: `intent=vote&demoId=${slot.demoId}` };
      },
    },
    {
      method: "POST",
      path: `/weeks/${WEEK}/vote`,
      setupRequest: (request, context) => {
        const slot = (context as { slot: Slot }).slot;
        return { ...request, headers: headers(slot), body: `intent=unvote&demoId=${slot.demoId}` };
      },
      onResponse: (_status, _body, context) => {
        free.push((context as { slot: Slot }).slot);
      },
    },
  ];
}

function queryStats(logs: RequestLog[]): Report["scenarios"][number]["queries"] {
  if (logs.length === 0) return null;
  const counts = logs.map((l) => l.queries).sort((a, b) => a - b);
  return {
    median: counts[Math.floor(counts.length / 2)] ?? 0,
    min: counts[0] ?? 0,
    max: counts.at(-1) ?? 0,
    logged: logs.length,
  };
}

function captureSql(databaseUrl: string, outFile: string, pages: Record<string, string>): CapturedPage[] {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "bench/capture-sql.ts", databaseUrl, outFile, ...Object.entries(pages).map(([n, p]) => `${n}=${p}`)],
    { env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "silent" }, encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`Capturing SQL failed:\n${run.stderr}`);
  const captured = JSON.parse(readFileSync(outFile, "utf8")) as CapturedPage[];
  for (const page of captured) {
    if (page.status !== 200) throw new Error(`Capturing SQL: ${page.path} answered ${page.status}`);
  }
  return captured;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the board's and the archive's own queries (those reading ideas / demos). */
async function explainPlans(db: postgres.Sql, captured: CapturedPage[]): Promise<Report["explain"]> {
  const out: Report["explain"] = [];
  for (const page of captured) {
    const table = page.name === "board" ? '"ideas"' : '"demos"';
    const statements = page.statements.filter((s) => s.text.includes(`from ${table}`));
    let text = `# EXPLAIN (ANALYZE, BUFFERS) — ${page.path} at full scale\n`;
    const indexes = new Set<string>();
    const seqScans = new Set<string>();
    for (const s of statements) {
      const rows = await db.unsafe(`explain (analyze, buffers) ${s.text}`, s.params as postgres.ParameterOrJSON<never>[]);
      const plan = rows.map((r) => String(r["QUERY PLAN"])).join("\n");
      text += `\n## ${s.text.replace(/\s+/g, " ").slice(0, 160)}…\n-- params: ${JSON.stringify(s.params).slice(0, 300)}\n\n${plan}\n`;
      for (const m of plan.matchAll(/(?:Index|Index Only|Bitmap Index) Scan (?:Backward )?(?:using|on) (\w+)/g))
        indexes.add(m[1] ?? "");
      for (const m of plan.matchAll(/Seq Scan on (\w+)/g)) seqScans.add(m[1] ?? "");
    }
    const file = `${RESULTS}/explain-${page.name}.txt`;
    writeFileSync(file, text);
    out.push({ page: page.name, path: page.path, file, indexes: [...indexes].sort(), seqScans: [...seqScans].sort() });
  }
  return out;
}

async function startBaseline(databaseUrl: string, capturedFile: string): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/baseline.ts", databaseUrl, capturedFile], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      const m = /^listening (\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`The baseline exited with code ${code}`)));
  });
  return { child, origin: `http://127.0.0.1:${port}` };
}

// -------------------------------------------------------------------------------------------------
// Budgets

const KB = 1024;

function buildReport(input: {
  results: Report["scenarios"];
  growth: Report["growth"];
  js: RouteJs[];
  lighthouse: LighthouseScores[] | null;
  explain: Report["explain"];
  seeding: { full: SeedReport | "kept"; small: SeedReport | "kept" };
  cluster: string;
}): Report {
  const { results, growth, js, lighthouse } = input;
  const at = (name: string, c: number) => results.find((r) => r.name === name && r.connections === c);
  // Ratios: each page's throughput to its baseline's at the same connection count.
  for (const r of results) {
    const base = r.baseline ? at(r.baseline, r.connections) : undefined;
    r.ratio = base && base.rps > 0 ? Math.round((r.rps / base.rps) * 1000) / 1000 : null;
  }
  const budgets: Report["budgets"] = [];
  const add = (budget: string, measured: string, target: string, pass: boolean) =>
    budgets.push({ budget, measured, target, pass });
  for (const name of ["ideas board", "archive search"]) {
    const r = at(name, 16);
    add(`${name}: p95 at 16 connections`, `${r?.p95 ?? "—"} ms`, "≤ 50 ms", !!r && r.p95 <= 50);
  }
  const board = at("ideas board", 16);
  add(
    "board SSR throughput vs bare baseline (16 connections)",
    board?.ratio != null ? `${(board.ratio * 100).toFixed(1)}%` : "—",
    "≥ 40%",
    (board?.ratio ?? 0) >= 0.4,
  );
  const pageResults = results.filter((r) => r.kind === "page" && r.queries);
  const worst = pageResults.reduce((m, r) => Math.max(m, r.queries?.max ?? 0), 0);
  const worstNames = [...new Set(pageResults.filter((r) => (r.queries?.max ?? 0) > 8).map((r) => r.name))];
  add(
    "SQL queries per page (max over pages)",
    `${worst}${worstNames.length ? ` (over: ${worstNames.join(", ")})` : ""}`,
    "≤ 8",
    worst <= 8,
  );
  for (const g of growth) {
    add(
      `${g.name}: same query count at 1k and 15k`,
      `${g.queriesAt1k} vs ${g.queriesAt15k}`,
      "equal",
      g.queriesAt1k !== null && g.queriesAt1k === g.queriesAt15k,
    );
    add(
      `${g.name}: growth p50(15k) / p50(1k)`,
      `${g.ratio} (${g.p50At15k} / ${g.p50At1k} ms)`,
      "≤ 1.5",
      g.ratio > 0 && g.ratio <= 1.5,
    );
  }
  for (const name of ["ballot save", "people's-choice vote"]) {
    const r = at(name, 16);
    const errors = results.filter((x) => x.name === name).reduce((s, x) => s + x.errors, 0);
    add(`${name}: throughput at 16 connections`, `${r?.rps ?? "—"} /s`, "≥ 1000 /s", (r?.rps ?? 0) >= 1000);
    add(`${name}: errors (1 and 16 connections)`, String(errors), "0", errors === 0);
  }
  const heaviest = js[0];
  add(
    "client JS per route, gzip (heaviest route)",
    heaviest
      ? `${(heaviest.gzipBytes / KB).toFixed(1)} KB (${heaviest.path}); ${js.filter((r) => r.gzipBytes > 180 * KB).length} of ${js.length} routes over`
      : "—",
    "≤ 180 KB",
    js.every((r) => r.gzipBytes <= 180 * KB),
  );
  if (lighthouse) {
    for (const s of lighthouse) {
      add(`lighthouse ${s.name}: performance (mobile)`, String(s.performance), "≥ 90", s.performance >= 90);
      add(`lighthouse ${s.name}: accessibility`, String(s.accessibility), "100", s.accessibility === 100);
      add(`lighthouse ${s.name}: best practices`, String(s.bestPractices), "≥ 95", s.bestPractices >= 95);
    }
  } else {
    add("lighthouse", "not run", "see bench/lighthouse.ts", false);
  }
  const seedMs = (s: SeedReport | "kept") => (s === "kept" ? null : s.ms);
  return {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version },
    database: input.cluster,
    seedVersion: SEED_VERSION,
    seeding: { fullMs: seedMs(input.seeding.full), smallMs: seedMs(input.seeding.small) },
    window: { warmupSeconds: WARMUP, seconds: SECONDS },
    scenarios: results,
    growth,
    js,
    lighthouse,
    explain: input.explain,
    budgets,
    totalSeconds: 0,
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
