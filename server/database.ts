import path from "node:path";
import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import { createPool } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { seedDemoData } from "../db/seed";

export type PreparedDatabase = { url: string; source: "embedded" | "external"; stop: () => Promise<void> };

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/**
 * Without DATABASE_URL: starts the embedded PostgreSQL under DATA_DIR. Either way: applies
 * migrations, and seeds demo data into an empty embedded database (or when SEED_DEMO_DATA=true).
 * Sets process.env.DATABASE_URL so the app's pool uses the same server.
 */
export async function prepareDatabase(options: {
  log: Logger;
  databaseUrl?: string;
  dataDir: string;
  seedDemoData: boolean;
}): Promise<PreparedDatabase> {
  const { log } = options;
  let prepared: PreparedDatabase;
  if (options.databaseUrl) {
    prepared = { url: options.databaseUrl, source: "external", stop: async () => {} };
    log.info(
      { database: redact(options.databaseUrl) },
      `Using the PostgreSQL server at ${redact(options.databaseUrl)} (DATABASE_URL)`,
    );
  } else {
    const dir = path.join(options.dataDir, "pg");
    const started = Date.now();
    const embedded = await startEmbeddedPostgres({ dir, database: "expedition", log: (line) => log.debug({ pg: line }) });
    prepared = { url: embedded.url, source: "embedded", stop: embedded.stop };
    log.info(
      { database: redact(embedded.url), dataDir: path.resolve(dir), ms: Date.now() - started },
      `Using the embedded PostgreSQL in ${path.resolve(dir)} (no DATABASE_URL set)`,
    );
  }
  process.env.DATABASE_URL = prepared.url;
  try {
    await runMigrations(prepared.url);
    if (prepared.source === "embedded" || options.seedDemoData) {
      const pool = createPool(prepared.url, { max: 2 });
      try {
        const [row] = await pool.db.execute<{ n: number }>(sql`select count(*)::int as n from users`);
        if ((row?.n ?? 0) === 0) {
          const started = Date.now();
          await seedDemoData(pool.db);
          log.info({ ms: Date.now() - started }, "Seeded demo data into the empty database");
        }
      } finally {
        await pool.sql.end({ timeout: 5 });
      }
    }
  } catch (error) {
    await prepared.stop();
    throw error;
  }
  return prepared;
}
