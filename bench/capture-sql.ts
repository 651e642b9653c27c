/**
 * Captures the exact SQL (text and parameters) that the production build runs for a page, so the bare
 * baseline and the EXPLAIN plans use the app's own statements and cannot drift from them.
 *
 * It loads build/server in this process with the real Express host (server/app.ts), puts a pool whose
 * Drizzle logger records every statement where the app looks for its pool, signs in through /login and
 * requests each page twice: the second request (warm in-process caches, as in steady state) is recorded.
 *
 *   node --import tsx bench/capture-sql.ts <databaseUrl> <out.json> name=/path [name=/path ...]
 */
import { writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import pino from "pino";
import postgres from "postgres";
import type { ServerBuild } from "react-router";
import * as schema from "../db/schema";
import { createApp, staticAssets } from "../server/app";
import { BENCH_PASSWORD } from "./seed";
import { signIn } from "./session";

export type CapturedStatement = { text: string; params: unknown[] };
export type CapturedPage = { name: string; path: string; status: number; statements: CapturedStatement[] };

const [databaseUrl, outFile, ...pages] = process.argv.slice(2);
if (!databaseUrl || !outFile || pages.length === 0) {
  console.error("Usage: capture-sql.ts <databaseUrl> <out.json> name=/path ...");
  process.exit(2);
}
process.env.DATABASE_URL = databaseUrl;
process.env.NODE_ENV = "production";

let recording: CapturedStatement[] | null = null;
const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
const db = drizzle(sql, {
  schema,
  casing: "snake_case",
  logger: {
    logQuery(text, params) {
      recording?.push({ text, params });
    },
  },
});
(globalThis as unknown as { __expeditionPool: unknown }).__expeditionPool = { sql, db, url: databaseUrl };

const build = (await import(path.resolve("build/server/index.js"))) as ServerBuild;
const app = createApp({
  log: pino({ level: "silent" }),
  mode: "production",
  build,
  trustProxy: false,
  assets: staticAssets(path.resolve("build/client")),
  isShuttingDown: () => false,
});
const server = app.listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const out: CapturedPage[] = [];
try {
  const cookie = await signIn(origin, "bench@bench.test", BENCH_PASSWORD);
  for (const spec of pages) {
    const [name = "", pagePath = "/"] = spec.split(/=(.*)/s);
    await (await fetch(origin + pagePath, { headers: { cookie } })).text();
    recording = [];
    const response = await fetch(origin + pagePath, { headers: { cookie } });
    await response.text();
    out.push({ name, path: pagePath, status: response.status, statements: recording });
    recording = null;
  }
} finally {
  server.close();
  await sql.end({ timeout: 2 });
}
writeFileSync(outFile, JSON.stringify(out, null, 1));
process.exit(0);
