import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import { fail, ok } from "~/lib/outcome";
import { PAGE_SIZE } from "~/lib/pagination";
import { notify } from "~/notifications/notify.server";
import { type Phase, phaseAt } from "~/weeks/phase";
import type { Week } from "~/weeks/weeks.server";
import type { Database, Queryable, Transaction } from "~db/client";
import {
  type DemoLink,
  demoImages,
  demoReflections,
  demos,
  departments,
  teamMembers,
  teams,
  users,
  votingSettings,
  weeks,
} from "~db/schema";
import type { PreparedImage } from "./images.server";
import { LINK_KINDS, linkProblem, MAX_LINKS } from "./schemas.server";

export type DemoActor = { id: number; isOrganiser: boolean; requestId?: string };
export type Demo = Omit<typeof demos.$inferSelect, "search" | "archiveSearch">;
type TeamRow = typeof teams.$inferSelect;

export const MAX_IMAGES_PER_DEMO = 5;

/** Every demo column except the generated search vector (never needed by the app). */
// The search documents are large and only ever read by the database's own indexes.
const { search: _search, archiveSearch: _archiveSearch, ...demoColumns } = getTableColumns(demos);

/** Screenshot metadata: everything but the bytes. */
const imageMeta = {
  id: demoImages.id,
  demoId: demoImages.demoId,
  position: demoImages.position,
  contentType: demoImages.contentType,
  byteSize: demoImages.byteSize,
  width: demoImages.width,
  height: demoImages.height,
  alt: demoImages.alt,
  sha256: demoImages.sha256,
};

// ---------------------------------------------------------------------------------------------
// Rules (pure)

const DATE = (timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });

export function formatInstant(at: Date, timeZone: string): string {
  try {
    return DATE(timeZone).format(at);
  } catch {
    return DATE("UTC").format(at);
  }
}

type WeekTimes = Pick<Week, "exploringStartsAt" | "demoDeadlineAt" | "votingOpensAt" | "votingClosesAt" | "timeZone">;

/** The team's deadline: the week's, or the organisers' extension for this team when later. */
export function effectiveDeadline(week: Pick<Week, "demoDeadlineAt">, overrideAt: Date | null | undefined): Date {
  return overrideAt && overrideAt.getTime() > week.demoDeadlineAt.getTime() ? overrideAt : week.demoDeadlineAt;
}

export type EditCheck = { ok: true; asOrganiser: boolean } | { ok: false; status: number; message: string };

/**
 * Who may change a team's demo, and when: members of a confirmed team from the start of exploring
 * until the deadline (the team's extension if later); organisers any time except while voting is open
 * (judges must score what they see), so they can still correct an archived demo. Organisers' edits
 * are audited.
 */
export function demoEditCheck(
  now: Date,
  week: WeekTimes,
  team: { confirmedAt: Date | null },
  overrideAt: Date | null | undefined,
  who: { isMember: boolean; isOrganiser: boolean },
): EditCheck {
  if (!who.isMember && !who.isOrganiser) {
    return { ok: false, status: 403, message: "Only members of the team (or an organiser) can edit its demo." };
  }
  if (!team.confirmedAt) {
    return {
      ok: false,
      status: 409,
      message: "Confirm your team first: only confirmed teams submit demos. The team lead confirms it on the team page.",
    };
  }
  const t = now.getTime();
  const deadline = effectiveDeadline(week, overrideAt);
  const memberOpen = t >= week.exploringStartsAt.getTime() && t < deadline.getTime();
  if (who.isMember && memberOpen) return { ok: true, asOrganiser: false };
  if (who.isOrganiser) {
    if (t < week.votingOpensAt.getTime() || t >= week.votingClosesAt.getTime()) return { ok: true, asOrganiser: true };
    return {
      ok: false,
      status: 409,
      message: `Voting is open: demos cannot change until it closes (${formatInstant(week.votingClosesAt, week.timeZone)}).`,
    };
  }
  if (t >= week.votingClosesAt.getTime()) {
    return {
      ok: false,
      status: 409,
      message: "This week's demos are in the archive and read-only. Ask an organiser to correct a mistake.",
    };
  }
  if (t < week.exploringStartsAt.getTime()) {
    return {
      ok: false,
      status: 409,
      message: `Demos open when exploring starts (${formatInstant(week.exploringStartsAt, week.timeZone)}).`,
    };
  }
  return {
    ok: false,
    status: 409,
    message: `The demo deadline (${formatInstant(deadline, week.timeZone)}) has passed. Ask an organiser if your team needs more time.`,
  };
}

/** "A demo has at most 5 screenshots …" or null. */
export function imageCountProblem(existing: number, removing: number, adding: number): string | null {
  const total = existing - removing + adding;
  if (total <= MAX_IMAGES_PER_DEMO) return null;
  return `A demo has at most ${MAX_IMAGES_PER_DEMO} screenshots: it has ${existing - removing}, and you chose ${adding} more. Remove some first.`;
}

// ---------------------------------------------------------------------------------------------
// Writes

/**
 * Locks the team row (so two saves of one demo run one after the other), loads its week, demo and
 * members, and checks the edit rules. Used by every write to a demo and its screenshots.
 */
export async function lockDemoForEdit(
  tx: Transaction,
  actor: DemoActor,
  teamId: number,
): Promise<Outcome<{ team: TeamRow; week: Week; demo: Demo | null; memberIds: number[]; asOrganiser: boolean }>> {
  const [row] = await tx
    .select({ team: teams, week: weeks })
    .from(teams)
    .innerJoin(weeks, eq(weeks.id, teams.weekId))
    .where(eq(teams.id, teamId))
    .for("no key update", { of: teams });
  if (!row) return fail(404, "That team does not exist.");
  const [members, [demo]] = await Promise.all([
    tx.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId)),
    tx.select(demoColumns).from(demos).where(eq(demos.teamId, teamId)),
  ]);
  const memberIds = members.map((m) => m.userId);
  const check = demoEditCheck(new Date(), row.week, row.team, demo?.deadlineOverrideAt, {
    isMember: memberIds.includes(actor.id),
    isOrganiser: actor.isOrganiser,
  });
  if (!check.ok) return fail(check.status, check.message);
  return ok({ team: row.team, week: row.week, demo: demo ?? null, memberIds, asOrganiser: check.asOrganiser });
}

export type ReflectionInput = { userId: number; stretchGoal: string; reflection: string };

export type DemoInput = {
  title: string;
  summary: string;
  built: string;
  learnings: string;
  links: DemoLink[];
  tags: string[];
  reflections?: ReflectionInput[];
  images?: { add?: PreparedImage[]; remove?: number[]; alt?: Array<{ id: number; alt: string }> };
};

/**
 * Creates or updates a team's demo, its members' reflections and its screenshots in one
 * transaction. Every check runs before the first write, so a refusal changes nothing.
 */
export async function saveDemo(
  db: Database,
  actor: DemoActor,
  teamId: number,
  input: DemoInput,
): Promise<Outcome<{ id: number; created: boolean }>> {
  return db.transaction(async (tx) => {
    const locked = await lockDemoForEdit(tx, actor, teamId);
    if (!locked.ok) return locked;
    const { team, week, demo, memberIds, asOrganiser } = locked.value;

    // Links: http(s) only, checked here too (not only by the form), so no caller can store `javascript:`.
    if (input.links.length > MAX_LINKS) return fail(400, `Add at most ${MAX_LINKS} links.`, "links");
    for (const [i, link] of input.links.entries()) {
      if (!(LINK_KINDS as readonly string[]).includes(link.kind))
        return fail(400, "Choose video, repository, slides or other.", `linkKind.${i}`);
      const problem = linkProblem(link.url);
      if (problem) return fail(400, problem, `linkUrl.${i}`);
    }

    // Reflections: members only, and each member writes their own (organisers may correct any).
    const reflections = input.reflections ?? [];
    for (const r of reflections) {
      if (!memberIds.includes(r.userId))
        return fail(400, "Reflections are for members of the team only.", `reflection-${r.userId}`);
      if (r.userId !== actor.id && !actor.isOrganiser) {
        return fail(403, "Each member writes their own reflection.", `reflection-${r.userId}`);
      }
    }

    // Screenshots: removals and alt texts must name this demo's screenshots; at most five in all.
    const add = input.images?.add ?? [];
    const remove = [...new Set(input.images?.remove ?? [])];
    const alts = input.images?.alt ?? [];
    const existing = demo
      ? await tx
          .select({ id: demoImages.id, position: demoImages.position })
          .from(demoImages)
          .where(eq(demoImages.demoId, demo.id))
      : [];
    const existingIds = new Set(existing.map((r) => r.id));
    if (remove.some((id) => !existingIds.has(id)) || alts.some((a) => !existingIds.has(a.id))) {
      return fail(400, "That screenshot is not part of this demo any more. Reload the page and try again.", "screenshots");
    }
    const countProblem = imageCountProblem(existing.length, remove.length, add.length);
    if (countProblem) return fail(400, countProblem, "screenshots");

    const now = new Date();
    const fields = {
      title: input.title,
      summary: input.summary,
      built: input.built,
      learnings: input.learnings,
      links: input.links,
      tags: input.tags,
    };
    let demoId: number;
    if (demo) {
      await tx
        .update(demos)
        .set({ ...fields, updatedAt: now })
        .where(eq(demos.id, demo.id));
      demoId = demo.id;
    } else {
      const [created] = await tx
        .insert(demos)
        .values({ ...fields, teamId, weekId: week.id, submittedAt: now, updatedAt: now })
        .returning({ id: demos.id });
      if (!created) throw new Error("demo insert returned no row");
      demoId = created.id;
    }

    for (const r of reflections) {
      await tx
        .insert(demoReflections)
        .values({ demoId, userId: r.userId, stretchGoal: r.stretchGoal, reflection: r.reflection, updatedAt: now })
        .onConflictDoUpdate({
          target: [demoReflections.demoId, demoReflections.userId],
          set: { stretchGoal: r.stretchGoal, reflection: r.reflection, updatedAt: now },
        });
    }

    if (remove.length) await tx.delete(demoImages).where(and(eq(demoImages.demoId, demoId), inArray(demoImages.id, remove)));
    for (const a of alts) {
      if (remove.includes(a.id)) continue;
      await tx
        .update(demoImages)
        .set({ alt: a.alt })
        .where(and(eq(demoImages.id, a.id), eq(demoImages.demoId, demoId)));
    }
    if (add.length) {
      const start = existing.filter((r) => !remove.includes(r.id)).reduce((max, r) => Math.max(max, r.position + 1), 0);
      await tx.insert(demoImages).values(
        add.map((img, i) => ({
          demoId,
          position: start + i,
          contentType: img.contentType,
          bytes: img.bytes,
          byteSize: img.byteSize,
          width: img.width,
          height: img.height,
          sha256: img.sha256,
        })),
      );
    }

    if (asOrganiser) {
      await audit(tx, {
        actorId: actor.id,
        action: demo ? "demo.edited_by_organiser" : "demo.submitted_by_organiser",
        targetType: "demo",
        targetId: demoId,
        before: demo
          ? {
              title: demo.title,
              summary: demo.summary,
              built: demo.built,
              learnings: demo.learnings,
              links: demo.links,
              tags: demo.tags,
            }
          : undefined,
        after: {
          ...fields,
          reflectionsOf: reflections.map((r) => r.userId),
          imagesAdded: add.length,
          imagesRemoved: remove,
        },
        requestId: actor.requestId,
      });
    }
    if (!demo) {
      const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
      await notify(
        tx,
        memberIds.map((userId) => ({
          userId,
          actorId: actor.id,
          kind: "demo_submitted",
          link: `/demos/${demoId}`,
          message: `${me?.name ?? "Someone"} submitted ${team.name}'s demo “${input.title}”. Add your reflection before the deadline.`,
        })),
      );
    }
    return ok({ id: demoId, created: !demo });
  });
}

/**
 * Gives one team more time (organisers only, audited). The new deadline must be later than the
 * week's and no later than the moment voting opens. Only a team that has a demo can be extended
 * (the extension lives on the demo).
 */
export async function extendDeadline(
  db: Database,
  organiser: DemoActor,
  teamId: number,
  until: Date,
): Promise<Outcome<{ demoId: number; until: Date }>> {
  if (!organiser.isOrganiser) return fail(403, "Only organisers can extend a team's deadline.");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ team: teams, week: weeks })
      .from(teams)
      .innerJoin(weeks, eq(weeks.id, teams.weekId))
      .where(eq(teams.id, teamId))
      .for("no key update", { of: teams });
    if (!row) return fail(404, "That team does not exist.");
    const { team, week } = row;
    const [demo] = await tx.select(demoColumns).from(demos).where(eq(demos.teamId, teamId)).for("update");
    if (!demo) return fail(409, "This team has no demo yet, so there is no deadline to extend.");
    const tz = week.timeZone;
    if (until.getTime() <= week.demoDeadlineAt.getTime()) {
      return fail(400, `Choose a time after the week's deadline (${formatInstant(week.demoDeadlineAt, tz)}).`, "until");
    }
    if (until.getTime() > week.votingOpensAt.getTime()) {
      return fail(400, `Choose a time no later than when voting opens (${formatInstant(week.votingOpensAt, tz)}).`, "until");
    }
    if (until.getTime() <= Date.now()) return fail(400, "Choose a time in the future.", "until");
    await tx.update(demos).set({ deadlineOverrideAt: until }).where(eq(demos.id, demo.id));
    await audit(tx, {
      actorId: organiser.id,
      action: "demo.deadline_extended",
      targetType: "team",
      targetId: teamId,
      before: { deadlineOverrideAt: demo.deadlineOverrideAt?.toISOString() ?? null, demoId: demo.id },
      after: { deadlineOverrideAt: until.toISOString(), demoId: demo.id },
      requestId: organiser.requestId,
    });
    const members = await tx.select({ userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId));
    await notify(
      tx,
      members.map((m) => ({
        userId: m.userId,
        actorId: organiser.id,
        kind: "demo_deadline_extended",
        link: `/teams/${teamId}/demo`,
        message: `An organiser extended ${team.name}'s demo deadline to ${formatInstant(until, tz)}.`,
      })),
    );
    return ok({ demoId: demo.id, until });
  });
}

// ---------------------------------------------------------------------------------------------
// Reads

export async function demoForTeam(db: Queryable, teamId: number) {
  const [demo] = await db.select(demoColumns).from(demos).where(eq(demos.teamId, teamId));
  if (!demo) return null;
  const [images, reflections] = await Promise.all([
    db
      .select(imageMeta)
      .from(demoImages)
      .where(eq(demoImages.demoId, demo.id))
      .orderBy(asc(demoImages.position), asc(demoImages.id)),
    db.select().from(demoReflections).where(eq(demoReflections.demoId, demo.id)),
  ]);
  return { demo, images, reflections };
}

/** Members of a team with their department and profile stretch goals. */
async function membersOf(db: Queryable, teamId: number) {
  return db
    .select({
      id: users.id,
      name: users.name,
      title: users.title,
      role: teamMembers.role,
      departmentId: users.departmentId,
      department: departments.name,
      stretchGoals: users.stretchGoals,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(sql`${teamMembers.role} = 'lead' desc`, asc(users.name));
}

/** What the submission form needs: the team, its week, members, the demo so far, and whether the viewer may edit. */
export async function loadDemoEditor(db: Queryable, viewer: DemoActor, teamId: number) {
  const [row] = await db
    .select({ team: teams, week: weeks })
    .from(teams)
    .innerJoin(weeks, eq(weeks.id, teams.weekId))
    .where(eq(teams.id, teamId));
  if (!row) return null;
  const [members, current] = await Promise.all([membersOf(db, teamId), demoForTeam(db, teamId)]);
  const isMember = members.some((m) => m.id === viewer.id);
  const check = demoEditCheck(new Date(), row.week, row.team, current?.demo.deadlineOverrideAt, {
    isMember,
    isOrganiser: viewer.isOrganiser,
  });
  return {
    team: row.team,
    week: row.week,
    phase: phaseAt(row.week, new Date()),
    members,
    current,
    isMember,
    check,
    deadline: effectiveDeadline(row.week, current?.demo.deadlineOverrideAt),
  };
}

/** The demo page: the demo, its team and week, members with departments and reflections, screenshots. */
export async function loadDemoPage(db: Queryable, viewer: DemoActor, demoId: number) {
  // Two queries: the demo with its team, week and publication, then everything listed on the page.
  const [row] = await db
    .select({ demo: demoColumns, team: teams, week: weeks, resultsPublishedAt: votingSettings.publishedAt })
    .from(demos)
    .innerJoin(teams, eq(teams.id, demos.teamId))
    .innerJoin(weeks, eq(weeks.id, demos.weekId))
    .leftJoin(votingSettings, eq(votingSettings.weekId, demos.weekId))
    .where(eq(demos.id, demoId));
  if (!row) return null;
  const [lists] = await db.execute<{
    members: Array<Awaited<ReturnType<typeof membersOf>>[number]>;
    images: Array<{ id: number; position: number; width: number | null; height: number | null; alt: string }>;
    reflections: Array<{ userId: number; stretchGoal: string; reflection: string }>;
  }>(sql`
    select
      coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name, 'title', u.title, 'role', tm.role,
          'departmentId', u.department_id, 'department', dep.name, 'stretchGoals', u.stretch_goals)
          order by tm.role = 'lead' desc, u.name)
        from ${teamMembers} tm join ${users} u on u.id = tm.user_id join ${departments} dep on dep.id = u.department_id
        where tm.team_id = ${row.team.id}), '[]') as members,
      coalesce((select json_agg(json_build_object('id', i.id, 'position', i.position, 'width', i.width,
          'height', i.height, 'alt', i.alt) order by i.position, i.id)
        from ${demoImages} i where i.demo_id = ${demoId}), '[]') as images,
      coalesce((select json_agg(json_build_object('userId', r.user_id, 'stretchGoal', r.stretch_goal,
          'reflection', r.reflection))
        from ${demoReflections} r where r.demo_id = ${demoId}), '[]') as reflections`);
  const members = lists?.members ?? [];
  const images = lists?.images ?? [];
  const reflections = lists?.reflections ?? [];
  const now = new Date();
  const phase: Phase = phaseAt(row.week, now);
  const isMember = members.some((m) => m.id === viewer.id);
  const check = demoEditCheck(now, row.week, row.team, row.demo.deadlineOverrideAt, {
    isMember,
    isOrganiser: viewer.isOrganiser,
  });
  const byUser = new Map(reflections.map((r) => [r.userId, r]));
  return {
    ...row,
    phase,
    members: members.map((m) => ({ ...m, reflection: byUser.get(m.id) ?? null })),
    images,
    isMember,
    deadline: effectiveDeadline(row.week, row.demo.deadlineOverrideAt),
    permissions: {
      edit: check.ok,
      extend: viewer.isOrganiser && now.getTime() < row.week.votingOpensAt.getTime(),
    },
  };
}

export type GalleryQuery = { q?: string; tag?: string; department?: number; page: number };

const galleryDepartments = sql<Array<{ id: number; name: string }>>`coalesce((
  select json_agg(json_build_object('id', d.id, 'name', d.name) order by d.name)
  from departments d
  where exists (select 1 from team_members tm join users u on u.id = tm.user_id
                where tm.team_id = ${demos.teamId} and u.department_id = d.id)), '[]'::json)`;

function galleryFilters(weekId: number, query: GalleryQuery): SQL {
  const filters: SQL[] = [eq(demos.weekId, weekId)];
  if (query.q) filters.push(sql`${demos.search} @@ websearch_to_tsquery('english', ${query.q})`);
  if (query.tag) filters.push(sql`${demos.tags} @> array[${query.tag}]::text[]`);
  if (query.department) {
    filters.push(sql`exists (select 1 from ${teamMembers} tm join ${users} u on u.id = tm.user_id
      where tm.team_id = ${demos.teamId} and u.department_id = ${query.department})`);
  }
  return and(...filters) as SQL;
}

/**
 * One page (24) of a week's demos with the first screenshot, team and members' departments, the
 * total, and the filter options: three queries whatever the page size.
 */
export async function demoGallery(db: Queryable, weekId: number, query: GalleryQuery) {
  const where = galleryFilters(weekId, query);
  const order = query.q
    ? [sql`ts_rank_cd(${demos.search}, websearch_to_tsquery('english', ${query.q})) desc`, desc(demos.id)]
    : [sql`${demos.position} asc nulls last`, desc(demos.submittedAt), desc(demos.id)];
  const [rows, [total], [facets]] = await Promise.all([
    db
      .select({
        id: demos.id,
        title: demos.title,
        summary: demos.summary,
        tags: demos.tags,
        submittedAt: demos.submittedAt,
        teamId: teams.id,
        teamName: teams.name,
        image: sql<{ id: number; width: number | null; height: number | null; alt: string } | null>`(
          select json_build_object('id', i.id, 'width', i.width, 'height', i.height, 'alt', i.alt)
          from demo_images i where i.demo_id = ${demos.id} order by i.position, i.id limit 1)`,
        departments: galleryDepartments,
      })
      .from(demos)
      .innerJoin(teams, eq(teams.id, demos.teamId))
      .where(where)
      .orderBy(...order)
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE),
    db.select({ n: sql<number>`count(*)::int` }).from(demos).where(where),
    db.execute<{ tags: string[] | null; departments: Array<{ id: number; name: string }> | null }>(sql`
      select
        (select array_agg(tag order by n desc, tag) from (
          select t.tag, count(*) n from ${demos}, unnest(${demos.tags}) t(tag)
          where ${demos.weekId} = ${weekId} group by t.tag order by n desc, t.tag limit 40) s) as tags,
        (select json_agg(json_build_object('id', d.id, 'name', d.name) order by d.name) from ${departments} d
          where exists (select 1 from demos x join team_members tm on tm.team_id = x.team_id join users u on u.id = tm.user_id
                        where x.week_id = ${weekId} and u.department_id = d.id)) as departments`),
  ]);
  return {
    rows,
    total: total?.n ?? 0,
    facets: { tags: facets?.tags ?? [], departments: facets?.departments ?? [] },
  };
}

/** The viewer's team in a week (if any), whether it is confirmed, and its demo id. One query. */
export async function viewerDemoStatus(db: Queryable, userId: number, weekId: number) {
  const [row] = await db
    .select({ teamId: teams.id, teamName: teams.name, confirmedAt: teams.confirmedAt, demoId: demos.id })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .leftJoin(demos, eq(demos.teamId, teams.id))
    .where(and(eq(teamMembers.userId, userId), eq(teamMembers.weekId, weekId)));
  return row ?? null;
}

/**
 * The team page's "Submit your demo" / "Edit your demo" link: for members of a confirmed team while
 * members may edit (null otherwise). One query.
 */
export async function teamDemoLink(db: Queryable, viewer: { id: number }, teamId: number) {
  const [row] = await db
    .select({
      team: teams,
      week: weeks,
      demoId: demos.id,
      overrideAt: demos.deadlineOverrideAt,
      isMember: sql<boolean>`exists (select 1 from ${teamMembers} where ${teamMembers.teamId} = ${teams.id} and ${teamMembers.userId} = ${viewer.id})`,
    })
    .from(teams)
    .innerJoin(weeks, eq(weeks.id, teams.weekId))
    .leftJoin(demos, eq(demos.teamId, teams.id))
    .where(eq(teams.id, teamId));
  if (!row?.isMember) return null;
  const check = demoEditCheck(new Date(), row.week, row.team, row.overrideAt, { isMember: true, isOrganiser: false });
  if (!check.ok) return null;
  return {
    href: `/teams/${teamId}/demo`,
    label: row.demoId ? "Edit your demo" : "Submit your demo",
    demoId: row.demoId,
    deadline: effectiveDeadline(row.week, row.overrideAt).toISOString(),
  };
}
