/**
 * Where the benchmark's databases live. In order of preference:
 *  1. BENCH_DATABASE_URL (its database is used for the full scale; `<name>_1k` beside it for the growth point),
 *  2. the machine's PostgreSQL on 127.0.0.1:5432 (trust auth): databases `expedition_bench` and `expedition_bench_1k`,
 *  3. an embedded PostgreSQL under `.data/bench` (the same two databases).
 * The app's own database is never touched.
 */
import net from "node:net";
import postgres from "postgres";
import { startEmbeddedPostgres } from "../db/embedded";

export type BenchCluster = {
  /** URL of the full-scale database. */
  url: string;
  /** URL of the 1k-ideas database (growth check). */
  smallUrl: string;
  source: "BENCH_DATABASE_URL" | "local 127.0.0.1:5432" | "embedded .data/bench";
  stop: () => Promise<void>;
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export async function openCluster(): Promise<BenchCluster> {
  const explicit = process.env.BENCH_DATABASE_URL;
  if (explicit) {
    const name = new URL(explicit).pathname.slice(1) || "expedition_bench";
    await ensureDatabase(explicit, `${name}_1k`);
    return {
      url: explicit,
      smallUrl: withDatabase(explicit, `${name}_1k`),
      source: "BENCH_DATABASE_URL",
      stop: async () => {},
    };
  }
  const local = "postgres://postgres@127.0.0.1:5432/postgres";
  if ((await portAnswers("127.0.0.1", 5432)) && (await canConnect(local))) {
    return {
      url: withDatabase(local, "expedition_bench"),
      smallUrl: withDatabase(local, "expedition_bench_1k"),
      source: "local 127.0.0.1:5432",
      stop: async () => {},
    };
  }
  const embedded = await startEmbeddedPostgres({ dir: ".data/bench", database: "expedition_bench" });
  return {
    url: embedded.url,
    smallUrl: withDatabase(embedded.url, "expedition_bench_1k"),
    source: "embedded .data/bench",
    stop: embedded.stop,
  };
}

/** Creates `database` on the server of `url` when it is missing. */
export async function ensureDatabase(url: string, database: string): Promise<void> {
  const sql = postgres(withDatabase(url, "postgres"), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 as ok from pg_database where datname = ${database}`;
    if (!row) await sql.unsafe(`create database "${database}"`);
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** Drops and creates the database of `url` (never the server's `postgres` database). */
export async function recreateDatabase(url: string): Promise<void> {
  const database = new URL(url).pathname.slice(1);
  if (!database || database === "postgres") throw new Error(`Refusing to recreate database "${database}"`);
  const sql = postgres(withDatabase(url, "postgres"), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${database}" with (force)`);
    await sql.unsafe(`create database "${database}"`);
  } finally {
    await sql.end({ timeout: 2 });
  }
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
