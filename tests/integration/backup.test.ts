import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { BackupError, backupDatabase, chooseTool, serverMajor } from "~db/backup";
import { createPool } from "~db/client";
import { runMigrations } from "~db/migrate";
import { seedDemoData } from "~db/seed";
import { uid } from "../support/factories";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
// The machine's PostgreSQL service, whose version matches the machine's pg_dump (the embedded server is newer).
const SERVICE = process.env.BACKUP_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function reachable(url: string): Promise<number | null> {
  try {
    return await serverMajor(url);
  } catch {
    return null;
  }
}
const serviceMajor = await reachable(SERVICE);
const dumpTool = serviceMajor ? await chooseTool("pg_dump", serviceMajor).catch(() => null) : null;
const skipReason = !serviceMajor
  ? `no PostgreSQL at ${SERVICE}`
  : !dumpTool
    ? `no pg_dump of version ${serviceMajor} or newer on this machine`
    : null;

const scratch = path.join(root, ".data/test");
mkdirSync(scratch, { recursive: true });
const dir = mkdtempSync(path.join(scratch, "backup-"));
const admin = serviceMajor ? postgres(SERVICE, { max: 1, onnotice: () => {} }) : null;
const databases: string[] = [];

afterAll(async () => {
  for (const name of databases) await admin?.unsafe(`drop database if exists ${name} with (force)`);
  await admin?.end({ timeout: 5 });
  rmSync(dir, { recursive: true, force: true });
});

async function createDatabase(label: string): Promise<string> {
  const name = `expedition_${label}_${uid()}`;
  await admin?.unsafe(`create database ${name}`);
  databases.push(name);
  const url = new URL(SERVICE);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Row count and md5 of every row (as text, in a fixed order) of every table, and every sequence's position. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ schema: string; name: string }[]>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
      order by 1, 2`;
    const result: Record<string, string> = {};
    for (const t of tables) {
      const [row] = await sql.unsafe<{ n: number; md5: string | null }[]>(
        `select count(*)::int as n, md5(string_agg(t::text, E'\\n' order by t::text)) as md5 from "${t.schema}"."${t.name}" t`,
      );
      result[`${t.schema}.${t.name}`] = `${row?.n}:${row?.md5 ?? "-"}`;
    }
    for (const s of await sql<{ name: string; last: string | null }[]>`
      select schemaname || '.' || sequencename as name, last_value::text as last from pg_sequences order by 1`) {
      result[`sequence ${s.name}`] = s.last ?? "unused";
    }
    return result;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function cli(args: string[], env: Record<string, string>) {
  return run(process.execPath, ["--import", "tsx", "db/cli.ts", ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
  });
}

describe.skipIf(skipReason !== null)(`backup and restore (${skipReason ?? `PostgreSQL ${serviceMajor}`})`, () => {
  it("npm run db:backup and db:restore round-trip the seeded demo data: every table's rows and every sequence", async () => {
    const source = await createDatabase("backup_a");
    await runMigrations(source);
    const pool = createPool(source, { max: 2 });
    try {
      await seedDemoData(pool.db);
    } finally {
      await pool.sql.end({ timeout: 5 });
    }
    const file = path.join(dir, "seeded.dump");
    const backup = await cli(["backup", file], { DATABASE_URL: source });
    expect(backup.stdout).toContain(`Backup written to ${file}`);
    expect(statSync(file).size).toBeGreaterThan(10_000);

    const target = await createDatabase("backup_b");
    const restored = await cli(["restore", file], { DATABASE_URL: target });
    expect(restored.stdout).toContain(`Restored ${file}`);
    const expected = await fingerprint(source);
    expect(Object.keys(expected).length).toBeGreaterThan(30);
    expect(Number(expected["public.users"]?.split(":")[0])).toBeGreaterThan(10);
    expect(await fingerprint(target)).toEqual(expected);

    // Restoring over a database that changed since replaces its contents with the backup's.
    const sql = postgres(target, { max: 1, onnotice: () => {} });
    await sql`delete from idea_comments`;
    await sql`insert into departments (name, slug, description) values ('Stray', ${`stray-${uid()}`}, 'added after the backup')`;
    await sql.end({ timeout: 5 });
    expect(await fingerprint(target)).not.toEqual(expected);
    await cli(["restore", file], { DATABASE_URL: target });
    expect(await fingerprint(target)).toEqual(expected);
  }, 120_000);

  it("db:backup writes to backups/expedition-<timestamp>.dump by default; db:restore needs a file that exists", async () => {
    const source = await createDatabase("backup_c");
    await runMigrations(source);
    const cwd = mkdtempSync(path.join(dir, "cwd-"));
    const result = await run(process.execPath, ["--import", "tsx", path.join(root, "db/cli.ts"), "backup"], {
      cwd,
      env: { ...process.env, DATABASE_URL: source, NODE_OPTIONS: "" },
    });
    const written = /Backup written to (\S+) \(/.exec(result.stdout)?.[1] ?? "";
    expect(written).toMatch(new RegExp(`^${cwd}/backups/expedition-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-\\d{3}Z\\.dump$`));
    expect(existsSync(written)).toBe(true);

    const missing = await cli(["restore", path.join(dir, "nope.dump")], { DATABASE_URL: source }).catch((e) => e);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`No backup file at ${path.join(dir, "nope.dump")}.`);
  }, 60_000);
});

const testMajor = await serverMajor(inject("databaseUrl"));
const newestDump = await chooseTool("pg_dump", 0).catch(() => null);

describe("choosing pg_dump", () => {
  it("asks for a newer pg_dump by version, naming the newest found and PG_BIN", async () => {
    const error = await chooseTool("pg_dump", 99).catch((e) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect(error.message).toMatch(
      /^The database runs PostgreSQL 99, but (the newest pg_dump is version \d+ \(\S+\)|no pg_dump was found); /,
    );
    expect(error.message).toContain("pg_dump must be version 99 or newer");
    expect(error.message).toContain("apt install postgresql-client-99");
    expect(error.message).toContain("PG_BIN=/usr/lib/postgresql/99/bin");
  });

  it.runIf(!newestDump || newestDump.major < testMajor)(
    `a backup of the test server (PostgreSQL ${testMajor}, newer than pg_dump ${newestDump?.major}) fails with that message and writes nothing`,
    async () => {
      const file = path.join(dir, "never.dump");
      const error = await backupDatabase(inject("databaseUrl"), file).catch((e) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect(error.message).toContain(`The database runs PostgreSQL ${testMajor}`);
      expect(existsSync(file)).toBe(false);
    },
  );

  it("PG_BIN without the tools is named in the message", async () => {
    const empty = mkdtempSync(path.join(dir, "bin-"));
    await expect(chooseTool("pg_restore", 15, empty)).rejects.toThrow(`no pg_restore was found in PG_BIN (${empty})`);
  });
});
