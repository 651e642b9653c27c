import { and, eq } from "drizzle-orm";
import { audit } from "~/lib/audit.server";
import { markdownToText } from "~/lib/markdown.server";
import type { Outcome } from "~/lib/outcome";
import { fail, ok } from "~/lib/outcome";
import { type NewNotification, notify } from "~/notifications/notify.server";
import { phaseAt } from "~/weeks/phase";
import type { Database, Queryable } from "~db/client";
import { ideaFollows, teamJournal, teamMembers, teams, users, weeks } from "~db/schema";
import type { Actor } from "./teams.server";

/** The team journal: short Markdown updates members post during the week. */

export const JOURNAL_BODY_MAX = 5000;
/** How much of an update's plain text the notification quotes. */
const PREVIEW_LENGTH = 80;

/** Why a journal body cannot be stored, or null when it can (the route's Zod says the same; this holds for every caller). */
export function journalBodyProblem(body: string): string | null {
  if (body.includes("\u0000")) return "The update contains a null character; remove it and try again.";
  const text = body.trim();
  if (text.length === 0) return "Write something first.";
  if (text.length > JOURNAL_BODY_MAX) return "Keep an update to 5,000 characters.";
  return null;
}

async function teamWithWeek(tx: Queryable, teamId: number) {
  const [row] = await tx
    .select({ team: teams, week: weeks })
    .from(teams)
    .innerJoin(weeks, eq(weeks.id, teams.weekId))
    .where(eq(teams.id, teamId))
    .for("share", { of: teams });
  return row ? { ...row, phase: phaseAt(row.week, new Date()) } : null;
}

/**
 * A member (or an organiser) posts an update. The followers of the team's idea and the other members
 * are notified in the same transaction; the author is not.
 */
export async function postJournal(
  db: Database,
  actor: Actor,
  teamId: number,
  body: string,
): Promise<Outcome<{ entryId: number }>> {
  const problem = journalBodyProblem(body);
  if (problem) return fail(400, problem, "body");
  const text = body.trim();
  return db.transaction(async (tx) => {
    const found = await teamWithWeek(tx, teamId);
    if (!found) return fail(404, "That team does not exist.");
    const { team, week, phase } = found;
    const members = await tx.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId));
    if (!members.some((m) => m.userId === actor.id) && !actor.isOrganiser) {
      return fail(403, `Only members of ${team.name} can post to its journal.`);
    }
    if (phase === "archived") return fail(409, `${week.name} is archived and read-only.`);
    const [entry] = await tx
      .insert(teamJournal)
      .values({ teamId, authorId: actor.id, body: text })
      .returning({ id: teamJournal.id });
    if (!entry) throw new Error("journal insert returned no row");
    const followers = await tx
      .select({ userId: ideaFollows.userId })
      .from(ideaFollows)
      .where(eq(ideaFollows.ideaId, team.ideaId));
    const recipients = new Set([...members.map((m) => m.userId), ...followers.map((f) => f.userId)]);
    recipients.delete(actor.id);
    const preview = markdownToText(text, PREVIEW_LENGTH);
    await notify(
      tx,
      [...recipients].map(
        (userId): NewNotification => ({
          userId,
          actorId: actor.id,
          kind: "team_journal",
          link: `/teams/${teamId}#journal-${entry.id}`,
          message: `${team.name} posted an update: ${preview}`,
          data: { teamId, entryId: entry.id },
        }),
      ),
    );
    return ok({ entryId: entry.id });
  });
}

/**
 * The author deletes their own update (while the week is not archived); an organiser may remove any,
 * at any time, as moderation: that is audited and the author is told.
 */
export async function deleteJournal(
  db: Database,
  actor: Actor,
  teamId: number,
  entryId: number,
): Promise<Outcome<{ entryId: number }>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ entry: teamJournal, teamName: teams.name, week: weeks })
      .from(teamJournal)
      .innerJoin(teams, eq(teams.id, teamJournal.teamId))
      .innerJoin(weeks, eq(weeks.id, teams.weekId))
      .where(and(eq(teamJournal.id, entryId), eq(teamJournal.teamId, teamId)))
      .for("update", { of: teamJournal });
    if (!row) return fail(404, "That update no longer exists.");
    const { entry, teamName, week } = row;
    const mine = entry.authorId === actor.id;
    if (!mine && !actor.isOrganiser) return fail(403, "You can only delete your own updates.");
    if (!actor.isOrganiser && phaseAt(week, new Date()) === "archived")
      return fail(409, `${week.name} is archived and read-only.`);
    await tx.delete(teamJournal).where(eq(teamJournal.id, entryId));
    if (!mine) {
      const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, entry.authorId));
      await audit(tx, {
        actorId: actor.id,
        action: "team.journal_deleted",
        targetType: "team",
        targetId: teamId,
        before: { entryId, authorId: entry.authorId, authorName: author?.name ?? null, body: entry.body.slice(0, 1000) },
        requestId: actor.requestId,
      });
      await notify(tx, [
        {
          userId: entry.authorId,
          actorId: actor.id,
          kind: "team_journal_removed",
          link: `/teams/${teamId}#journal`,
          message: `An organiser removed your update from ${teamName}'s journal.`,
          data: { teamId, entryId },
        },
      ]);
    }
    return ok({ entryId });
  });
}
