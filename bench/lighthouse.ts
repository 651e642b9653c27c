/**
 * Lighthouse 12 (mobile emulation, the default config) on the home page and the ideas board, signed in,
 * with the machine's Chromium (CHROME_PATH, else /usr/bin/chromium, else chrome-launcher's own search).
 * Each page LIGHTHOUSE_RUNS times (3); prints the median run's performance, accessibility and
 * best-practices scores.
 *
 * Standalone: `npm run bench:lighthouse` starts the production build on the bench database itself.
 * `npm run bench` calls `runLighthouse()` with its already running server.
 */
import { existsSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

export type LighthouseScores = {
  name: string;
  path: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  /** The performance metrics behind the score (simulated mobile: slow 4G, 4× CPU slowdown). */
  metrics: { fcpMs: number; lcpMs: number; tbtMs: number; cls: number; speedIndexMs: number };
  /** Every run's performance score; the row reports the run with the median one. */
  runs: number[];
};

/**
 * Runs per page. Lighthouse's own guidance for its variance is to run several times and take the median run:
 * on a 2-core machine one run swings by ±5 points.
 */
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function chromePath(): string | undefined {
  return process.env.CHROME_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
}

export async function runLighthouse(
  origin: string,
  cookie: string,
  pages: Array<{ name: string; path: string }>,
): Promise<LighthouseScores[]> {
  const chrome = await chromeLauncher.launch({ chromePath: chromePath(), chromeFlags: FLAGS, logLevel: "silent" });
  const out: LighthouseScores[] = [];
  try {
    for (const page of pages) {
      const audit = () =>
        lighthouse(origin + page.path, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance", "accessibility", "best-practices"],
          extraHeaders: { Cookie: cookie },
        });
      // Lighthouse's own trace recording fails now and then (NO_NAVSTART, "run Lighthouse again"): retry
      // up to twice before reporting the page as failed.
      const once = async () => {
        let result = await audit();
        for (let attempt = 1; attempt <= 2 && (!result || result.lhr.runtimeError); attempt++) {
          console.error(page.path, result?.lhr.runtimeError?.code ?? "no result", `— retrying (${attempt})`);
          result = await audit();
        }
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
        if (result.lhr.runtimeError) console.error(page.path, result.lhr.runtimeError);
        return result;
      };
      const results: Array<Awaited<ReturnType<typeof once>>> = [];
      for (let i = 0; i < RUNS; i++) results.push(await once());
      const perf = (r: (typeof results)[number]) => r.lhr.categories.performance?.score ?? 0;
      const sorted = [...results].sort((a, b) => perf(a) - perf(b));
      const result = sorted[Math.floor((sorted.length - 1) / 2)] as (typeof results)[number];
      for (const [id, a] of Object.entries(result.lhr.audits)) {
        if (a.score === 0 && process.env.BENCH_DEBUG) console.error(id, a.title, a.displayValue ?? "");
      }
      const score = (id: string) => Math.round((result.lhr.categories[id]?.score ?? 0) * 100);
      const metric = (id: string) => Math.round((result.lhr.audits[id]?.numericValue ?? 0) * 1000) / 1000;
      out.push({
        name: page.name,
        path: page.path,
        performance: score("performance"),
        accessibility: score("accessibility"),
        bestPractices: score("best-practices"),
        metrics: {
          fcpMs: Math.round(metric("first-contentful-paint")),
          lcpMs: Math.round(metric("largest-contentful-paint")),
          tbtMs: Math.round(metric("total-blocking-time")),
          cls: metric("cumulative-layout-shift"),
          speedIndexMs: Math.round(metric("speed-index")),
        },
        runs: results.map((r) => Math.round(perf(r) * 100)),
      });
    }
  } finally {
    await chrome.kill();
  }
  return out;
}

export const LIGHTHOUSE_PAGES = [
  { name: "home", path: "/" },
  { name: "ideas board", path: "/weeks/bench-now/ideas" },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openCluster } = await import("./db");
  const { isSeeded, seedScale, BENCH_PASSWORD } = await import("./seed");
  const { startAppServer } = await import("./server");
  const { signIn } = await import("./session");
  const cluster = await openCluster();
  try {
    if (!(await isSeeded(cluster.url, 1))) await seedScale({ url: cluster.url, scale: 1 });
    const app = await startAppServer({ databaseUrl: cluster.url });
    try {
      const cookie = await signIn(app.origin, "bench@bench.test", BENCH_PASSWORD);
      for (const s of await runLighthouse(app.origin, cookie, LIGHTHOUSE_PAGES)) {
        console.log(
          `${s.name.padEnd(12)} performance ${s.performance}  accessibility ${s.accessibility}  best practices ${s.bestPractices}` +
            `  (median of ${s.runs.join(", ")}; FCP ${s.metrics.fcpMs} ms, LCP ${s.metrics.lcpMs} ms, TBT ${s.metrics.tbtMs} ms, CLS ${s.metrics.cls}, SI ${s.metrics.speedIndexMs} ms)`,
        );
      }
    } finally {
      await app.stop();
    }
  } finally {
    await cluster.stop();
  }
}
