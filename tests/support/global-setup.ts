import { existsSync, readdirSync, rmSync } from "node:fs";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Clusters left behind by runs that were killed before their teardown. */
function removeStaleClusters() {
  if (!existsSync(".data/test")) return;
  for (const name of readdirSync(".data/test")) {
    const pid = /^pg(?:-(\d+))?$/.exec(name);
    if (pid && (!pid[1] || !alive(Number(pid[1])))) rmSync(`.data/test/${name}`, { recursive: true, force: true });
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
  // A cluster per run, so two runs at once (or a run beside the boot tests) never share a data directory.
  removeStaleClusters();
  const dir = `.data/test/pg-${process.pid}`;
  const embedded = await startEmbeddedPostgres({ dir, database: "postgres" });
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
    rmSync(dir, { recursive: true, force: true });
  };
}
