import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import { fail, ok } from "~/lib/outcome";
import { type NewNotification, notify } from "~/notifications/notify.server";
import { phaseAt } from "~/weeks/phase";
import type { Week } from "~/weeks/weeks.server";
import type { Database, Queryable, Transaction } from "~db/client";
import { ideaFollows, ideas, joinRequests, teamMembers, teams, users, weeks } from "~db/schema";
import { canChangeRoster, capacityProblem, confirmProblem } from "./rules";

export type Actor = { id: number; isOrganiser: boolean; requestId?: string };
export type Team = typeof teams.$inferSelect;

const ROSTER_LOCKED = "The roster is locked: teams change only during team formation. Ask an organiser if something must change.";

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

/**
 * Serialises every change to one person's membership in one week (accepts by several leads at once,
 * organiser moves). Taken before any row lock, so concurrent transactions always lock in one order.
 */
async function lockPerson(tx: Transaction, weekId: number, userId: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(${weekId}::int, ${userId}::int)`);
}

async function nameOf(tx: Queryable, userId: number) {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? "Someone";
}

async function teamOfUser(tx: Queryable, userId: number, weekId: number) {
  const [row] = await tx
    .select({ teamId: teamMembers.teamId, role: teamMembers.role, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, userId), eq(teamMembers.weekId, weekId)));
  return row ?? null;
}

export async function departmentCount(tx: Queryable, teamId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(distinct ${users.departmentId})::int` })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId));
  return row?.n ?? 0;
}

/**
 * Adds a person to a locked team: capacity (also held by a CHECK and a trigger), one team per person
 * per week (a unique index — ON CONFLICT keeps the transaction alive), then the side effects:
 * the person's other pending requests and invites in the week are withdrawn, and a team that just
 * filled closes its own pending ones, everyone told why.
 */
async function addMember(tx: Transaction, team: Team, userId: number, role: "lead" | "member", notes: NewNotification[]) {
  if (team.memberCount >= team.capacity) return fail(409, "The team is full.");
  const inserted = await tx
    .insert(teamMembers)
    .values({ teamId: team.id, userId, weekId: team.weekId, role })
    .onConflictDoNothing()
    .returning({ userId: teamMembers.userId });
  if (inserted.length === 0) {
    const current = await teamOfUser(tx, userId, team.weekId);
    return fail(409, current ? `Already in a team this week (${current.name}).` : "Could not join the team; try again.");
  }
  const withdrawn = await tx
    .update(joinRequests)
    .set({ status: "withdrawn", decidedAt: new Date(), closeReason: "Joined another team." })
    .where(
      and(
        eq(joinRequests.userId, userId),
        eq(joinRequests.weekId, team.weekId),
        eq(joinRequests.status, "pending"),
        ne(joinRequests.teamId, team.id),
      ),
    )
    .returning({ teamId: joinRequests.teamId, kind: joinRequests.kind });
  const invitedBy = withdrawn.filter((w) => w.kind === "invite").map((w) => w.teamId);
  if (invitedBy.length) {
    const leads = await tx
      .select({ leadId: teams.leadId, name: teams.name, id: teams.id })
      .from(teams)
      .where(inArray(teams.id, invitedBy));
    const who = await nameOf(tx, userId);
    for (const lead of leads) {
      notes.push({
        userId: lead.leadId,
        kind: "invite_withdrawn",
        link: `/teams/${lead.id}`,
        message: `${who} joined another team, so your invite to ${lead.name} was withdrawn.`,
      });
    }
  }
  const [after] = await tx
    .select({ memberCount: teams.memberCount, capacity: teams.capacity })
    .from(teams)
    .where(eq(teams.id, team.id));
  if (after && after.memberCount >= after.capacity) {
    const closed = await tx
      .update(joinRequests)
      .set({ status: "closed", decidedAt: new Date(), closeReason: "The team is full." })
      .where(and(eq(joinRequests.teamId, team.id), eq(joinRequests.status, "pending"), ne(joinRequests.userId, userId)))
      .returning({ userId: joinRequests.userId, kind: joinRequests.kind });
    for (const c of closed) {
      notes.push({
        userId: c.userId,
        kind: "team_full",
        link: `/teams/${team.id}`,
        message: `${team.name} is now full, so your ${c.kind === "invite" ? "invite" : "request to join"} was closed.`,
      });
    }
  }
  return ok({ memberCount: after?.memberCount ?? team.memberCount + 1 });
}

export type TeamInput = { name: string; description: string; openRoles: string[]; capacity: number };

/**
 * Starts a team around an idea. The idea's author leads it, or appoints another participant as lead
 * (the "adopt with the author's consent" case); organisers may start one for anyone.
 */
export async function createTeam(
  db: Database,
  actor: Actor,
  ideaId: number,
  input: TeamInput & { leadId?: number },
): Promise<Outcome<{ id: number }>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ idea: ideas, week: weeks })
      .from(ideas)
      .innerJoin(weeks, eq(weeks.id, ideas.weekId))
      .where(eq(ideas.id, ideaId))
      .for("update", { of: ideas });
    if (row?.idea.status !== "published") return fail(404, "That idea does not exist.");
    const { idea, week } = row;
    const isAuthor = idea.authorId === actor.id;
    if (!isAuthor && !actor.isOrganiser) return fail(403, "Only the idea's author (or an organiser) can start its team.");
    if (!canChangeRoster(phaseAt(week, new Date()), actor.isOrganiser))
      return fail(409, "Teams can be started during team formation only.");
    const leadId = input.leadId ?? actor.id;
    const [lead] = await tx.select({ id: users.id, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, leadId));
    if (!lead || lead.deactivatedAt) return fail(400, "Choose an active person as lead.", "leadId");
    const problem = capacityProblem(input.capacity, week);
    if (problem) return fail(400, problem, "capacity");
    await lockPerson(tx, week.id, leadId);
    const existing = await teamOfUser(tx, leadId, week.id);
    if (existing) {
      return fail(
        409,
        leadId === actor.id
          ? `You are already in a team this week (${existing.name}).`
          : `That person is already in a team this week (${existing.name}).`,
        "leadId",
      );
    }
    const [created] = await tx
      .insert(teams)
      .values({
        weekId: week.id,
        ideaId,
        leadId,
        name: input.name,
        description: input.description,
        openRoles: input.openRoles,
        capacity: input.capacity,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [clash] = await tx.select({ ideaId: teams.ideaId }).from(teams).where(eq(teams.ideaId, ideaId));
      return clash
        ? fail(409, "A team has already formed around this idea.")
        : fail(409, "Another team this week already has that name.", "name");
    }
    const notes: NewNotification[] = [];
    const added = await addMember(tx, created, leadId, "lead", notes);
    if (!added.ok) return added;
    const followers = await tx.select({ userId: ideaFollows.userId }).from(ideaFollows).where(eq(ideaFollows.ideaId, ideaId));
    for (const f of followers) {
      notes.push({
        userId: f.userId,
        kind: "idea_got_team",
        link: `/teams/${created.id}`,
        message: `“${idea.title}”, an idea you follow, now has a team: ${created.name}.`,
      });
    }
    if (leadId !== actor.id) {
      notes.push({
        userId: leadId,
        kind: "team_lead_appointed",
        link: `/teams/${created.id}`,
        message: `You now lead ${created.name}, the team around “${idea.title}”.`,
      });
    }
    await notify(
      tx,
      notes.map((n) => ({ actorId: actor.id, ...n })),
    );
    await audit(tx, {
      actorId: actor.id,
      action: "team.created",
      targetType: "team",
      targetId: created.id,
      after: { ideaId, leadId, capacity: input.capacity },
      requestId: actor.requestId,
    });
    return ok({ id: created.id });
  });
}

export async function updateTeam(db: Database, actor: Actor, teamId: number, input: TeamInput): Promise<Outcome<{ id: number }>> {
  return db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    if (!locked) return fail(404, "That team does not exist.");
    const { team, week, phase } = locked;
    if (team.leadId !== actor.id && !actor.isOrganiser) return fail(403, "Only the team lead or an organiser can edit the team.");
    if (!canChangeRoster(phase, actor.isOrganiser)) return fail(409, ROSTER_LOCKED);
    const problem = capacityProblem(input.capacity, week, team.memberCount);
    if (problem) return fail(400, problem, "capacity");
    const [clash] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.weekId, team.weekId), sql`lower(${teams.name}) = lower(${input.name})`, ne(teams.id, teamId)));
    if (clash) return fail(409, "Another team this week already has that name.", "name");
    await tx
      .update(teams)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(teams.id, teamId));
    return ok({ id: teamId });
  });
}

export async function requestToJoin(
  db: Database,
  actor: Actor,
  teamId: number,
  message: string,
): Promise<Outcome<{ requestId: number }>> {
  return db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    if (!locked) return fail(404, "That team does not exist.");
    const { team, phase } = locked;
    if (!canChangeRoster(phase, false)) return fail(409, ROSTER_LOCKED);
    const current = await teamOfUser(tx, actor.id, team.weekId);
    if (current)
      return fail(
        409,
        current.teamId === teamId
          ? "You are already in this team."
          : `You are already in a team this week (${current.name}). Leave it first.`,
      );
    if (team.memberCount >= team.capacity) return fail(409, "The team is full.");
    const [created] = await tx
      .insert(joinRequests)
      .values({ teamId, userId: actor.id, weekId: team.weekId, kind: "request", message, createdById: actor.id })
      .onConflictDoNothing()
      .returning({ id: joinRequests.id });
    if (!created)
      return fail(409, "You have already asked to join this team, or been invited: see the pending request on the team page.");
    await notify(tx, [
      {
        userId: team.leadId,
        actorId: actor.id,
        kind: "join_requested",
        link: `/teams/${teamId}#requests`,
        message: `${await nameOf(tx, actor.id)} asked to join ${team.name}.`,
      },
    ]);
    return ok({ requestId: created.id });
  });
}

export async function invite(
  db: Database,
  actor: Actor,
  teamId: number,
  userId: number,
  message: string,
): Promise<Outcome<{ requestId: number }>> {
  return db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    if (!locked) return fail(404, "That team does not exist.");
    const { team, phase } = locked;
    if (team.leadId !== actor.id && !actor.isOrganiser) return fail(403, "Only the team lead can invite people.");
    if (!canChangeRoster(phase, actor.isOrganiser)) return fail(409, ROSTER_LOCKED);
    const [person] = await tx
      .select({ id: users.id, name: users.name, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, userId));
    if (!person || person.deactivatedAt) return fail(404, "That person does not exist.", "userId");
    const current = await teamOfUser(tx, userId, team.weekId);
    if (current) return fail(409, `${person.name} is already in a team this week (${current.name}).`, "userId");
    if (team.memberCount >= team.capacity) return fail(409, "The team is full.");
    const [created] = await tx
      .insert(joinRequests)
      .values({ teamId, userId, weekId: team.weekId, kind: "invite", message, createdById: actor.id })
      .onConflictDoNothing()
      .returning({ id: joinRequests.id });
    if (!created) return fail(409, `${person.name} already has a pending request or invite for this team.`, "userId");
    await notify(tx, [
      {
        userId,
        actorId: actor.id,
        kind: "team_invite",
        link: `/teams/${teamId}`,
        message: `${await nameOf(tx, actor.id)} invited you to join ${team.name}.`,
      },
    ]);
    return ok({ requestId: created.id });
  });
}

/**
 * Accepts or declines a pending request (the lead or an organiser decides) or an invite (the invitee
 * decides). The team row is locked first, so simultaneous acceptances never overfill it.
 */
export async function respond(
  db: Database,
  actor: Actor,
  requestId: number,
  accept: boolean,
): Promise<Outcome<{ teamId: number; status: "accepted" | "declined" }>> {
  return db.transaction(async (tx) => {
    const [peek] = await tx
      .select({ teamId: joinRequests.teamId, userId: joinRequests.userId, weekId: joinRequests.weekId })
      .from(joinRequests)
      .where(eq(joinRequests.id, requestId));
    if (!peek) return fail(404, "That request no longer exists.");
    if (accept) await lockPerson(tx, peek.weekId, peek.userId);
    const locked = await lockTeam(tx, peek.teamId);
    if (!locked) return fail(404, "That team no longer exists.");
    const { team, phase } = locked;
    const [request] = await tx.select().from(joinRequests).where(eq(joinRequests.id, requestId)).for("update");
    if (!request) return fail(404, "That request no longer exists.");
    const decider = request.kind === "request" ? team.leadId === actor.id || actor.isOrganiser : request.userId === actor.id;
    if (!decider) {
      return fail(
        403,
        request.kind === "request"
          ? "Only the team lead can accept or decline requests."
          : "Only the invited person can answer an invite.",
      );
    }
    if (accept) {
      const current = await teamOfUser(tx, request.userId, team.weekId);
      if (current && current.teamId !== team.id) return fail(409, `Already in a team this week (${current.name}).`);
    }
    if (request.status === "closed") return fail(409, request.closeReason ?? "This was closed.");
    if (request.status !== "pending") return fail(409, `This was already ${request.status}.`);
    if (!canChangeRoster(phase, actor.isOrganiser)) return fail(409, ROSTER_LOCKED);
    const notes: NewNotification[] = [];
    const who = await nameOf(tx, request.userId);
    if (accept) {
      const added = await addMember(tx, team, request.userId, "member", notes);
      if (!added.ok) {
        if (added.message === "The team is full.") {
          await tx
            .update(joinRequests)
            .set({ status: "closed", decidedAt: new Date(), decidedById: actor.id, closeReason: "The team is full." })
            .where(eq(joinRequests.id, requestId));
          await notify(tx, [
            {
              userId: request.userId,
              actorId: actor.id,
              kind: "team_full",
              link: `/teams/${team.id}`,
              message: `${team.name} is full, so your request was closed.`,
            },
          ]);
          return fail(409, "The team is full.");
        }
        return added;
      }
    }
    await tx
      .update(joinRequests)
      .set({ status: accept ? "accepted" : "declined", decidedAt: new Date(), decidedById: actor.id })
      .where(eq(joinRequests.id, requestId));
    if (request.kind === "request") {
      notes.push({
        userId: request.userId,
        kind: accept ? "join_accepted" : "join_declined",
        link: `/teams/${team.id}`,
        message: accept ? `You are in! ${team.name} accepted your request.` : `${team.name} declined your request to join.`,
      });
    } else {
      notes.push({
        userId: request.createdById,
        kind: accept ? "invite_accepted" : "invite_declined",
        link: `/teams/${team.id}`,
        message: accept ? `${who} accepted your invite and joined ${team.name}.` : `${who} declined your invite to ${team.name}.`,
      });
    }
    await notify(
      tx,
      notes.map((n) => ({ actorId: actor.id, ...n })),
    );
    return ok({ teamId: team.id, status: accept ? ("accepted" as const) : ("declined" as const) });
  });
}

/** Withdraws one's own pending request, or (lead) cancels a pending invite. */
export async function cancelRequest(db: Database, actor: Actor, requestId: number): Promise<Outcome<{ teamId: number }>> {
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select({ r: joinRequests, leadId: teams.leadId })
      .from(joinRequests)
      .innerJoin(teams, eq(teams.id, joinRequests.teamId))
      .where(eq(joinRequests.id, requestId))
      .for("update", { of: joinRequests });
    if (!request) return fail(404, "That request no longer exists.");
    const { r } = request;
    const mine = r.kind === "request" ? r.userId === actor.id : request.leadId === actor.id || actor.isOrganiser;
    if (!mine) return fail(403, "You can only withdraw your own requests and invites.");
    if (r.status !== "pending") return fail(409, `This was already ${r.status}.`);
    await tx
      .update(joinRequests)
      .set({ status: "withdrawn", decidedAt: new Date(), decidedById: actor.id })
      .where(eq(joinRequests.id, requestId));
    return ok({ teamId: r.teamId });
  });
}

/** After someone leaves, a confirmed team that no longer meets the rules is unconfirmed. */
async function recheckConfirmation(tx: Transaction, team: Team, week: Week) {
  if (!team.confirmedAt) return;
  const [fresh] = await tx.select({ memberCount: teams.memberCount }).from(teams).where(eq(teams.id, team.id));
  const problem = confirmProblem({ memberCount: fresh?.memberCount ?? 0, departments: await departmentCount(tx, team.id) }, week);
  if (problem) await tx.update(teams).set({ confirmedAt: null }).where(eq(teams.id, team.id));
}

export async function leave(db: Database, actor: Actor, teamId: number): Promise<Outcome<{ teamId: number }>> {
  return db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    if (!locked) return fail(404, "That team does not exist.");
    const { team, week, phase } = locked;
    if (!canChangeRoster(phase, false)) return fail(409, ROSTER_LOCKED);
    if (team.leadId === actor.id) return fail(409, "Hand the lead role to another member before you leave.");
    const removed = await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, actor.id)))
      .returning();
    if (removed.length === 0) return fail(409, "You are not a member of this team.");
    await recheckConfirmation(tx, team, week);
    await notify(tx, [
      {
        userId: team.leadId,
        actorId: actor.id,
        kind: "member_left",
        link: `/teams/${teamId}`,
        message: `${await nameOf(tx, actor.id)} left ${team.name}.`,
      },
    ]);
    return ok({ teamId });
  });
}

export async function handOver(
  db: Database,
  actor: Actor,
  teamId: number,
  toUserId: number,
): Promise<Outcome<{ teamId: number }>> {
  return db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    if (!locked) return fail(404, "That team does not exist.");
    const { team, phase } = locked;
    if (team.leadId !== actor.id && !actor.isOrganiser) return fail(403, "Only the team lead can hand over the lead role.");
    if (phase === "archived") return fail(409, `${locked.week.name} is archived and read-only.`);
    if (toUserId === team.leadId) return fail(400, "That person already leads the team.", "userId");
    const [target] = await tx
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, toUserId)));
    if (!target) return fail(400, "Hand the lead role to a member of the team.", "userId");
    await tx
      .update(teamMembers)
      .set({ role: "member" })
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, team.leadId)));
    await tx
      .update(teamMembers)
      .set({ role: "lead" })
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, toUserId)));
    await tx.update(teams).set({ leadId: toUserId, updatedAt: new Date() }).where(eq(teams.id, teamId));
    await notify(tx, [
      {
        userId: toUserId,
        actorId: actor.id,
        kind: "lead_handed_over",
        link: `/teams/${teamId}`,
        message: `You now lead ${team.name}.`,
      },
    ]);
    await audit(tx, {
      actorId: actor.id,
      action: "team.lead_handed_over",
      targetType: "team",
      targetId: teamId,
      before: { leadId: team.leadId },
      after: { leadId: toUserId },
      requestId: actor.requestId,
    });
    return ok({ teamId });
  });
}

/**
 * Organisers move a person into a team (out of their current one), or out of every team, at any
 * phase. A lead must hand over first. Audited.
 */
export async function organiserMove(
  db: Database,
  actor: Actor,
  input: { userId: number; fromTeamId: number; toTeamId: number | null },
): Promise<Outcome<{ teamId: number | null }>> {
  if (!actor.isOrganiser) return fail(403, "Only organisers can move people between teams.");
  return db
    .transaction(async (tx) => {
      // Lock both teams in id order so two moves in opposite directions cannot deadlock.
      const ids = [input.fromTeamId, input.toTeamId].filter((id): id is number => id !== null).sort((a, b) => a - b);
      const lockedTeams = new Map<number, NonNullable<Awaited<ReturnType<typeof lockTeam>>>>();
      for (const id of ids) {
        const locked = await lockTeam(tx, id);
        if (!locked) return fail(404, "That team does not exist.");
        lockedTeams.set(id, locked);
      }
      const from = lockedTeams.get(input.fromTeamId);
      const to = input.toTeamId === null ? null : lockedTeams.get(input.toTeamId);
      if (!from) return fail(404, "That team does not exist.");
      if (from.phase === "archived") return fail(409, `${from.week.name} is archived and read-only.`);
      if (to && to.team.weekId !== from.team.weekId) return fail(400, "People can only move between teams of the same week.");
      if (from.team.leadId === input.userId)
        return fail(409, "This person leads the team: hand the lead role to someone else first.");
      const removed = await tx
        .delete(teamMembers)
        .where(and(eq(teamMembers.teamId, from.team.id), eq(teamMembers.userId, input.userId)))
        .returning();
      if (removed.length === 0) return fail(409, "That person is not in this team.");
      const notes: NewNotification[] = [];
      if (to) {
        const added = await addMember(tx, to.team, input.userId, "member", notes);
        if (!added.ok) {
          // Undo the removal by failing the transaction's intent: nothing may be half-done.
          throw new MoveRefused(added.message);
        }
      }
      await recheckConfirmation(tx, from.team, from.week);
      notes.push({
        userId: input.userId,
        kind: "moved_by_organiser",
        link: to ? `/teams/${to.team.id}` : `/weeks/${from.week.slug}/teams`,
        message: to
          ? `An organiser moved you from ${from.team.name} to ${to.team.name}.`
          : `An organiser removed you from ${from.team.name}.`,
      });
      await notify(
        tx,
        notes.map((n) => ({ actorId: actor.id, ...n })),
      );
      await audit(tx, {
        actorId: actor.id,
        action: to ? "team.member_moved" : "team.member_removed",
        targetType: "user",
        targetId: input.userId,
        before: { teamId: from.team.id },
        after: { teamId: to?.team.id ?? null },
        requestId: actor.requestId,
      });
      return ok({ teamId: to?.team.id ?? null });
    })
    .catch((error) => {
      if (error instanceof MoveRefused) return fail(409, error.message);
      throw error;
    });
}

class MoveRefused extends Error {}

export async function confirmTeam(db: Database, actor: Actor, teamId: number): Promise<Outcome<{ teamId: number }>> {
  return db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    if (!locked) return fail(404, "That team does not exist.");
    const { team, week, phase } = locked;
    if (team.leadId !== actor.id && !actor.isOrganiser)
      return fail(403, "Only the team lead or an organiser can confirm the team.");
    if (!["team_formation", "exploring", "demos"].includes(phase) && !actor.isOrganiser)
      return fail(409, "Teams are confirmed between team formation and the demo deadline.");
    const problem = confirmProblem({ memberCount: team.memberCount, departments: await departmentCount(tx, teamId) }, week);
    if (problem) return fail(409, problem);
    if (!team.confirmedAt) await tx.update(teams).set({ confirmedAt: new Date() }).where(eq(teams.id, teamId));
    return ok({ teamId });
  });
}
