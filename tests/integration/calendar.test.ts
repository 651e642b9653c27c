import { eq } from "drizzle-orm";
import ical, { type VEvent } from "node-ical";
import { describe, expect, it } from "vitest";
import {
  type Actor,
  loadSchedule,
  revokeCalendarToken,
  rotateCalendarToken,
  saveOrder,
  saveTiming,
  setPresenting,
  userByCalendarToken,
  weekCalendar,
} from "~/demoday/schedule.server";
import { getDb } from "~db/client";
import { auditLog, demos, users } from "~db/schema";
import { createDepartment, createIdea, createTeam, createUser, createWeekInPhase, type WeekRow } from "../support/factories";

const db = getDb();
const ORIGIN = "https://expedition.example.com";

/** A week in demos with `n` demos by teams of one person each, from `departments` in turn. */
async function demoWeek(n: number) {
  const week = await createWeekInPhase(db, "demos");
  const organiser = await createUser(db, { roles: ["organiser"] });
  const depts = await Promise.all([createDepartment(db), createDepartment(db)]);
  const demoIds: number[] = [];
  for (let i = 0; i < n; i++) {
    const lead = await createUser(db, { departmentId: depts[i % 2]?.id });
    const idea = await createIdea(db, { weekId: week.id, author: lead });
    const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id, name: `Team ${i + 1} ${week.slug}` });
    const [demo] = await db
      .insert(demos)
      .values({ weekId: week.id, teamId: team.id, title: `Demo ${i + 1}`, summary: "What we built" })
      .returning({ id: demos.id });
    if (!demo) throw new Error("demo insert failed");
    demoIds.push(demo.id);
  }
  const actor: Actor = { id: organiser.id, isOrganiser: true };
  return { week, organiser, actor, demoIds, depts };
}

function events(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === "VEVENT");
}

const feed = async (week: WeekRow) => weekCalendar(week, await loadSchedule(db, week.id), ORIGIN);

describe("schedule", () => {
  it("saves the running order as positions 1..n and refuses a stale or foreign list", async () => {
    const { week, actor, demoIds } = await demoWeek(3);
    const [a, b, c] = demoIds as [number, number, number];
    expect((await loadSchedule(db, week.id)).demos.map((d) => d.id)).toEqual([a, b, c]);

    expect(await saveOrder(db, actor, week.id, [c, a, b])).toEqual({ ok: true, value: { count: 3 } });
    const schedule = await loadSchedule(db, week.id);
    expect(schedule.demos.map((d) => [d.id, d.position])).toEqual([
      [c, 1],
      [a, 2],
      [b, 3],
    ]);
    expect(schedule.demos[0]?.departments).toHaveLength(1);

    for (const bad of [
      [c, a],
      [c, a, a],
      [c, a, b, 999_999_999],
    ]) {
      expect(await saveOrder(db, actor, week.id, bad)).toMatchObject({ ok: false, status: 409 });
    }
    expect(await saveOrder(db, { ...actor, isOrganiser: false }, week.id, [a, b, c])).toMatchObject({ ok: false, status: 403 });
    expect((await loadSchedule(db, week.id)).demos.map((d) => d.id)).toEqual([c, a, b]);
    const logged = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, String(week.id)));
    expect(logged.filter((l) => l.action === "schedule.order")).toHaveLength(1);
  });

  it("gives each demo a slot and moves now presenting through the order", async () => {
    const { week, actor, demoIds } = await demoWeek(3);
    const [a, b, c] = demoIds as [number, number, number];
    expect(await setPresenting(db, actor, week.id, { kind: "next" })).toMatchObject({ ok: false, status: 409 });
    const startsAt = new Date("2026-07-03T13:00:00Z");
    await saveTiming(db, actor, week.id, { startsAt, slotMinutes: 5, changeoverMinutes: 2 });
    expect(await saveTiming(db, actor, week.id, { startsAt, slotMinutes: 61, changeoverMinutes: 2 })).toMatchObject({
      ok: false,
      field: "slotMinutes",
    });
    const schedule = await loadSchedule(db, week.id);
    expect(schedule.demos.map((d) => d.slot?.startsAt.toISOString())).toEqual([
      "2026-07-03T13:00:00.000Z",
      "2026-07-03T13:07:00.000Z",
      "2026-07-03T13:14:00.000Z",
    ]);

    const now = new Date("2026-07-03T13:01:00Z");
    expect(await setPresenting(db, actor, week.id, { kind: "previous" })).toMatchObject({ ok: false });
    expect(await setPresenting(db, actor, week.id, { kind: "next" }, now)).toEqual({
      ok: true,
      value: { demoId: a, since: now },
    });
    expect(await setPresenting(db, actor, week.id, { kind: "next" }, now)).toMatchObject({ ok: true, value: { demoId: b } });
    expect(await setPresenting(db, actor, week.id, { kind: "previous" }, now)).toMatchObject({ ok: true, value: { demoId: a } });
    expect(await setPresenting(db, actor, week.id, { kind: "demo", demoId: c }, now)).toMatchObject({
      ok: true,
      value: { demoId: c },
    });
    expect(await setPresenting(db, actor, week.id, { kind: "next" }, now)).toMatchObject({ ok: false, status: 409 });
    const presenting = (await loadSchedule(db, week.id)).nowPresenting;
    expect(presenting).toEqual({ demoId: c, since: now, endsAt: new Date("2026-07-03T13:06:00Z") });
    expect(await setPresenting(db, actor, week.id, { kind: "clear" })).toEqual({
      ok: true,
      value: { demoId: null, since: null },
    });
    expect(await setPresenting(db, actor, week.id, { kind: "demo", demoId: 999_999_999 })).toMatchObject({ status: 404 });
  });
});

describe("calendar feed", () => {
  it("has the week's milestones and one event per demo slot, with times that parse back exactly", async () => {
    const { week, actor, demoIds } = await demoWeek(2);
    const [a, b] = demoIds as [number, number];
    // Before demo day has a start time: milestones only.
    const before = events(await feed(week));
    expect(before.map((e) => e.uid).sort()).toEqual(
      [
        "demo-deadline",
        "phase-demos",
        "phase-exploring",
        "phase-pitching",
        "phase-results",
        "phase-team_formation",
        "phase-voting",
        "voting-closes",
      ]
        .map((k) => `week-${week.id}-${k}@expedition`)
        .sort(),
    );
    const voting = before.find((e) => e.uid === `week-${week.id}-phase-voting@expedition`);
    // iCalendar times have whole seconds.
    expect(voting?.start.getTime()).toBe(Math.floor(week.votingOpensAt.getTime() / 1000) * 1000);
    expect(String(voting?.summary)).toContain("Voting begins");

    const startsAt = new Date("2026-07-03T13:00:00Z");
    await saveTiming(db, actor, week.id, { startsAt, slotMinutes: 3, changeoverMinutes: 1 });
    await saveOrder(db, actor, week.id, [b, a]);
    const text = await feed(week);
    const parsed = events(text);
    const slotA = parsed.find((e) => e.uid === `demo-${a}@expedition`);
    const slotB = parsed.find((e) => e.uid === `demo-${b}@expedition`);
    expect(slotB?.start.toISOString()).toBe("2026-07-03T13:00:00.000Z");
    expect(slotB?.end?.toISOString()).toBe("2026-07-03T13:03:00.000Z");
    expect(slotA?.start.toISOString()).toBe("2026-07-03T13:04:00.000Z");
    expect(slotA?.end?.toISOString()).toBe("2026-07-03T13:07:00.000Z");
    expect(String(slotA?.summary)).toBe(`Demo: Demo 1 (Team 1 ${week.slug})`);
    expect(JSON.stringify(slotA?.url)).toContain(`${ORIGIN}/demos/${a}`);
    expect(parsed).toHaveLength(before.length + 2);

    // Re-generating after a change keeps every UID (so calendars update instead of duplicating).
    await saveOrder(db, actor, week.id, [a, b]);
    const again = events(await feed(week));
    expect(again.map((e) => e.uid).sort()).toEqual(parsed.map((e) => e.uid).sort());
    expect(new Set(again.map((e) => e.uid)).size).toBe(again.length);
    expect(again.find((e) => e.uid === `demo-${a}@expedition`)?.start.toISOString()).toBe("2026-07-03T13:00:00.000Z");
  });

  it("finds the person by a token whose hash alone is stored; rotating or revoking turns the old one off", async () => {
    const person = await createUser(db);
    const token = await rotateCalendarToken(db, person.id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await userByCalendarToken(db, token)).toEqual({ id: person.id });
    expect(await userByCalendarToken(db, null)).toBeNull();
    expect(await userByCalendarToken(db, "x".repeat(43))).toBeNull();
    expect(await userByCalendarToken(db, "'; drop table users; --")).toBeNull();

    const next = await rotateCalendarToken(db, person.id);
    expect(await userByCalendarToken(db, token)).toBeNull();
    expect(await userByCalendarToken(db, next)).toEqual({ id: person.id });

    await db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, person.id));
    expect(await userByCalendarToken(db, next)).toBeNull();
    await db.update(users).set({ deactivatedAt: null }).where(eq(users.id, person.id));
    await revokeCalendarToken(db, person.id);
    expect(await userByCalendarToken(db, next)).toBeNull();
  });
});
