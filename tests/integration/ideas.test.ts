import { and, count, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { boardPage, cachedBoardFacets } from "~/ideas/board.server";
import {
  addComment,
  deleteComment,
  editComment,
  hideComment,
  loadIdeaPage,
  pitchIdea,
  setFollow,
  updateIdea,
  usedTags,
  type Viewer,
  withdrawIdea,
} from "~/ideas/ideas.server";
import { type BoardQuery, IdeaActionSchema, type IdeaInput, IdeaSchema } from "~/ideas/schemas.server";
import { findWeekBySlug } from "~/weeks/weeks.server";
import { getDb } from "~db/client";
import { auditLog, ideaComments, ideaFollows, ideas, notifications, teams } from "~db/schema";
import {
  createDepartment,
  createIdea,
  createUser,
  createWeekInPhase,
  type TestUser,
  tracedDatabase,
  uid,
  type WeekRow,
} from "../support/factories";

const db = getDb();

const as = (user: { id: number }, isOrganiser = false): Viewer => ({ id: user.id, isOrganiser });

function pitch(overrides: Partial<Record<keyof IdeaInput, string>> = {}): IdeaInput {
  return IdeaSchema.parse({
    title: `Pitch ${uid()}`,
    summary: "A summary that is long enough",
    problem: "The **problem**",
    proposal: "The proposal",
    skills: "Go, SQL",
    tags: "tooling",
    peopleWanted: "2",
    ...overrides,
  });
}

const BOARD_DEFAULTS: BoardQuery = { q: "", skill: [], tag: [], department: undefined, page: 1 };

async function ideaRow(id: number) {
  const [row] = await db.select().from(ideas).where(eq(ideas.id, id));
  if (!row) throw new Error(`idea ${id} is gone`);
  return row;
}

async function followRows(ideaId: number) {
  const [row] = await db.select({ n: count() }).from(ideaFollows).where(eq(ideaFollows.ideaId, ideaId));
  return row?.n ?? 0;
}

async function notificationsFor(userId: number, linkPrefix: string) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), like(notifications.link, `${linkPrefix}%`)));
}

async function auditRows(action: string, targetType: string, targetId: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetType, targetType), eq(auditLog.targetId, String(targetId))));
}

let organiser: TestUser;
let pitchingWeek: WeekRow;
let formationWeek: WeekRow;
let exploringWeek: WeekRow;
let archivedWeek: WeekRow;

beforeAll(async () => {
  organiser = await createUser(db, { roles: ["organiser"] });
  [pitchingWeek, formationWeek, exploringWeek, archivedWeek] = await Promise.all([
    createWeekInPhase(db, "pitching"),
    createWeekInPhase(db, "team_formation"),
    createWeekInPhase(db, "exploring"),
    createWeekInPhase(db, "archived"),
  ]);
});

describe("the board's cached filter options", () => {
  it("are reused for a while, and refreshed at once when this process pitches an idea with a new skill", async () => {
    const week = await createWeekInPhase(db, "pitching");
    const author = await createUser(db);
    const first = cachedBoardFacets(db, week.id);
    expect(cachedBoardFacets(db, week.id)).toBe(first);
    expect((await first).skills).toEqual([]);
    const skill = `zig${uid().replace(/\d/g, "").slice(0, 6)}`;
    const outcome = await pitchIdea(db, as(author), week, pitch({ skills: skill }));
    expect(outcome.ok).toBe(true);
    const after = await cachedBoardFacets(db, week.id);
    expect(after.skills).toContain(skill);
  });
});

describe("pitchIdea", () => {
  it.each(["pitching", "team_formation"] as const)(
    "accepts a pitch while the week is in %s, in the author's department",
    async (phase) => {
      const week = phase === "pitching" ? pitchingWeek : formationWeek;
      const department = await createDepartment(db);
      const author = await createUser(db, { departmentId: department.id });
      const input = pitch();
      const outcome = await pitchIdea(db, as(author), week, input);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      const row = await ideaRow(outcome.value.id);
      expect(row).toMatchObject({
        weekId: week.id,
        authorId: author.id,
        departmentId: department.id,
        title: input.title,
        skills: ["go", "sql"],
        tags: ["tooling"],
        peopleWanted: 2,
        status: "published",
        followerCount: 0,
        commentCount: 0,
        carriedFromId: null,
      });
    },
  );

  it.each(["draft", "exploring", "demos", "voting", "results", "archived"] as const)(
    "refuses a pitch while the week is in %s (409) and inserts nothing",
    async (phase) => {
      const week = await createWeekInPhase(db, phase);
      const author = await createUser(db);
      const outcome = await pitchIdea(db, as(author), week, pitch());
      expect(outcome).toMatchObject({ ok: false, status: 409 });
      const [row] = await db.select({ n: count() }).from(ideas).where(eq(ideas.weekId, week.id));
      expect(row?.n).toBe(0);
    },
  );
});

describe("input that reaches the database", () => {
  it("saves every pitch IdeaSchema accepts instead of failing in PostgreSQL", async () => {
    const author = await createUser(db);
    for (const field of ["problem", "proposal", "learning"] as const) {
      const parsed = IdeaSchema.safeParse({
        title: "Null byte test",
        summary: "A summary that is long enough",
        [field]: "a\u0000b",
      });
      if (!parsed.success) continue; // refused next to the field: fine
      await expect(pitchIdea(db, as(author), pitchingWeek, parsed.data), field).resolves.toMatchObject({ ok: true });
    }
  });

  it("hides a comment for any reason the action schema accepts instead of failing in PostgreSQL", async () => {
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    const added = await addComment(db, as(author), idea.id, "spam");
    if (!added.ok) throw new Error(added.message);
    const parsed = IdeaActionSchema.safeParse({
      intent: "hide-comment",
      commentId: String(added.value.commentId),
      reason: "spam\u0000spam",
    });
    if (!parsed.success || parsed.data.intent !== "hide-comment") return; // refused next to the field: fine
    await expect(hideComment(db, as(organiser, true), idea.id, parsed.data.commentId, parsed.data.reason)).resolves.toMatchObject(
      { ok: true },
    );
  });
});

describe("updateIdea", () => {
  it("lets the author edit while pitching is open, without an audit entry", async () => {
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    const outcome = await updateIdea(db, as(author), idea.id, pitch({ title: "Edited by the author" }));
    expect(outcome.ok).toBe(true);
    expect((await ideaRow(idea.id)).title).toBe("Edited by the author");
    expect(await auditRows("idea.edited_by_organiser", "idea", idea.id)).toHaveLength(0);
  });

  it("refuses someone else's idea with 403 and leaves the row unchanged", async () => {
    const author = await createUser(db);
    const other = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    const outcome = await updateIdea(db, as(other), idea.id, pitch({ title: "Hijacked" }));
    expect(outcome).toMatchObject({ ok: false, status: 403 });
    expect(await ideaRow(idea.id)).toEqual(idea);
  });

  it("lets an organiser edit, audited as idea.edited_by_organiser with before and after", async () => {
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author, title: "Before moderation" });
    const outcome = await updateIdea(
      db,
      { ...as(organiser, true), requestId: "req-ideas-test" },
      idea.id,
      pitch({ title: "After moderation" }),
    );
    expect(outcome.ok).toBe(true);
    expect((await ideaRow(idea.id)).title).toBe("After moderation");
    const audits = await auditRows("idea.edited_by_organiser", "idea", idea.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: organiser.id,
      requestId: "req-ideas-test",
      summary: { before: { title: "Before moderation" }, after: { title: "After moderation" } },
    });
  });

  it("refuses the author once team formation has ended (409), while an organiser may still correct it", async () => {
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: exploringWeek.id, author, title: "Frozen pitch" });
    expect(await updateIdea(db, as(author), idea.id, pitch({ title: "Too late" }))).toMatchObject({ ok: false, status: 409 });
    expect((await ideaRow(idea.id)).title).toBe("Frozen pitch");
    expect((await updateIdea(db, as(organiser, true), idea.id, pitch({ title: "Organiser fix" }))).ok).toBe(true);
    expect((await ideaRow(idea.id)).title).toBe("Organiser fix");
  });

  it("answers 404 for an idea that does not exist", async () => {
    expect(await updateIdea(db, as(organiser, true), 2_000_000_000, pitch())).toMatchObject({ ok: false, status: 404 });
  });
});

describe("withdrawIdea", () => {
  it("hides a withdrawn idea from the board and from other people's idea page, not from its author or organisers", async () => {
    const week = await createWeekInPhase(db, "pitching");
    const author = await createUser(db);
    const other = await createUser(db);
    const kept = await createIdea(db, { weekId: week.id, author });
    const idea = await createIdea(db, { weekId: week.id, author });

    expect(await withdrawIdea(db, as(other), idea.id)).toMatchObject({ ok: false, status: 403 });
    expect(await withdrawIdea(db, as(author), idea.id)).toEqual({ ok: true, value: { id: idea.id } });
    const row = await ideaRow(idea.id);
    expect(row.status).toBe("withdrawn");
    expect(row.withdrawnAt).toBeInstanceOf(Date);
    expect(await auditRows("idea.withdrawn", "idea", idea.id)).toHaveLength(1);

    const board = await boardPage(db, week.id, BOARD_DEFAULTS, other.id);
    expect(board.rows.map((r) => r.id)).toEqual([kept.id]);
    expect(board.total).toBe(1);

    expect(await loadIdeaPage(db, as(other), idea.id)).toBeNull();
    const forAuthor = await loadIdeaPage(db, as(author), idea.id);
    expect(forAuthor?.idea.status).toBe("withdrawn");
    expect(forAuthor?.permissions.edit).toBe(false);
    expect(forAuthor?.permissions.discuss).toBe(false);
    expect((await loadIdeaPage(db, as(organiser, true), idea.id))?.idea.id).toBe(idea.id);
  });

  it("is idempotent for the author", async () => {
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    expect((await withdrawIdea(db, as(author), idea.id)).ok).toBe(true);
    expect((await withdrawIdea(db, as(author), idea.id)).ok).toBe(true);
    expect(await auditRows("idea.withdrawn", "idea", idea.id)).toHaveLength(1);
  });

  it("refuses once a team has formed around the idea (409)", async () => {
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: formationWeek.id, author });
    await db
      .insert(teams)
      .values({ weekId: formationWeek.id, ideaId: idea.id, leadId: author.id, name: `Team ${uid()}`, capacity: 4 });
    expect(await withdrawIdea(db, as(author), idea.id)).toMatchObject({ ok: false, status: 409 });
    expect((await ideaRow(idea.id)).status).toBe("published");
  });

  it("refuses the author after team formation (409)", async () => {
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: exploringWeek.id, author });
    expect(await withdrawIdea(db, as(author), idea.id)).toMatchObject({ ok: false, status: 409 });
    expect((await ideaRow(idea.id)).status).toBe("published");
  });
});

describe("setFollow", () => {
  it("keeps one row per follower: follow twice → 1, unfollow → 0, unfollow again → 0", async () => {
    const author = await createUser(db);
    const fan = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });

    expect(await setFollow(db, as(fan), idea.id, true)).toEqual({ ok: true, value: { following: true, followers: 1 } });
    expect(await setFollow(db, as(fan), idea.id, true)).toEqual({ ok: true, value: { following: true, followers: 1 } });
    expect((await ideaRow(idea.id)).followerCount).toBe(1);
    expect(await followRows(idea.id)).toBe(1);
    expect((await loadIdeaPage(db, as(fan), idea.id))?.following).toBe(true);

    expect(await setFollow(db, as(fan), idea.id, false)).toEqual({ ok: true, value: { following: false, followers: 0 } });
    expect(await setFollow(db, as(fan), idea.id, false)).toEqual({ ok: true, value: { following: false, followers: 0 } });
    expect((await ideaRow(idea.id)).followerCount).toBe(0);
    expect(await followRows(idea.id)).toBe(0);
  });

  it("notifies the author once per new follower (idea_followed), never for their own follow", async () => {
    const author = await createUser(db);
    const fan = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    await setFollow(db, as(fan), idea.id, true);
    await setFollow(db, as(fan), idea.id, true);
    await setFollow(db, as(author), idea.id, true);
    const rows = await notificationsFor(author.id, `/ideas/${idea.id}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "idea_followed",
      actorId: fan.id,
      link: `/ideas/${idea.id}`,
      data: { ideaId: idea.id },
    });
    expect(rows[0]?.message).toContain(fan.name);
    expect((await ideaRow(idea.id)).followerCount).toBe(2);
  });

  it("counts 20 concurrent follows from 20 people exactly", async () => {
    const author = await createUser(db);
    const department = await createDepartment(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    const fans = await Promise.all(Array.from({ length: 20 }, () => createUser(db, { departmentId: department.id })));
    const outcomes = await Promise.all(fans.map((fan) => setFollow(db, as(fan), idea.id, true)));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect((await ideaRow(idea.id)).followerCount).toBe(20);
    expect(await followRows(idea.id)).toBe(20);
    expect(await notificationsFor(author.id, `/ideas/${idea.id}`)).toHaveLength(20);
  });

  it("keeps the count right when follows and unfollows race", async () => {
    const author = await createUser(db);
    const department = await createDepartment(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    const fans = await Promise.all(Array.from({ length: 10 }, () => createUser(db, { departmentId: department.id })));
    await Promise.all(fans.map((fan) => setFollow(db, as(fan), idea.id, true)));
    await Promise.all(
      fans.flatMap((fan, i) =>
        i % 2
          ? [setFollow(db, as(fan), idea.id, false), setFollow(db, as(fan), idea.id, true)]
          : [setFollow(db, as(fan), idea.id, false)],
      ),
    );
    const rows = await followRows(idea.id);
    expect((await ideaRow(idea.id)).followerCount).toBe(rows);
  });

  it("refuses following a withdrawn idea or an idea of an archived week (409)", async () => {
    const author = await createUser(db);
    const fan = await createUser(db);
    const withdrawn = await createIdea(db, { weekId: pitchingWeek.id, author, status: "withdrawn", withdrawnAt: new Date() });
    const archived = await createIdea(db, { weekId: archivedWeek.id, author });
    expect(await setFollow(db, as(fan), withdrawn.id, true)).toMatchObject({ ok: false, status: 409 });
    expect(await setFollow(db, as(fan), archived.id, true)).toMatchObject({ ok: false, status: 409 });
    expect(await followRows(withdrawn.id)).toBe(0);
    expect(await followRows(archived.id)).toBe(0);
  });

  it("still takes follows in the exploring phase", async () => {
    const idea = await createIdea(db, { weekId: exploringWeek.id, author: await createUser(db) });
    expect((await setFollow(db, as(await createUser(db)), idea.id, true)).ok).toBe(true);
  });

  it("answers 404 for an unknown idea", async () => {
    expect(await setFollow(db, as(organiser), 2_000_000_000, true)).toMatchObject({ ok: false, status: 404 });
  });
});

describe("comments", () => {
  it("counts a comment and notifies the author with a link to it", async () => {
    const author = await createUser(db);
    const commenter = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    const outcome = await addComment(db, as(commenter), idea.id, "Count me in!");
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const cid = outcome.value.commentId;
    expect((await ideaRow(idea.id)).commentCount).toBe(1);
    const rows = await notificationsFor(author.id, `/ideas/${idea.id}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "idea_commented",
      actorId: commenter.id,
      link: `/ideas/${idea.id}#comment-${cid}`,
      data: { ideaId: idea.id, commentId: cid },
      readAt: null,
    });
    const page = await loadIdeaPage(db, as(author), idea.id);
    expect(page?.comments.map((c) => [c.id, c.body, c.authorName])).toEqual([[cid, "Count me in!", commenter.name]]);
  });

  it("writes the comment, the counter and the notification in one transaction", async () => {
    const traced = tracedDatabase(process.env.DATABASE_URL, { max: 1 });
    try {
      const author = await createUser(db);
      const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
      await traced.db.execute(sql`select 1`); // opens the connection (and its type lookup) before recording
      traced.reset();
      expect((await addComment(traced.db, as(await createUser(db)), idea.id, "traced")).ok).toBe(true);
      const texts = traced.queries.map((q) => q.text.trim().toLowerCase());
      const begin = texts.findIndex((t) => t.startsWith("begin"));
      const commit = texts.indexOf("commit");
      const insertComment = texts.findIndex((t) => t.startsWith('insert into "idea_comments"'));
      const bumpCount = texts.findIndex((t) => t.startsWith('update "ideas"') && t.includes('"comment_count"'));
      const insertNotification = texts.findIndex((t) => t.startsWith('insert into "notifications"'));
      expect(begin).toBe(0);
      expect([insertComment, bumpCount, insertNotification].every((i) => i > begin && i < commit)).toBe(true);
      expect(commit).toBe(texts.length - 1);
      expect(texts.filter((t) => t === "commit" || t === "rollback")).toHaveLength(1);
    } finally {
      await traced.end();
    }
  });

  it("does not notify the author of their own comment", async () => {
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    expect((await addComment(db, as(author), idea.id, "Some context from me")).ok).toBe(true);
    expect((await ideaRow(idea.id)).commentCount).toBe(1);
    expect(await notificationsFor(author.id, `/ideas/${idea.id}`)).toHaveLength(0);
  });

  it("refuses comments on a withdrawn idea or in an archived week (409), changing nothing", async () => {
    const author = await createUser(db);
    const commenter = await createUser(db);
    const withdrawn = await createIdea(db, { weekId: pitchingWeek.id, author, status: "withdrawn", withdrawnAt: new Date() });
    const archived = await createIdea(db, { weekId: archivedWeek.id, author });
    for (const idea of [withdrawn, archived]) {
      expect(await addComment(db, as(commenter), idea.id, "hello?")).toMatchObject({ ok: false, status: 409 });
      expect((await ideaRow(idea.id)).commentCount).toBe(0);
      const [row] = await db.select({ n: count() }).from(ideaComments).where(eq(ideaComments.ideaId, idea.id));
      expect(row?.n).toBe(0);
    }
    expect(await notificationsFor(author.id, `/ideas/${withdrawn.id}`)).toHaveLength(0);
  });

  it("lets only the comment's author edit it (403 for others)", async () => {
    const author = await createUser(db);
    const commenter = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    const added = await addComment(db, as(commenter), idea.id, "original");
    if (!added.ok) throw new Error(added.message);
    const cid = added.value.commentId;

    expect(await editComment(db, as(author), idea.id, cid, "vandalised")).toMatchObject({ ok: false, status: 403 });
    expect(await editComment(db, as(organiser, true), idea.id, cid, "vandalised")).toMatchObject({ ok: false, status: 403 });
    let [comment] = await db.select().from(ideaComments).where(eq(ideaComments.id, cid));
    expect(comment).toMatchObject({ body: "original", editedAt: null });

    expect((await editComment(db, as(commenter), idea.id, cid, "edited")).ok).toBe(true);
    [comment] = await db.select().from(ideaComments).where(eq(ideaComments.id, cid));
    expect(comment?.body).toBe("edited");
    expect(comment?.editedAt).toBeInstanceOf(Date);
  });

  it("refuses editing a comment through another idea's id (404)", async () => {
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    const elsewhere = await createIdea(db, { weekId: pitchingWeek.id, author });
    const added = await addComment(db, as(author), idea.id, "mine");
    if (!added.ok) throw new Error(added.message);
    expect(await editComment(db, as(author), elsewhere.id, added.value.commentId, "moved")).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await deleteComment(db, as(author), elsewhere.id, added.value.commentId)).toMatchObject({ ok: false, status: 404 });
  });

  it("lets only the comment's author delete it; the count drops once and a second delete is 404", async () => {
    const author = await createUser(db);
    const commenter = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    const first = await addComment(db, as(commenter), idea.id, "first");
    const second = await addComment(db, as(commenter), idea.id, "second");
    if (!first.ok || !second.ok) throw new Error("comment failed");
    expect((await ideaRow(idea.id)).commentCount).toBe(2);

    expect(await deleteComment(db, as(author), idea.id, first.value.commentId)).toMatchObject({ ok: false, status: 403 });
    expect((await ideaRow(idea.id)).commentCount).toBe(2);

    expect((await deleteComment(db, as(commenter), idea.id, first.value.commentId)).ok).toBe(true);
    const [deleted] = await db.select().from(ideaComments).where(eq(ideaComments.id, first.value.commentId));
    expect(deleted?.deletedAt).toBeInstanceOf(Date);
    expect((await ideaRow(idea.id)).commentCount).toBe(1);

    expect(await deleteComment(db, as(commenter), idea.id, first.value.commentId)).toMatchObject({ ok: false, status: 404 });
    expect((await ideaRow(idea.id)).commentCount).toBe(1);
    expect(await editComment(db, as(commenter), idea.id, first.value.commentId, "back")).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it("keeps the count right when the same comment is deleted twice at once", async () => {
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    const added = await addComment(db, as(author), idea.id, "double click");
    if (!added.ok) throw new Error(added.message);
    const outcomes = await Promise.all([1, 2, 3].map(() => deleteComment(db, as(author), idea.id, added.value.commentId)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect((await ideaRow(idea.id)).commentCount).toBe(0);
  });

  it("lets an organiser hide a comment with a reason: hidden, audited, counted out once", async () => {
    const author = await createUser(db);
    const commenter = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    const added = await addComment(db, as(commenter), idea.id, "something rude");
    if (!added.ok) throw new Error(added.message);
    const cid = added.value.commentId;

    expect(await hideComment(db, as(commenter), idea.id, cid, "self-moderation")).toMatchObject({ ok: false, status: 403 });
    expect(await hideComment(db, as(author), idea.id, cid, "I don't like it")).toMatchObject({ ok: false, status: 403 });
    expect((await ideaRow(idea.id)).commentCount).toBe(1);

    expect((await hideComment(db, as(organiser, true), idea.id, cid, "Off-topic and rude")).ok).toBe(true);
    const [hidden] = await db.select().from(ideaComments).where(eq(ideaComments.id, cid));
    expect(hidden).toMatchObject({ hiddenById: organiser.id, hiddenReason: "Off-topic and rude", deletedAt: null });
    expect(hidden?.hiddenAt).toBeInstanceOf(Date);
    expect((await ideaRow(idea.id)).commentCount).toBe(0);
    const audits = await auditRows("comment.hidden", "comment", cid);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorId: organiser.id,
      summary: { note: "Off-topic and rude", before: { body: "something rude", authorId: commenter.id } },
    });

    // Hiding again, or the author deleting the hidden comment, does not count it out twice.
    expect((await hideComment(db, as(organiser, true), idea.id, cid, "again")).ok).toBe(true);
    expect((await deleteComment(db, as(commenter), idea.id, cid)).ok).toBe(true);
    expect((await ideaRow(idea.id)).commentCount).toBe(0);
    expect(await auditRows("comment.hidden", "comment", cid)).toHaveLength(1);
    // The hidden author can no longer edit it.
    expect(await editComment(db, as(commenter), idea.id, cid, "sneaky")).toMatchObject({ ok: false, status: 404 });
  });
});

describe("loadIdeaPage", () => {
  it("returns null for an unknown idea and the permissions for the viewer", async () => {
    expect(await loadIdeaPage(db, as(organiser), 2_000_000_000)).toBeNull();
    const author = await createUser(db);
    const idea = await createIdea(db, { weekId: pitchingWeek.id, author });
    const forAuthor = await loadIdeaPage(db, as(author), idea.id);
    expect(forAuthor).toMatchObject({ isAuthor: true, phase: "pitching", authorName: author.name, team: null, history: [] });
    expect(forAuthor?.permissions).toMatchObject({ edit: true, discuss: true, moderate: false });
    const forOther = await loadIdeaPage(db, as(await createUser(db)), idea.id);
    expect(forOther?.permissions).toMatchObject({ edit: false, discuss: true, moderate: false });
    const forArchived = await loadIdeaPage(db, as(author), (await createIdea(db, { weekId: archivedWeek.id, author })).id);
    expect(forArchived?.permissions).toMatchObject({ edit: false, discuss: false });
  });
});

describe("findWeekBySlug and usedTags", () => {
  it("finds a week by its slug and refuses malformed ones", async () => {
    expect((await findWeekBySlug(db, pitchingWeek.slug))?.id).toBe(pitchingWeek.id);
    expect(await findWeekBySlug(db, `no-such-week-${uid()}`)).toBeNull();
    expect(await findWeekBySlug(db, "../../etc")).toBeNull();
    expect(await findWeekBySlug(db, "Week-Upper")).toBeNull();
    expect(await findWeekBySlug(db, "x".repeat(61))).toBeNull();
  });

  it("lists a week's skills, most used first, ignoring withdrawn ideas", async () => {
    const week = await createWeekInPhase(db, "pitching");
    const author = await createUser(db);
    await createIdea(db, { weekId: week.id, author, skills: ["go", "sql"], tags: ["infra"] });
    await createIdea(db, { weekId: week.id, author, skills: ["go", "rust"] });
    await createIdea(db, { weekId: week.id, author, skills: ["go", "zig"] });
    await createIdea(db, {
      weekId: week.id,
      author,
      skills: ["cobol", "cobol-2", "cobol-3"],
      status: "withdrawn",
      withdrawnAt: new Date(),
    });
    expect(await usedTags(db, "skills", week.id)).toEqual(["go", "rust", "sql", "zig"]);
    expect(await usedTags(db, "tags", week.id)).toEqual(["infra"]);
    expect(await usedTags(db, "skills", week.id, 2)).toEqual(["go", "rust"]);
  });
});
