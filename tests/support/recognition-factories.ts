import { and, desc, eq } from "drizzle-orm";
import type { RecognitionActor } from "~/recognition/nominations.server";
import type { NominationKind } from "~/recognition/rules";
import type { Queryable } from "~db/client";
import { auditLog, nominationEvents, nominations, notifications } from "~db/schema";
import {
  createDemo,
  createDepartment,
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type TestUser,
  uid,
} from "./factories";

export const as = (user: { id: number }, isOrganiser = false): RecognitionActor => ({ id: user.id, isOrganiser });

/** A reason long enough for the 20-character minimum. */
export const REASON = "Explained the on-call automation so clearly that three teams adopted it.";

/**
 * A small world for recognition tests: a week in results, an organiser, a nominator, a person, and a
 * team of two (lead and member) with a demo.
 */
export async function recognitionWorld(db: Queryable) {
  const week = await createWeekInPhase(db, "results");
  const dept = await createDepartment(db);
  const person = (extra: Parameters<typeof createUser>[1] = {}) =>
    createUser(db, { departmentId: dept.id, name: `Person ${uid()}`, ...extra });
  const [organiser, nominator, nominee, lead, member] = await Promise.all([
    person({ roles: ["organiser"] }),
    person(),
    person(),
    person(),
    person(),
  ]);
  if (!organiser || !nominator || !nominee || !lead || !member) throw new Error("people missing");
  const idea = await createIdea(db, { weekId: week.id, author: lead });
  const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id, memberIds: [member.id] });
  const demo = await createDemo(db, { weekId: week.id, teamId: team.id });
  return { week, dept, person, organiser, nominator, nominee, lead, member, team, demo };
}

/** Inserts a nomination directly (no rules), with its "new" event. */
export async function insertNomination(
  db: Queryable,
  options: {
    nominator: TestUser;
    userId?: number;
    teamId?: number;
    weekId?: number | null;
    kind?: NominationKind;
    status?: "new" | "accepted" | "declined" | "done";
  },
) {
  const [row] = await db
    .insert(nominations)
    .values({
      nominatorId: options.nominator.id,
      nomineeUserId: options.userId ?? null,
      nomineeTeamId: options.teamId ?? null,
      weekId: options.weekId ?? null,
      kind: options.kind ?? "talk",
      reason: REASON,
      status: options.status ?? "new",
    })
    .returning();
  if (!row) throw new Error("nomination insert returned no row");
  await db.insert(nominationEvents).values({ nominationId: row.id, actorId: options.nominator.id, toStatus: "new" });
  return row;
}

export async function nominationRow(db: Queryable, id: number) {
  const [row] = await db.select().from(nominations).where(eq(nominations.id, id));
  return row ?? null;
}

export async function eventsOf(db: Queryable, nominationId: number) {
  return db.select().from(nominationEvents).where(eq(nominationEvents.nominationId, nominationId)).orderBy(nominationEvents.id);
}

export async function notesOf(db: Queryable, userId: number, kind?: string) {
  return db
    .select()
    .from(notifications)
    .where(kind ? and(eq(notifications.userId, userId), eq(notifications.kind, kind)) : eq(notifications.userId, userId))
    .orderBy(desc(notifications.id));
}

export async function auditOf(db: Queryable, targetType: string, targetId: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, targetType), eq(auditLog.targetId, String(targetId))))
    .orderBy(auditLog.id);
}
