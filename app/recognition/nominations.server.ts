import { and, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias, type SelectedFields } from "drizzle-orm/pg-core";
import { audit } from "~/lib/audit.server";
import { fail, type Outcome, ok } from "~/lib/outcome";
import { PAGE_SIZE } from "~/lib/pagination";
import { type NewNotification, notify } from "~/notifications/notify.server";
import type { Database, Queryable } from "~db/client";
import { departments, nominationEvents, nominations, teamMembers, teams, users, weeks } from "~db/schema";
import {
  decisionProblem,
  NOMINATION_KIND_LABELS,
  NOMINATION_STATUS_LABELS,
  type NominationKind,
  type NominationStatus,
  nominationAccess,
} from "./rules";

export type RecognitionActor = { id: number; isOrganiser: boolean; requestId?: string };

export type Nominee = { type: "user"; userId: number; weekId?: number | null } | { type: "team"; teamId: number };
export type NominationInput = { nominee: Nominee; kind: NominationKind; reason: string };

export type NominationEvent = {
  id: number;
  fromStatus: NominationStatus | null;
  toStatus: NominationStatus;
  note: string;
  actorId: number;
  actorName: string;
  createdAt: string;
};

const nominee = alias(users, "nominee");
const nominator = alias(users, "nominator");

/** Every step of a nomination, oldest first, as one JSON array (so lists stay one query). */
const historySql = sql<NominationEvent[]>`(
  select coalesce(json_agg(json_build_object(
    'id', e.id, 'fromStatus', e.from_status, 'toStatus', e.to_status, 'note', e.note,
    'actorId', e.actor_id, 'actorName', a.name, 'createdAt', e.created_at
  ) order by e.created_at, e.id), '[]'::json)
  from ${nominationEvents} e join ${users} a on a.id = e.actor_id
  where e.nomination_id = ${nominations.id}
)`;

/** The columns every list shows: who nominated whom (a person or a team), for what, in which week. */
const summaryColumns = {
  id: nominations.id,
  kind: nominations.kind,
  status: nominations.status,
  reason: nominations.reason,
  nominatorId: nominations.nominatorId,
  nominatorName: nominator.name,
  nomineeUserId: nominations.nomineeUserId,
  nomineeUserName: nominee.name,
  nomineeTeamId: nominations.nomineeTeamId,
  nomineeTeamName: teams.name,
  weekId: nominations.weekId,
  weekName: weeks.name,
  weekSlug: weeks.slug,
  createdAt: nominations.createdAt,
  decidedAt: nominations.decidedAt,
};

function summaryQuery<T extends SelectedFields>(db: Queryable, extra: T) {
  return db
    .select({ ...summaryColumns, ...extra })
    .from(nominations)
    .innerJoin(nominator, eq(nominator.id, nominations.nominatorId))
    .leftJoin(nominee, eq(nominee.id, nominations.nomineeUserId))
    .leftJoin(teams, eq(teams.id, nominations.nomineeTeamId))
    .leftJoin(weeks, eq(weeks.id, nominations.weekId));
}

type SummaryRow = {
  nomineeUserId: number | null;
  nomineeUserName: string | null;
  nomineeTeamId: number | null;
  nomineeTeamName: string | null;
};

/** The nominee as pages show it: a name and a link. */
export function nomineeOf(row: SummaryRow): { type: "user" | "team"; id: number; name: string; href: string } {
  if (row.nomineeTeamId !== null) {
    return { type: "team", id: row.nomineeTeamId, name: row.nomineeTeamName ?? "A team", href: `/teams/${row.nomineeTeamId}` };
  }
  const id = row.nomineeUserId ?? 0;
  return { type: "user", id, name: row.nomineeUserName ?? "Someone", href: `/people/${id}` };
}

function history(raw: unknown): NominationEvent[] {
  const events = (typeof raw === "string" ? JSON.parse(raw) : raw) as NominationEvent[] | null;
  return (events ?? []).map((e) => ({ ...e, id: Number(e.id), createdAt: new Date(e.createdAt).toISOString() }));
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}

const isMember = (userId: number) =>
  sql`exists (select 1 from ${teamMembers} where ${teamMembers.teamId} = ${nominations.nomineeTeamId} and ${teamMembers.userId} = ${userId})`;

/**
 * Nominates a person (optionally for a week) or a team (for the team's week). Refused: oneself, a team
 * one belongs to, an unknown or deactivated person, an unknown team or week, and a second open
 * nomination of the same nominee for the same kind (the unique index holds it under concurrency).
 */
export async function createNomination(
  db: Database,
  actor: RecognitionActor,
  input: NominationInput,
): Promise<Outcome<{ id: number }>> {
  return db.transaction(async (tx) => {
    let nomineeUserId: number | null = null;
    let nomineeTeamId: number | null = null;
    let weekId: number | null = null;
    let nomineeName: string;
    if (input.nominee.type === "user") {
      const { userId } = input.nominee;
      if (userId === actor.id)
        return fail(400, "You cannot nominate yourself. Ask a colleague or a leader to nominate you.", "userId");
      const [person] = await tx
        .select({ id: users.id, name: users.name, deactivatedAt: users.deactivatedAt })
        .from(users)
        .where(eq(users.id, userId));
      if (!person) return fail(404, "That person does not exist.", "userId");
      if (person.deactivatedAt)
        return fail(409, `${person.name}'s account is deactivated, so they cannot be nominated.`, "userId");
      if (input.nominee.weekId) {
        const [week] = await tx.select({ id: weeks.id }).from(weeks).where(eq(weeks.id, input.nominee.weekId));
        if (!week) return fail(404, "That week does not exist.", "weekId");
        weekId = week.id;
      }
      nomineeUserId = person.id;
      nomineeName = person.name;
    } else {
      const { teamId } = input.nominee;
      const [team] = await tx
        .select({
          id: teams.id,
          name: teams.name,
          weekId: teams.weekId,
          member: sql<boolean>`exists (select 1 from ${teamMembers} where ${teamMembers.teamId} = ${teams.id} and ${teamMembers.userId} = ${actor.id})`,
        })
        .from(teams)
        .where(eq(teams.id, teamId));
      if (!team) return fail(404, "That team does not exist.", "teamId");
      if (team.member) {
        return fail(
          400,
          `You are a member of ${team.name}, so you cannot nominate your own team. Ask someone outside the team to nominate it.`,
          "teamId",
        );
      }
      nomineeTeamId = team.id;
      weekId = team.weekId;
      nomineeName = team.name;
    }
    const [created] = await tx
      .insert(nominations)
      .values({ nominatorId: actor.id, nomineeUserId, nomineeTeamId, weekId, kind: input.kind, reason: input.reason })
      .onConflictDoNothing()
      .returning({ id: nominations.id });
    if (!created) {
      return fail(
        409,
        `You have already nominated ${nomineeName} for ${NOMINATION_KIND_LABELS[input.kind].toLowerCase()}, and the organisers have not decided yet. You can see it under Nominations.`,
      );
    }
    await tx.insert(nominationEvents).values({ nominationId: created.id, actorId: actor.id, fromStatus: null, toStatus: "new" });
    return ok({ id: created.id });
  });
}

/**
 * An organiser's decision: a new status among the allowed transitions, or a note alone. Under a row
 * lock, in one transaction: the status, the latest note and who decided; the event; the audit entry;
 * the nominator told (with the note); the nominee — or every current member of the nominee team — told
 * when it is accepted.
 */
export async function decideNomination(
  db: Database,
  actor: RecognitionActor,
  nominationId: number,
  decision: { toStatus: NominationStatus; note: string },
): Promise<Outcome<{ status: NominationStatus }>> {
  if (!actor.isOrganiser) return fail(403, "Only organisers decide on nominations.");
  const note = decision.note.trim();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(nominations).where(eq(nominations.id, nominationId)).for("update");
    if (!row) return fail(404, "That nomination does not exist.");
    const problem = decisionProblem(row.status, decision.toStatus, note);
    if (problem)
      return fail(row.status === decision.toStatus ? 400 : 409, problem, row.status === decision.toStatus ? "note" : "toStatus");
    const now = new Date();
    const update = (q: Queryable) =>
      q
        .update(nominations)
        .set({
          status: decision.toStatus,
          decisionNote: note || row.decisionNote,
          decidedById: actor.id,
          decidedAt: now,
          updatedAt: now,
        })
        .where(eq(nominations.id, nominationId));
    if (decision.toStatus === "new" && row.status !== "new") {
      // Reopening meets the one-open-nomination index when the nominator has since made the same one
      // again: a savepoint keeps the transaction alive so the refusal is a message, not a 500.
      try {
        await tx.transaction(async (sp) => {
          await update(sp);
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return fail(
          409,
          "The nominator has made this nomination again since, and that one is still new: decide on it instead.",
          "toStatus",
        );
      }
    } else {
      await update(tx);
    }
    await tx.insert(nominationEvents).values({
      nominationId,
      actorId: actor.id,
      fromStatus: row.status,
      toStatus: decision.toStatus,
      note,
      createdAt: now,
    });
    await audit(tx, {
      actorId: actor.id,
      action: row.status === decision.toStatus ? "nomination.noted" : "nomination.decided",
      targetType: "nomination",
      targetId: nominationId,
      before: { status: row.status },
      after: { status: decision.toStatus },
      note,
      requestId: actor.requestId,
    });

    const [names] = await tx
      .select({ nominatorName: nominator.name, nomineeUserName: nominee.name, nomineeTeamName: teams.name })
      .from(nominations)
      .innerJoin(nominator, eq(nominator.id, nominations.nominatorId))
      .leftJoin(nominee, eq(nominee.id, nominations.nomineeUserId))
      .leftJoin(teams, eq(teams.id, nominations.nomineeTeamId))
      .where(eq(nominations.id, nominationId));
    const kindLabel = NOMINATION_KIND_LABELS[row.kind].toLowerCase();
    const who = row.nomineeTeamId ? (names?.nomineeTeamName ?? "the team") : (names?.nomineeUserName ?? "them");
    const withNote = note ? ` Note from the organisers: “${note}”` : "";
    const notes: NewNotification[] = [
      {
        userId: row.nominatorId,
        kind: "nomination_decided",
        link: `/nominations#nomination-${nominationId}`,
        message:
          row.status === decision.toStatus
            ? `The organisers added a note to your nomination of ${who} for ${kindLabel}.${withNote}`
            : `Your nomination of ${who} for ${kindLabel} is now ${NOMINATION_STATUS_LABELS[decision.toStatus].toLowerCase()}.${withNote}`,
        data: { nominationId, status: decision.toStatus },
      },
    ];
    if (decision.toStatus === "accepted" && row.status !== "accepted") {
      const by = names?.nominatorName ?? "Someone";
      const recipients = row.nomineeUserId
        ? [row.nomineeUserId]
        : (
            await tx
              .select({ userId: teamMembers.userId })
              .from(teamMembers)
              .where(eq(teamMembers.teamId, row.nomineeTeamId ?? 0))
          ).map((m) => m.userId);
      for (const userId of recipients) {
        notes.push({
          userId,
          kind: "nomination_accepted",
          link: `/nominations#nomination-${nominationId}`,
          message: row.nomineeUserId
            ? `${by} nominated you for ${kindLabel}, and the organisers accepted it.`
            : `${by} nominated your team ${who} for ${kindLabel}, and the organisers accepted it.`,
          data: { nominationId },
        });
      }
    }
    await notify(
      tx,
      notes.map((n) => ({ actorId: actor.id, ...n })),
    );
    return ok({ status: decision.toStatus });
  });
}

/** The nominator takes back a nomination the organisers have not decided on yet. */
export async function withdrawNomination(
  db: Database,
  actor: RecognitionActor,
  nominationId: number,
): Promise<Outcome<{ id: number }>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ nominatorId: nominations.nominatorId, status: nominations.status })
      .from(nominations)
      .where(eq(nominations.id, nominationId))
      .for("update");
    if (!row || nominationAccess(actor, row) === "none") return fail(404, "That nomination does not exist.");
    if (row.nominatorId !== actor.id) return fail(403, "Only the person who made a nomination can withdraw it.");
    if (row.status !== "new")
      return fail(409, "The organisers have already decided on this nomination, so it can no longer be withdrawn.");
    await tx.delete(nominations).where(eq(nominations.id, nominationId));
    return ok({ id: nominationId });
  });
}

/** The nominations a person made, newest first, with their status, the latest note and the history. */
export async function listMyNominations(db: Queryable, userId: number) {
  const rows = await summaryQuery(db, { decisionNote: nominations.decisionNote, history: historySql })
    .where(eq(nominations.nominatorId, userId))
    .orderBy(desc(nominations.createdAt), desc(nominations.id))
    .limit(200);
  return rows.map((r) => ({ ...r, nominee: nomineeOf(r), history: history(r.history) }));
}

export type QueueFilter = { status?: NominationStatus; kind?: NominationKind; weekId?: number; page: number };

/** The organisers' queue: filtered by status, kind and week, oldest first (first come, first decided). */
export async function listForOrganisers(db: Queryable, filter: QueueFilter, pageSize = PAGE_SIZE) {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(nominations.status, filter.status));
  if (filter.kind) where.push(eq(nominations.kind, filter.kind));
  if (filter.weekId) where.push(eq(nominations.weekId, filter.weekId));
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    summaryQuery(db, { decisionNote: nominations.decisionNote, history: historySql })
      .where(condition)
      .orderBy(nominations.createdAt, nominations.id)
      .limit(pageSize)
      .offset((filter.page - 1) * pageSize),
    db.select({ n: count() }).from(nominations).where(condition),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, nominee: nomineeOf(r), history: history(r.history) })),
    total: total?.n ?? 0,
  };
}

/**
 * One nomination as `viewer` may see it: organisers and the nominator get its notes and history;
 * anyone gets the public part of an accepted or done one; otherwise it does not exist for them.
 */
export async function getNomination(db: Queryable, viewer: { id: number; isOrganiser: boolean }, nominationId: number) {
  const [row] = await summaryQuery(db, { decisionNote: nominations.decisionNote, history: historySql }).where(
    eq(nominations.id, nominationId),
  );
  const access = row ? nominationAccess(viewer, row) : "none";
  if (!row || access === "none") return fail(404, "That nomination does not exist.");
  const base = { ...row, nominee: nomineeOf(row), access };
  if (access === "public") return ok({ ...base, decisionNote: "", history: [] as NominationEvent[] });
  return ok({ ...base, history: history(row.history) });
}

export type PublicNomination = {
  id: number;
  kind: NominationKind;
  status: NominationStatus;
  reason: string;
  nominatorId: number;
  nominatorName: string;
  nominee: ReturnType<typeof nomineeOf>;
  weekId: number | null;
  weekName: string | null;
  weekSlug: string | null;
  decidedAt: Date | null;
  createdAt: Date;
};

/**
 * Accepted and done nominations of a person — of them, or of a team they are on — for the portfolio.
 * Only the public part: kind, week, nominator and reason.
 */
export async function acceptedNominationsFor(db: Queryable, userId: number): Promise<PublicNomination[]> {
  const rows = await summaryQuery(db, {})
    .where(
      and(
        inArray(nominations.status, ["accepted", "done"]),
        sql`(${nominations.nomineeUserId} = ${userId} or ${isMember(userId)})`,
      ),
    )
    .orderBy(desc(sql`coalesce(${nominations.decidedAt}, ${nominations.createdAt})`), desc(nominations.id))
    .limit(100);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    nominatorId: r.nominatorId,
    nominatorName: r.nominatorName,
    nominee: nomineeOf(r),
    weekId: r.weekId,
    weekName: r.weekName,
    weekSlug: r.weekSlug,
    decidedAt: r.decidedAt,
    createdAt: r.createdAt,
  }));
}

/** The weeks a nomination can name, newest first (for the nominate form and the queue's filter). */
export async function weekOptions(db: Queryable) {
  return db
    .select({ id: weeks.id, name: weeks.name })
    .from(weeks)
    .orderBy(desc(weeks.pitchingOpensAt), desc(weeks.id))
    .limit(100);
}

/** Active people one may nominate (everyone but oneself), by name. */
export async function nominablePeople(db: Queryable, viewerId: number) {
  return db
    .select({ id: users.id, name: users.name, department: departments.name })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(and(sql`${users.deactivatedAt} is null`, sql`${users.id} <> ${viewerId}`))
    .orderBy(users.name, users.id)
    .limit(2000);
}
