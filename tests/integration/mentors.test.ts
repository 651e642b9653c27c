import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { answerMentor, askMentor, leaveMentoring, mentorCandidates, mentoredTeamIds } from "~/teams/mentors.server";
import type { Actor } from "~/teams/teams.server";
import { getDb } from "~db/client";
import { auditLog, notifications, teamMembers, teamMentors, teams, users } from "~db/schema";
import {
  createDepartment,
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type TeamRow,
  type TestUser,
  tracedDatabase,
  uid,
  type WeekRow,
} from "../support/factories";

const db = getDb();

const as = (user: { id: number }, isOrganiser = false): Actor => ({ id: user.id, isOrganiser });

/** Someone who offers to mentor (a non-empty mentor_offer), optionally with skills. */
async function mentor(
  options: { skills?: string[]; name?: string; offer?: string; availability?: string; deactivatedAt?: Date } = {},
) {
  const person = await createUser(db, { name: options.name, deactivatedAt: options.deactivatedAt ?? null });
  await db
    .update(users)
    .set({
      mentorOffer: options.offer ?? "Payments APIs and getting a first talk accepted",
      mentorAvailability: options.availability ?? "Tuesday afternoons",
      skills: options.skills ?? [],
    })
    .where(eq(users.id, person.id));
  return person;
}

type Fixture = { week: WeekRow; lead: TestUser; member: TestUser; team: TeamRow };

/** A fresh week in `phase` with a team of two (lead + member) around a fresh idea. */
async function fixture(
  phase: Parameters<typeof createWeekInPhase>[1] = "team_formation",
  openRoles: string[] = [],
): Promise<Fixture> {
  const week = await createWeekInPhase(db, phase);
  const department = await createDepartment(db);
  const lead = await createUser(db, { departmentId: department.id, name: `Lead ${uid()}` });
  const member = await createUser(db, { name: `Member ${uid()}` });
  const idea = await createIdea(db, { weekId: week.id, author: lead });
  const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id, memberIds: [member.id], openRoles });
  return { week, lead, member, team };
}

async function mentorRow(teamId: number, userId: number) {
  const [row] = await db
    .select()
    .from(teamMentors)
    .where(and(eq(teamMentors.teamId, teamId), eq(teamMentors.userId, userId)));
  return row ?? null;
}

async function notesFor(userId: number, kind: string) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
}

async function memberCount(teamId: number) {
  const [row] = await db.select({ n: teams.memberCount }).from(teams).where(eq(teams.id, teamId));
  return row?.n;
}

let organiser: TestUser;

beforeAll(async () => {
  organiser = await createUser(db, { roles: ["organiser"], name: `Organiser ${uid()}` });
});

describe("askMentor", () => {
  it("lets the lead ask someone who offers mentoring, and notifies them", async () => {
    const { lead, team } = await fixture();
    const person = await mentor();
    const outcome = await askMentor(db, as(lead), team.id, person.id, "  Could you review our API design?  ");
    expect(outcome).toEqual({ ok: true, value: { teamId: team.id, mentorId: person.id, status: "pending" } });
    const row = await mentorRow(team.id, person.id);
    expect(row).toMatchObject({
      status: "pending",
      message: "Could you review our API design?",
      requestedById: lead.id,
      decidedAt: null,
    });
    const notes = await notesFor(person.id, "mentor_asked");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      link: `/teams/${team.id}`,
      actorId: lead.id,
      message: `${lead.name} asked you to mentor ${team.name}.`,
    });
  });

  it("refuses anyone but the lead or an organiser (403)", async () => {
    const { member, team } = await fixture();
    const person = await mentor();
    const outsider = await createUser(db);
    for (const actor of [member, outsider, person]) {
      const outcome = await askMentor(db, as(actor), team.id, person.id, "");
      expect(outcome).toMatchObject({ ok: false, status: 403 });
    }
    expect(await mentorRow(team.id, person.id)).toBeNull();
  });

  it("lets an organiser ask on the lead's behalf, audited", async () => {
    const { lead, team } = await fixture();
    const person = await mentor();
    const outcome = await askMentor(db, { ...as(organiser, true), requestId: `req-${uid()}` }, team.id, person.id, "");
    expect(outcome.ok).toBe(true);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "team.mentor_asked"), eq(auditLog.targetId, String(team.id))));
    expect(entry).toMatchObject({ actorId: organiser.id, summary: { after: { mentorId: person.id } } });
    // Both the lead and the organiser hear the answer.
    expect((await answerMentor(db, as(person), team.id, true)).ok).toBe(true);
    expect(await notesFor(lead.id, "mentor_accepted")).toHaveLength(1);
    expect(await notesFor(organiser.id, "mentor_accepted")).toEqual(
      expect.arrayContaining([expect.objectContaining({ link: `/teams/${team.id}` })]),
    );
  });

  it("refuses a member of the team as its mentor (409), the lead included", async () => {
    const { lead, member, team } = await fixture();
    await db.update(users).set({ mentorOffer: "Go and SQL" }).where(eq(users.id, member.id));
    await db.update(users).set({ mentorOffer: "Everything" }).where(eq(users.id, lead.id));
    const outcome = await askMentor(db, as(lead), team.id, member.id, "");
    expect(outcome).toEqual({
      ok: false,
      status: 409,
      field: "mentorId",
      message: `${member.name} is a member of this team; mentors come from outside it.`,
    });
    expect(await askMentor(db, as(lead), team.id, lead.id, "")).toMatchObject({ ok: false, status: 409, field: "mentorId" });
    expect(await mentorRow(team.id, member.id)).toBeNull();
  });

  it("refuses someone who does not offer mentoring, or is no longer active (409), or does not exist (404)", async () => {
    const { lead, team } = await fixture();
    const plain = await createUser(db);
    const blank = await mentor({ offer: "   " });
    const gone = await mentor({ deactivatedAt: new Date() });
    for (const person of [plain, blank]) {
      const outcome = await askMentor(db, as(lead), team.id, person.id, "");
      expect(outcome).toMatchObject({ ok: false, status: 409, field: "mentorId" });
      if (!outcome.ok) expect(outcome.message).toContain("does not offer to mentor");
    }
    expect(await askMentor(db, as(lead), team.id, gone.id, "")).toMatchObject({ ok: false, status: 409, field: "mentorId" });
    expect(await askMentor(db, as(lead), team.id, 2_000_000_000, "")).toMatchObject({
      ok: false,
      status: 404,
      field: "mentorId",
    });
    expect(await askMentor(db, as(lead), 2_000_000_000, plain.id, "")).toMatchObject({ ok: false, status: 404 });
  });

  it("refuses a second ask while pending, and an ask of someone who already mentors (409)", async () => {
    const { lead, team } = await fixture();
    const person = await mentor();
    expect((await askMentor(db, as(lead), team.id, person.id, "first")).ok).toBe(true);
    const again = await askMentor(db, as(lead), team.id, person.id, "second");
    expect(again).toMatchObject({ ok: false, status: 409, field: "mentorId" });
    if (!again.ok) expect(again.message).toContain("already asked");
    expect((await mentorRow(team.id, person.id))?.message).toBe("first");
    expect((await answerMentor(db, as(person), team.id, true)).ok).toBe(true);
    const afterAccept = await askMentor(db, as(lead), team.id, person.id, "third");
    expect(afterAccept).toMatchObject({ ok: false, status: 409 });
    if (!afterAccept.ok) expect(afterAccept.message).toContain("already mentors");
    expect(await notesFor(person.id, "mentor_asked")).toHaveLength(1);
  });

  it("lets the lead ask again after a decline: back to pending with the new message", async () => {
    const { lead, team } = await fixture();
    const person = await mentor();
    await askMentor(db, as(lead), team.id, person.id, "first");
    expect(await answerMentor(db, as(person), team.id, false)).toEqual({
      ok: true,
      value: { teamId: team.id, status: "declined" },
    });
    expect((await mentorRow(team.id, person.id))?.decidedAt).toBeInstanceOf(Date);
    expect((await askMentor(db, as(lead), team.id, person.id, "second, with a better pitch")).ok).toBe(true);
    expect(await mentorRow(team.id, person.id)).toMatchObject({
      status: "pending",
      message: "second, with a better pitch",
      decidedAt: null,
    });
    expect(await notesFor(person.id, "mentor_asked")).toHaveLength(2);
  });

  it("re-checks the message length (400) and changes nothing", async () => {
    const { lead, team } = await fixture();
    const person = await mentor();
    expect(await askMentor(db, as(lead), team.id, person.id, "x".repeat(501))).toMatchObject({
      ok: false,
      status: 400,
      field: "message",
    });
    expect(await askMentor(db, as(lead), team.id, person.id, "a\u0000b")).toMatchObject({
      ok: false,
      status: 400,
      field: "message",
    });
    expect(await mentorRow(team.id, person.id)).toBeNull();
    expect((await askMentor(db, as(lead), team.id, person.id, "x".repeat(500))).ok).toBe(true);
  });

  it("refuses asks in an archived week (409)", async () => {
    const { lead, team, week } = await fixture("archived");
    const person = await mentor();
    const outcome = await askMentor(db, as(lead), team.id, person.id, "");
    expect(outcome).toEqual({ ok: false, status: 409, message: `${week.name} is archived and read-only.`, field: undefined });
    expect(await askMentor(db, as(organiser, true), team.id, person.id, "")).toMatchObject({ ok: false, status: 409 });
  });

  it("works in any phase before the archive (mentors may join while exploring)", async () => {
    const { lead, team } = await fixture("exploring");
    const person = await mentor();
    expect((await askMentor(db, as(lead), team.id, person.id, "")).ok).toBe(true);
  });

  it("lets only one of two simultaneous asks of the same person through", async () => {
    const { lead, team } = await fixture();
    const person = await mentor();
    const outcomes = await Promise.all([
      askMentor(db, as(lead), team.id, person.id, "one"),
      askMentor(db, as(organiser, true), team.id, person.id, "two"),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.status === 409)).toHaveLength(1);
    expect(await notesFor(person.id, "mentor_asked")).toHaveLength(1);
  });
});

describe("answerMentor", () => {
  it("accepts: status and decided_at set, the lead notified, no member place taken", async () => {
    const { lead, team } = await fixture();
    const person = await mentor();
    await askMentor(db, as(lead), team.id, person.id, "");
    const before = await memberCount(team.id);
    expect(await answerMentor(db, as(person), team.id, true)).toEqual({
      ok: true,
      value: { teamId: team.id, status: "accepted" },
    });
    const row = await mentorRow(team.id, person.id);
    expect(row?.status).toBe("accepted");
    expect(row?.decidedAt).toBeInstanceOf(Date);
    expect(await memberCount(team.id)).toBe(before);
    expect(before).toBe(2);
    const notes = await notesFor(lead.id, "mentor_accepted");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      link: `/teams/${team.id}`,
      actorId: person.id,
      message: `${person.name} agreed to mentor ${team.name}.`,
    });
  });

  it("declines: the lead is notified", async () => {
    const { lead, team } = await fixture();
    const person = await mentor();
    await askMentor(db, as(lead), team.id, person.id, "");
    expect((await answerMentor(db, as(person), team.id, false)).ok).toBe(true);
    const notes = await notesFor(lead.id, "mentor_declined");
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toBe(`${person.name} declined to mentor ${team.name}.`);
  });

  it("refuses anyone but the person asked (403), the lead and organisers included", async () => {
    const { lead, member, team } = await fixture();
    const person = await mentor();
    const other = await mentor();
    await askMentor(db, as(lead), team.id, person.id, "");
    for (const actor of [as(lead), as(member), as(other), as(organiser, true)]) {
      expect(await answerMentor(db, actor, team.id, true)).toMatchObject({ ok: false, status: 403 });
    }
    expect((await mentorRow(team.id, person.id))?.status).toBe("pending");
  });

  it("refuses a second answer (409) and keeps the first", async () => {
    const { lead, team } = await fixture();
    const person = await mentor();
    await askMentor(db, as(lead), team.id, person.id, "");
    expect((await answerMentor(db, as(person), team.id, true)).ok).toBe(true);
    expect(await answerMentor(db, as(person), team.id, false)).toMatchObject({ ok: false, status: 409 });
    expect(await answerMentor(db, as(person), team.id, true)).toMatchObject({ ok: false, status: 409 });
    expect((await mentorRow(team.id, person.id))?.status).toBe("accepted");

    const declined = await mentor();
    await askMentor(db, as(lead), team.id, declined.id, "");
    expect((await answerMentor(db, as(declined), team.id, false)).ok).toBe(true);
    expect(await answerMentor(db, as(declined), team.id, true)).toMatchObject({ ok: false, status: 409 });
    expect((await mentorRow(team.id, declined.id))?.status).toBe("declined");
  });

  it("refuses to accept once the person has joined the team as a member (409)", async () => {
    const { lead, team, week } = await fixture();
    const person = await mentor();
    await askMentor(db, as(lead), team.id, person.id, "");
    await db.insert(teamMembers).values({ teamId: team.id, userId: person.id, weekId: week.id });
    expect(await answerMentor(db, as(person), team.id, true)).toMatchObject({ ok: false, status: 409 });
    expect((await answerMentor(db, as(person), team.id, false)).ok).toBe(true);
  });

  it("refuses answers in an archived week (409)", async () => {
    const { lead, team } = await fixture("archived");
    const person = await mentor();
    await db.insert(teamMentors).values({ teamId: team.id, userId: person.id, requestedById: lead.id });
    expect(await answerMentor(db, as(person), team.id, true)).toMatchObject({ ok: false, status: 409 });
    expect((await mentorRow(team.id, person.id))?.status).toBe("pending");
  });
});

describe("leaveMentoring", () => {
  it("removes an accepted mentor, notifies the lead, audits, and lets the lead ask again", async () => {
    const { lead, team } = await fixture();
    const person = await mentor();
    await askMentor(db, as(lead), team.id, person.id, "");
    await answerMentor(db, as(person), team.id, true);
    expect(await leaveMentoring(db, as(person), team.id)).toEqual({ ok: true, value: { teamId: team.id } });
    expect(await mentorRow(team.id, person.id)).toBeNull();
    const notes = await notesFor(lead.id, "mentor_left");
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toBe(`${person.name} stepped back from mentoring ${team.name}.`);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "team.mentor_stepped_back"), eq(auditLog.targetId, String(team.id))));
    expect(entry?.actorId).toBe(person.id);
    expect(await mentoredTeamIds(db, person.id, team.weekId)).toEqual([]);
    expect((await askMentor(db, as(lead), team.id, person.id, "come back?")).ok).toBe(true);
  });

  it("refuses someone who does not mentor the team, or has only been asked (409)", async () => {
    const { lead, member, team } = await fixture();
    const person = await mentor();
    await askMentor(db, as(lead), team.id, person.id, "");
    expect(await leaveMentoring(db, as(person), team.id)).toMatchObject({ ok: false, status: 409 });
    expect(await leaveMentoring(db, as(member), team.id)).toMatchObject({ ok: false, status: 409 });
    expect((await mentorRow(team.id, person.id))?.status).toBe("pending");
  });

  it("refuses in an archived week (409)", async () => {
    const { lead, team } = await fixture("archived");
    const person = await mentor();
    await db.insert(teamMentors).values({ teamId: team.id, userId: person.id, requestedById: lead.id, status: "accepted" });
    expect(await leaveMentoring(db, as(person), team.id)).toMatchObject({ ok: false, status: 409 });
    expect((await mentorRow(team.id, person.id))?.status).toBe("accepted");
  });
});

describe("mentors across teams", () => {
  it("a mentor may mentor two teams; member counts never change; mentoredTeamIds lists accepted ones of the week", async () => {
    const first = await fixture();
    const idea = await createIdea(db, { weekId: first.week.id, author: first.member });
    const secondLead = await createUser(db);
    const second = await createTeam(db, { weekId: first.week.id, ideaId: idea.id, leadId: secondLead.id });
    const thirdIdea = await createIdea(db, { weekId: first.week.id, author: secondLead });
    const thirdLead = await createUser(db);
    const third = await createTeam(db, { weekId: first.week.id, ideaId: thirdIdea.id, leadId: thirdLead.id });
    const elsewhere = await fixture();
    const person = await mentor();

    await askMentor(db, as(first.lead), first.team.id, person.id, "");
    await askMentor(db, as(secondLead), second.id, person.id, "");
    await askMentor(db, as(thirdLead), third.id, person.id, "");
    await askMentor(db, as(elsewhere.lead), elsewhere.team.id, person.id, "");
    expect((await answerMentor(db, as(person), first.team.id, true)).ok).toBe(true);
    expect((await answerMentor(db, as(person), second.id, true)).ok).toBe(true);
    expect((await answerMentor(db, as(person), elsewhere.team.id, true)).ok).toBe(true);
    // The third ask stays pending: not mentoring yet.

    expect(await memberCount(first.team.id)).toBe(2);
    expect(await memberCount(second.id)).toBe(1);
    expect(await mentoredTeamIds(db, person.id, first.week.id)).toEqual([first.team.id, second.id].sort((a, b) => a - b));
    expect(await mentoredTeamIds(db, person.id, elsewhere.week.id)).toEqual([elsewhere.team.id]);
    expect(await mentoredTeamIds(db, first.lead.id, first.week.id)).toEqual([]);
  });
});

describe("mentorCandidates", () => {
  it("lists active people offering to mentor, outside the team and not asked, by skill overlap then name", async () => {
    const tag = uid();
    const roles = [`go-${tag}`, `sql-${tag}`, `ux-${tag}`];
    const { lead, member, team } = await fixture("team_formation", roles);
    await db.update(users).set({ mentorOffer: "Kotlin" }).where(eq(users.id, member.id));
    const two = await mentor({ name: `Zed ${tag}`, skills: [`go-${tag}`, `sql-${tag}`, "cooking"] });
    const oneB = await mentor({ name: `Bea ${tag}`, skills: [`ux-${tag}`] });
    const oneA = await mentor({ name: `Abe ${tag}`, skills: [`go-${tag}`], availability: "Mornings" });
    const none = await mentor({ name: `Ann ${tag}`, skills: ["cooking"] });
    const pending = await mentor({ name: `Pen ${tag}`, skills: [`go-${tag}`] });
    const accepted = await mentor({ name: `Acc ${tag}`, skills: [`go-${tag}`] });
    const declined = await mentor({ name: `Dec ${tag}`, skills: [`sql-${tag}`] });
    const gone = await mentor({ name: `Gon ${tag}`, skills: [`go-${tag}`], deactivatedAt: new Date() });
    const blank = await mentor({ name: `Bla ${tag}`, skills: [`go-${tag}`], offer: " " });
    await askMentor(db, as(lead), team.id, pending.id, "");
    await askMentor(db, as(lead), team.id, accepted.id, "");
    await answerMentor(db, as(accepted), team.id, true);
    await askMentor(db, as(lead), team.id, declined.id, "");
    await answerMentor(db, as(declined), team.id, false);

    const all = await mentorCandidates(db, team.id, 100_000);
    const ids = all.map((c) => c.id);
    for (const excluded of [member, lead, pending, accepted, gone, blank]) expect(ids).not.toContain(excluded.id);
    const mine = all.filter((c) => c.name.endsWith(tag));
    expect(mine.map((c) => c.name)).toEqual([`Zed ${tag}`, `Abe ${tag}`, `Bea ${tag}`, `Dec ${tag}`, `Ann ${tag}`]);
    expect(mine[0]).toMatchObject({
      id: two.id,
      offer: "Payments APIs and getting a first talk accepted",
      availability: "Tuesday afternoons",
    });
    expect(mine[0]?.matchingSkills.sort()).toEqual([`go-${tag}`, `sql-${tag}`]);
    expect(mine[1]).toMatchObject({ id: oneA.id, availability: "Mornings" });
    expect(mine[2]?.id).toBe(oneB.id);
    expect(mine[4]).toMatchObject({ id: none.id, matchingSkills: [] });
    expect(typeof mine[0]?.department).toBe("string");
    // The strongest matches of a team with unique roles come first, within the default limit.
    // The team's roles are unique to this test, so its matches lead the default (limited) list too.
    expect((await mentorCandidates(db, team.id)).slice(0, 4).map((c) => c.id)).toEqual([two.id, oneA.id, oneB.id, declined.id]);
  });

  it("answers in one query", async () => {
    const { team } = await fixture();
    const traced = tracedDatabase();
    try {
      await traced.db.execute(sql`select 1`); // opens the connection (and its type lookup) before recording
      traced.reset();
      await mentorCandidates(traced.db, team.id, 5);
      expect(traced.queries.filter((q) => !q.text.includes("pg_catalog.pg_type"))).toHaveLength(1);
    } finally {
      await traced.end();
    }
  });
});
