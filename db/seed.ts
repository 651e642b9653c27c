import { inArray, sql } from "drizzle-orm";
import { hashPassword } from "../app/auth/password.server";
import type { Database } from "./client";
import { departments, passwordCredentials, userRoles, users, weeks } from "./schema";
import { DEPARTMENTS, PEOPLE } from "./seed-data";

export const DEMO_PASSWORD = "expedition-demo";

/** Extra roles; participant is implicit and judges are chosen per week. */
const ROLE_GRANTS: Array<{ email: string; role: "organiser" | "admin" }> = [
  { email: "olga@expedition.test", role: "organiser" },
  { email: "sam@expedition.test", role: "admin" },
];

function demoAccount(role: string, email: string) {
  const person = PEOPLE.find((p) => p.email === email);
  const department = DEPARTMENTS.find((d) => d.slug === person?.department);
  if (!person || !department) throw new Error(`Demo account ${email} is missing from the seed data`);
  return { role, email, name: person.name, department: department.name };
}

/** The accounts to sign in with, all with DEMO_PASSWORD (listed in the README). */
export const DEMO_ACCOUNTS: Array<{ role: string; email: string; name: string; department: string }> = [
  demoAccount("participant", "ada@expedition.test"),
  demoAccount("participant", "ben@expedition.test"),
  demoAccount("leader / judge", "lena@expedition.test"),
  demoAccount("organiser", "olga@expedition.test"),
  demoAccount("admin", "sam@expedition.test"),
];

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * The current week's boundaries, in hours from `base`, chosen so the week is in team formation at seed
 * time. Past weeks reuse the same rhythm shifted back by half a year, so they are always archived.
 */
const SCHEDULE = {
  pitchingOpensAt: -14 * 24,
  teamFormationOpensAt: -2 * 24,
  exploringStartsAt: 5 * 24,
  exploringEndsAt: 10 * 24,
  demoDeadlineAt: 10 * 24 + 18,
  votingOpensAt: 11 * 24,
  votingClosesAt: 13 * 24,
  resultsPublishedAt: 14 * 24,
  archivedAt: 45 * 24,
} as const;

type Instants = { [K in keyof typeof SCHEDULE]: Date };

function scheduleFrom(base: Date): Instants {
  const entries = Object.entries(SCHEDULE).map(([key, hours]) => [key, new Date(base.getTime() + hours * HOUR)]);
  return Object.fromEntries(entries) as Instants;
}

function demoWeeks(now: Date): Array<typeof weeks.$inferInsert> {
  const base = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
  const halfYearsAgo = (n: number) => new Date(base.getTime() - n * 182 * DAY);
  return [
    {
      name: "2025 H2",
      slug: "2025-h2",
      theme: "Paper cuts",
      timeZone: "Europe/Berlin",
      description: [
        "Fix the small annoyances that cost all of us a few minutes every day.",
        "",
        "## What counts as a paper cut",
        "- a flaky test or a slow build step you have learned to live with",
        "- a manual step in a runbook that could be a button",
        "- a confusing screen that support explains ten times a week",
        "",
        "Teams of **2 to 5**; solo explorers welcome this time.",
      ].join("\n"),
      ...scheduleFrom(halfYearsAgo(2)),
      teamSizeMin: 1,
      teamSizeMax: 5,
      minDepartmentsPerTeam: 1,
      peoplesChoiceVotes: 3,
      soloTeamsAllowed: true,
    },
    {
      name: "2026 H1",
      slug: "2026-h1",
      theme: "From toil to tools",
      timeZone: "Europe/Berlin",
      description: [
        "Last year one exploration project automated a chunk of on-call work and now saves over",
        "1,500 hours a year. This edition asks: **what else do we do by hand that a tool could do?**",
        "",
        "## Rules",
        "1. Teams of 2 to 6 people from **at least two departments**.",
        "2. Every team submits a demo by the deadline: a short video or a live walkthrough.",
        "3. Judges score impact, ingenuity, execution, collaboration and growth.",
        "",
        "Pick a stretch goal when you join a team: something you want to learn, not something you know.",
      ].join("\n"),
      ...scheduleFrom(halfYearsAgo(1)),
      teamSizeMin: 2,
      teamSizeMax: 6,
      minDepartmentsPerTeam: 2,
      peoplesChoiceVotes: 3,
      soloTeamsAllowed: false,
    },
    {
      name: "2026 H2",
      slug: "2026-h2",
      theme: "Closer to the customer",
      timeZone: "Europe/Berlin",
      description: [
        "Spend a week on a problem our customers, or the colleagues who talk to them, feel every day.",
        "",
        "## Where to start",
        "- read a day of support tickets with the **Customer Support Tools** team",
        "- watch a recorded user interview from the research repository",
        "- look for the slowest page in checkout or onboarding",
        "",
        "## Rules",
        "- Teams of 2 to 6 people from **at least two departments**; mentors do not take a place.",
        "- One team per person; join or pitch before exploring starts.",
        "- Demos are due on the last evening; voting opens the next morning.",
      ].join("\n"),
      ...scheduleFrom(base),
      teamSizeMin: 2,
      teamSizeMax: 6,
      minDepartmentsPerTeam: 2,
      peoplesChoiceVotes: 3,
      soloTeamsAllowed: false,
    },
  ];
}

/**
 * Fills the database with demo departments, people, accounts and weeks. Idempotent: existing rows
 * (matched by slug or lower-case email) are left as they are, so it is safe to run more than once.
 */
export async function seedDemoData(db: Database): Promise<void> {
  // Argon2 is deliberately slow: hash once, outside the transaction, and share the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();

  await db.transaction(async (tx) => {
    // Serialises concurrent seeds from several instances starting at once.
    await tx.execute(sql`select pg_advisory_xact_lock(727275)`);

    await tx.insert(departments).values(DEPARTMENTS).onConflictDoNothing();
    const departmentSlugs = DEPARTMENTS.map((d) => d.slug);
    const departmentRows = await tx
      .select({ id: departments.id, slug: departments.slug })
      .from(departments)
      .where(inArray(departments.slug, departmentSlugs));
    const departmentIds = new Map(departmentRows.map((d) => [d.slug, d.id]));

    const userValues = PEOPLE.map(({ department, email, ...person }) => {
      const departmentId = departmentIds.get(department);
      if (departmentId === undefined) throw new Error(`Unknown department ${department} for ${email}`);
      return { ...person, email: email.toLowerCase(), departmentId };
    });
    // The unique index is on lower(email): no conflict target, so any duplicate is skipped.
    await tx.insert(users).values(userValues).onConflictDoNothing();
    const emails = userValues.map((u) => u.email);
    const userRows = await tx
      .select({ id: users.id, email: sql<string>`lower(${users.email})` })
      .from(users)
      .where(inArray(sql`lower(${users.email})`, emails));
    const userIds = new Map(userRows.map((u) => [u.email, u.id]));

    await tx
      .insert(passwordCredentials)
      .values(userRows.map((u) => ({ userId: u.id, hash: passwordHash })))
      .onConflictDoNothing();

    const grants = ROLE_GRANTS.flatMap(({ email, role }) => {
      const userId = userIds.get(email);
      return userId === undefined ? [] : [{ userId, role }];
    });
    if (grants.length > 0) await tx.insert(userRoles).values(grants).onConflictDoNothing();

    await tx.insert(weeks).values(demoWeeks(now)).onConflictDoNothing({ target: weeks.slug });
  });
}
