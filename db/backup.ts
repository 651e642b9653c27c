/**
 * Backups of the configured database with PostgreSQL's own tools: `pg_dump -Fc` to a file and
 * `pg_restore --clean --if-exists` from one. Used by `npm run db:backup` / `npm run db:restore`
 * (db/cli.ts) and by the round-trip test.
 *
 * pg_dump refuses a server newer than itself, so the tools are chosen by version: PG_BIN when set,
 * else the newest of /usr/lib/postgresql/<n>/bin (Debian's layout) and the PATH.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";

const run = promisify(execFile);

export class BackupError extends Error {}

type Tool = { path: string; major: number };

async function toolVersion(file: string): Promise<number | null> {
  try {
    const { stdout } = await run(file, ["--version"]);
    const major = /\(PostgreSQL\) (\d+)/.exec(stdout)?.[1];
    return major ? Number(major) : null;
  } catch {
    return null;
  }
}

/** Every `name` (pg_dump, pg_restore) this machine offers, newest first. */
async function candidates(name: "pg_dump" | "pg_restore", pgBin = process.env.PG_BIN): Promise<Tool[]> {
  const dirs = pgBin
    ? [pgBin]
    : [
        ...(existsSync("/usr/lib/postgresql")
          ? readdirSync("/usr/lib/postgresql").map((v) => path.join("/usr/lib/postgresql", v, "bin"))
          : []),
        ...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean),
      ];
  const found: Tool[] = [];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    if (!existsSync(file) || found.some((t) => t.path === file)) continue;
    const major = await toolVersion(file);
    if (major !== null) found.push({ path: file, major });
  }
  return found.sort((a, b) => b.major - a.major);
}

/** The server's major version, e.g. 15 or 18. */
export async function serverMajor(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const [row] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
    return Math.floor(Number(row?.v) / 10_000);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** A tool at least as new as the server, or an error that says which one to install and how to point at it. */
export async function chooseTool(name: "pg_dump" | "pg_restore", major: number, pgBin = process.env.PG_BIN): Promise<Tool> {
  const tools = await candidates(name, pgBin);
  const fit = tools.find((t) => t.major >= major);
  if (fit) return fit;
  const where = pgBin ? ` in PG_BIN (${pgBin})` : "";
  const newest = tools[0]
    ? `the newest ${name}${where} is version ${tools[0].major} (${tools[0].path})`
    : `no ${name} was found${where}`;
  throw new BackupError(
    `The database runs PostgreSQL ${major}, but ${newest}; ${name} must be version ${major} or newer. ` +
      `Install the PostgreSQL ${major} client tools (e.g. \`apt install postgresql-client-${major}\`) ` +
      `and set PG_BIN to their directory (e.g. PG_BIN=/usr/lib/postgresql/${major}/bin).`,
  );
}

/** The URL without its password (handed over in PGPASSWORD instead, so it never shows in `ps`). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

async function runTool(tool: Tool, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(tool.path, args, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    throw new BackupError(`${path.basename(tool.path)} failed: ${stderr || (error as Error).message}`);
  }
}

export function defaultBackupFile(now = new Date()): string {
  return path.join("backups", `expedition-${now.toISOString().replace(/[:.]/g, "-")}.dump`);
}

/** Writes a custom-format dump of the database at `url` to `file` (its directory is created). */
export async function backupDatabase(url: string, file: string): Promise<{ file: string; tool: string }> {
  const tool = await chooseTool("pg_dump", await serverMajor(url));
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const { dbname, env } = connection(url);
  await runTool(tool, ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${dbname}`], env);
  return { file, tool: tool.path };
}

/**
 * Restores `file` into the database at `url`: objects in the dump are dropped first (if they exist)
 * and recreated, in one transaction, so a failed restore leaves the database as it was.
 */
export async function restoreDatabase(url: string, file: string): Promise<{ tool: string }> {
  if (!existsSync(file)) throw new BackupError(`No backup file at ${file}.`);
  const tool = await chooseTool("pg_restore", await serverMajor(url));
  const { dbname, env } = connection(url);
  await runTool(
    tool,
    [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${dbname}`,
      file,
    ],
    env,
  );
  return { tool: tool.path };
}
