import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { countQuery } from "./query-stats";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the pool or an open transaction: domain functions accept both. */
export type Queryable = Database | Transaction;

type Pool = { sql: postgres.Sql; db: Database; url: string };

const globalForDb = globalThis as typeof globalThis & { __expeditionPool?: Pool };

/**
 * Seconds before a lost connection is tried again. postgres.js waits up to 20 s (growing with each
 * failed attempt); while the database is down that would hold requests instead of failing them fast
 * with a 503, and delay recovery (and live updates' LISTEN) once it is back. A refused connection is
 * cheap, so retry within half a second.
 */
export const reconnectBackoff = (retries: number): number => Math.min(0.05 * 2 ** retries, 0.5);

export function createPool(url: string, options: postgres.Options<Record<string, never>> = {}): Pool {
  const sql = postgres(url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    idle_timeout: 30,
    connect_timeout: 5,
    backoff: reconnectBackoff,
    onnotice: () => {},
    ...options,
  });
  // Drizzle's logger runs in the caller's async context, so queries are counted per request.
  return { sql, url, db: drizzle(sql, { schema, casing: "snake_case", logger: { logQuery: countQuery } }) };
}

/** One pool per process, kept on globalThis so dev reloads don't leak connections. */
export function getPool(): Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the server bootstrap sets it before the app loads.");
  const existing = globalForDb.__expeditionPool;
  if (existing && existing.url === url) return existing;
  const pool = createPool(url);
  globalForDb.__expeditionPool = pool;
  return pool;
}

export function getDb(): Database {
  return getPool().db;
}

export async function closePool(): Promise<void> {
  const pool = globalForDb.__expeditionPool;
  globalForDb.__expeditionPool = undefined;
  if (pool) await pool.sql.end({ timeout: 5 });
}
