/**
 * npm run db:migrate | db:seed | db:reset | db:studio | db:backup [file] | db:restore <file>
 * Uses DATABASE_URL when set, otherwise the embedded PostgreSQL under DATA_DIR (default .data).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { sql } from "drizzle-orm";
import { parseEnv } from "../app/env.server";
import { backupDatabase, defaultBackupFile, restoreDatabase } from "./backup";
import { createPool } from "./client";
import { startEmbeddedPostgres } from "./embedded";
import { runMigrations } from "./migrate";
import { seedDemoData } from "./seed";

const command = process.argv[2];
const env = parseEnv(process.env);

async function withDatabase(fn: (url: string) => Promise<void>) {
  if (env.DATABASE_URL) {
    console.log(`Using DATABASE_URL (${new URL(env.DATABASE_URL).host})`);
    await fn(env.DATABASE_URL);
    return;
  }
  const dir = path.join(env.DATA_DIR, "pg");
  const embedded = await startEmbeddedPostgres({ dir, database: "expedition" });
  console.log(`Using the embedded PostgreSQL in ${path.resolve(dir)}`);
  try {
    await fn(embedded.url);
  } finally {
    await embedded.stop();
  }
}

async function seed(url: string) {
  const pool = createPool(url, { max: 2 });
  try {
    await seedDemoData(pool.db);
  } finally {
    await pool.sql.end({ timeout: 5 });
  }
}

async function run() {
  switch (command) {
    case "migrate":
      await withDatabase(async (url) => {
        await runMigrations(url);
        console.log("Migrations applied.");
      });
      break;
    case "seed":
      await withDatabase(async (url) => {
        await runMigrations(url);
        await seed(url);
        console.log("Demo data seeded (existing rows were kept).");
      });
      break;
    case "reset":
      await withDatabase(async (url) => {
        const pool = createPool(url, { max: 1 });
        try {
          await pool.db.execute(sql`drop schema if exists public cascade`);
          await pool.db.execute(sql`drop schema if exists drizzle cascade`);
          await pool.db.execute(sql`create schema public`);
        } finally {
          await pool.sql.end({ timeout: 5 });
        }
        await runMigrations(url);
        await seed(url);
        console.log("Database reset: schema recreated and demo data seeded.");
      });
      break;
    case "studio":
      await withDatabase(
        (url) =>
          new Promise<void>((resolve) => {
            const child = spawn("npx", ["drizzle-kit", "studio"], {
              stdio: "inherit",
              env: { ...process.env, DATABASE_URL: url },
            });
            const stop = () => child.kill("SIGINT");
            process.once("SIGINT", stop);
            process.once("SIGTERM", stop);
            child.on("exit", () => resolve());
          }),
      );
      break;
    case "backup": {
      const file = process.argv[3] || defaultBackupFile();
      await withDatabase(async (url) => {
        const { tool } = await backupDatabase(url, file);
        console.log(`Backup written to ${path.resolve(file)} (${tool}).`);
      });
      break;
    }
    case "restore": {
      const file = process.argv[3];
      if (!file) {
        console.error("Usage: npm run db:restore -- <backup file>  (replaces the configured database's contents)");
        process.exit(2);
      }
      await withDatabase(async (url) => {
        const { tool } = await restoreDatabase(url, file);
        console.log(`Restored ${path.resolve(file)} (${tool}).`);
      });
      break;
    }
    default:
      console.error("Usage: db/cli.ts migrate|seed|reset|studio|backup [file]|restore <file>");
      process.exit(2);
  }
}

run().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
