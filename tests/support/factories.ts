import { eq } from "drizzle-orm";
import postgres from "postgres";
import { hashPassword } from "~/auth/password.server";
import { createPool, type Database, type Queryable } from "~db/client";
import { runMigrations } from "~db/migrate";
import { departments, ideas, passwordCredentials, teamMembers, teams, userRoles, users, weeks } from "~db/schema";

/** A short random suffix for names, slugs and emails, unique across parallel test files. */
export function uid(): string {
  return crypto.randomUUID().replaceAll("-", "").slice(0, 16);
}

export function uniqueEmail(prefix = "u"): string {
  return `${prefix}-${crypto.randomUUID()}@test.example`;
}

/** A unique, syntactically irrelevant client address for the throttle's IP key. */
export function uniqueIp(): string {
  return `test-ip-${crypto.randomUUID()}`;
}

export type DepartmentRow = typeof departments.$inferSelect;

export async function createDepartment(
  db: Queryable,
  overrides: Partial<typeof departments.$inferInsert> = {},
): Promise<DepartmentRow> {
  const id = uid();
  const [row] = await db
    .insert(departments)
    .values({ name: `Department ${id}`, slug: `department-${id}`, description: "made by a test", ...overrides })
    .returning();
  if (!row) throw new Error("department insert returned no row");
  return row;
}

export type TestUser = {
  id: number;
  email: string;
  name: string;
  departmentId: number;
  roles: Array<"organiser" | "admin">;
  /** The plain password when one was given (a credential row exists then). */
  password?: string;
};

export async function createUser(
  db: Queryable,
  options: {
    departmentId?: number;
    roles?: Array<"organiser" | "admin">;
    password?: string;
    email?: string;
    name?: string;
    deactivatedAt?: Date | null;
  } = {},
): Promise<TestUser> {
  const departmentId = options.departmentId ?? (await createDepartment(db)).id;
  const email = options.email ?? uniqueEmail();
  const name = options.name ?? `Test User ${uid()}`;
  const [user] = await db
    .insert(users)
    .values({ email, name, departmentId, deactivatedAt: options.deactivatedAt ?? null })
    .returning({ id: users.id });
  if (!user) throw new Error("user insert returned no row");
  // Argon2 is slow on purpose: only hash when the test needs a password.
  if (options.password !== undefined) {
    await db.insert(passwordCredentials).values({ userId: user.id, hash: await hashPassword(options.password) });
  }
  const roles = options.roles ?? [];
  if (roles.length > 0) await db.insert(userRoles).values(roles.map((role) => ({ userId: user.id, role })));
  return { id: user.id, email, name, departmentId, roles, password: options.password };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Boundaries of a week starting at `start`, in order, each one a distinct instant. */
export function weekInstants(start: Date) {
  const t = start.getTime();
  return {
    pitchingOpensAt: new Date(t),
    teamFormationOpensAt: new Date(t + 7 * DAY),
    exploringStartsAt: new Date(t + 14 * DAY),
    exploringEndsAt: new Date(t + 19 * DAY),
    demoDeadlineAt: new Date(t + 19 * DAY + 18 * HOUR),
    votingOpensAt: new Date(t + 20 * DAY),
    votingClosesAt: new Date(t + 22 * DAY),
    resultsPublishedAt: new Date(t + 23 * DAY),
    archivedAt: new Date(t + 60 * DAY),
  };
}

export type WeekRow = typeof weeks.$inferSelect;

export async function createWeek(db: Queryable, overrides: Partial<typeof weeks.$inferInsert> = {}): Promise<WeekRow> {
  const id = uid();
  const [row] = await db
    .insert(weeks)
    .values({
      name: `Week ${id}`,
      slug: `week-${id}`,
      timeZone: "Europe/Berlin",
      ...weekInstants(new Date(Date.now() - 10 * DAY)),
      ...overrides,
    })
    .returning();
  if (!row) throw new Error("week insert returned no row");
  return row;
}

/**
 * A fresh, migrated database on the same server as DATABASE_URL, for tests that need to control
 * every row (seeding, "last administrator"). Call `drop()` in afterAll.
 */
export async function createScratchDatabase(prefix: string): Promise<{ url: string; db: Database; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set (tests/support/setup.ts sets it)");
  const name = `${prefix}_${uid()}`;
  const adminUrl = new URL(base);
  adminUrl.pathname = "/postgres";
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  const pool = createPool(url.toString(), { max: 4 });
  return {
    url: url.toString(),
    db: pool.db,
    drop: async () => {
      await pool.sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Ideas (added by the ideas tests)

/** A `pitchingOpensAt` that puts a `weekInstants` week in `phase` at `now` (mid-phase, far from any boundary). */
export function weekStartForPhase(
  phase: "draft" | "pitching" | "team_formation" | "exploring" | "demos" | "voting" | "results" | "archived",
  now = new Date(),
): Date {
  const offsetDays = {
    draft: -5,
    pitching: 3,
    team_formation: 10,
    exploring: 16,
    demos: 19.5,
    voting: 21,
    results: 30,
    archived: 90,
  }[phase];
  return new Date(now.getTime() - offsetDays * DAY);
}

/** A week that is in `phase` right now. */
export async function createWeekInPhase(
  db: Queryable,
  phase: Parameters<typeof weekStartForPhase>[0],
  overrides: Partial<typeof weeks.$inferInsert> = {},
): Promise<WeekRow> {
  return createWeek(db, { ...weekInstants(weekStartForPhase(phase)), ...overrides });
}

export type IdeaRow = typeof ideas.$inferSelect;

/** Inserts an idea directly (no phase rules), in the author's department unless told otherwise. */
export async function createIdea(
  db: Queryable,
  options: { weekId: number; author: { id: number; departmentId: number } } & Partial<Omit<typeof ideas.$inferInsert, "search">>,
): Promise<IdeaRow> {
  const { weekId, author, ...rest } = options;
  const id = uid();
  const [row] = await db
    .insert(ideas)
    .values({
      title: `Idea ${id}`,
      summary: `A summary for idea ${id}`,
      weekId,
      authorId: author.id,
      departmentId: author.departmentId,
      ...rest,
    })
    .returning();
  if (!row) throw new Error("idea insert returned no row");
  return row;
}

/**
 * A separate small pool on `url` whose every statement is recorded (postgres.js `debug`), for
 * tests that count queries or check transaction boundaries. Call `end()` in afterAll.
 */
export function tracedDatabase(url = process.env.DATABASE_URL, options: { max?: number } = {}) {
  if (!url) throw new Error("DATABASE_URL is not set (tests/support/setup.ts sets it)");
  const queries: Array<{ connection: number; text: string }> = [];
  const pool = createPool(url, {
    max: options.max ?? 4,
    debug: (connection, text) => {
      queries.push({ connection, text });
    },
  });
  return {
    db: pool.db,
    queries,
    /** Forgets what was recorded so far. */
    reset: () => {
      queries.length = 0;
    },
    end: () => pool.sql.end({ timeout: 5 }),
  };
}

// ---------------------------------------------------------------------------------------------
// Teams (added by the mentors and journal tests)

export type TeamRow = typeof teams.$inferSelect;

/**
 * Inserts a team and its members directly (no phase or capacity rules in code; the database's own
 * checks still hold). The lead is a member with role "lead"; the team_members trigger keeps
 * `member_count` in step, and the returned row is read back after the inserts.
 */
export async function createTeam(
  db: Queryable,
  options: { weekId: number; ideaId: number; leadId: number; capacity?: number; memberIds?: number[] } & Partial<
    Omit<typeof teams.$inferInsert, "weekId" | "ideaId" | "leadId" | "capacity" | "memberCount">
  >,
): Promise<TeamRow> {
  const { weekId, ideaId, leadId, capacity = 6, memberIds = [], ...rest } = options;
  const [team] = await db
    .insert(teams)
    .values({ name: `Team ${uid()}`, weekId, ideaId, leadId, capacity, ...rest })
    .returning({ id: teams.id });
  if (!team) throw new Error("team insert returned no row");
  await db
    .insert(teamMembers)
    .values([
      { teamId: team.id, userId: leadId, weekId, role: "lead" as const },
      ...memberIds.filter((id) => id !== leadId).map((userId) => ({ teamId: team.id, userId, weekId, role: "member" as const })),
    ]);
  const [row] = await db.select().from(teams).where(eq(teams.id, team.id));
  if (!row) throw new Error("team vanished after insert");
  return row;
}

// ---------------------------------------------------------------------------------------------
// Demos (added by the judging tests)

export type DemoRow = typeof import("~db/schema").demos.$inferSelect;

/** Inserts a demo for a team directly (no deadline rules). */
export async function createDemo(
  db: Queryable,
  options: { weekId: number; teamId: number } & Partial<Omit<typeof import("~db/schema").demos.$inferInsert, "search">>,
): Promise<DemoRow> {
  const { demos } = await import("~db/schema");
  const id = uid();
  const [row] = await db
    .insert(demos)
    .values({ title: `Demo ${id}`, summary: `What demo ${id} shows`, ...options })
    .returning();
  if (!row) throw new Error("demo insert returned no row");
  return row;
}

// ---------------------------------------------------------------------------------------------
// Demos (added by the demos tests)

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A real, decodable RGB PNG of one colour (any browser or image library opens it). */
export async function tinyPng(width = 2, height = 1, rgb: [number, number, number] = [40, 120, 200]): Promise<Buffer> {
  const { deflateSync } = await import("node:zlib");
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}
