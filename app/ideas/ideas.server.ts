import { and, asc, desc, eq, sql } from "drizzle-orm";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import { fail } from "~/lib/outcome";
import { notify } from "~/notifications/notify.server";
import { canChangeRoster } from "~/teams/rules";
import { phaseAt } from "~/weeks/phase";
import { featuredWeek, type Week } from "~/weeks/weeks.server";
import type { Database, Queryable } from "~db/client";
import { demos, departments, ideaComments, ideaFollows, ideas, teams, users, weeks } from "~db/schema";
import { forgetBoardFacets } from "./board.server";
import { canCarryOver, canDiscuss, canEditIdea, canPitch } from "./rules";
import type { IdeaInput } from "./schemas.server";

export type Viewer = { id: number; isOrganiser: boolean; requestId?: string };
export type Idea = typeof ideas.$inferSelect;

/** Loads an idea with its week and phase, row-locked when `lock` (inside a transaction). */
async function ideaWithWeek(db: Queryable, ideaId: number, lock = false) {
  const query = db
    .select({ idea: ideas, week: weeks })
    .from(ideas)
    .innerJoin(weeks, eq(weeks.id, ideas.weekId))
    .where(eq(ideas.id, ideaId));
  const [row] = lock ? await query.for("no key update", { of: ideas }) : await query;
  return row ? { ...row, phase: phaseAt(row.week, new Date()) } : null;
}

/** The board's cached filter options are recomputed after any change to an idea's week, skills, tags or status. */
async function forgettingFacets<T>(change: Promise<T>): Promise<T> {
  try {
    return await change;
  } finally {
    forgetBoardFacets();
  }
}

export async function pitchIdea(db: Database, viewer: Viewer, week: Week, input: IdeaInput): Promise<Outcome<{ id: number }>> {
  const phase = phaseAt(week, new Date());
  if (!canPitch(phase)) {
    return fail(409, `${week.name} is not taking pitches now: pitching runs from pitching until team formation ends.`);
  }
  return forgettingFacets(
    db.transaction(async (tx) => {
      const [author] = await tx.select({ departmentId: users.departmentId }).from(users).where(eq(users.id, viewer.id));
      if (!author) return fail(404, "Your account no longer exists.");
      const [created] = await tx
        .insert(ideas)
        .values({ ...input, weekId: week.id, authorId: viewer.id, departmentId: author.departmentId })
        .returning({ id: ideas.id });
      if (!created) throw new Error("insert returned no row");
      return { ok: true as const, value: { id: created.id } };
    }),
  );
}

export async function updateIdea(
  db: Database,
  viewer: Viewer,
  ideaId: number,
  input: IdeaInput,
): Promise<Outcome<{ id: number }>> {
  return forgettingFacets(
    db.transaction(async (tx) => {
      const row = await ideaWithWeek(tx, ideaId, true);
      if (!row || (row.idea.status === "withdrawn" && row.idea.authorId !== viewer.id && !viewer.isOrganiser)) {
        return fail(404, "That idea does not exist.");
      }
      const isAuthor = row.idea.authorId === viewer.id;
      if (!isAuthor && !viewer.isOrganiser) return fail(403, "Only the idea's author or an organiser can edit it.");
      if (!canEditIdea(row.phase, { isAuthor, isOrganiser: viewer.isOrganiser })) {
        return fail(409, "Ideas can only be edited while the week is in pitching or team formation.");
      }
      await tx
        .update(ideas)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(ideas.id, ideaId));
      if (!isAuthor) {
        const before = Object.fromEntries(Object.keys(input).map((k) => [k, row.idea[k as keyof IdeaInput]]));
        await audit(tx, {
          actorId: viewer.id,
          action: "idea.edited_by_organiser",
          targetType: "idea",
          targetId: ideaId,
          before,
          after: input,
          requestId: viewer.requestId,
        });
      }
      return { ok: true as const, value: { id: ideaId } };
    }),
  );
}

export async function withdrawIdea(db: Database, viewer: Viewer, ideaId: number): Promise<Outcome<{ id: number }>> {
  return forgettingFacets(
    db.transaction(async (tx) => {
      const row = await ideaWithWeek(tx, ideaId, true);
      if (!row) return fail(404, "That idea does not exist.");
      const isAuthor = row.idea.authorId === viewer.id;
      if (!isAuthor && !viewer.isOrganiser) return fail(403, "Only the idea's author or an organiser can withdraw it.");
      if (row.idea.status === "withdrawn") return { ok: true as const, value: { id: ideaId } };
      if (!canEditIdea(row.phase, { isAuthor, isOrganiser: viewer.isOrganiser })) {
        return fail(409, "Ideas can only be withdrawn while the week is in pitching or team formation.");
      }
      const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.ideaId, ideaId));
      if (team) return fail(409, "A team has formed around this idea; the team must disband before it can be withdrawn.");
      await tx.update(ideas).set({ status: "withdrawn", withdrawnAt: new Date() }).where(eq(ideas.id, ideaId));
      await audit(tx, {
        actorId: viewer.id,
        action: "idea.withdrawn",
        targetType: "idea",
        targetId: ideaId,
        requestId: viewer.requestId,
      });
      return { ok: true as const, value: { id: ideaId } };
    }),
  );
}

async function discussable(tx: Queryable, ideaId: number) {
  const row = await ideaWithWeek(tx, ideaId, true);
  if (!row) return { error: fail(404, "That idea does not exist.") };
  if (row.idea.status === "withdrawn")
    return { error: fail(409, "This idea was withdrawn; it no longer takes follows or comments.") };
  if (!canDiscuss(row.phase, row.idea.status)) return { error: fail(409, `${row.week.name} is archived and read-only.`) };
  return { row };
}

export async function setFollow(
  db: Database,
  viewer: Viewer,
  ideaId: number,
  follow: boolean,
): Promise<Outcome<{ following: boolean; followers: number }>> {
  return db.transaction(async (tx) => {
    const { row, error } = await discussable(tx, ideaId);
    if (error) return error;
    let delta = 0;
    if (follow) {
      const inserted = await tx.insert(ideaFollows).values({ ideaId, userId: viewer.id }).onConflictDoNothing().returning();
      delta = inserted.length;
      if (delta) {
        const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, viewer.id));
        await notify(tx, [
          {
            userId: row.idea.authorId,
            actorId: viewer.id,
            kind: "idea_followed",
            link: `/ideas/${ideaId}`,
            message: `${me?.name ?? "Someone"} followed your idea “${row.idea.title}”.`,
            data: { ideaId },
          },
        ]);
      }
    } else {
      const deleted = await tx
        .delete(ideaFollows)
        .where(and(eq(ideaFollows.ideaId, ideaId), eq(ideaFollows.userId, viewer.id)))
        .returning();
      delta = -deleted.length;
    }
    const [updated] = await tx
      .update(ideas)
      .set({ followerCount: sql`${ideas.followerCount} + ${delta}` })
      .where(eq(ideas.id, ideaId))
      .returning({ followers: ideas.followerCount });
    return { ok: true as const, value: { following: follow, followers: updated?.followers ?? 0 } };
  });
}

export async function addComment(
  db: Database,
  viewer: Viewer,
  ideaId: number,
  body: string,
): Promise<Outcome<{ commentId: number }>> {
  return db.transaction(async (tx) => {
    const { row, error } = await discussable(tx, ideaId);
    if (error) return error;
    const [comment] = await tx
      .insert(ideaComments)
      .values({ ideaId, authorId: viewer.id, body })
      .returning({ id: ideaComments.id });
    if (!comment) throw new Error("insert returned no row");
    await tx
      .update(ideas)
      .set({ commentCount: sql`${ideas.commentCount} + 1` })
      .where(eq(ideas.id, ideaId));
    const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, viewer.id));
    await notify(tx, [
      {
        userId: row.idea.authorId,
        actorId: viewer.id,
        kind: "idea_commented",
        link: `/ideas/${ideaId}#comment-${comment.id}`,
        message: `${me?.name ?? "Someone"} commented on your idea “${row.idea.title}”.`,
        data: { ideaId, commentId: comment.id },
      },
    ]);
    return { ok: true as const, value: { commentId: comment.id } };
  });
}

async function lockComment(tx: Queryable, ideaId: number, commentId: number) {
  const [comment] = await tx
    .select()
    .from(ideaComments)
    .where(and(eq(ideaComments.id, commentId), eq(ideaComments.ideaId, ideaId)))
    .for("update");
  return comment ?? null;
}

export async function editComment(
  db: Database,
  viewer: Viewer,
  ideaId: number,
  commentId: number,
  body: string,
): Promise<Outcome<{ commentId: number }>> {
  return db.transaction(async (tx) => {
    const { error } = await discussable(tx, ideaId);
    if (error) return error;
    const comment = await lockComment(tx, ideaId, commentId);
    if (!comment || comment.deletedAt || comment.hiddenAt) return fail(404, "That comment no longer exists.");
    if (comment.authorId !== viewer.id) return fail(403, "You can only edit your own comments.");
    await tx.update(ideaComments).set({ body, editedAt: new Date() }).where(eq(ideaComments.id, commentId));
    return { ok: true as const, value: { commentId } };
  });
}

export async function deleteComment(
  db: Database,
  viewer: Viewer,
  ideaId: number,
  commentId: number,
): Promise<Outcome<{ commentId: number }>> {
  return db.transaction(async (tx) => {
    const { error } = await discussable(tx, ideaId);
    if (error) return error;
    const comment = await lockComment(tx, ideaId, commentId);
    if (!comment || comment.deletedAt) return fail(404, "That comment no longer exists.");
    if (comment.authorId !== viewer.id) return fail(403, "You can only delete your own comments.");
    await tx.update(ideaComments).set({ deletedAt: new Date() }).where(eq(ideaComments.id, commentId));
    if (!comment.hiddenAt)
      await tx
        .update(ideas)
        .set({ commentCount: sql`${ideas.commentCount} - 1` })
        .where(eq(ideas.id, ideaId));
    return { ok: true as const, value: { commentId } };
  });
}

export async function hideComment(
  db: Database,
  viewer: Viewer,
  ideaId: number,
  commentId: number,
  reason: string,
): Promise<Outcome<{ commentId: number }>> {
  if (!viewer.isOrganiser) return fail(403, "Only organisers can hide comments.");
  return db.transaction(async (tx) => {
    const row = await ideaWithWeek(tx, ideaId, true);
    if (!row) return fail(404, "That idea does not exist.");
    const comment = await lockComment(tx, ideaId, commentId);
    if (!comment || comment.deletedAt) return fail(404, "That comment no longer exists.");
    if (comment.hiddenAt) return { ok: true as const, value: { commentId } };
    await tx
      .update(ideaComments)
      .set({ hiddenAt: new Date(), hiddenById: viewer.id, hiddenReason: reason })
      .where(eq(ideaComments.id, commentId));
    await tx
      .update(ideas)
      .set({ commentCount: sql`${ideas.commentCount} - 1` })
      .where(eq(ideas.id, ideaId));
    await audit(tx, {
      actorId: viewer.id,
      action: "comment.hidden",
      targetType: "comment",
      targetId: commentId,
      before: { body: comment.body.slice(0, 500), authorId: comment.authorId },
      after: { hidden: true },
      note: reason,
      requestId: viewer.requestId,
    });
    return { ok: true as const, value: { commentId } };
  });
}

/** Whether an idea became a demo (its team submitted one): such an idea is not carried over again. */
export async function ideaHasDemo(db: Queryable, ideaId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: demos.id })
    .from(demos)
    .innerJoin(teams, eq(teams.id, demos.teamId))
    .where(eq(teams.ideaId, ideaId))
    .limit(1);
  return row !== undefined;
}

/**
 * Re-pitches a past idea that never became a demo into the week now taking pitches: a new idea
 * linked to the old one, with the old idea's followers carried over and notified.
 */
export async function carryOver(
  db: Database,
  viewer: Viewer,
  ideaId: number,
  now = new Date(),
): Promise<Outcome<{ id: number }>> {
  const target = await featuredWeek(db, now);
  return forgettingFacets(
    db.transaction(async (tx) => {
      const row = await ideaWithWeek(tx, ideaId, true);
      if (!row || row.idea.status === "withdrawn") return fail(404, "That idea does not exist.");
      if (row.idea.authorId !== viewer.id && !viewer.isOrganiser)
        return fail(403, "Only the idea's author or an organiser can carry it over.");
      const targetPhase = target ? phaseAt(target, now) : null;
      const hasDemo = await ideaHasDemo(tx, ideaId);
      if (
        !target ||
        !targetPhase ||
        target.id === row.week.id ||
        !canCarryOver({ phase: row.phase, hasDemo }, { phase: targetPhase })
      ) {
        if (hasDemo) return fail(409, "This idea became a demo, so it cannot be carried over.");
        return fail(409, "Ideas can be carried over from a past week into a week that is taking pitches.");
      }
      const [author] = await tx.select({ departmentId: users.departmentId }).from(users).where(eq(users.id, row.idea.authorId));
      const { idea } = row;
      // ON CONFLICT, not a caught error: a failed statement would abort the whole transaction.
      const [created] = await tx
        .insert(ideas)
        .values({
          weekId: target.id,
          authorId: idea.authorId,
          departmentId: author?.departmentId ?? idea.departmentId,
          title: idea.title,
          summary: idea.summary,
          problem: idea.problem,
          proposal: idea.proposal,
          learning: idea.learning,
          skills: idea.skills,
          tags: idea.tags,
          peopleWanted: idea.peopleWanted,
          carriedFromId: idea.id,
        })
        .onConflictDoNothing()
        .returning({ id: ideas.id });
      if (!created) return fail(409, `This idea has already been carried over to ${target.name}.`);
      const createdId = created.id;
      const carried = await tx.execute<{ user_id: number }>(sql`
      insert into idea_follows (idea_id, user_id)
      select ${createdId}, user_id from idea_follows where idea_id = ${idea.id}
      on conflict do nothing
      returning user_id`);
      const followerIds = [...carried].map((r) => Number(r.user_id));
      await tx.update(ideas).set({ followerCount: followerIds.length }).where(eq(ideas.id, createdId));
      await notify(
        tx,
        followerIds.map((userId) => ({
          userId,
          actorId: viewer.id,
          kind: "idea_carried_over",
          link: `/ideas/${createdId}`,
          message: `“${idea.title}”, an idea you follow, was carried over to ${target.name}.`,
          data: { ideaId: createdId, fromIdeaId: idea.id },
        })),
      );
      await audit(tx, {
        actorId: viewer.id,
        action: "idea.carried_over",
        targetType: "idea",
        targetId: createdId,
        after: { from: idea.id, week: target.slug, followers: followerIds.length },
        requestId: viewer.requestId,
      });
      return { ok: true as const, value: { id: createdId } };
    }),
  );
}

/** Everything the idea page shows, in a fixed number of queries. Null when the viewer may not see it. */
export async function loadIdeaPage(db: Database, viewer: Viewer, ideaId: number, now = new Date()) {
  const [row] = await db
    .select({
      idea: ideas,
      week: weeks,
      authorName: users.name,
      department: departments.name,
      following: sql<boolean>`exists (select 1 from ${ideaFollows} where ${ideaFollows.ideaId} = ${ideas.id} and ${ideaFollows.userId} = ${viewer.id})`,
    })
    .from(ideas)
    .innerJoin(weeks, eq(weeks.id, ideas.weekId))
    .innerJoin(users, eq(users.id, ideas.authorId))
    .innerJoin(departments, eq(departments.id, ideas.departmentId))
    .where(eq(ideas.id, ideaId));
  if (!row) return null;
  const isAuthor = row.idea.authorId === viewer.id;
  if (row.idea.status === "withdrawn" && !isAuthor && !viewer.isOrganiser) return null;

  const [comments, history, team, target] = await Promise.all([
    db
      .select({
        id: ideaComments.id,
        body: ideaComments.body,
        authorId: ideaComments.authorId,
        authorName: users.name,
        createdAt: ideaComments.createdAt,
        editedAt: ideaComments.editedAt,
        deletedAt: ideaComments.deletedAt,
        hiddenAt: ideaComments.hiddenAt,
        hiddenReason: ideaComments.hiddenReason,
      })
      .from(ideaComments)
      .innerJoin(users, eq(users.id, ideaComments.authorId))
      .where(eq(ideaComments.ideaId, ideaId))
      .orderBy(asc(ideaComments.createdAt), asc(ideaComments.id))
      .limit(500),
    // Both directions of carry-over: where it came from, and where it went.
    db
      .select({
        id: ideas.id,
        title: ideas.title,
        weekName: weeks.name,
        weekSlug: weeks.slug,
        direction: sql<"from" | "to">`case when ${ideas.id} = ${row.idea.carriedFromId ?? 0} then 'from' else 'to' end`,
      })
      .from(ideas)
      .innerJoin(weeks, eq(weeks.id, ideas.weekId))
      .where(
        and(
          sql`(${ideas.id} = ${row.idea.carriedFromId ?? 0} or ${ideas.carriedFromId} = ${ideaId})`,
          eq(ideas.status, "published"),
        ),
      )
      .orderBy(asc(weeks.pitchingOpensAt)),
    db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.ideaId, ideaId)),
    featuredWeek(db, now),
  ]);
  const phase = phaseAt(row.week, now);
  const targetPhase = target ? phaseAt(target, now) : null;
  const carriedTo = history.find((h) => h.direction === "to" && target && h.weekSlug === target.slug);
  const mayCarry =
    (isAuthor || viewer.isOrganiser) &&
    row.idea.status === "published" &&
    !carriedTo &&
    target !== null &&
    target.id !== row.week.id &&
    targetPhase !== null &&
    canCarryOver({ phase, hasDemo: await ideaHasDemo(db, ideaId) }, { phase: targetPhase });
  return {
    ...row,
    phase,
    isAuthor,
    comments,
    history,
    team: team[0] ?? null,
    permissions: {
      edit:
        (isAuthor || viewer.isOrganiser) &&
        canEditIdea(phase, { isAuthor, isOrganiser: viewer.isOrganiser }) &&
        row.idea.status === "published",
      discuss: canDiscuss(phase, row.idea.status),
      moderate: viewer.isOrganiser,
      carryOverTo: mayCarry && target ? { name: target.name, slug: target.slug } : null,
      startTeam:
        (isAuthor || viewer.isOrganiser) &&
        row.idea.status === "published" &&
        team.length === 0 &&
        canChangeRoster(phase, viewer.isOrganiser),
    },
  };
}

/** Skills and themes already used (most used first), for autocomplete and board filters. */
export async function usedTags(db: Queryable, column: "skills" | "tags", weekId?: number, limit = 60): Promise<string[]> {
  const col = column === "skills" ? ideas.skills : ideas.tags;
  const rows = await db
    .select({ tag: sql<string>`t.tag`, n: sql<number>`count(*)::int` })
    .from(sql`${ideas}, unnest(${col}) as t(tag)`)
    .where(and(eq(ideas.status, "published"), weekId ? eq(ideas.weekId, weekId) : undefined))
    .groupBy(sql`t.tag`)
    .orderBy(desc(sql`count(*)`), asc(sql`t.tag`))
    .limit(limit);
  return rows.map((r) => r.tag);
}
