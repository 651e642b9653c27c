import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { audit } from "~/lib/audit.server";
import { fail, type Outcome, ok } from "~/lib/outcome";
import { type NewNotification, notify } from "~/notifications/notify.server";
import type { Database, Queryable } from "~db/client";
import { demos, kudos, teamMembers, teams, users } from "~db/schema";
import type { RecognitionActor } from "./nominations.server";
import { KUDOS_ERRORS, KUDOS_MAX, type KudosTargetKind } from "./rules";

export type KudosTarget = { kind: KudosTargetKind; id: number };

/** One kudos as the panel shows it (dates as ISO strings, ready for a loader). */
export type KudosItem = { id: number; message: string; createdAt: string; authorId: number; authorName: string };

/** Everything `<KudosPanel>` needs; a page's loader returns it as is. */
export type KudosPanelData = {
  target: KudosTarget;
  kudos: KudosItem[];
  canGive: boolean;
  viewerId: number;
  isOrganiser: boolean;
};

const memberOf = (teamId: SQL | number, userId: number) =>
  sql<boolean>`exists (select 1 from ${teamMembers} where ${teamMembers.teamId} = ${teamId} and ${teamMembers.userId} = ${userId})`;

/** Where kudos go, and who is told: the person, or every current member of the team (or the demo's team). */
type Resolved = { recipients: number[]; link: string; what: string };

async function resolveTarget(tx: Queryable, actor: { id: number }, target: KudosTarget): Promise<Outcome<Resolved>> {
  if (target.kind === "user") {
    if (target.id === actor.id) return fail(400, KUDOS_ERRORS.self, "message");
    const [person] = await tx
      .select({ id: users.id, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, target.id));
    if (!person) return fail(404, KUDOS_ERRORS["unknown-user"], "message");
    if (person.deactivatedAt) return fail(409, KUDOS_ERRORS.deactivated, "message");
    return ok({ recipients: [person.id], link: `/people/${person.id}#kudos`, what: "you" });
  }
  if (target.kind === "team") {
    const [team] = await tx
      .select({ id: teams.id, name: teams.name, mine: memberOf(sql`${teams.id}`, actor.id) })
      .from(teams)
      .where(eq(teams.id, target.id));
    if (!team) return fail(404, KUDOS_ERRORS["unknown-team"], "message");
    if (team.mine) return fail(403, KUDOS_ERRORS["own-team"], "message");
    const members = await tx.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, team.id));
    return ok({ recipients: members.map((m) => m.userId), link: `/teams/${team.id}#kudos`, what: `your team ${team.name}` });
  }
  const [demo] = await tx
    .select({ id: demos.id, title: demos.title, teamId: demos.teamId, mine: memberOf(sql`${demos.teamId}`, actor.id) })
    .from(demos)
    .where(eq(demos.id, target.id));
  if (!demo) return fail(404, KUDOS_ERRORS["unknown-demo"], "message");
  if (demo.mine) return fail(403, KUDOS_ERRORS["own-demo"], "message");
  const members = await tx.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, demo.teamId));
  return ok({
    recipients: members.map((m) => m.userId),
    link: `/demos/${demo.id}#kudos`,
    what: `your team's demo “${demo.title}”`,
  });
}

/**
 * Short public thanks on a person, a team or a demo. Not to yourself, your own team or its demo;
 * the person (or every member of the team) is told in the same transaction.
 */
export async function giveKudos(
  db: Database,
  actor: RecognitionActor,
  target: KudosTarget,
  message: string,
): Promise<Outcome<{ id: number }>> {
  const text = message.trim();
  if (!text) return fail(400, KUDOS_ERRORS.empty, "message");
  if (text.length > KUDOS_MAX) return fail(400, KUDOS_ERRORS.long, "message");
  return db.transaction(async (tx) => {
    const resolved = await resolveTarget(tx, actor, target);
    if (!resolved.ok) return resolved;
    const { recipients, link, what } = resolved.value;
    const [created] = await tx
      .insert(kudos)
      .values({
        authorId: actor.id,
        message: text,
        userId: target.kind === "user" ? target.id : null,
        teamId: target.kind === "team" ? target.id : null,
        demoId: target.kind === "demo" ? target.id : null,
      })
      .returning({ id: kudos.id });
    if (!created) throw new Error("kudos insert returned no row");
    const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
    const notes: NewNotification[] = recipients.map((userId) => ({
      userId,
      actorId: actor.id,
      kind: "kudos",
      link,
      message: `${me?.name ?? "Someone"} gave ${what} kudos: “${text}”`,
      data: { kudosId: created.id, target },
    }));
    await notify(tx, notes);
    return ok({ id: created.id });
  });
}

/** Its author removes kudos; an organiser may hide anyone's (audited, with what it said). */
export async function removeKudos(
  db: Database,
  actor: RecognitionActor,
  kudosId: number,
): Promise<Outcome<{ id: number; target: KudosTarget }>> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(kudos).where(eq(kudos.id, kudosId)).for("update");
    if (!row || row.deletedAt) return fail(404, KUDOS_ERRORS.gone);
    if (row.authorId !== actor.id && !actor.isOrganiser) return fail(403, KUDOS_ERRORS.forbidden);
    await tx.update(kudos).set({ deletedAt: new Date() }).where(eq(kudos.id, kudosId));
    const target: KudosTarget = row.userId
      ? { kind: "user", id: row.userId }
      : row.teamId
        ? { kind: "team", id: row.teamId }
        : { kind: "demo", id: row.demoId ?? 0 };
    if (row.authorId !== actor.id) {
      await audit(tx, {
        actorId: actor.id,
        action: "kudos.hidden",
        targetType: "kudos",
        targetId: kudosId,
        before: { message: row.message, authorId: row.authorId, target },
        after: { hidden: true },
        requestId: actor.requestId,
      });
    }
    return ok({ id: kudosId, target });
  });
}

const columnOf = (kind: KudosTargetKind) => (kind === "user" ? kudos.userId : kind === "team" ? kudos.teamId : kudos.demoId);

/** The visible kudos on one person, team or demo, newest first, with their authors' names (one query). */
export async function listKudos(db: Queryable, target: KudosTarget, limit = 50): Promise<KudosItem[]> {
  const rows = await db
    .select({
      id: kudos.id,
      message: kudos.message,
      createdAt: kudos.createdAt,
      authorId: kudos.authorId,
      authorName: users.name,
    })
    .from(kudos)
    .innerJoin(users, eq(users.id, kudos.authorId))
    .where(and(eq(columnOf(target.kind), target.id), isNull(kudos.deletedAt)))
    .orderBy(desc(kudos.createdAt), desc(kudos.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** Whether `viewerId` may give kudos to `target` (mirrors giveKudos; unknown targets are left to it). */
async function canGiveKudos(db: Queryable, viewerId: number, target: KudosTarget): Promise<boolean> {
  if (target.kind === "user") return target.id !== viewerId;
  const teamId =
    target.kind === "team"
      ? sql`${target.id}::int`
      : sql`(select ${demos.teamId} from ${demos} where ${demos.id} = ${target.id})`;
  const [row] = await db.execute<{ mine: boolean }>(sql`select ${memberOf(teamId, viewerId)} as mine`);
  return !row?.mine;
}

/** The loader half of `<KudosPanel>`: the kudos on a target and whether the viewer may add some. */
export async function kudosPanelData(
  db: Queryable,
  viewer: { id: number; isOrganiser: boolean },
  target: KudosTarget,
  limit = 50,
  /** Whether the viewer may give kudos, when the page already knows it (saves a query). */
  knownCanGive?: boolean,
): Promise<KudosPanelData> {
  const [items, canGive] = await Promise.all([listKudos(db, target, limit), knownCanGive ?? canGiveKudos(db, viewer.id, target)]);
  return { target, kudos: items, canGive, viewerId: viewer.id, isOrganiser: viewer.isOrganiser };
}

export type ReceivedKudos = KudosItem & {
  target: { kind: KudosTargetKind; id: number; name: string; href: string };
};

/**
 * Kudos a person received, for the portfolio: on them, and on the teams (and those teams' demos) they
 * are a member of. Newest first, one query.
 */
export async function kudosReceivedBy(db: Queryable, userId: number, limit = 50): Promise<ReceivedKudos[]> {
  const rows = await db
    .select({
      id: kudos.id,
      message: kudos.message,
      createdAt: kudos.createdAt,
      authorId: kudos.authorId,
      authorName: users.name,
      userId: kudos.userId,
      teamId: kudos.teamId,
      teamName: teams.name,
      demoId: kudos.demoId,
      demoTitle: demos.title,
    })
    .from(kudos)
    .innerJoin(users, eq(users.id, kudos.authorId))
    .leftJoin(teams, eq(teams.id, kudos.teamId))
    .leftJoin(demos, eq(demos.id, kudos.demoId))
    .where(
      and(
        isNull(kudos.deletedAt),
        sql`(${kudos.userId} = ${userId}
          or ${kudos.teamId} in (select ${teamMembers.teamId} from ${teamMembers} where ${teamMembers.userId} = ${userId})
          or ${kudos.demoId} in (select d.id from ${demos} d join ${teamMembers} m on m.team_id = d.team_id where m.user_id = ${userId}))`,
      ),
    )
    .orderBy(desc(kudos.createdAt), desc(kudos.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    message: r.message,
    createdAt: r.createdAt.toISOString(),
    authorId: r.authorId,
    authorName: r.authorName,
    target:
      r.teamId !== null
        ? { kind: "team" as const, id: r.teamId, name: r.teamName ?? "a team", href: `/teams/${r.teamId}` }
        : r.demoId !== null
          ? { kind: "demo" as const, id: r.demoId, name: r.demoTitle ?? "a demo", href: `/demos/${r.demoId}` }
          : { kind: "user" as const, id: userId, name: "you", href: `/people/${userId}` },
  }));
}
