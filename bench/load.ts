/** One load run with autocannon: warm-up, then a measured window; latencies from every response. */
import autocannon from "autocannon";
import { rssOf } from "./server";

export type LoadRequest = autocannon.Request;

export type LoadResult = {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Transport errors, timeouts and HTTP statuses of 400 and above. */
  errors: number;
  statuses: Record<string, number>;
  rssMaxMb: number | null;
  rssEndMb: number | null;
};

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[i] ?? 0) * 100) / 100;
}

async function fire(
  url: string,
  connections: number,
  seconds: number,
  requests: LoadRequest[],
  onResponse?: (ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, requests, timeout: 30 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    if (onResponse) {
      instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => onResponse(ms));
    }
  });
}

export async function measure(options: {
  url: string;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  requests: LoadRequest[];
  /** Process whose RSS is sampled during the measured window. */
  pid?: number;
}): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await fire(options.url, options.connections, options.warmupSeconds, options.requests);
  const times: number[] = [];
  let rssMax = 0;
  const sample = () => {
    const rss = options.pid ? rssOf(options.pid) : null;
    if (rss && rss > rssMax) rssMax = rss;
  };
  const sampler = setInterval(sample, 200);
  let result: autocannon.Result;
  try {
    result = await fire(options.url, options.connections, options.seconds, options.requests, (ms) => times.push(ms));
  } finally {
    clearInterval(sampler);
  }
  const rssEnd = options.pid ? rssOf(options.pid) : null;
  const sorted = Float64Array.from(times).sort();
  const statuses: Record<string, number> = {};
  let httpErrors = 0;
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
    const count = (stat as { count: number }).count;
    statuses[code] = count;
    if (Number(code) >= 400) httpErrors += count;
  }
  const seconds = result.duration || options.seconds;
  const mb = (bytes: number | null) => (bytes ? Math.round(bytes / 1024 / 102.4) / 10 : null);
  return {
    connections: options.connections,
    seconds,
    requests: sorted.length,
    rps: Math.round((sorted.length / seconds) * 10) / 10,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: httpErrors + result.errors,
    statuses,
    rssMaxMb: mb(rssMax || null),
    rssEndMb: mb(rssEnd),
  };
}
