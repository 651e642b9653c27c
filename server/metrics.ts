import { timingSafeEqual } from "node:crypto";
import type express from "express";
import client from "prom-client";
import { env } from "../app/env.server";
import { getPool } from "../db/client";

/**
 * Prometheus metrics for one app instance, served at /metrics: request latency by method, route
 * pattern (e.g. `/ideas/:ideaId`, never the raw path, so label values stay few) and status class;
 * SQL statements per request; the database's reachability, ping time and connections by state;
 * and Node's default process metrics. Each instance exposes its own; Prometheus adds them up.
 */
const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const requestDuration = new client.Histogram({
  name: "http_request_duration_seconds",
  help: "HTTP request duration in seconds, by method, route pattern and status class",
  labelNames: ["method", "route", "status_class"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const requestQueries = new client.Counter({
  name: "expedition_db_queries_total",
  help: "SQL statements sent while serving HTTP requests",
  labelNames: ["route"] as const,
  registers: [registry],
});

new client.Gauge({
  name: "expedition_db_pool_max_connections",
  help: "The most connections this instance's PostgreSQL pool opens (DATABASE_POOL_SIZE)",
  registers: [registry],
  collect() {
    this.set(Number(process.env.DATABASE_POOL_SIZE ?? 10));
  },
});

const dbUp = new client.Gauge({
  name: "expedition_db_up",
  help: "1 when this instance reached PostgreSQL at the last scrape, else 0",
  registers: [registry],
});

const dbPing = new client.Gauge({
  name: "expedition_db_ping_seconds",
  help: "Round trip of `select 1` from this instance at the last scrape",
  registers: [registry],
});

const dbConnections = new client.Gauge({
  name: "expedition_db_connections",
  help: "Client connections to the app's database (all instances), by state, from pg_stat_activity",
  labelNames: ["state"] as const,
  registers: [registry],
});

async function collectDatabase(): Promise<void> {
  dbConnections.reset();
  try {
    const { sql } = getPool();
    const started = process.hrtime.bigint();
    await sql`select 1`;
    dbPing.set(Number(process.hrtime.bigint() - started) / 1e9);
    const rows = await sql<{ state: string; n: number }[]>`
      select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity
      where datname = current_database() and backend_type = 'client backend' group by 1`;
    for (const row of rows) dbConnections.set({ state: row.state }, row.n);
    dbUp.set(1);
  } catch {
    dbUp.set(0);
  }
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Records one finished request. `route` is the matched route pattern, or a fixed word when none ran. */
export function observeRequest(method: string, route: string, status: number, seconds: number, queries: number): void {
  const labels = {
    method: METHODS.has(method) ? method : "OTHER",
    route,
    status_class: `${Math.floor(status / 100)}xx`,
  };
  requestDuration.observe(labels, seconds);
  if (queries > 0) requestQueries.inc({ route }, queries);
}

/** The label for a request: the route pattern React Router matched, else what served it. */
export function routeLabel(path: string, pattern: string | undefined): string {
  if (pattern) return pattern.startsWith("/") ? pattern : `/${pattern}`;
  if (path.startsWith("/assets/")) return "/assets/*";
  if (path === "/metrics") return "/metrics";
  return "(no route)";
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * GET /metrics. With METRICS_TOKEN set: only with `Authorization: Bearer <token>`. Without it: only
 * to a client on this machine (the TCP peer is loopback and no proxy forwarded the request).
 */
export const metricsHandler: express.RequestHandler = async (req, res) => {
  const token = env().METRICS_TOKEN;
  res.setHeader("Cache-Control", "no-store");
  if (token) {
    const given = /^Bearer (.+)$/.exec(req.get("authorization") ?? "")?.[1] ?? "";
    if (!sameSecret(given, token)) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
      res.status(401).type("text/plain").send("Metrics need `Authorization: Bearer <METRICS_TOKEN>`.");
      return;
    }
  } else {
    const forwarded = req.get("x-forwarded-for") || req.get("forwarded");
    if (forwarded || !LOOPBACK.test(req.socket.remoteAddress ?? "")) {
      res
        .status(403)
        .type("text/plain")
        .send("Metrics are served only to this machine; set METRICS_TOKEN to scrape them from elsewhere.");
      return;
    }
  }
  await collectDatabase();
  res.type(registry.contentType).send(await registry.metrics());
};
