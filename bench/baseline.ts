/**
 * The bare baseline: a plain `node:http` server with a postgres.js pool (as large as the app's) that runs
 * exactly the SQL statements the app ran for a page (captured by bench/capture-sql.ts from the production
 * build: the session check, the loader's queries) side by side, and answers with the rows as JSON, gzipped
 * when the client asks, as the app's compression does. No framework, no rendering: the physical limit of
 * "query plus bytes" on this machine, measured in the same run as the pages.
 *
 *   node --import tsx bench/baseline.ts <databaseUrl> <captured.json>   → prints "listening <port>"
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import postgres from "postgres";
import type { CapturedPage } from "./capture-sql";

const gzipAsync = promisify(gzip);
const [databaseUrl, capturedFile] = process.argv.slice(2);
if (!databaseUrl || !capturedFile) {
  console.error("Usage: baseline.ts <databaseUrl> <captured.json>");
  process.exit(2);
}
const pages = new Map(
  (JSON.parse(readFileSync(capturedFile, "utf8")) as CapturedPage[]).map((p) => [
    `/${p.name}`,
    // Only reads are replayed (a session refresh, if one was captured, would write).
    p.statements.filter((s) => /^\s*(select|with)\b/i.test(s.text)),
  ]),
);
const sql = postgres(databaseUrl, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });

const server = http.createServer(async (req, res) => {
  const statements = pages.get(req.url ?? "");
  if (!statements) {
    res.writeHead(404).end();
    return;
  }
  try {
    const results = await Promise.all(
      statements.map((s) => sql.unsafe(s.text, s.params as postgres.ParameterOrJSON<never>[], { prepare: true })),
    );
    const body = Buffer.from(JSON.stringify(results));
    if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      const zipped = await gzipAsync(body);
      res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip", "Content-Length": zipped.length });
      res.end(zipped);
    } else {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length });
      res.end(body);
    }
  } catch (error) {
    res.writeHead(500, { "Content-Type": "text/plain" }).end(String(error));
  }
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  void sql.end({ timeout: 2 }).then(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
