import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listTeams, loadTeamPage, suggestionsForPerson, suggestionsForTeam, viewerWeekStatus } from "~/teams/queries.server";
import { type Actor, invite, requestToJoin } from "~/teams/teams.server";
import { getDb } from "~db/client";
import { users } from "~db/schema";
import {
  createDepartment,
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type TestUser,
  uid,
} from "../support/factories";

const db = getDb();

const as = (user: { id: number }): Actor => ({ id: user.id, isOrganiser: false });

/** A week in team formation, three departments named so that they sort Alpha < Beta < Gamma. */
async function world() {
  const week = await createWeekInPhase(db, "team_formation", { teamSizeMin: 2, teamSizeMax: 6, minDepartmentsPerTeam: 2 });
  const id = uid();
  const [alpha, beta, gamma] = await Promise.all(
    ["Alpha", "Beta", "Gamma"].map((name) =>
      createDepartment(db, { name: `${name} ${id}`, slug: `${name.toLowerCase()}-${id}` }),
    ),
  );
  if (!alpha || !beta || !gamma) throw new Error("departments missing");
  const person = async (
    departmentId: number,
    profile: { skills?: string[]; stretchGoals?: string[]; deactivated?: boolean } = {},
  ) => {
    const user = await createUser(db, {
      departmentId,
      name: `Person ${uid()}`,
      deactivatedAt: profile.deactivated ? new Date() : null,
    });
    if (profile.skills || profile.stretchGoals) {
      await db
        .update(users)
        .set({ skills: profile.skills ?? [], stretchGoals: profile.stretchGoals ?? [] })
        .where(eq(users.id, user.id));
    }
    return user;
  };
  const team = async (
    lead: TestUser,
    options: { capacity: number; memberIds?: number[]; openRoles?: string[]; name: string },
  ) => {
    const idea = await createIdea(db, { weekId: week.id, author: lead });
    return createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id, ...options });
  };
  return { week, alpha, beta, gamma, person, team };
}

/** Tags no other test uses, so queries that scan every user see only this test's people. */
const tag = (name: string) => `${name}-${uid()}`;

describe("listTeams", () => {
  it("lists a week's teams with their department mix, most open places first, and filters them", async () => {
    const { week, alpha, beta, gamma, person, team } = await world();
    const [skillX, skillY, skillZ] = [tag("x"), tag("y"), tag("z")];
    const [a1, a2, a3, a4, a5] = await Promise.all([1, 2, 3, 4, 5].map(() => person(alpha.id)));
    const [b1, b2] = await Promise.all([person(beta.id), person(beta.id)]);
    const c1 = await person(gamma.id);
    if (!a1 || !a2 || !a3 || !a4 || !a5 || !b1 || !b2) throw new Error("people missing");
    const mixed = await team(a1, { name: "Mixed", capacity: 3, memberIds: [b1.id], openRoles: [skillX] });
    const full = await team(a2, { name: "Full", capacity: 3, memberIds: [a3.id, a4.id], openRoles: [skillY] });
    const betas = await team(b2, { name: "Betas", capacity: 4, openRoles: [skillY, skillZ] });
    const gammas = await team(c1, { name: "Gammas", capacity: 2 });
    // A team of another week never shows.
    const elsewhere = await world();
    await elsewhere.team(await elsewhere.person(elsewhere.alpha.id), { name: "Mixed", capacity: 3, openRoles: [skillX] });

    const viewer = { departmentId: beta.id };
    const all = await listTeams(db, week.id, { skills: [], page: 1 }, viewer);
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.name)).toEqual(["Betas", "Gammas", "Mixed", "Full"]);
    const byName = new Map(all.rows.map((r) => [r.name, r]));
    expect(byName.get("Mixed")).toMatchObject({
      id: mixed.id,
      capacity: 3,
      memberCount: 2,
      openRoles: [skillX],
      leadName: a1.name,
      departments: [
        { id: alpha.id, name: alpha.name, count: 1 },
        { id: beta.id, name: beta.name, count: 1 },
      ],
    });
    expect(byName.get("Full")?.departments).toEqual([{ id: alpha.id, name: alpha.name, count: 3 }]);
    expect(byName.get("Betas")?.departments).toEqual([{ id: beta.id, name: beta.name, count: 1 }]);
    expect(byName.get("Full")?.id).toBe(full.id);

    const open = await listTeams(db, week.id, { open: true, skills: [], page: 1 }, viewer);
    expect(open.rows.map((r) => r.id)).toEqual([betas.id, gammas.id, mixed.id]);
    expect(open.total).toBe(3);

    // Teams without anyone from the viewer's department, with a place left.
    const needsMe = await listTeams(db, week.id, { needsMyDepartment: true, skills: [], page: 1 }, viewer);
    expect(needsMe.rows.map((r) => r.id)).toEqual([gammas.id]);
    const needsAlpha = await listTeams(db, week.id, { needsMyDepartment: true, skills: [], page: 1 }, { departmentId: alpha.id });
    expect(needsAlpha.rows.map((r) => r.id)).toEqual([betas.id, gammas.id]);

    const wantsY = await listTeams(db, week.id, { skills: [skillY], page: 1 }, viewer);
    expect(wantsY.rows.map((r) => r.id)).toEqual([betas.id, full.id]);
    const wantsXorZ = await listTeams(db, week.id, { skills: [skillX, skillZ], open: true, page: 1 }, viewer);
    expect(wantsXorZ.rows.map((r) => r.id)).toEqual([betas.id, mixed.id]);
    expect((await listTeams(db, week.id, { skills: [tag("nobody")], page: 1 }, viewer)).total).toBe(0);
    expect((await listTeams(db, week.id, { skills: [], page: 2 }, viewer)).rows).toEqual([]);
  });
});

describe("viewerWeekStatus", () => {
  it("shows the viewer's team and role, or their pending requests and invites of that week", async () => {
    const { week, alpha, beta, person, team } = await world();
    const [leadA, leadB, member, seeker] = [
      await person(alpha.id),
      await person(beta.id),
      await person(beta.id),
      await person(beta.id),
    ];
    const teamA = await team(leadA, { name: `A ${uid()}`, capacity: 4, memberIds: [member.id] });
    const teamB = await team(leadB, { name: `B ${uid()}`, capacity: 4 });

    expect(await viewerWeekStatus(db, leadA.id, week.id)).toEqual({
      team: { teamId: teamA.id, name: teamA.name, role: "lead" },
      pending: [],
    });
    expect((await viewerWeekStatus(db, member.id, week.id)).team).toEqual({ teamId: teamA.id, name: teamA.name, role: "member" });

    expect(await viewerWeekStatus(db, seeker.id, week.id)).toEqual({ team: null, pending: [] });
    const asked = await requestToJoin(db, as(seeker), teamA.id, "Count me in");
    const invited = await invite(db, as(leadB), teamB.id, seeker.id, "Come along");
    if (!asked.ok || !invited.ok) throw new Error("setup failed");
    // Another week's request is not part of this week's status.
    const other = await world();
    const otherTeam = await other.team(await other.person(other.alpha.id), { name: `O ${uid()}`, capacity: 3 });
    expect((await requestToJoin(db, as(seeker), otherTeam.id, "")).ok).toBe(true);

    const status = await viewerWeekStatus(db, seeker.id, week.id);
    expect(status.team).toBeNull();
    expect(status.pending).toHaveLength(2);
    expect(status.pending).toEqual(
      expect.arrayContaining([
        { id: asked.value.requestId, kind: "request", teamId: teamA.id, teamName: teamA.name, message: "Count me in" },
        { id: invited.value.requestId, kind: "invite", teamId: teamB.id, teamName: teamB.name, message: "Come along" },
      ]),
    );
  });
});

describe("suggestionsForTeam", () => {
  it("suggests people with the wanted skills, favouring departments the team lacks, never people already in a team", async () => {
    const { alpha, beta, gamma, person, team } = await world();
    const [rust, sql] = [tag("rust"), tag("sql")];
    const lead = await person(alpha.id);
    const colleague = await person(alpha.id, { skills: [rust] });
    const fromBeta = await person(beta.id, { skills: [rust] });
    const learner = await person(gamma.id, { stretchGoals: [sql] });
    const taken = await person(beta.id, { skills: [rust, sql] });
    const gone = await person(beta.id, { skills: [rust, sql], deactivated: true });
    const unrelated = await person(beta.id, { skills: [tag("cobol")] });
    const squad = await team(lead, { name: `S ${uid()}`, capacity: 5, openRoles: [rust, sql] });
    await team(await person(gamma.id), { name: `T ${uid()}`, capacity: 3, memberIds: [taken.id] });

    const suggestions = await suggestionsForTeam(db, squad);
    expect(suggestions.map((s) => s.id)).toEqual([fromBeta.id, learner.id, colleague.id]);
    expect(suggestions[0]).toEqual({
      id: fromBeta.id,
      name: fromBeta.name,
      department: beta.name,
      skills: [rust],
      wantsToLearn: [],
      newDepartment: true,
    });
    expect(suggestions[1]).toMatchObject({ skills: [], wantsToLearn: [sql], newDepartment: true });
    expect(suggestions[2]).toMatchObject({ skills: [rust], newDepartment: false });
    const ids = suggestions.map((s) => s.id);
    for (const excluded of [taken, gone, unrelated, lead]) expect(ids).not.toContain(excluded.id);
    expect(await suggestionsForTeam(db, { ...squad, openRoles: [] })).toEqual([]);
    expect(await suggestionsForTeam(db, squad, 1)).toHaveLength(1);
  });
});

describe("suggestionsForPerson", () => {
  it("suggests open teams wanting the person's skills or stretch goals, and ideas still without a team", async () => {
    const { week, alpha, beta, person, team } = await world();
    const [go, ml, css] = [tag("go"), tag("ml"), tag("css")];
    const me = await person(beta.id, { skills: [go], stretchGoals: [ml] });
    const [l1, l2, l3, l4, author, filler] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => person(alpha.id)));
    if (!l1 || !l2 || !l3 || !l4 || !author || !filler) throw new Error("people missing");
    const both = await team(l1, { name: `Both ${uid()}`, capacity: 4, openRoles: [go, ml] });
    const one = await team(l2, { name: `One ${uid()}`, capacity: 4, openRoles: [ml, css] });
    await team(l3, { name: `Full ${uid()}`, capacity: 2, memberIds: [filler.id], openRoles: [go] });
    await team(l4, { name: `Other ${uid()}`, capacity: 4, openRoles: [css] });
    const lonely = await createIdea(db, { weekId: week.id, author, skills: [go, css] });
    await createIdea(db, { weekId: week.id, author, skills: [go, ml], status: "withdrawn", withdrawnAt: new Date() });
    await createIdea(db, { weekId: week.id, author: me, skills: [go] });
    await createIdea(db, { weekId: week.id, author, skills: [css] });

    const found = await suggestionsForPerson(db, { id: me.id, skills: [go], stretchGoals: [ml] }, week.id);
    expect(found.teams.map((t) => t.id)).toEqual([both.id, one.id]);
    expect(found.teams[0]).toMatchObject({ places: 3, openRoles: [go, ml] });
    expect([...(found.teams[0]?.matches ?? [])].sort()).toEqual([go, ml].sort());
    expect(found.teams[1]?.matches).toEqual([ml]);
    // Ideas whose team formed (the teams above) are not suggested again.
    expect(found.ideas).toEqual([{ id: lonely.id, title: lonely.title, matches: [go] }]);

    expect(await suggestionsForPerson(db, { id: me.id, skills: [], stretchGoals: [] }, week.id)).toEqual({
      teams: [],
      ideas: [],
    });
  });
});

describe("loadTeamPage", () => {
  it("shows the lead every pending request and suggestions, and others only their own request", async () => {
    const { beta, alpha, person, team } = await world();
    const rust = tag("rust");
    const lead = await person(alpha.id);
    const [asker, other] = [await person(beta.id, { skills: [rust] }), await person(beta.id)];
    const squad = await team(lead, { name: `Page ${uid()}`, capacity: 4, openRoles: [rust] });
    for (const user of [asker, other]) expect((await requestToJoin(db, as(user), squad.id, "")).ok).toBe(true);

    const forLead = await loadTeamPage(db, { id: lead.id, isOrganiser: false }, squad.id);
    expect(forLead?.requests.map((r) => r.userId).sort()).toEqual([asker.id, other.id].sort());
    expect(forLead?.suggestions.map((s) => s.id)).toContain(asker.id);
    expect(forLead?.permissions).toMatchObject({
      isLead: true,
      isMember: true,
      manage: true,
      join: false,
      leave: false,
      confirm: true,
    });
    expect(forLead?.confirmProblem).toBe("The team needs at least 2 members to be confirmed (it has 1).");

    const forAsker = await loadTeamPage(db, { id: asker.id, isOrganiser: false }, squad.id);
    expect(forAsker?.requests.map((r) => r.userId)).toEqual([asker.id]);
    expect(forAsker?.suggestions).toEqual([]);
    expect(forAsker?.permissions).toMatchObject({ isLead: false, isMember: false, manage: false, join: false });
    const stranger = await person(beta.id);
    expect((await loadTeamPage(db, { id: stranger.id, isOrganiser: false }, squad.id))?.permissions.join).toBe(true);
    expect(await loadTeamPage(db, { id: stranger.id, isOrganiser: false }, 2_000_000_000)).toBeNull();
  });
});
