import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

/** Where playwright.config.ts starts the e2e server's embedded PostgreSQL (DATA_DIR=.data/e2e). */
const PID_FILE = path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e", "pg/postmaster.pid");

/**
 * The port of the running e2e database: PostgreSQL writes it on the fourth line of postmaster.pid.
 * Read at call time, because the server (re)creates the cluster when the run starts.
 */
export function e2eDatabasePort(): number {
  let text: string;
  try {
    text = readFileSync(PID_FILE, "utf8");
  } catch {
    throw new Error(`No running e2e database: ${PID_FILE} is missing. Start the tests with Playwright (npx playwright test).`);
  }
  const port = Number(text.split("\n")[3]?.trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`Could not read the e2e database port from ${PID_FILE}.`);
  return port;
}

/**
 * A small postgres.js client on the e2e server's database, for arranging rows the UI cannot create
 * yet. Call `end()` when done (e.g. in afterAll).
 */
export function e2eDb(): postgres.Sql {
  return postgres({
    host: "127.0.0.1",
    port: e2eDatabasePort(),
    user: "postgres",
    password: "postgres",
    database: "expedition",
    max: 2,
    idle_timeout: 5,
    connect_timeout: 5,
    onnotice: () => {},
  });
}

/** The id of a demo user by email; throws when the demo data is missing. */
export async function userIdByEmail(sql: postgres.Sql, email: string): Promise<number> {
  const [row] = await sql<{ id: number }[]>`select id from users where email = ${email}`;
  if (!row) throw new Error(`No user ${email} in the e2e database: is the demo data seeded?`);
  return row.id;
}
