import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createWeek, updateWeek } from "~/weeks/admin.server";
import type { WeekInput } from "~/weeks/week-form.server";
import { type Database, getDb } from "~db/client";
import { auditLog, weeks } from "~db/schema";
import { createUser, weekInstants } from "../support/factories";

const slug = () => `w-${crypto.randomUUID().slice(0, 8)}`;

function input(overrides: Partial<WeekInput> = {}): WeekInput {
  return {
    name: "2027 H1",
    slug: slug(),
    theme: "Faster feedback",
    description: "## Why\nBecause **waiting** is waste.",
    timeZone: "Europe/Berlin",
    ...weekInstants(new Date("2027-03-01T08:00:00Z")),
    teamSizeMin: 2,
    teamSizeMax: 6,
    minDepartmentsPerTeam: 2,
    peoplesChoiceVotes: 3,
    soloTeamsAllowed: false,
    ...overrides,
  };
}

async function auditsFor(db: Database, action: string, weekId: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetType, "week"), eq(auditLog.targetId, String(weekId))))
    .orderBy(auditLog.id);
}

async function weekRow(db: Database, id: number) {
  const [row] = await db.select().from(weeks).where(eq(weeks.id, id));
  if (!row) throw new Error(`week ${id} not found`);
  return row;
}

describe("createWeek", () => {
  it("stores every field and writes one week.created audit row with the organiser and request id", async () => {
    const db = getDb();
    const organiser = await createUser(db, { roles: ["organiser"] });
    const data = input();
    const outcome = await createWeek(db, { id: organiser.id, requestId: "req-week-create" }, data);
    expect(outcome).toEqual({ ok: true, value: { id: expect.any(Number), slug: data.slug } });
    if (!outcome.ok) return;

    expect(await weekRow(db, outcome.value.id)).toMatchObject(data);

    const rows = await auditsFor(db, "week.created", outcome.value.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: organiser.id,
      requestId: "req-week-create",
      summary: {
        after: {
          name: "2027 H1",
          slug: data.slug,
          timeZone: "Europe/Berlin",
          pitchingOpensAt: "2027-03-01T08:00:00.000Z",
          teamSizeMax: 6,
          soloTeamsAllowed: false,
          description: data.description,
        },
      },
    });
  });

  it("cuts a long description short in the audit log, not in the week", async () => {
    const db = getDb();
    const organiser = await createUser(db, { roles: ["organiser"] });
    const description = "x".repeat(5_000);
    const outcome = await createWeek(db, { id: organiser.id }, input({ description }));
    if (!outcome.ok) throw new Error(outcome.message);
    expect((await weekRow(db, outcome.value.id)).description).toBe(description);
    const [row] = await auditsFor(db, "week.created", outcome.value.id);
    const logged = (row?.summary as { after?: { description?: string } } | undefined)?.after?.description;
    expect(logged).toMatch(/^x{500}… \(5000 characters\)$/);
  });

  it("refuses a taken slug with a 409 on the slug field, and creates nothing", async () => {
    const db = getDb();
    const organiser = await createUser(db, { roles: ["organiser"] });
    const taken = slug();
    const first = await createWeek(db, { id: organiser.id }, input({ slug: taken, name: "First" }));
    expect(first.ok).toBe(true);
    const second = await createWeek(db, { id: organiser.id }, input({ slug: taken, name: "Second" }));
    expect(second).toEqual({
      ok: false,
      status: 409,
      field: "slug",
      message: "Another week already uses this slug; choose another.",
    });
    const rows = await db.select().from(weeks).where(eq(weeks.slug, taken));
    expect(rows.map((r) => r.name)).toEqual(["First"]);
    const secondAudits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "week.created"), eq(auditLog.actorId, organiser.id)));
    expect(secondAudits).toHaveLength(1);
  });

  it("maps the database's order check to a 400 when the form is bypassed, and stores nothing", async () => {
    const db = getDb();
    const organiser = await createUser(db, { roles: ["organiser"] });
    const data = input();
    const outcome = await createWeek(db, { id: organiser.id }, { ...data, archivedAt: new Date("2020-01-01T00:00:00Z") });
    expect(outcome).toMatchObject({ ok: false, status: 400 });
    expect(await db.select().from(weeks).where(eq(weeks.slug, data.slug))).toEqual([]);
  });
});

describe("updateWeek", () => {
  it("writes the before and after of the changed fields only", async () => {
    const db = getDb();
    const organiser = await createUser(db, { roles: ["organiser"] });
    const original = input();
    const created = await createWeek(db, { id: organiser.id }, original);
    if (!created.ok) throw new Error(created.message);
    const id = created.value.id;
    const before = await weekRow(db, id);

    const votingClosesAt = new Date("2027-03-24T08:00:00Z");
    const outcome = await updateWeek(db, { id: organiser.id, requestId: "req-week-update" }, id, {
      ...original,
      name: "2027 H1 (renamed)",
      votingClosesAt,
      teamSizeMax: 8,
      soloTeamsAllowed: false,
    });
    expect(outcome).toEqual({ ok: true, value: { id, slug: original.slug, changed: true } });

    const after = await weekRow(db, id);
    expect(after).toMatchObject({ name: "2027 H1 (renamed)", votingClosesAt, teamSizeMax: 8, theme: original.theme });
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());

    const rows = await auditsFor(db, "week.updated", id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: organiser.id, requestId: "req-week-update" });
    expect(rows[0]?.summary).toEqual({
      before: { name: "2027 H1", votingClosesAt: original.votingClosesAt.toISOString(), teamSizeMax: 6 },
      after: { name: "2027 H1 (renamed)", votingClosesAt: votingClosesAt.toISOString(), teamSizeMax: 8 },
    });
  });

  it("saving without changes writes nothing", async () => {
    const db = getDb();
    const organiser = await createUser(db, { roles: ["organiser"] });
    const original = input();
    const created = await createWeek(db, { id: organiser.id }, original);
    if (!created.ok) throw new Error(created.message);
    const before = await weekRow(db, created.value.id);
    const outcome = await updateWeek(db, { id: organiser.id }, created.value.id, { ...original });
    expect(outcome).toEqual({ ok: true, value: { id: created.value.id, slug: original.slug, changed: false } });
    expect(await auditsFor(db, "week.updated", created.value.id)).toEqual([]);
    expect((await weekRow(db, created.value.id)).updatedAt).toEqual(before.updatedAt);
  });

  it("refuses another week's slug with a 409 and changes nothing", async () => {
    const db = getDb();
    const organiser = await createUser(db, { roles: ["organiser"] });
    const other = input();
    const mine = input();
    const a = await createWeek(db, { id: organiser.id }, other);
    const b = await createWeek(db, { id: organiser.id }, mine);
    if (!a.ok || !b.ok) throw new Error("setup failed");
    const before = await weekRow(db, b.value.id);

    const outcome = await updateWeek(db, { id: organiser.id }, b.value.id, { ...mine, name: "Changed", slug: other.slug });
    expect(outcome).toMatchObject({ ok: false, status: 409, field: "slug" });
    expect(await weekRow(db, b.value.id)).toEqual(before);
    expect(await auditsFor(db, "week.updated", b.value.id)).toEqual([]);
  });

  it("answers 404 for a week that does not exist", async () => {
    const db = getDb();
    const organiser = await createUser(db, { roles: ["organiser"] });
    expect(await updateWeek(db, { id: organiser.id }, 2_000_000_000, input())).toEqual({
      ok: false,
      status: 404,
      message: "That week no longer exists.",
    });
  });

  it("serialises organisers editing at once: each audit row's before is the previous one's after", async () => {
    const db = getDb();
    const organisers = await Promise.all([1, 2, 3, 4].map(() => createUser(db, { roles: ["organiser"] })));
    const original = input();
    const created = await createWeek(db, { id: organisers[0]?.id ?? 0 }, original);
    if (!created.ok) throw new Error(created.message);
    const id = created.value.id;

    const results = await Promise.all(
      organisers.map((o, i) => updateWeek(db, { id: o.id }, id, { ...original, theme: `Theme ${i + 1}` })),
    );
    expect(results.every((r) => r.ok)).toBe(true);

    const rows = await auditsFor(db, "week.updated", id);
    const summaries = rows.map((r) => r.summary as { before: { theme: string }; after: { theme: string } });
    expect(summaries).toHaveLength(4);
    let expected = original.theme;
    for (const summary of summaries) {
      expect(summary.before.theme).toBe(expected);
      expected = summary.after.theme;
    }
    expect((await weekRow(db, id)).theme).toBe(expected);
  });
});
