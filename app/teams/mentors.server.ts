import { and, asc, desc, eq, sql } from "drizzle-orm";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import { fail, ok } from "~/lib/outcome";
import { type NewNotification, notify } from "~/notifications/notify.server";
import { phaseAt } from "~/weeks/phase";
import type { Database, Queryable, Transaction } from "~db/client";
import { departments, teamMembers, teamMentors, teams, users, weeks } from "~db/schema";
import type { Actor } from "./teams.server";

/**
 * Mentors: people from outside a team who lend it their expertise. They never take a member's place
 * (team_members and member_count are untouched), and one person may mentor several teams.
 *
 * Every mutation locks the team row first (like the roster mutations in teams.server.ts), so an ask,
 * an answer and a step-back on the same team are serialised and never interleave.
 */

export const MENTOR_MESSAGE_MAX = 500;

/** The team row, locked for the rest of the transaction, with its week and phase. */
async function lockTeam(tx: Transaction, teamId: number) {
  const [row] = await tx
    .select({ team: teams, week: weeks })
    .from(teams)
    .innerJoin(weeks, eq(weeks.id, teams.weekId))
    .where(eq(teams.id, teamId))
    .for("update", { of: teams });
  return row ? { ...row, phase: phaseAt(row.week, new Date()) } : null;
}

async function nameOf(tx: Queryable, userId: number) {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? "Someone";
}

async function isMember(tx: Queryable, teamId: number, userId: number) {
  const [row] = await tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  return Boolean(row);
}

const archived = (weekName: string) => fail(409, `${weekName} is archived and read-only.`);

/**
 * The team lead (or an organiser) asks someone who offers mentoring to mentor the team. A person who
 * declined before may be asked again: the row goes back to pending with the new message.
 */
export async function askMentor(
  db: Database,
  actor: Actor,
  teamId: number,
  mentorId: number,
  message: string,
): Promise<Outcome<{ teamId: number; mentorId: number; status: "pending" }>> {
  const text = message.trim();
  if (text.length > MENTOR_MESSAGE_MAX) return fail(400, "Keep the message to 500 characters.", "message");
  if (text.includes("\u0000")) return fail(400, "The message contains a null character; remove it and try again.", "message");
  return db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    if (!locked) return fail(404, "That team does not exist.");
    const { team, week, phase } = locked;
    if (team.leadId !== actor.id && !actor.isOrganiser)
      return fail(403, "Only the team lead (or an organiser) can ask someone to mentor the team.");
    if (phase === "archived") return archived(week.name);
    const [mentor] = await tx
      .select({ id: users.id, name: users.name, offer: users.mentorOffer, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, mentorId));
    if (!mentor) return fail(404, "That person does not exist. Choose a mentor from the list.", "mentorId");
    if (mentor.deactivatedAt)
      return fail(409, `${mentor.name} no longer has an active account, so they cannot mentor.`, "mentorId");
    if (!mentor.offer.trim()) {
      return fail(
        409,
        `${mentor.name} does not offer to mentor teams. People offer on their profile (“I can mentor on…”).`,
        "mentorId",
      );
    }
    if (await isMember(tx, teamId, mentorId))
      return fail(409, `${mentor.name} is a member of this team; mentors come from outside it.`, "mentorId");
    const [existing] = await tx
      .select({ status: teamMentors.status })
      .from(teamMentors)
      .where(and(eq(teamMentors.teamId, teamId), eq(teamMentors.userId, mentorId)))
      .for("update");
    if (existing?.status === "pending") {
      return fail(409, `${mentor.name} was already asked to mentor ${team.name} and has not answered yet.`, "mentorId");
    }
    if (existing?.status === "accepted") return fail(409, `${mentor.name} already mentors ${team.name}.`, "mentorId");
    const now = new Date();
    // A declined ask is asked again: same row, back to pending, with the new message and asker.
    await tx
      .insert(teamMentors)
      .values({ teamId, userId: mentorId, status: "pending", message: text, requestedById: actor.id, createdAt: now })
      .onConflictDoUpdate({
        target: [teamMentors.teamId, teamMentors.userId],
        set: { status: "pending", message: text, requestedById: actor.id, createdAt: now, decidedAt: null },
      });
    const asker = await nameOf(tx, actor.id);
    await notify(tx, [
      {
        userId: mentorId,
        actorId: actor.id,
        kind: "mentor_asked",
        link: `/teams/${teamId}`,
        message: `${asker} asked you to mentor ${team.name}.`,
        data: { teamId, message: text },
      },
    ]);
    if (team.leadId !== actor.id) {
      await audit(tx, {
        actorId: actor.id,
        action: "team.mentor_asked",
        targetType: "team",
        targetId: teamId,
        after: { mentorId },
        requestId: actor.requestId,
      });
    }
    return ok({ teamId, mentorId, status: "pending" as const });
  });
}

/** The person asked answers: accept (they now mentor the team) or decline. Only while the ask is pending. */
export async function answerMentor(
  db: Database,
  actor: Actor,
  teamId: number,
  accept: boolean,
): Promise<Outcome<{ teamId: number; status: "accepted" | "declined" }>> {
  return db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    if (!locked) return fail(404, "That team does not exist.");
    const { team, week, phase } = locked;
    const [ask] = await tx
      .select()
      .from(teamMentors)
      .where(and(eq(teamMentors.teamId, teamId), eq(teamMentors.userId, actor.id)))
      .for("update");
    if (!ask) return fail(403, `Only the person asked to mentor ${team.name} can answer.`);
    if (phase === "archived") return archived(week.name);
    if (ask.status === "accepted") return fail(409, `You already mentor ${team.name}.`);
    if (ask.status === "declined") return fail(409, `You already declined to mentor ${team.name}. The lead may ask you again.`);
    if (accept && (await isMember(tx, teamId, actor.id))) {
      return fail(409, `You are a member of ${team.name} now; mentors come from outside the team. Decline instead.`);
    }
    const status = accept ? ("accepted" as const) : ("declined" as const);
    await tx
      .update(teamMentors)
      .set({ status, decidedAt: new Date() })
      .where(and(eq(teamMentors.teamId, teamId), eq(teamMentors.userId, actor.id)));
    const who = await nameOf(tx, actor.id);
    // The lead hears the answer, and so does whoever asked if that was someone else (an organiser, a former lead).
    const recipients = [...new Set([team.leadId, ask.requestedById])];
    await notify(
      tx,
      recipients.map(
        (userId): NewNotification => ({
          userId,
          actorId: actor.id,
          kind: accept ? "mentor_accepted" : "mentor_declined",
          link: `/teams/${teamId}`,
          message: accept ? `${who} agreed to mentor ${team.name}.` : `${who} declined to mentor ${team.name}.`,
          data: { teamId },
        }),
      ),
    );
    return ok({ teamId, status });
  });
}

/**
 * An accepted mentor steps back. The row is deleted rather than marked "declined": "declined" means
 * "said no to the ask", and the lead would then see a misleading answer; with the row gone the person
 * is simply a candidate again and may be asked anew. The step-back itself stays in the audit log (the
 * voting rules ask who mentored whom) and the lead is notified.
 */
export async function leaveMentoring(db: Database, actor: Actor, teamId: number): Promise<Outcome<{ teamId: number }>> {
  return db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    if (!locked) return fail(404, "That team does not exist.");
    const { team, week, phase } = locked;
    if (phase === "archived") return archived(week.name);
    const removed = await tx
      .delete(teamMentors)
      .where(and(eq(teamMentors.teamId, teamId), eq(teamMentors.userId, actor.id), eq(teamMentors.status, "accepted")))
      .returning({ createdAt: teamMentors.createdAt, decidedAt: teamMentors.decidedAt });
    if (removed.length === 0) return fail(409, `You do not mentor ${team.name}, so there is nothing to step back from.`);
    const who = await nameOf(tx, actor.id);
    await notify(tx, [
      {
        userId: team.leadId,
        actorId: actor.id,
        kind: "mentor_left",
        link: `/teams/${teamId}`,
        message: `${who} stepped back from mentoring ${team.name}.`,
        data: { teamId },
      },
    ]);
    await audit(tx, {
      actorId: actor.id,
      action: "team.mentor_stepped_back",
      targetType: "team",
      targetId: teamId,
      before: { mentorId: actor.id, acceptedAt: removed[0]?.decidedAt?.toISOString() ?? null },
      requestId: actor.requestId,
    });
    return ok({ teamId });
  });
}

/**
 * People a lead could ask to mentor: they offer mentoring, are active, are not members of the team and
 * have not been asked already (pending or accepted; someone who declined may be asked again). Ordered
 * by how many of the team's open roles they list among their skills, then by name. One query.
 */
export async function mentorCandidates(db: Queryable, teamId: number, limit = 20) {
  const roles = sql`coalesce((select t.open_roles from ${teams} t where t.id = ${teamId}), '{}'::text[])`;
  const overlap = sql<string[]>`array(select unnest(${users.skills}) intersect select unnest(${roles}))`;
  return db
    .select({
      id: users.id,
      name: users.name,
      department: departments.name,
      offer: users.mentorOffer,
      availability: users.mentorAvailability,
      matchingSkills: overlap,
    })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(
      and(
        sql`${users.deactivatedAt} is null`,
        sql`btrim(${users.mentorOffer}) <> ''`,
        sql`not exists (select 1 from ${teamMembers} tm where tm.team_id = ${teamId} and tm.user_id = ${users.id})`,
        sql`not exists (select 1 from ${teamMentors} m where m.team_id = ${teamId} and m.user_id = ${users.id}
          and m.status in ('pending', 'accepted'))`,
      ),
    )
    .orderBy(desc(sql`cardinality(${overlap})`), asc(users.name), asc(users.id))
    .limit(limit);
}

/**
 * Ids of the teams `userId` mentors (accepted) in a week. The voting rules use it: a judge never
 * scores a team they mentor.
 */
export async function mentoredTeamIds(db: Queryable, userId: number, weekId: number): Promise<number[]> {
  const rows = await db
    .select({ teamId: teamMentors.teamId })
    .from(teamMentors)
    .innerJoin(teams, eq(teams.id, teamMentors.teamId))
    .where(and(eq(teamMentors.userId, userId), eq(teamMentors.status, "accepted"), eq(teams.weekId, weekId)))
    .orderBy(asc(teamMentors.teamId));
  return rows.map((r) => r.teamId);
}
