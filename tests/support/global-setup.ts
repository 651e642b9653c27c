import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One PostgreSQL for the whole run: DATABASE_URL when set (migrated in place), otherwise the
 * embedded server under .data/test with a fresh database that is dropped afterwards.
 * Tests make their own rows (unique emails, slugs), so they can run in parallel.
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  if (external) {
    await runMigrations(external);
    project.provide("databaseUrl", external);
    return;
  }
  const embedded = await startEmbeddedPostgres({ dir: ".data/test/pg", database: "postgres" });
  const name = `expedition_test_${Date.now()}_${process.pid}`;
  const admin = postgres(embedded.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = embedded.url.replace(/\/postgres$/, `/${name}`);
  await runMigrations(url);
  project.provide("databaseUrl", url);
  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
    await embedded.stop();
  };
}
