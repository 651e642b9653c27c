import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "~/auth/accounts.server";
import { phaseAt } from "~/weeks/phase";
import { weeks } from "~db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from "~db/seed";
import { createScratchDatabase, uniqueIp } from "../support/factories";

const TABLES = ["departments", "users", "password_credentials", "user_roles", "weeks"] as const;

/** Seeding writes fixed slugs and emails, so it runs in a fresh database of its own. */
describe("seedDemoData (own database)", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  const counts: Array<Record<string, number>> = [];

  async function countAll() {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await scratch.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
      out[table] = row?.n ?? -1;
    }
    return out;
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase("seed");
    await seedDemoData(scratch.db);
    counts.push(await countAll());
    await seedDemoData(scratch.db);
    counts.push(await countAll());
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it("is idempotent: a second run adds nothing", () => {
    expect(counts[0]?.users).toBeGreaterThan(0);
    expect(counts[1]).toEqual(counts[0]);
  });

  it("creates at least 6 departments and 40 people with skills and stretch goals", async () => {
    expect(counts[0]?.departments).toBeGreaterThanOrEqual(6);
    const [row] = await scratch.db.execute<{ n: number }>(
      sql`select count(*)::int as n from users where cardinality(skills) > 0 and cardinality(stretch_goals) > 0`,
    );
    expect(row?.n).toBeGreaterThanOrEqual(40);
    // Every seeded person can sign in with a password.
    expect(counts[0]?.password_credentials).toBe(counts[0]?.users);
  });

  it("grants exactly one admin and one organiser", async () => {
    const rows = await scratch.db.execute<{ email: string; role: string }>(
      sql`select u.email, r.role::text as role from user_roles r join users u on u.id = r.user_id order by r.role`,
    );
    expect(rows.map((r) => [r.role, r.email])).toEqual([
      ["organiser", "olga@expedition.test"],
      ["admin", "sam@expedition.test"],
    ]);
  });

  it('puts the current week "2026-h2" in team formation and the past weeks in the archive', async () => {
    const now = new Date();
    const all = await scratch.db.select().from(weeks);
    const phases = Object.fromEntries(all.map((w) => [w.slug, phaseAt(w, now)]));
    expect(phases).toEqual({ "2025-h2": "archived", "2026-h1": "archived", "2026-h2": "team_formation" });
    const [current] = await scratch.db.select().from(weeks).where(eq(weeks.slug, "2026-h2"));
    expect(current?.timeZone).toBe("Europe/Berlin");
  });

  it("lists 5 demo accounts that sign in with DEMO_PASSWORD", async () => {
    expect(DEMO_ACCOUNTS).toHaveLength(5);
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.email)).size).toBe(5);
    const ip = uniqueIp();
    for (const account of DEMO_ACCOUNTS) {
      const result = await signIn(scratch.db, { email: account.email, password: DEMO_PASSWORD }, { ip });
      expect(result.ok, account.email).toBe(true);
    }
    const wrong = await signIn(scratch.db, { email: DEMO_ACCOUNTS[0]?.email ?? "", password: `${DEMO_PASSWORD}x` }, { ip });
    expect(wrong).toMatchObject({ ok: false, status: 401 });
  });
});
