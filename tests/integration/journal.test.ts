import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deleteJournal, postJournal } from "~/teams/journal.server";
import { answerMentor, askMentor } from "~/teams/mentors.server";
import type { Actor } from "~/teams/teams.server";
import { getDb } from "~db/client";
import { auditLog, ideaFollows, notifications, teamJournal, teams, users } from "~db/schema";
import {
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type IdeaRow,
  type TeamRow,
  type TestUser,
  uid,
  type WeekRow,
} from "../support/factories";

const db = getDb();

const as = (user: { id: number }, isOrganiser = false): Actor => ({ id: user.id, isOrganiser });

type Fixture = { week: WeekRow; idea: IdeaRow; team: TeamRow; lead: TestUser; member: TestUser; other: TestUser };

/** A fresh week in `phase` with a team of three (lead + two members) around a fresh idea. */
async function fixture(phase: Parameters<typeof createWeekInPhase>[1] = "exploring"): Promise<Fixture> {
  const week = await createWeekInPhase(db, phase);
  const lead = await createUser(db, { name: `Lead ${uid()}` });
  const member = await createUser(db, { name: `Member ${uid()}` });
  const other = await createUser(db, { name: `Other ${uid()}` });
  const idea = await createIdea(db, { weekId: week.id, author: lead });
  const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id, memberIds: [member.id, other.id] });
  return { week, idea, team, lead, member, other };
}

async function follow(ideaId: number, userId: number) {
  await db.insert(ideaFollows).values({ ideaId, userId });
}

async function notesOfKind(userId: number, kind: string) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
}

async function entries(teamId: number) {
  return db.select().from(teamJournal).where(eq(teamJournal.teamId, teamId));
}

async function entryCount(teamId: number) {
  const [row] = await db.select({ n: count() }).from(teamJournal).where(eq(teamJournal.teamId, teamId));
  return row?.n ?? 0;
}

let organiser: TestUser;

beforeAll(async () => {
  organiser = await createUser(db, { roles: ["organiser"], name: `Organiser ${uid()}` });
});

describe("postJournal", () => {
  it("stores a member's update and notifies the idea's followers and the other members, not the author", async () => {
    const { team, idea, lead, member, other } = await fixture();
    const follower = await createUser(db);
    const bystander = await createUser(db);
    await follow(idea.id, follower.id);
    await follow(idea.id, member.id); // the author follows too: still not notified
    await follow(idea.id, other.id); // a member who follows gets one notification, not two

    const outcome = await postJournal(db, as(member), team.id, "  **Day 2:** the [prototype](https://example.com) answers!  ");
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { entryId } = outcome.value;
    const [entry] = await entries(team.id);
    expect(entry).toMatchObject({
      id: entryId,
      authorId: member.id,
      body: "**Day 2:** the [prototype](https://example.com) answers!",
    });

    const expected = {
      kind: "team_journal",
      actorId: member.id,
      link: `/teams/${team.id}#journal-${entryId}`,
      message: `${team.name} posted an update: Day 2: the prototype answers!`,
      data: { teamId: team.id, entryId },
    };
    for (const person of [follower, lead, other]) {
      const notes = await notesOfKind(person.id, "team_journal");
      expect(notes, `notifications of ${person.name}`).toHaveLength(1);
      expect(notes[0]).toMatchObject(expected);
    }
    expect(await notesOfKind(member.id, "team_journal")).toHaveLength(0);
    expect(await notesOfKind(bystander.id, "team_journal")).toHaveLength(0);
  });

  it("quotes at most 80 characters of the update's plain text", async () => {
    const { team, lead, member } = await fixture();
    const body = `# Findings\n\n${"word ".repeat(60)}`;
    const outcome = await postJournal(db, as(lead), team.id, body);
    expect(outcome.ok).toBe(true);
    const [note] = await notesOfKind(member.id, "team_journal");
    const prefix = `${team.name} posted an update: `;
    expect(note?.message.startsWith(`${prefix}Findings word word`)).toBe(true);
    const preview = note?.message.slice(prefix.length) ?? "";
    expect(preview.length).toBe(80);
    expect(preview.endsWith("…")).toBe(true);
    expect(preview).not.toContain("#");
  });

  it("lets an organiser post to any team; everyone in the team is notified", async () => {
    const { team, lead, member, other } = await fixture();
    expect((await postJournal(db, as(organiser, true), team.id, "Demo slots are out.")).ok).toBe(true);
    for (const person of [lead, member, other]) expect(await notesOfKind(person.id, "team_journal")).toHaveLength(1);
  });

  it("refuses people outside the team (403), mentors and followers included", async () => {
    const { team, idea, lead } = await fixture();
    const outsider = await createUser(db);
    const follower = await createUser(db);
    await follow(idea.id, follower.id);
    const mentor = await createUser(db);
    await db.update(users).set({ mentorOffer: "Testing strategy" }).where(eq(users.id, mentor.id));
    await askMentor(db, as(lead), team.id, mentor.id, "");
    expect((await answerMentor(db, as(mentor), team.id, true)).ok).toBe(true);
    for (const person of [outsider, follower, mentor]) {
      const outcome = await postJournal(db, as(person), team.id, "Hello");
      expect(outcome).toMatchObject({ ok: false, status: 403 });
      if (!outcome.ok) expect(outcome.message).toBe(`Only members of ${team.name} can post to its journal.`);
    }
    expect(await entryCount(team.id)).toBe(0);
    expect(await postJournal(db, as(lead), 2_000_000_000, "Hello")).toMatchObject({ ok: false, status: 404 });
  });

  it("refuses an empty, oversized or null-byte body (400 on the body field) and stores nothing", async () => {
    const { team, member, lead } = await fixture();
    for (const body of ["", "   \n\t ", "x".repeat(5001), "before\u0000after"]) {
      const outcome = await postJournal(db, as(member), team.id, body);
      expect(outcome, JSON.stringify(body.slice(0, 20))).toMatchObject({ ok: false, status: 400, field: "body" });
    }
    expect(await entryCount(team.id)).toBe(0);
    expect(await notesOfKind(lead.id, "team_journal")).toHaveLength(0);
    expect((await postJournal(db, as(member), team.id, "x".repeat(5000))).ok).toBe(true);
  });

  it("refuses posts in an archived week (409), organisers included", async () => {
    const { team, week, member } = await fixture("archived");
    expect(await postJournal(db, as(member), team.id, "Late news")).toEqual({
      ok: false,
      status: 409,
      message: `${week.name} is archived and read-only.`,
      field: undefined,
    });
    expect(await postJournal(db, as(organiser, true), team.id, "Late news")).toMatchObject({ ok: false, status: 409 });
    expect(await entryCount(team.id)).toBe(0);
  });

  it("does not change the team's member count", async () => {
    const { team, member } = await fixture();
    await postJournal(db, as(member), team.id, "Still three of us");
    const [row] = await db.select({ n: teams.memberCount }).from(teams).where(eq(teams.id, team.id));
    expect(row?.n).toBe(3);
  });
});

describe("deleteJournal", () => {
  async function posted(f: Fixture, author: TestUser, body = "An update") {
    const outcome = await postJournal(db, as(author), f.team.id, body);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value.entryId;
  }

  it("lets the author delete their own update", async () => {
    const f = await fixture();
    const entryId = await posted(f, f.member);
    expect(await deleteJournal(db, as(f.member), f.team.id, entryId)).toEqual({ ok: true, value: { entryId } });
    expect(await entryCount(f.team.id)).toBe(0);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "team.journal_deleted"), eq(auditLog.targetId, String(f.team.id))));
    expect(audits).toHaveLength(0);
  });

  it("refuses anyone else in the team, the lead included (403)", async () => {
    const f = await fixture();
    const entryId = await posted(f, f.member);
    for (const person of [f.lead, f.other, await createUser(db)]) {
      expect(await deleteJournal(db, as(person), f.team.id, entryId)).toMatchObject({
        ok: false,
        status: 403,
        message: "You can only delete your own updates.",
      });
    }
    expect(await entryCount(f.team.id)).toBe(1);
  });

  it("lets an organiser remove any update: audited, the author told", async () => {
    const f = await fixture();
    const entryId = await posted(f, f.member, "Something that must go");
    expect((await deleteJournal(db, { ...as(organiser, true), requestId: `req-${uid()}` }, f.team.id, entryId)).ok).toBe(true);
    expect(await entryCount(f.team.id)).toBe(0);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "team.journal_deleted"), eq(auditLog.targetId, String(f.team.id))));
    expect(entry).toMatchObject({
      actorId: organiser.id,
      summary: { before: { entryId, authorId: f.member.id, body: "Something that must go" } },
    });
    const [note] = await notesOfKind(f.member.id, "team_journal_removed");
    expect(note?.message).toBe(`An organiser removed your update from ${f.team.name}'s journal.`);
  });

  it("answers 404 for an update of another team or one already gone", async () => {
    const f = await fixture();
    const g = await fixture();
    const entryId = await posted(f, f.member);
    expect(await deleteJournal(db, as(f.member), g.team.id, entryId)).toMatchObject({ ok: false, status: 404 });
    expect((await deleteJournal(db, as(f.member), f.team.id, entryId)).ok).toBe(true);
    expect(await deleteJournal(db, as(f.member), f.team.id, entryId)).toMatchObject({ ok: false, status: 404 });
  });

  it("keeps an archived week read-only for authors (409), while organisers may still moderate", async () => {
    const f = await fixture("archived");
    const [entry] = await db
      .insert(teamJournal)
      .values({ teamId: f.team.id, authorId: f.member.id, body: "From the week" })
      .returning();
    if (!entry) throw new Error("no entry");
    expect(await deleteJournal(db, as(f.member), f.team.id, entry.id)).toMatchObject({ ok: false, status: 409 });
    expect((await deleteJournal(db, as(organiser, true), f.team.id, entry.id)).ok).toBe(true);
  });
});
