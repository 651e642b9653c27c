import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  correctImpactMeasurement,
  correctOutcomeUpdate,
  deleteImpactMeasurement,
  deleteOutcomeUpdate,
  getDemoOutcome,
  listOverdueCheckpoints,
  NOTIFICATION_KIND_UPDATED,
  type OutcomeActor,
  recordImpactMeasurement,
  recordOutcomeUpdate,
} from "~/outcomes/outcomes.server";
import { checkpointState, dateIn, type ImpactInput, type OutcomeInput } from "~/outcomes/rules";
import { getDb } from "~db/client";
import { auditLog, demos, impactMeasurements, notifications, outcomeUpdates } from "~db/schema";
import { createUser } from "../support/factories";
import { createOutcomeFixture, publishedAtOf, setPublished } from "../support/outcome-factories";

const db = getDb();
const DAY = 86_400_000;
const today = () => dateIn(new Date(), "Europe/Berlin");
const daysAgo = (n: number) => dateIn(new Date(Date.now() - n * DAY), "Europe/Berlin");
const actor = (u: { id: number }, isOrganiser = false): OutcomeActor => ({ id: u.id, isOrganiser });

const shipped = (overrides: Partial<OutcomeInput> = {}): OutcomeInput => ({
  status: "shipped",
  happenedOn: today(),
  note: "Rolled out to **all** teams.",
  owningTeam: "",
  lessons: "",
  ...overrides,
});

const hours = (overrides: Partial<ImpactInput> = {}): ImpactInput => ({
  kind: "hours_saved",
  metric: "",
  unit: "",
  baseline: 0,
  value: 1500,
  measuredOn: today(),
  evidenceUrl: "https://wiki.example.com/on-call-report",
  note: "",
  ...overrides,
});

async function countRows(demoId: number) {
  const [u, m] = await Promise.all([
    db.select({ id: outcomeUpdates.id }).from(outcomeUpdates).where(eq(outcomeUpdates.demoId, demoId)),
    db.select({ id: impactMeasurements.id }).from(impactMeasurements).where(eq(impactMeasurements.demoId, demoId)),
  ]);
  return { updates: u.length, measurements: m.length };
}

describe("recording an outcome", () => {
  it("a member records a dated update; the demo's status follows and the rest of the team is told", async () => {
    const f = await createOutcomeFixture(db, { size: 3 });
    const result = await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped());
    expect(result.ok).toBe(true);
    const [demo] = await db.select({ status: demos.outcomeStatus }).from(demos).where(eq(demos.id, f.demo.id));
    expect(demo?.status).toBe("shipped");
    const told = await db
      .select({ userId: notifications.userId, link: notifications.link })
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, NOTIFICATION_KIND_UPDATED),
          inArray(
            notifications.userId,
            f.members.map((m) => m.id),
          ),
        ),
      );
    expect(told.map((n) => n.userId).sort()).toEqual(
      f.members
        .slice(1)
        .map((m) => m.id)
        .sort(),
    );
    expect(told[0]?.link).toBe(`/demos/${f.demo.id}/outcome`);
  });

  it("the timeline is newest first by the date it happened, and the status is the newest entry", async () => {
    const f = await createOutcomeFixture(db, { publishedDaysAgo: 5 });
    await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped({ status: "prototype", happenedOn: daysAgo(1) }));
    await recordOutcomeUpdate(
      db,
      actor(f.member),
      f.demo.id,
      shipped({ status: "continued", owningTeam: "Payments platform", happenedOn: today() }),
    );
    // Recorded last, but it happened earlier: it goes below.
    await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped({ status: "learning", happenedOn: daysAgo(3) }));
    const page = await getDemoOutcome(db, f.demo.id, actor(f.lead));
    expect(page?.timeline.map((t) => t.status)).toEqual(["continued", "prototype", "learning"]);
    expect(page?.timeline[0]?.owningTeam).toBe("Payments platform");
    expect(page?.status).toBe("continued");
    expect(page?.viewer).toMatchObject({ isMember: true, canRecord: true, refusal: null });
  });

  it("refuses someone outside the team, and changes nothing", async () => {
    const f = await createOutcomeFixture(db);
    const outsider = await createUser(db);
    const result = await recordOutcomeUpdate(db, actor(outsider), f.demo.id, shipped());
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(await countRows(f.demo.id)).toEqual({ updates: 0, measurements: 0 });
    const page = await getDemoOutcome(db, f.demo.id, actor(outsider));
    expect(page?.viewer).toMatchObject({ isMember: false, canRecord: false });
    expect(page?.viewer.refusal).toMatch(/Only members/);
  });

  it("organisers may record for any demo", async () => {
    const f = await createOutcomeFixture(db);
    const organiser = await createUser(db, { roles: ["organiser"] });
    expect((await recordOutcomeUpdate(db, actor(organiser, true), f.demo.id, shipped())).ok).toBe(true);
  });

  it("refuses an update before the results are published (and after they are withdrawn)", async () => {
    const f = await createOutcomeFixture(db, { phase: "voting", publishedDaysAgo: null });
    const before = await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped());
    expect(before).toMatchObject({ ok: false, status: 409 });
    expect(!before.ok && before.message).toMatch(/results are published/);
    const impact = await recordImpactMeasurement(db, actor(f.lead), f.demo.id, hours());
    expect(impact).toMatchObject({ ok: false, status: 409 });
    const page = await getDemoOutcome(db, f.demo.id, actor(f.lead));
    expect(page?.checkpoints).toBeNull();
    expect(page?.viewer.canRecord).toBe(false);

    await setPublished(db, f.week.id, new Date());
    expect((await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped())).ok).toBe(true);
    await setPublished(db, f.week.id, null);
    expect(await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped())).toMatchObject({ ok: false, status: 409 });
    expect((await countRows(f.demo.id)).updates).toBe(1);
  });

  it("archived weeks stay open for outcomes (that is the point of them)", async () => {
    const f = await createOutcomeFixture(db, { phase: "archived", publishedDaysAgo: 60 });
    expect((await recordOutcomeUpdate(db, actor(f.member), f.demo.id, shipped())).ok).toBe(true);
    expect((await recordImpactMeasurement(db, actor(f.member), f.demo.id, hours())).ok).toBe(true);
  });

  it("refuses a date in the future or before the week, beside the date field", async () => {
    const f = await createOutcomeFixture(db);
    const future = await recordOutcomeUpdate(
      db,
      actor(f.lead),
      f.demo.id,
      shipped({ happenedOn: dateIn(new Date(Date.now() + 2 * DAY), "Europe/Berlin") }),
    );
    expect(future).toMatchObject({ ok: false, status: 400, field: "happenedOn" });
    expect(!future.ok && future.message).toMatch(/future/);
    const early = dateIn(new Date(f.week.exploringStartsAt.getTime() - DAY), f.week.timeZone);
    const before = await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped({ happenedOn: early }));
    expect(before).toMatchObject({ ok: false, status: 400, field: "happenedOn" });
    expect(!before.ok && before.message).toMatch(/before the week/);
    const first = dateIn(f.week.exploringStartsAt, f.week.timeZone);
    expect((await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped({ happenedOn: first }))).ok).toBe(true);
    const impactFuture = await recordImpactMeasurement(db, actor(f.lead), f.demo.id, hours({ measuredOn: "2999-01-01" }));
    expect(impactFuture).toMatchObject({ ok: false, field: "measuredOn" });
    expect(await countRows(f.demo.id)).toEqual({ updates: 1, measurements: 0 });
  });

  it("refuses 'continued' without an owning team and 'stopped' without lessons", async () => {
    const f = await createOutcomeFixture(db);
    expect(
      await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped({ status: "continued", owningTeam: "  " })),
    ).toMatchObject({
      ok: false,
      status: 400,
      field: "owningTeam",
    });
    expect(await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped({ status: "stopped" }))).toMatchObject({
      ok: false,
      status: 400,
      field: "lessons",
    });
    expect((await countRows(f.demo.id)).updates).toBe(0);
    expect(
      (
        await recordOutcomeUpdate(
          db,
          actor(f.lead),
          f.demo.id,
          shipped({ status: "stopped", lessons: "Latency was the blocker." }),
        )
      ).ok,
    ).toBe(true);
  });

  it("an unknown demo is a 404", async () => {
    const u = await createUser(db);
    expect(await recordOutcomeUpdate(db, actor(u), 2_000_000_000, shipped())).toMatchObject({ ok: false, status: 404 });
    expect(await getDemoOutcome(db, 2_000_000_000, actor(u))).toBeNull();
  });

  it("ten members recording at once all land, none lost", async () => {
    const f = await createOutcomeFixture(db, { size: 5 });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        recordOutcomeUpdate(db, actor(f.members[i % 5] ?? f.lead), f.demo.id, shipped({ note: `update ${i}` })),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await countRows(f.demo.id)).updates).toBe(10);
  });
});

describe("recording impact figures", () => {
  it("keeps every measurement as history and shows the latest per series", async () => {
    const f = await createOutcomeFixture(db, { publishedDaysAgo: 10 });
    const a = actor(f.lead);
    await recordImpactMeasurement(db, a, f.demo.id, hours({ value: 800, measuredOn: daysAgo(5) }));
    await recordImpactMeasurement(db, a, f.demo.id, hours({ value: 1500, measuredOn: daysAgo(1) }));
    // Recorded later but measured earlier: history, not the latest.
    await recordImpactMeasurement(db, a, f.demo.id, hours({ value: 300, measuredOn: daysAgo(8) }));
    await recordImpactMeasurement(db, a, f.demo.id, hours({ kind: "money_saved", unit: "USD", baseline: 1000, value: 25_000.5 }));
    await recordImpactMeasurement(
      db,
      a,
      f.demo.id,
      hours({ kind: "custom", metric: "Builds per day", unit: "builds/day", value: 40 }),
    );
    await recordImpactMeasurement(db, a, f.demo.id, hours({ kind: "custom", metric: "Flaky tests", unit: "tests", value: 3 }));
    const page = await getDemoOutcome(db, f.demo.id, a);
    expect(page?.series.map((s) => [s.label, s.latest.value, s.history.length])).toEqual([
      ["Hours saved per year", 1500, 3],
      ["Money saved per year", 25_000.5, 1],
      ["Builds per day", 40, 1],
      ["Flaky tests", 3, 1],
    ]);
    expect(page?.series[0]?.history.map((m) => m.value)).toEqual([1500, 800, 300]);
    expect(page?.series[1]?.latest).toMatchObject({ unit: "USD", baseline: 1000 });
  });

  it("refuses a negative or absurd figure, beside the field, and changes nothing", async () => {
    const f = await createOutcomeFixture(db);
    const a = actor(f.lead);
    expect(await recordImpactMeasurement(db, a, f.demo.id, hours({ value: -5 }))).toMatchObject({
      ok: false,
      status: 400,
      field: "value",
    });
    expect(await recordImpactMeasurement(db, a, f.demo.id, hours({ baseline: -1 }))).toMatchObject({
      ok: false,
      field: "baseline",
    });
    expect(await recordImpactMeasurement(db, a, f.demo.id, hours({ value: 50_000_000 }))).toMatchObject({
      ok: false,
      field: "value",
    });
    expect(
      await recordImpactMeasurement(db, a, f.demo.id, hours({ kind: "people_reached", value: 8_000_000_000 })),
    ).toMatchObject({ ok: false, field: "value" });
    expect((await countRows(f.demo.id)).measurements).toBe(0);
  });

  it("refuses an evidence link that is not http(s)", async () => {
    const f = await createOutcomeFixture(db);
    for (const evidenceUrl of ["javascript:alert(1)", "ftp://files.example.com/report", "data:text/html,hi", "wiki/page"]) {
      expect(await recordImpactMeasurement(db, actor(f.lead), f.demo.id, hours({ evidenceUrl }))).toMatchObject({
        ok: false,
        status: 400,
        field: "evidenceUrl",
      });
    }
    expect((await countRows(f.demo.id)).measurements).toBe(0);
  });

  it("refuses a custom measure without a unit, and a measurement by someone outside the team", async () => {
    const f = await createOutcomeFixture(db);
    expect(
      await recordImpactMeasurement(db, actor(f.lead), f.demo.id, hours({ kind: "custom", metric: "Deploys", unit: "" })),
    ).toMatchObject({ ok: false, field: "unit" });
    const outsider = await createUser(db);
    expect(await recordImpactMeasurement(db, actor(outsider), f.demo.id, hours())).toMatchObject({ ok: false, status: 403 });
    expect((await countRows(f.demo.id)).measurements).toBe(0);
  });
});

describe("organisers correct and delete (audited)", () => {
  it("corrects an outcome update and a measurement, with before and after in the audit log", async () => {
    const f = await createOutcomeFixture(db);
    const organiser = await createUser(db, { roles: ["organiser"] });
    const org = { ...actor(organiser, true), requestId: "req-outcome-test" };
    const update = await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped({ status: "prototype" }));
    const measurement = await recordImpactMeasurement(db, actor(f.lead), f.demo.id, hours({ value: 15000 }));
    if (!update.ok || !measurement.ok) throw new Error("setup failed");

    expect(
      await correctOutcomeUpdate(db, org, f.demo.id, update.value.id, shipped({ status: "continued", owningTeam: "Core" })),
    ).toMatchObject({ ok: true });
    expect(await correctImpactMeasurement(db, org, f.demo.id, measurement.value.id, hours({ value: 1500 }))).toMatchObject({
      ok: true,
    });
    const page = await getDemoOutcome(db, f.demo.id, org);
    expect(page?.status).toBe("continued");
    expect(page?.series[0]?.latest.value).toBe(1500);

    const entries = await db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.targetId, [String(update.value.id), String(measurement.value.id)]));
    const corrected = entries.filter((e) => e.action.endsWith(".corrected") && e.actorId === organiser.id);
    expect(corrected.map((e) => e.action).sort()).toEqual(["impact_measurement.corrected", "outcome_update.corrected"]);
    const outcomeEntry = corrected.find((e) => e.action === "outcome_update.corrected");
    expect(outcomeEntry?.summary).toMatchObject({
      before: { status: "prototype" },
      after: { status: "continued", owningTeam: "Core" },
    });
    expect(outcomeEntry?.requestId).toBe("req-outcome-test");
    const impactEntry = corrected.find((e) => e.action === "impact_measurement.corrected");
    expect(impactEntry?.summary).toMatchObject({ before: { value: 15000 }, after: { value: 1500 } });
  });

  it("a correction follows the same rules as recording", async () => {
    const f = await createOutcomeFixture(db);
    const organiser = await createUser(db, { roles: ["organiser"] });
    const update = await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped());
    if (!update.ok) throw new Error("setup failed");
    expect(
      await correctOutcomeUpdate(db, actor(organiser, true), f.demo.id, update.value.id, shipped({ happenedOn: "2999-01-01" })),
    ).toMatchObject({ ok: false, field: "happenedOn" });
    const [row] = await db.select().from(outcomeUpdates).where(eq(outcomeUpdates.id, update.value.id));
    expect(row?.happenedOn).toBe(today());
  });

  it("members cannot correct or delete, not even their own entries", async () => {
    const f = await createOutcomeFixture(db);
    const update = await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped());
    const measurement = await recordImpactMeasurement(db, actor(f.lead), f.demo.id, hours());
    if (!update.ok || !measurement.ok) throw new Error("setup failed");
    expect(await deleteOutcomeUpdate(db, actor(f.lead), f.demo.id, update.value.id)).toMatchObject({ ok: false, status: 403 });
    expect(await deleteImpactMeasurement(db, actor(f.lead), f.demo.id, measurement.value.id)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await correctOutcomeUpdate(db, actor(f.lead), f.demo.id, update.value.id, shipped())).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await countRows(f.demo.id)).toEqual({ updates: 1, measurements: 1 });
  });

  it("deletes once when two organisers click at once: one audit row, the other told it is gone", async () => {
    const f = await createOutcomeFixture(db);
    const [o1, o2] = await Promise.all([createUser(db, { roles: ["organiser"] }), createUser(db, { roles: ["organiser"] })]);
    if (!o1 || !o2) throw new Error("setup failed");
    const update = await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped({ status: "stopped", lessons: "No users" }));
    await recordOutcomeUpdate(db, actor(f.lead), f.demo.id, shipped({ status: "prototype", happenedOn: daysAgo(1) }));
    const measurement = await recordImpactMeasurement(db, actor(f.lead), f.demo.id, hours());
    if (!update.ok || !measurement.ok) throw new Error("setup failed");
    const results = await Promise.all([
      deleteOutcomeUpdate(db, actor(o1, true), f.demo.id, update.value.id),
      deleteOutcomeUpdate(db, actor(o2, true), f.demo.id, update.value.id),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ status: 404 });
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "outcome_update.deleted"), eq(auditLog.targetId, String(update.value.id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.summary).toMatchObject({ before: { status: "stopped", lessons: "No users" } });
    // The status falls back to the remaining entry.
    const [demo] = await db.select({ status: demos.outcomeStatus }).from(demos).where(eq(demos.id, f.demo.id));
    expect(demo?.status).toBe("prototype");

    expect((await deleteImpactMeasurement(db, actor(o1, true), f.demo.id, measurement.value.id)).ok).toBe(true);
    expect(await countRows(f.demo.id)).toEqual({ updates: 1, measurements: 0 });
  });

  it("an entry of another demo cannot be reached through this demo", async () => {
    const f = await createOutcomeFixture(db);
    const g = await createOutcomeFixture(db);
    const organiser = await createUser(db, { roles: ["organiser"] });
    const update = await recordOutcomeUpdate(db, actor(g.lead), g.demo.id, shipped());
    if (!update.ok) throw new Error("setup failed");
    expect(await deleteOutcomeUpdate(db, actor(organiser, true), f.demo.id, update.value.id)).toMatchObject({
      ok: false,
      status: 404,
    });
    expect((await countRows(g.demo.id)).updates).toBe(1);
  });
});

describe("follow-up checkpoints", () => {
  it("a demo's checkpoints follow the published date and turn done when something is recorded", async () => {
    const f = await createOutcomeFixture(db, { publishedDaysAgo: 31 });
    const before = await getDemoOutcome(db, f.demo.id, actor(f.lead));
    expect(before?.checkpoints?.map((c) => c.state)).toEqual(["due", "upcoming", "upcoming"]);
    expect(before?.currentCheckpoint?.days).toBe(30);
    await recordImpactMeasurement(db, actor(f.lead), f.demo.id, hours());
    const after = await getDemoOutcome(db, f.demo.id, actor(f.lead));
    expect(after?.checkpoints?.map((c) => c.state)).toEqual(["done", "upcoming", "upcoming"]);
  });

  it("organisers see due and overdue demos, overdue first, filtered by week and paginated; done ones are left out", async () => {
    const week = await createOutcomeFixture(db, { publishedDaysAgo: 50, size: 1 });
    const publishedAt = await publishedAtOf(db, week.week.id);
    if (!publishedAt) throw new Error("setup failed");
    // Three more demos in the same week: one answered (done), two not.
    const more = await Promise.all([0, 1, 2].map(() => createOutcomeFixture(db, { publishedDaysAgo: 1, size: 1 })));
    for (const m of more) {
      await db.update(demos).set({ weekId: week.week.id }).where(eq(demos.id, m.demo.id));
    }
    const answered = more[0];
    if (!answered) throw new Error("setup failed");
    await setPublished(db, week.week.id, publishedAt);
    await recordOutcomeUpdate(db, actor(answered.lead), answered.demo.id, shipped());
    // Another week 35 days after results: due, not overdue yet.
    const other = await createOutcomeFixture(db, { publishedDaysAgo: 35, size: 1 });

    const all = await listOverdueCheckpoints(db, { weekId: week.week.id, page: 1 });
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.demoId).sort()).toEqual([week.demo.id, more[1]?.demo.id, more[2]?.demo.id].sort());
    expect(all.rows.every((r) => r.state === "overdue" && r.days === 30)).toBe(true);
    for (const r of all.rows) {
      expect(checkpointState(publishedAt, r.days, new Date(), [])).toBe(r.state);
      expect(r.dueAt.getTime()).toBe(publishedAt.getTime() + 30 * DAY);
      expect(r.weekSlug).toBe(week.week.slug);
    }

    const page1 = await listOverdueCheckpoints(db, { weekId: week.week.id, page: 1, pageSize: 2 });
    const page2 = await listOverdueCheckpoints(db, { weekId: week.week.id, page: 2, pageSize: 2 });
    expect(page1.total).toBe(3);
    expect([...page1.rows, ...page2.rows].map((r) => r.demoId)).toEqual(all.rows.map((r) => r.demoId));
    expect(page2.rows).toHaveLength(1);

    const due = await listOverdueCheckpoints(db, { weekId: other.week.id, page: 1 });
    expect(due.rows).toMatchObject([{ demoId: other.demo.id, state: "due", days: 30, remindedAt: null, lastActivityAt: null }]);

    // Across weeks: the overdue ones come before the merely due ones.
    const everything = await listOverdueCheckpoints(db, { page: 1, pageSize: 10_000 });
    const states = everything.rows.map((r) => r.state);
    const firstDue = states.indexOf("due");
    expect(firstDue).toBeGreaterThan(0);
    expect(states.slice(0, firstDue).every((st) => st === "overdue")).toBe(true);
    expect(states.slice(firstDue)).not.toContain("overdue");
    expect(everything.rows.some((r) => r.demoId === answered.demo.id)).toBe(false);
  });

  it("the overview is two queries whatever the number of demos", async () => {
    const { tracedDatabase } = await import("../support/factories");
    const traced = tracedDatabase(undefined, { max: 1 });
    try {
      await traced.db.execute("select 1");
      const appQueries = () => traced.queries.filter((q) => !q.text.includes("pg_catalog.pg_type"));
      for (const options of [{ page: 1 }, { page: 2, pageSize: 2 }, { page: 1, weekId: 1 }]) {
        traced.reset();
        await listOverdueCheckpoints(traced.db, options);
        expect(appQueries(), JSON.stringify(options)).toHaveLength(2);
      }
    } finally {
      await traced.end();
    }
  });
});
