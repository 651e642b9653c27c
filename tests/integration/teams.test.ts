import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  type Actor,
  confirmTeam,
  createTeam,
  handOver,
  invite,
  leave,
  organiserMove,
  requestToJoin,
  respond,
  type TeamInput,
} from "~/teams/teams.server";
import { getDb } from "~db/client";
import { auditLog, ideaFollows, joinRequests, notifications, teamMembers, teams, weeks } from "~db/schema";
import {
  createDepartment,
  createIdea,
  createUser,
  createWeekInPhase,
  createTeam as insertTeam,
  type TestUser,
  uid,
  type WeekRow,
  weekInstants,
  weekStartForPhase,
} from "../support/factories";

const db = getDb();

const as = (user: { id: number }, isOrganiser = false): Actor => ({ id: user.id, isOrganiser });

const ROSTER_LOCKED = "The roster is locked: teams change only during team formation. Ask an organiser if something must change.";

/** A week with the usual rules (2–6 people, 2 departments), two departments and a way to make people. */
async function world(
  phase: Parameters<typeof createWeekInPhase>[1] = "team_formation",
  rules: Partial<typeof weeks.$inferInsert> = {},
) {
  const week = await createWeekInPhase(db, phase, {
    teamSizeMin: 2,
    teamSizeMax: 6,
    minDepartmentsPerTeam: 2,
    soloTeamsAllowed: false,
    ...rules,
  });
  const [deptA, deptB] = await Promise.all([createDepartment(db), createDepartment(db)]);
  if (!deptA || !deptB) throw new Error("departments missing");
  const person = (departmentId = deptA.id) => createUser(db, { departmentId, name: `Person ${uid()}` });
  const people = (n: number, departmentId = deptA.id) => Promise.all(Array.from({ length: n }, () => person(departmentId)));
  return { week, deptA, deptB, person, people };
}

const teamInput = (overrides: Partial<TeamInput> = {}): TeamInput => ({
  name: `Team ${uid()}`,
  description: "We build it together.",
  openRoles: ["go", "sql"],
  capacity: 4,
  ...overrides,
});

/** The idea's author starts its team through the app; returns the team row. */
async function startTeam(week: WeekRow, lead: TestUser, overrides: Partial<TeamInput> = {}) {
  const idea = await createIdea(db, { weekId: week.id, author: lead });
  const result = await createTeam(db, as(lead), idea.id, teamInput(overrides));
  if (!result.ok) throw new Error(`createTeam failed: ${result.message}`);
  return teamRow(result.value.id);
}

async function teamRow(id: number) {
  const [row] = await db.select().from(teams).where(eq(teams.id, id));
  if (!row) throw new Error(`team ${id} is gone`);
  return row;
}

async function membersOf(teamId: number) {
  const rows = await db.select().from(teamMembers).where(eq(teamMembers.teamId, teamId));
  return new Map(rows.map((r) => [r.userId, r.role]));
}

async function membershipsOf(userId: number, weekId: number) {
  return db
    .select()
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, userId), eq(teamMembers.weekId, weekId)));
}

async function requestRow(id: number) {
  const [row] = await db.select().from(joinRequests).where(eq(joinRequests.id, id));
  if (!row) throw new Error(`request ${id} is gone`);
  return row;
}

async function notesOf(userId: number, kind?: string) {
  return db
    .select()
    .from(notifications)
    .where(kind ? and(eq(notifications.userId, userId), eq(notifications.kind, kind)) : eq(notifications.userId, userId))
    .orderBy(desc(notifications.id));
}

async function ask(user: TestUser, teamId: number) {
  const result = await requestToJoin(db, as(user), teamId, "I'd love to help.");
  if (!result.ok) throw new Error(`requestToJoin failed: ${result.message}`);
  return result.value.requestId;
}

async function inviteBy(lead: TestUser, teamId: number, user: TestUser) {
  const result = await invite(db, as(lead), teamId, user.id, "Join us?");
  if (!result.ok) throw new Error(`invite failed: ${result.message}`);
  return result.value.requestId;
}

/** Joins through a request accepted by the lead. */
async function join(lead: TestUser, teamId: number, user: TestUser) {
  const result = await respond(db, as(lead), await ask(user, teamId), true);
  if (!result.ok) throw new Error(`respond failed: ${result.message}`);
}

/** The PostgreSQL error code of a failed query (drizzle wraps the driver's error in `cause`). */
async function pgCode(query: PromiseLike<unknown>): Promise<string | undefined> {
  try {
    await query;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code;
  }
  return undefined;
}

describe("createTeam", () => {
  it("lets the idea's author start a team they lead, and tells the idea's followers", async () => {
    const { week, person, people } = await world();
    const author = await person();
    const followers = await people(2);
    const idea = await createIdea(db, { weekId: week.id, author, title: `Idea ${uid()}` });
    await db.insert(ideaFollows).values(followers.map((f) => ({ ideaId: idea.id, userId: f.id })));

    const name = `Night Owls ${uid()}`;
    const result = await createTeam(db, as(author), idea.id, teamInput({ name, capacity: 5 }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const team = await teamRow(result.value.id);
    expect(team).toMatchObject({
      name,
      weekId: week.id,
      ideaId: idea.id,
      leadId: author.id,
      capacity: 5,
      memberCount: 1,
      confirmedAt: null,
    });
    expect(await membersOf(team.id)).toEqual(new Map([[author.id, "lead"]]));

    for (const follower of followers) {
      const [note] = await notesOf(follower.id, "idea_got_team");
      expect(note?.link).toBe(`/teams/${team.id}`);
      expect(note?.message).toBe(`“${idea.title}”, an idea you follow, now has a team: ${name}.`);
    }
    expect(await notesOf(author.id)).toHaveLength(0);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "team.created"), eq(auditLog.targetId, String(team.id))));
    expect(entry?.actorId).toBe(author.id);
  });

  it("refuses someone who is not the idea's author (403)", async () => {
    const { week, person } = await world();
    const [author, other] = [await person(), await person()];
    const idea = await createIdea(db, { weekId: week.id, author });
    const result = await createTeam(db, as(other), idea.id, teamInput());
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(await db.select().from(teams).where(eq(teams.ideaId, idea.id))).toHaveLength(0);
  });

  it("refuses a second team for the same idea (409)", async () => {
    const { week, person } = await world();
    const author = await person();
    const idea = await createIdea(db, { weekId: week.id, author });
    const first = await createTeam(db, as(author), idea.id, teamInput());
    expect(first.ok).toBe(true);
    const organiser = await person();
    const lead = await person();
    const second = await createTeam(db, as(organiser, true), idea.id, teamInput({ leadId: lead.id } as Partial<TeamInput>));
    expect(second).toMatchObject({ ok: false, status: 409, message: "A team has already formed around this idea." });
    expect(await db.select().from(teams).where(eq(teams.ideaId, idea.id))).toHaveLength(1);
    expect(await membershipsOf(lead.id, week.id)).toHaveLength(0);
  });

  it("refuses a lead who is already in a team this week (409, naming the team)", async () => {
    const { week, person } = await world();
    const author = await person();
    const existing = await startTeam(week, author);
    const idea = await createIdea(db, { weekId: week.id, author });
    const result = await createTeam(db, as(author), idea.id, teamInput());
    expect(result).toMatchObject({ ok: false, status: 409, message: `You are already in a team this week (${existing.name}).` });
    expect(await db.select().from(teams).where(eq(teams.ideaId, idea.id))).toHaveLength(0);
  });

  it("refuses a capacity outside the week's rules (400 on the capacity field)", async () => {
    const { week, person } = await world();
    const author = await person();
    const idea = await createIdea(db, { weekId: week.id, author });
    expect(await createTeam(db, as(author), idea.id, teamInput({ capacity: 7 }))).toMatchObject({
      ok: false,
      status: 400,
      field: "capacity",
      message: "Teams in this week have at most 6 people.",
    });
    expect(await createTeam(db, as(author), idea.id, teamInput({ capacity: 1 }))).toMatchObject({
      ok: false,
      status: 400,
      field: "capacity",
      message: "Teams in this week have at least 2 places.",
    });
    expect(await db.select().from(teams).where(eq(teams.ideaId, idea.id))).toHaveLength(0);
  });

  it("refuses participants outside team formation (409) but lets an organiser start one", async () => {
    for (const phase of ["pitching", "exploring"] as const) {
      const { week, person } = await world(phase);
      const author = await person();
      const idea = await createIdea(db, { weekId: week.id, author });
      expect(await createTeam(db, as(author), idea.id, teamInput()), phase).toMatchObject({
        ok: false,
        status: 409,
        message: "Teams can be started during team formation only.",
      });
      const organiser = await person();
      const byOrganiser = await createTeam(
        db,
        as(organiser, true),
        idea.id,
        teamInput({ leadId: author.id } as Partial<TeamInput>),
      );
      expect(byOrganiser.ok, phase).toBe(true);
      if (byOrganiser.ok) expect((await teamRow(byOrganiser.value.id)).leadId).toBe(author.id);
    }
  });

  it("lets the author appoint a follower as lead, who is told", async () => {
    const { week, person } = await world();
    const [author, follower] = [await person(), await person()];
    const idea = await createIdea(db, { weekId: week.id, author });
    await db.insert(ideaFollows).values({ ideaId: idea.id, userId: follower.id });
    const result = await createTeam(db, as(author), idea.id, { ...teamInput(), leadId: follower.id });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const team = await teamRow(result.value.id);
    expect(team.leadId).toBe(follower.id);
    expect(await membersOf(team.id)).toEqual(new Map([[follower.id, "lead"]]));
    expect(await membershipsOf(author.id, week.id)).toHaveLength(0);
    const [appointed] = await notesOf(follower.id, "team_lead_appointed");
    expect(appointed?.message).toContain(`You now lead ${team.name}`);
  });
});

describe("requestToJoin", () => {
  it("records a pending request and tells the lead", async () => {
    const { week, person } = await world();
    const [lead, joiner] = [await person(), await person()];
    const team = await startTeam(week, lead);
    const requestId = await ask(joiner, team.id);
    expect(await requestRow(requestId)).toMatchObject({
      status: "pending",
      kind: "request",
      userId: joiner.id,
      weekId: week.id,
      message: "I'd love to help.",
    });
    const [note] = await notesOf(lead.id, "join_requested");
    expect(note?.message).toBe(`${joiner.name} asked to join ${team.name}.`);
    expect(note?.link).toBe(`/teams/${team.id}#requests`);
  });

  it("refuses someone already in another team this week, naming that team", async () => {
    const { week, person } = await world();
    const [leadA, leadB] = [await person(), await person()];
    const teamA = await startTeam(week, leadA);
    const teamB = await startTeam(week, leadB);
    const result = await requestToJoin(db, as(leadA), teamB.id, "");
    expect(result).toMatchObject({ ok: false, status: 409 });
    if (!result.ok) expect(result.message).toContain(teamA.name);
    expect(await db.select().from(joinRequests).where(eq(joinRequests.teamId, teamB.id))).toHaveLength(0);
  });

  it("refuses a full team", async () => {
    const { week, person, deptB } = await world();
    const [lead, member, late] = [await person(), await person(deptB.id), await person()];
    const team = await startTeam(week, lead, { capacity: 2 });
    await join(lead, team.id, member);
    expect(await requestToJoin(db, as(late), team.id, "")).toEqual({ ok: false, status: 409, message: "The team is full." });
  });

  it("refuses asking twice while the first request is pending", async () => {
    const { week, person } = await world();
    const [lead, joiner] = [await person(), await person()];
    const team = await startTeam(week, lead);
    await ask(joiner, team.id);
    const again = await requestToJoin(db, as(joiner), team.id, "please");
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect(await db.select().from(joinRequests).where(eq(joinRequests.teamId, team.id))).toHaveLength(1);
  });
});

describe("respond", () => {
  it("lets only the lead accept a request (403 for anyone else)", async () => {
    const { week, person } = await world();
    const [lead, joiner, stranger] = [await person(), await person(), await person()];
    const team = await startTeam(week, lead);
    const requestId = await ask(joiner, team.id);
    expect(await respond(db, as(stranger), requestId, true)).toMatchObject({ ok: false, status: 403 });
    expect(await respond(db, as(joiner), requestId, true)).toMatchObject({ ok: false, status: 403 });
    expect((await requestRow(requestId)).status).toBe("pending");
    expect(await membershipsOf(joiner.id, week.id)).toHaveLength(0);
  });

  it("adds the person on accept and withdraws their other pending requests and invites in the week", async () => {
    const { week, person, deptB } = await world();
    const [leadA, leadB, leadC, joiner] = [await person(), await person(), await person(), await person(deptB.id)];
    const [teamA, teamB, teamC] = [await startTeam(week, leadA), await startTeam(week, leadB), await startTeam(week, leadC)];
    const toA = await ask(joiner, teamA.id);
    const toB = await ask(joiner, teamB.id);
    const fromC = await inviteBy(leadC, teamC.id, joiner);
    // A pending request in another week is not touched.
    const other = await world();
    const otherLead = await other.person();
    const otherTeam = await startTeam(other.week, otherLead);
    const elsewhere = await ask(joiner, otherTeam.id);

    const result = await respond(db, as(leadA), toA, true);
    expect(result).toEqual({ ok: true, value: { teamId: teamA.id, status: "accepted" } });
    expect(await membersOf(teamA.id)).toEqual(
      new Map([
        [leadA.id, "lead"],
        [joiner.id, "member"],
      ]),
    );
    expect((await teamRow(teamA.id)).memberCount).toBe(2);
    expect(await requestRow(toA)).toMatchObject({ status: "accepted", decidedById: leadA.id });
    expect(await requestRow(toB)).toMatchObject({ status: "withdrawn", closeReason: "Joined another team." });
    expect(await requestRow(fromC)).toMatchObject({ status: "withdrawn", closeReason: "Joined another team." });
    expect((await requestRow(elsewhere)).status).toBe("pending");

    const [accepted] = await notesOf(joiner.id, "join_accepted");
    expect(accepted?.message).toBe(`You are in! ${teamA.name} accepted your request.`);
    const [withdrawn] = await notesOf(leadC.id, "invite_withdrawn");
    expect(withdrawn?.message).toBe(`${joiner.name} joined another team, so your invite to ${teamC.name} was withdrawn.`);
  });

  it("closes the team's other pending requests and invites when it fills, and tells those people", async () => {
    const { week, person, deptB } = await world();
    const lead = await person();
    const [first, second, third, invited] = [await person(deptB.id), await person(), await person(), await person()];
    const team = await startTeam(week, lead, { capacity: 2 });
    const r1 = await ask(first, team.id);
    const r2 = await ask(second, team.id);
    const r3 = await ask(third, team.id);
    const inv = await inviteBy(lead, team.id, invited);

    expect((await respond(db, as(lead), r1, true)).ok).toBe(true);
    expect((await teamRow(team.id)).memberCount).toBe(2);
    for (const id of [r2, r3, inv])
      expect(await requestRow(id)).toMatchObject({ status: "closed", closeReason: "The team is full." });
    for (const user of [second, third]) {
      const [note] = await notesOf(user.id, "team_full");
      expect(note?.message).toBe(`${team.name} is now full, so your request to join was closed.`);
    }
    const [inviteNote] = await notesOf(invited.id, "team_full");
    expect(inviteNote?.message).toBe(`${team.name} is now full, so your invite was closed.`);
    // The person who took the last place is in, not "closed": no team_full note, no close reason.
    expect(await requestRow(r1)).toMatchObject({ status: "accepted", closeReason: null });
    expect((await notesOf(first.id)).map((n) => n.kind)).toEqual(["join_accepted"]);

    // Accepting a closed request says why, and adds nobody.
    const late = await respond(db, as(lead), r2, true);
    expect(late).toMatchObject({ ok: false, status: 409 });
    if (!late.ok) expect(late.message).toContain("The team is full.");
    expect(await membershipsOf(second.id, week.id)).toHaveLength(0);
  });

  it("declines a request, tells the person and adds nobody", async () => {
    const { week, person } = await world();
    const [lead, joiner] = [await person(), await person()];
    const team = await startTeam(week, lead);
    const requestId = await ask(joiner, team.id);
    expect(await respond(db, as(lead), requestId, false)).toEqual({ ok: true, value: { teamId: team.id, status: "declined" } });
    expect(await requestRow(requestId)).toMatchObject({ status: "declined", decidedById: lead.id });
    expect(await membershipsOf(joiner.id, week.id)).toHaveLength(0);
    const [note] = await notesOf(joiner.id, "join_declined");
    expect(note?.message).toBe(`${team.name} declined your request to join.`);
    // The person may ask again afterwards.
    expect((await requestToJoin(db, as(joiner), team.id, "second try")).ok).toBe(true);
  });

  it("refuses answering the same request twice (409)", async () => {
    const { week, person } = await world();
    const [lead, joiner] = [await person(), await person()];
    const team = await startTeam(week, lead);
    const requestId = await ask(joiner, team.id);
    expect((await respond(db, as(lead), requestId, true)).ok).toBe(true);
    expect(await respond(db, as(lead), requestId, false)).toEqual({
      ok: false,
      status: 409,
      message: "This was already accepted.",
    });
    expect(await respond(db, as(lead), requestId, true)).toEqual({
      ok: false,
      status: 409,
      message: "This was already accepted.",
    });
    expect((await teamRow(team.id)).memberCount).toBe(2);
  });
});

describe("invites", () => {
  it("refuses inviting someone already in a team this week (409 on the person field)", async () => {
    const { week, person } = await world();
    const [leadA, leadB, member] = [await person(), await person(), await person()];
    const teamA = await startTeam(week, leadA);
    const teamB = await startTeam(week, leadB);
    await join(leadA, teamA.id, member);
    expect(await invite(db, as(leadB), teamB.id, member.id, "")).toEqual({
      ok: false,
      status: 409,
      field: "userId",
      message: `${member.name} is already in a team this week (${teamA.name}).`,
    });
    expect(await invite(db, as(leadB), teamB.id, leadA.id, "")).toMatchObject({ ok: false, status: 409, field: "userId" });
  });

  it("lets the invitee accept, and tells the lead", async () => {
    const { week, person, deptB } = await world();
    const [lead, invitee] = [await person(), await person(deptB.id)];
    const team = await startTeam(week, lead);
    const requestId = await inviteBy(lead, team.id, invitee);
    const [invited] = await notesOf(invitee.id, "team_invite");
    expect(invited?.message).toBe(`${lead.name} invited you to join ${team.name}.`);

    expect(await respond(db, as(invitee), requestId, true)).toEqual({ ok: true, value: { teamId: team.id, status: "accepted" } });
    expect((await membersOf(team.id)).get(invitee.id)).toBe("member");
    const [note] = await notesOf(lead.id, "invite_accepted");
    expect(note?.message).toBe(`${invitee.name} accepted your invite and joined ${team.name}.`);
  });

  it("lets nobody but the invitee answer an invite (403), not even the lead", async () => {
    const { week, person } = await world();
    const [lead, invitee, stranger] = [await person(), await person(), await person()];
    const team = await startTeam(week, lead);
    const requestId = await inviteBy(lead, team.id, invitee);
    for (const actor of [as(lead), as(stranger), as(stranger, true)]) {
      expect(await respond(db, actor, requestId, true)).toMatchObject({
        ok: false,
        status: 403,
        message: "Only the invited person can answer an invite.",
      });
    }
    expect((await requestRow(requestId)).status).toBe("pending");
    expect(await membershipsOf(invitee.id, week.id)).toHaveLength(0);
  });
});

describe("leave and handOver", () => {
  it("refuses the lead leaving before handing over", async () => {
    const { week, person } = await world();
    const lead = await person();
    const team = await startTeam(week, lead);
    expect(await leave(db, as(lead), team.id)).toEqual({
      ok: false,
      status: 409,
      message: "Hand the lead role to another member before you leave.",
    });
    expect((await membersOf(team.id)).get(lead.id)).toBe("lead");
  });

  it("lets a member leave, frees the place and tells the lead", async () => {
    const { week, person } = await world();
    const [lead, member] = [await person(), await person()];
    const team = await startTeam(week, lead);
    await join(lead, team.id, member);
    expect(await leave(db, as(member), team.id)).toEqual({ ok: true, value: { teamId: team.id } });
    expect(await membersOf(team.id)).toEqual(new Map([[lead.id, "lead"]]));
    expect((await teamRow(team.id)).memberCount).toBe(1);
    const [note] = await notesOf(lead.id, "member_left");
    expect(note?.message).toBe(`${member.name} left ${team.name}.`);
    expect(await leave(db, as(member), team.id)).toMatchObject({
      ok: false,
      status: 409,
      message: "You are not a member of this team.",
    });
  });

  it("hands the lead role only to a member (400 otherwise), then the old lead may leave", async () => {
    const { week, person } = await world();
    const [lead, member, outsider] = [await person(), await person(), await person()];
    const team = await startTeam(week, lead);
    await join(lead, team.id, member);
    expect(await handOver(db, as(lead), team.id, outsider.id)).toEqual({
      ok: false,
      status: 400,
      field: "userId",
      message: "Hand the lead role to a member of the team.",
    });
    expect((await teamRow(team.id)).leadId).toBe(lead.id);
    expect(await handOver(db, as(member), team.id, member.id)).toMatchObject({ ok: false, status: 403 });

    expect((await handOver(db, as(lead), team.id, member.id)).ok).toBe(true);
    expect((await teamRow(team.id)).leadId).toBe(member.id);
    expect(await membersOf(team.id)).toEqual(
      new Map([
        [lead.id, "member"],
        [member.id, "lead"],
      ]),
    );
    expect((await leave(db, as(lead), team.id)).ok).toBe(true);
  });
});

describe("after the roster locks (exploring)", () => {
  async function lockedWorld() {
    const w = await world();
    const [leadA, leadB, member, joiner] = [await w.person(), await w.person(), await w.person(w.deptB.id), await w.person()];
    const teamA = await startTeam(w.week, leadA, { capacity: 3 });
    const teamB = await startTeam(w.week, leadB, { capacity: 3 });
    await join(leadA, teamA.id, member);
    const pending = await ask(joiner, teamB.id);
    await db
      .update(weeks)
      .set(weekInstants(weekStartForPhase("exploring")))
      .where(eq(weeks.id, w.week.id));
    return { ...w, leadA, leadB, member, joiner, teamA, teamB, pending };
  }

  it("refuses requests, answers and leaving with the roster-locked message", async () => {
    const { week, person, leadB, member, joiner, teamA, teamB, pending } = await lockedWorld();
    const newcomer = await person();
    expect(await requestToJoin(db, as(newcomer), teamA.id, "")).toEqual({ ok: false, status: 409, message: ROSTER_LOCKED });
    expect(await respond(db, as(leadB), pending, true)).toEqual({ ok: false, status: 409, message: ROSTER_LOCKED });
    expect(await leave(db, as(member), teamA.id)).toEqual({ ok: false, status: 409, message: ROSTER_LOCKED });
    expect((await requestRow(pending)).status).toBe("pending");
    expect(await membershipsOf(joiner.id, week.id)).toHaveLength(0);
    expect(await membersOf(teamA.id)).toHaveLength(2);
    expect(await membersOf(teamB.id)).toHaveLength(1);
  });

  it("still lets an organiser move someone, and audits it", async () => {
    const { person, member, teamA, teamB } = await lockedWorld();
    const organiser = await person();
    const result = await organiserMove(db, as(organiser, true), { userId: member.id, fromTeamId: teamA.id, toTeamId: teamB.id });
    expect(result).toEqual({ ok: true, value: { teamId: teamB.id } });
    expect((await membersOf(teamA.id)).has(member.id)).toBe(false);
    expect((await membersOf(teamB.id)).get(member.id)).toBe("member");
    expect((await teamRow(teamA.id)).memberCount).toBe(1);
    expect((await teamRow(teamB.id)).memberCount).toBe(2);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "team.member_moved"), eq(auditLog.targetId, String(member.id))));
    expect(entry?.actorId).toBe(organiser.id);
    expect(entry?.summary).toEqual({ before: { teamId: teamA.id }, after: { teamId: teamB.id } });
    const [note] = await notesOf(member.id, "moved_by_organiser");
    expect(note?.message).toBe(`An organiser moved you from ${teamA.name} to ${teamB.name}.`);
    // Participants cannot move people.
    expect(await organiserMove(db, as(member), { userId: member.id, fromTeamId: teamB.id, toTeamId: teamA.id })).toMatchObject({
      ok: false,
      status: 403,
    });
  });
});

describe("organiserMove", () => {
  it("refuses a move into a full team and changes nothing", async () => {
    const { week, person, deptB } = await world();
    const organiser = await person();
    const [leadA, leadB, mover, filler] = [await person(), await person(), await person(deptB.id), await person(deptB.id)];
    const teamA = await startTeam(week, leadA, { capacity: 3 });
    const teamB = await startTeam(week, leadB, { capacity: 2 });
    await join(leadA, teamA.id, mover);
    await join(leadB, teamB.id, filler);

    const result = await organiserMove(db, as(organiser, true), { userId: mover.id, fromTeamId: teamA.id, toTeamId: teamB.id });
    expect(result).toEqual({ ok: false, status: 409, message: "The team is full." });
    expect((await membersOf(teamA.id)).get(mover.id)).toBe("member");
    expect((await membersOf(teamB.id)).has(mover.id)).toBe(false);
    expect((await teamRow(teamA.id)).memberCount).toBe(2);
    expect((await teamRow(teamB.id)).memberCount).toBe(2);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "team.member_moved"), eq(auditLog.targetId, String(mover.id)))),
    ).toHaveLength(0);
    expect(await notesOf(mover.id, "moved_by_organiser")).toHaveLength(0);
  });
});

describe("confirmTeam", () => {
  it("refuses a one-department team, naming the rule, and confirms once another department joins", async () => {
    const { week, person, deptA, deptB } = await world();
    const [lead, colleague, outsider] = [await person(deptA.id), await person(deptA.id), await person(deptB.id)];
    const team = await startTeam(week, lead, { capacity: 4 });
    await join(lead, team.id, colleague);

    expect(await confirmTeam(db, as(lead), team.id)).toEqual({
      ok: false,
      status: 409,
      message: "The team needs someone from another department: this week asks for 2 departments per team (it has 1).",
    });
    expect((await teamRow(team.id)).confirmedAt).toBeNull();

    await join(lead, team.id, outsider);
    expect(await confirmTeam(db, as(lead), team.id)).toEqual({ ok: true, value: { teamId: team.id } });
    expect((await teamRow(team.id)).confirmedAt).toBeInstanceOf(Date);
  });

  it("refuses a team below the minimum size", async () => {
    const { week, person } = await world();
    const lead = await person();
    const team = await startTeam(week, lead);
    expect(await confirmTeam(db, as(lead), team.id)).toEqual({
      ok: false,
      status: 409,
      message: "The team needs at least 2 members to be confirmed (it has 1).",
    });
  });

  it("unconfirms a confirmed team when a member leaves and the rule no longer holds", async () => {
    const { week, person, deptA, deptB } = await world();
    const [lead, sameDept, otherDept] = [await person(deptA.id), await person(deptA.id), await person(deptB.id)];
    const team = await startTeam(week, lead);
    await join(lead, team.id, sameDept);
    await join(lead, team.id, otherDept);
    expect((await confirmTeam(db, as(lead), team.id)).ok).toBe(true);

    // Leaving keeps 2 departments: still confirmed.
    expect((await leave(db, as(sameDept), team.id)).ok).toBe(true);
    expect((await teamRow(team.id)).confirmedAt).toBeInstanceOf(Date);
    // The only person from the other department leaves: back to unconfirmed.
    expect((await leave(db, as(otherDept), team.id)).ok).toBe(true);
    expect((await teamRow(team.id)).confirmedAt).toBeNull();
  });
});

describe("the database itself", () => {
  it("refuses a raw insert beyond capacity (check violation) and keeps member_count", async () => {
    const { week, person } = await world();
    const [lead, member, extra] = [await person(), await person(), await person()];
    const idea = await createIdea(db, { weekId: week.id, author: lead });
    const team = await insertTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id, capacity: 2, memberIds: [member.id] });
    expect(team.memberCount).toBe(2);
    expect(await pgCode(db.insert(teamMembers).values({ teamId: team.id, userId: extra.id, weekId: week.id }))).toBe("23514");
    expect((await teamRow(team.id)).memberCount).toBe(2);
    expect(await membersOf(team.id)).toHaveLength(2);
  });

  it("refuses a member whose week differs from the team's (foreign key violation)", async () => {
    const { week, person } = await world();
    const other = await createWeekInPhase(db, "team_formation");
    const [lead, sneaky] = [await person(), await person()];
    const idea = await createIdea(db, { weekId: week.id, author: lead });
    const team = await insertTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id });
    expect(await pgCode(db.insert(teamMembers).values({ teamId: team.id, userId: sneaky.id, weekId: other.id }))).toBe("23503");
    expect(await membersOf(team.id)).toHaveLength(1);
  });

  it("refuses a second team for the same person in a week (unique violation)", async () => {
    const { week, person } = await world();
    const [leadA, leadB] = [await person(), await person()];
    const teamA = await insertTeam(db, {
      weekId: week.id,
      ideaId: (await createIdea(db, { weekId: week.id, author: leadA })).id,
      leadId: leadA.id,
    });
    const teamB = await insertTeam(db, {
      weekId: week.id,
      ideaId: (await createIdea(db, { weekId: week.id, author: leadB })).id,
      leadId: leadB.id,
    });
    expect(await pgCode(db.insert(teamMembers).values({ teamId: teamB.id, userId: leadA.id, weekId: week.id }))).toBe("23505");
    expect(await membersOf(teamA.id)).toEqual(new Map([[leadA.id, "lead"]]));
    expect(await membersOf(teamB.id)).toEqual(new Map([[leadB.id, "lead"]]));
  });
});
