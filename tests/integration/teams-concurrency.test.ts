import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Actor, invite, requestToJoin, respond } from "~/teams/teams.server";
import { getDb } from "~db/client";
import { joinRequests, teamMembers, teams } from "~db/schema";
import {
  createDepartment,
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type TestUser,
  uid,
} from "../support/factories";

/**
 * The headline rule of teams: capacity and "one team per person per week" hold when many people
 * click at once. Every call below runs in its own transaction on the shared pool, all fired together.
 */
const db = getDb();

const as = (user: { id: number }): Actor => ({ id: user.id, isOrganiser: false });

async function setting() {
  const week = await createWeekInPhase(db, "team_formation", { teamSizeMin: 2, teamSizeMax: 6, minDepartmentsPerTeam: 1 });
  const department = await createDepartment(db);
  const people = (n: number) =>
    Promise.all(Array.from({ length: n }, () => createUser(db, { departmentId: department.id, name: `Crowd ${uid()}` })));
  /** A team in the week led by `lead` (inserted directly; the rules under test are the joins). */
  const team = async (lead: TestUser, capacity: number) => {
    const idea = await createIdea(db, { weekId: week.id, author: lead });
    return createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id, capacity, name: `Crowded ${uid()}` });
  };
  return { week, people, team };
}

async function state(teamId: number) {
  const [row] = await db.select({ memberCount: teams.memberCount }).from(teams).where(eq(teams.id, teamId));
  const members = await db.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId));
  return { memberCount: row?.memberCount, members: new Set(members.map((m) => m.userId)) };
}

describe("many people at once", () => {
  it("50 simultaneous accepts for a team with 4 open places: exactly 4 get in, 46 hear the team is full", async () => {
    const { people, team } = await setting();
    const [lead] = await people(1);
    if (!lead) throw new Error("no lead");
    const crowd = await people(50);
    const squad = await team(lead, 5);
    const requests: number[] = [];
    for (const person of crowd) {
      const result = await requestToJoin(db, as(person), squad.id, "Pick me!");
      if (!result.ok) throw new Error(result.message);
      requests.push(result.value.requestId);
    }

    const settled = await Promise.allSettled(requests.map((id) => respond(db, as(lead), id, true)));
    // Every call answers with an outcome: a refusal is a domain error, never an exception.
    expect(settled.filter((r) => r.status === "rejected")).toEqual([]);
    const results = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));

    const accepted = results.flatMap((r, i) => (r.ok ? [crowd[i]?.id] : []));
    const refused = results.flatMap((r, i) => (r.ok ? [] : [{ userId: crowd[i]?.id, outcome: r }]));
    expect(accepted).toHaveLength(4);
    expect(refused).toHaveLength(46);
    for (const { outcome } of refused) expect(outcome).toEqual({ ok: false, status: 409, message: "The team is full." });

    const after = await state(squad.id);
    expect(after.memberCount).toBe(5);
    expect(after.members.size).toBe(5);
    expect([...after.members].sort()).toEqual([lead.id, ...accepted].sort());
    for (const { userId } of refused) expect(after.members.has(userId ?? 0)).toBe(false);
    // Nobody is left waiting on a full team.
    const pending = await db
      .select()
      .from(joinRequests)
      .where(and(eq(joinRequests.teamId, squad.id), eq(joinRequests.status, "pending")));
    expect(pending).toHaveLength(0);
  });

  it("50 people asking to join a 2-place team at once all get a pending request", async () => {
    const { people, team } = await setting();
    const [lead] = await people(1);
    if (!lead) throw new Error("no lead");
    const crowd = await people(50);
    const squad = await team(lead, 3);

    const results = await Promise.all(crowd.map((person) => requestToJoin(db, as(person), squad.id, "")));

    expect(results.filter((r) => r.ok)).toHaveLength(50);
    const rows = await db.select().from(joinRequests).where(eq(joinRequests.teamId, squad.id));
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.status === "pending" && r.kind === "request")).toBe(true);
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set(crowd.map((p) => p.id)));
    expect((await state(squad.id)).memberCount).toBe(1);
  });

  it("50 invitees accepting at once for a team of 3: exactly 2 get in", async () => {
    const { people, team } = await setting();
    const [lead] = await people(1);
    if (!lead) throw new Error("no lead");
    const crowd = await people(50);
    const squad = await team(lead, 3);
    const invites = await Promise.all(crowd.map((person) => invite(db, as(lead), squad.id, person.id, "Join us")));
    const ids = invites.map((r) => {
      if (!r.ok) throw new Error(r.message);
      return r.value.requestId;
    });

    const results = await Promise.all(ids.map((id, i) => respond(db, as(crowd[i] as TestUser), id, true)));

    const accepted = results.flatMap((r, i) => (r.ok ? [crowd[i]?.id] : []));
    expect(accepted).toHaveLength(2);
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual({ ok: false, status: 409, message: "The team is full." });
    const after = await state(squad.id);
    expect(after.memberCount).toBe(3);
    expect(after.members).toEqual(new Set([lead.id, ...accepted]));
  });

  it("one person accepted by 5 leads at once ends up in exactly one team", async () => {
    const { week, people, team } = await setting();
    const leads = await people(5);
    const [joiner] = await people(1);
    if (!joiner) throw new Error("no joiner");
    const squads = await Promise.all(leads.map((lead) => team(lead, 4)));
    const requests: number[] = [];
    for (const squad of squads) {
      const result = await requestToJoin(db, as(joiner), squad.id, "");
      if (!result.ok) throw new Error(result.message);
      requests.push(result.value.requestId);
    }

    const results = await Promise.allSettled(requests.map((id, i) => respond(db, as(leads[i] as TestUser), id, true)));

    // Every call answers (none throws, e.g. on a deadlock).
    const thrown = results.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error).cause ?? r.reason)] : []));
    expect(thrown).toEqual([]);
    const outcomes = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const winners = outcomes.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const memberships = await db
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.userId, joiner.id), eq(teamMembers.weekId, week.id)));
    expect(memberships).toHaveLength(1);
    const winner = squads.find((s) => s.id === memberships[0]?.teamId);
    for (const r of outcomes.filter((r) => !r.ok)) {
      expect(r).toMatchObject({ ok: false, status: 409 });
      if (!r.ok) expect(r.message).toBe(`Already in a team this week (${winner?.name}).`);
    }
    // The other teams kept their places, and the joiner's other requests are settled.
    const counts = await db
      .select({ id: teams.id, memberCount: teams.memberCount })
      .from(teams)
      .where(
        inArray(
          teams.id,
          squads.map((s) => s.id),
        ),
      );
    for (const c of counts) expect(c.memberCount, String(c.id)).toBe(c.id === winner?.id ? 2 : 1);
    const stillPending = await db
      .select()
      .from(joinRequests)
      .where(and(eq(joinRequests.userId, joiner.id), eq(joinRequests.status, "pending")));
    expect(stillPending).toHaveLength(0);
  });
});
