/** The bench report: its shape (bench/results/latest.json) and its Markdown rendering (latest.md and stdout). */
import type { RouteJs } from "./bundle";
import type { LighthouseScores } from "./lighthouse";
import type { LoadResult } from "./load";

export type ScenarioResult = LoadResult & {
  name: string;
  kind: "baseline" | "page" | "write";
  /** The baseline scenario this one's throughput is compared with. */
  baseline?: string;
  /** Throughput ÷ the baseline's at the same connection count. */
  ratio?: number | null;
  /** SQL queries per request, from the server's request log lines (null for the baseline). */
  queries: { median: number; min: number; max: number; logged: number } | null;
};

export type Report = {
  generatedAt: string;
  machine: { cpus: number; node: string };
  database: string;
  seedVersion: number;
  seeding: { fullMs: number | null; smallMs: number | null };
  window: { warmupSeconds: number; seconds: number };
  scenarios: ScenarioResult[];
  growth: Array<{
    name: string;
    p50At1k: number;
    p50At15k: number;
    ratio: number;
    queriesAt1k: number | null;
    queriesAt15k: number | null;
  }>;
  js: RouteJs[];
  lighthouse: LighthouseScores[] | null;
  explain: Array<{ page: string; path: string; file: string; indexes: string[]; seqScans: string[] }>;
  budgets: Array<{ budget: string; measured: string; target: string; pass: boolean }>;
  totalSeconds: number;
};

function table(head: string[], rows: Array<Array<string | number>>, right: boolean[] = []): string {
  const line = (cells: Array<string | number>) => `| ${cells.map(String).join(" | ")} |`;
  const rule = `| ${head.map((_, i) => (right[i] ? "---:" : "---")).join(" | ")} |`;
  return [line(head), rule, ...rows.map(line)].join("\n");
}

export function renderMarkdown(r: Report): string {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const seed = (ms: number | null) => (ms === null ? "kept (already seeded)" : `${(ms / 1000).toFixed(1)} s`);
  const out: string[] = [];
  out.push(`# Expedition benchmark — ${r.generatedAt}`);
  out.push("");
  out.push(
    `${r.machine.cpus} CPUs, Node ${r.machine.node}, database: ${r.database}. Seed version ${r.seedVersion}; seeding: full ${seed(r.seeding.fullMs)}, 1k ${seed(r.seeding.smallMs)}. ` +
      `Each scenario: ${r.window.warmupSeconds} s warm-up, then ${r.window.seconds} s measured. Whole run: ${r.totalSeconds} s.`,
  );
  out.push("");
  out.push("## Budgets");
  out.push("");
  out.push(
    table(
      ["budget", "measured", "target", "result"],
      r.budgets.map((b) => [b.budget, b.measured, b.target, b.pass ? "PASS" : "**MISS**"]),
    ),
  );
  out.push("");
  out.push("## Scenarios");
  out.push("");
  out.push(
    "`ratio` = requests/s ÷ the bare baseline's at the same connection count (archive search against the archive baseline, every other page against the board baseline; writes have none). `sql` = SQL queries per request (median; max in brackets when different), from the server's log lines.",
  );
  out.push("");
  out.push(
    table(
      ["scenario", "conn", "req/s", "ratio", "p50 ms", "p95 ms", "p99 ms", "errors", "sql", "RSS max MB"],
      r.scenarios.map((s) => [
        s.name,
        s.connections,
        s.rps,
        s.ratio == null ? "—" : s.ratio.toFixed(3),
        s.p50,
        s.p95,
        s.p99,
        s.errors,
        s.queries ? `${s.queries.median}${s.queries.max !== s.queries.median ? ` (${s.queries.max})` : ""}` : "—",
        s.rssMaxMb ?? "—",
      ]),
      [false, true, true, true, true, true, true, true, true, true],
    ),
  );
  out.push("");
  out.push("## Growth (1 connection): the 1k-ideas database vs the 15k-ideas database");
  out.push("");
  out.push(
    table(
      ["page", "p50 at 1k ms", "p50 at 15k ms", "ratio", "sql at 1k", "sql at 15k"],
      r.growth.map((g) => [g.name, g.p50At1k, g.p50At15k, g.ratio, g.queriesAt1k ?? "—", g.queriesAt15k ?? "—"]),
    ),
  );
  out.push("");
  out.push("## EXPLAIN (ANALYZE, BUFFERS) at 15k");
  out.push("");
  out.push(
    table(
      ["page", "indexes used", "sequential scans", "plans"],
      r.explain.map((e) => [e.path, e.indexes.join(", ") || "—", e.seqScans.join(", ") || "none", e.file]),
    ),
  );
  out.push("");
  if (r.lighthouse) {
    out.push("## Lighthouse (mobile emulation)");
    out.push("");
    out.push(
      table(
        [
          "page",
          "performance (median run)",
          "runs",
          "accessibility",
          "best practices",
          "FCP ms",
          "LCP ms",
          "TBT ms",
          "CLS",
          "speed index ms",
        ],
        r.lighthouse.map((l) => [
          l.path,
          l.performance,
          l.runs.join(", "),
          l.accessibility,
          l.bestPractices,
          l.metrics.fcpMs,
          l.metrics.lcpMs,
          l.metrics.tbtMs,
          l.metrics.cls,
          l.metrics.speedIndexMs,
        ]),
      ),
    );
    out.push("");
  }
  out.push("## Client JavaScript per route (gzip, first visit: manifest + entry + root + layout + route and their imports)");
  out.push("");
  out.push(
    table(
      ["route", "KB gzip", "files", "lazy (not counted)"],
      r.js.map((j) => [
        j.path,
        kb(j.gzipBytes),
        j.files,
        j.lazy.map((l) => `${l.file.replace("/assets/", "")} ${kb(l.gzipBytes)} KB`).join(", ") || "—",
      ]),
      [false, true, true, false],
    ),
  );
  out.push("");
  return out.join("\n");
}
