import { createHash, randomBytes } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import ical, { ICalEventTransparency } from "ical-generator";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import { fail, ok } from "~/lib/outcome";
import { publishLive } from "~/live/publish.server";
import { PHASE_LABELS, phaseStarts } from "~/weeks/phase";
import type { Week } from "~/weeks/weeks.server";
import type { Database, Queryable } from "~db/client";
import { calendarTokens, demoSchedules, demos, teams } from "~db/schema";
import { CHANGEOVER_MINUTES, presentingEndsAt, SLOT_MINUTES, slots } from "./order";

export type Actor = { id: number; isOrganiser: boolean; requestId?: string };

const ORGANISERS_ONLY = fail(403, "Only organisers can change the demo-day schedule.");

export type ScheduleDemo = {
  id: number;
  title: string;
  teamId: number;
  teamName: string;
  position: number | null;
  departments: Array<{ id: number; name: string }>;
};

export type Schedule = {
  weekId: number;
  /** False until an organiser saves a start time; slots are null until then. */
  configured: boolean;
  startsAt: Date | null;
  slotMinutes: number;
  changeoverMinutes: number;
  nowPresenting: { demoId: number; since: Date; endsAt: Date } | null;
  updatedAt: Date | null;
  demos: Array<ScheduleDemo & { slot: { startsAt: Date; endsAt: Date } | null }>;
};

/** The running order: laid-out demos by position, then those not placed yet by submission. */
const RUNNING_ORDER = [sql`${demos.position} asc nulls last`, asc(demos.submittedAt), asc(demos.id)];

async function orderedDemoIds(db: Queryable, weekId: number): Promise<number[]> {
  const rows = await db
    .select({ id: demos.id })
    .from(demos)
    .where(eq(demos.weekId, weekId))
    .orderBy(...RUNNING_ORDER);
  return rows.map((r) => r.id);
}

/** The week's demo-day schedule: timing, "now presenting", and every demo with its slot (two queries). */
export async function loadSchedule(db: Queryable, weekId: number): Promise<Schedule> {
  const departmentsOfTeam = sql<Array<{ id: number; name: string }>>`coalesce((
    select json_agg(json_build_object('id', d.id, 'name', d.name) order by d.name)
    from (
      select distinct dep.id, dep.name
      from team_members tm
      join users u on u.id = tm.user_id
      join departments dep on dep.id = u.department_id
      where tm.team_id = ${demos.teamId}
    ) d
  ), '[]'::json)`;
  const [scheduleRows, demoRows] = await Promise.all([
    db.select().from(demoSchedules).where(eq(demoSchedules.weekId, weekId)),
    db
      .select({
        id: demos.id,
        title: demos.title,
        teamId: demos.teamId,
        teamName: teams.name,
        position: demos.position,
        departments: departmentsOfTeam,
      })
      .from(demos)
      .innerJoin(teams, eq(teams.id, demos.teamId))
      .where(eq(demos.weekId, weekId))
      .orderBy(...RUNNING_ORDER),
  ]);
  const row = scheduleRows[0];
  const slotMinutes = row?.slotMinutes ?? SLOT_MINUTES.default;
  const changeoverMinutes = row?.changeoverMinutes ?? CHANGEOVER_MINUTES.default;
  const slotById = new Map(
    row ? slots(demoRows, { startsAt: row.startsAt, slotMinutes, changeoverMinutes }).map((s) => [s.id, s]) : [],
  );
  const presenting =
    row?.nowPresentingDemoId && row.nowPresentingSince && demoRows.some((d) => d.id === row.nowPresentingDemoId)
      ? {
          demoId: row.nowPresentingDemoId,
          since: row.nowPresentingSince,
          endsAt: presentingEndsAt(row.nowPresentingSince, slotMinutes),
        }
      : null;
  return {
    weekId,
    configured: Boolean(row),
    startsAt: row?.startsAt ?? null,
    slotMinutes,
    changeoverMinutes,
    nowPresenting: presenting,
    updatedAt: row?.updatedAt ?? null,
    demos: demoRows.map((d) => {
      const slot = slotById.get(d.id);
      return { ...d, slot: slot ? { startsAt: slot.startsAt, endsAt: slot.endsAt } : null };
    }),
  };
}

/**
 * Saves the running order: `demoIds` must be exactly the week's demos, each once. Positions become
 * 1..n in one statement inside one transaction (the week's demos are locked first, so two organisers
 * saving at once apply one after the other and a demo submitted meanwhile is noticed).
 */
export async function saveOrder(
  db: Database,
  actor: Actor,
  weekId: number,
  demoIds: number[],
): Promise<Outcome<{ count: number }>> {
  if (!actor.isOrganiser) return ORGANISERS_ONLY;
  return db.transaction(async (tx) => {
    const current = await tx
      .select({ id: demos.id })
      .from(demos)
      .where(eq(demos.weekId, weekId))
      .orderBy(...RUNNING_ORDER)
      .for("update");
    const known = new Set(current.map((d) => d.id));
    const unique = new Set(demoIds);
    if (unique.size !== demoIds.length || demoIds.length !== known.size || demoIds.some((id) => !known.has(id))) {
      return fail(409, "The demos changed while you were editing. The running order has been reloaded; try again.");
    }
    if (demoIds.length > 0) {
      const ids = `{${demoIds.map((id) => Math.trunc(id)).join(",")}}`;
      await tx.execute(sql`
        update demos set position = o.ord
        from unnest(${ids}::int[]) with ordinality as o(id, ord)
        where demos.id = o.id and demos.week_id = ${weekId} and demos.position is distinct from o.ord`);
    }
    await audit(tx, {
      actorId: actor.id,
      action: "schedule.order",
      targetType: "week",
      targetId: weekId,
      before: current.map((d) => d.id),
      after: demoIds,
      requestId: actor.requestId,
    });
    await publishLive(tx, { type: "schedule", weekId });
    return ok({ count: demoIds.length });
  });
}

export type TimingInput = { startsAt: Date; slotMinutes: number; changeoverMinutes: number };

/** Sets when demo day starts and how long slots and change-overs are. */
export async function saveTiming(db: Database, actor: Actor, weekId: number, input: TimingInput): Promise<Outcome<TimingInput>> {
  if (!actor.isOrganiser) return ORGANISERS_ONLY;
  const { slotMinutes, changeoverMinutes } = input;
  if (!Number.isInteger(slotMinutes) || slotMinutes < SLOT_MINUTES.min || slotMinutes > SLOT_MINUTES.max) {
    return fail(400, `A slot lasts ${SLOT_MINUTES.min} to ${SLOT_MINUTES.max} minutes.`, "slotMinutes");
  }
  if (
    !Number.isInteger(changeoverMinutes) ||
    changeoverMinutes < CHANGEOVER_MINUTES.min ||
    changeoverMinutes > CHANGEOVER_MINUTES.max
  ) {
    return fail(400, `A change-over lasts ${CHANGEOVER_MINUTES.min} to ${CHANGEOVER_MINUTES.max} minutes.`, "changeoverMinutes");
  }
  if (Number.isNaN(input.startsAt.getTime())) return fail(400, "Enter when demo day starts.", "startsAt");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(demoSchedules).where(eq(demoSchedules.weekId, weekId)).for("update");
    await tx
      .insert(demoSchedules)
      .values({ weekId, ...input })
      .onConflictDoUpdate({ target: demoSchedules.weekId, set: { ...input, updatedAt: new Date() } });
    await audit(tx, {
      actorId: actor.id,
      action: "schedule.timing",
      targetType: "week",
      targetId: weekId,
      before: before
        ? {
            startsAt: before.startsAt.toISOString(),
            slotMinutes: before.slotMinutes,
            changeoverMinutes: before.changeoverMinutes,
          }
        : undefined,
      after: { startsAt: input.startsAt.toISOString(), slotMinutes, changeoverMinutes },
      requestId: actor.requestId,
    });
    await publishLive(tx, { type: "schedule", weekId });
    return ok(input);
  });
}

export type PresentingCommand = { kind: "start" | "next" | "previous" | "clear" } | { kind: "demo"; demoId: number };

/**
 * Moves "now presenting": start (the first demo), next, previous, a specific demo, or clear. The
 * schedule row is locked, so two organisers pressing Next at once advance twice, never skip or repeat.
 */
export async function setPresenting(
  db: Database,
  actor: Actor,
  weekId: number,
  command: PresentingCommand,
  now = new Date(),
): Promise<Outcome<{ demoId: number | null; since: Date | null }>> {
  if (!actor.isOrganiser) return ORGANISERS_ONLY;
  return db.transaction(async (tx) => {
    const [schedule] = await tx.select().from(demoSchedules).where(eq(demoSchedules.weekId, weekId)).for("update");
    if (!schedule) return fail(409, "Set when demo day starts before presenting.");
    const order = await orderedDemoIds(tx, weekId);
    const at = schedule.nowPresentingDemoId === null ? -1 : order.indexOf(schedule.nowPresentingDemoId);
    let target: number | null;
    switch (command.kind) {
      case "start":
        if (order.length === 0) return fail(409, "There are no demos to present yet.");
        target = order[0] ?? null;
        break;
      case "next":
        if (order.length === 0) return fail(409, "There are no demos to present yet.");
        if (at >= order.length - 1) return fail(409, "That was the last demo. Clear “now presenting” to end demo day.");
        target = order[at + 1] ?? null;
        break;
      case "previous":
        if (at < 0) return fail(409, "No demo is presenting.");
        if (at === 0) return fail(409, "This is the first demo.");
        target = order[at - 1] ?? null;
        break;
      case "demo":
        if (!order.includes(command.demoId)) return fail(404, "That demo is not on this week's schedule.");
        target = command.demoId;
        break;
      case "clear":
        target = null;
        break;
    }
    const since = target === null ? null : now;
    await tx
      .update(demoSchedules)
      .set({ nowPresentingDemoId: target, nowPresentingSince: since, updatedAt: now })
      .where(eq(demoSchedules.weekId, weekId));
    await audit(tx, {
      actorId: actor.id,
      action: "schedule.presenting",
      targetType: "week",
      targetId: weekId,
      before: { demoId: schedule.nowPresentingDemoId },
      after: { demoId: target },
      requestId: actor.requestId,
    });
    await publishLive(tx, { type: "presenting", weekId, demoId: target, since: since?.toISOString() ?? null });
    return ok({ demoId: target, since });
  });
}

// ---------------------------------------------------------------------------------------------
// Calendar feed

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Creates (or replaces) the person's private calendar token and returns it. Only its SHA-256 is
 * stored, so the feed URL can be shown once; making a new one turns the old URL off.
 */
export async function rotateCalendarToken(db: Queryable, userId: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const tokenHash = hashToken(token);
  await db
    .insert(calendarTokens)
    .values({ userId, tokenHash })
    .onConflictDoUpdate({ target: calendarTokens.userId, set: { tokenHash, createdAt: new Date() } });
  return token;
}

export async function revokeCalendarToken(db: Queryable, userId: number): Promise<void> {
  await db.delete(calendarTokens).where(eq(calendarTokens.userId, userId));
}

export async function calendarTokenCreatedAt(db: Queryable, userId: number): Promise<Date | null> {
  const [row] = await db
    .select({ createdAt: calendarTokens.createdAt })
    .from(calendarTokens)
    .where(eq(calendarTokens.userId, userId));
  return row?.createdAt ?? null;
}

/** The active user a feed token belongs to, or null (unknown, malformed, or the person was deactivated). */
export async function userByCalendarToken(db: Queryable, token: string | null): Promise<{ id: number } | null> {
  if (!token || !TOKEN.test(token)) return null;
  const rows = await db.execute<{ id: number }>(sql`
    select u.id from calendar_tokens t join users u on u.id = t.user_id
    where t.token_hash = ${hashToken(token)} and u.deactivated_at is null`);
  const row = [...rows][0];
  return row ? { id: Number(row.id) } : null;
}

export const milestoneUid = (weekId: number, key: string) => `week-${weekId}-${key}@expedition`;
export const demoSlotUid = (demoId: number) => `demo-${demoId}@expedition`;

/**
 * The week as an iCalendar feed: a short event at each phase boundary (plus the demo deadline and the
 * close of voting) and one event per demo slot once demo day has a start time. UIDs depend only on
 * ids, so a calendar app that refreshes the feed updates its events instead of adding copies.
 */
export function weekCalendar(week: Week, schedule: Schedule, origin: string): string {
  const weekUrl = `${origin}/weeks/${week.slug}`;
  const calendar = ical({
    name: `Expedition · ${week.name}`,
    description: `Milestones and demo-day slots of ${week.name}.`,
    prodId: { company: "Expedition", product: "Expedition", language: "EN" },
    url: `${weekUrl}/schedule`,
    // Calendar apps that honour it refresh hourly; demo day moves faster, but they rarely go lower.
    ttl: 60 * 60,
  });
  const milestones: Array<{ key: string; at: Date; summary: string }> = [
    ...phaseStarts(week)
      .filter((s) => s.phase !== "archived")
      .map((s) => ({ key: `phase-${s.phase}`, at: s.at, summary: `${week.name}: ${PHASE_LABELS[s.phase]} begins` })),
    { key: "demo-deadline", at: week.demoDeadlineAt, summary: `${week.name}: demo deadline` },
    { key: "voting-closes", at: week.votingClosesAt, summary: `${week.name}: voting closes` },
  ];
  for (const m of milestones) {
    calendar.createEvent({
      id: milestoneUid(week.id, m.key),
      start: m.at,
      end: new Date(m.at.getTime() + 15 * 60_000),
      summary: m.summary,
      url: weekUrl,
      transparency: ICalEventTransparency.TRANSPARENT,
      lastModified: week.updatedAt,
    });
  }
  for (const demo of schedule.demos) {
    if (!demo.slot) continue;
    calendar.createEvent({
      id: demoSlotUid(demo.id),
      start: demo.slot.startsAt,
      end: demo.slot.endsAt,
      summary: `Demo: ${demo.title} (${demo.teamName})`,
      description: `${demo.teamName} presents “${demo.title}” on demo day of ${week.name}.`,
      url: `${origin}/demos/${demo.id}`,
      lastModified: schedule.updatedAt ?? undefined,
    });
  }
  return calendar.toString();
}

/** Is `userId` on the team of one of this week's demos? (Used to highlight "your slot".) */
export async function myDemoId(db: Queryable, userId: number, weekId: number): Promise<number | null> {
  const rows = await db.execute<{ id: number }>(sql`
    select d.id from demos d join team_members tm on tm.team_id = d.team_id
    where tm.user_id = ${userId} and d.week_id = ${weekId} limit 1`);
  const row = [...rows][0];
  return row ? Number(row.id) : null;
}
