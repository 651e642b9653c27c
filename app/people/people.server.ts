import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import { normaliseTag } from "~/ideas/rules";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import { PAGE_SIZE } from "~/lib/pagination";
import { ttlCache } from "~/lib/ttl-cache";
import type { ImpactKind, OutcomeStatus } from "~/outcomes/rules";
import type { Database, Queryable } from "~db/client";
import {
  awardWinners,
  demoReflections,
  demos,
  departments,
  ideas,
  impactLatest,
  teamMembers,
  teamMentors,
  teams,
  userRoles,
  users,
  weeks,
} from "~db/schema";
import type { ProfileInput } from "./schemas.server";

export type PeopleQuery = {
  q?: string;
  departmentId?: number;
  /** A normalised tag the person lists among their skills. */
  skill?: string;
  /** A normalised tag the person wants to grow in (stretch goals). */
  stretch?: string;
  /** Only people who offer to mentor teams. */
  mentors?: boolean;
  /** Admins also look for deactivated accounts (to reactivate them). */
  includeDeactivated?: boolean;
  /** The week whose team each row reports (the featured week); without it `teamThisWeek` is null. */
  weekId?: number | null;
  page: number;
};

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column @> array[tag]`: containment is what the GIN indexes on skills and stretch goals answer. */
const hasTag = (column: typeof users.skills | typeof users.stretchGoals, tag: string) => sql`${column} @> array[${tag}]::text[]`;

/** One query for the page (with each person's team in `weekId`) and one count; never one per person. */
export async function searchPeople(db: Queryable, query: PeopleQuery) {
  const filters: SQL[] = query.includeDeactivated ? [] : [sql`${users.deactivatedAt} is null`];
  const q = query.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    const tag = normaliseTag(q);
    const matches: SQL[] = [ilike(users.name, like), ilike(users.title, like)];
    if (tag) matches.push(hasTag(users.skills, tag), hasTag(users.stretchGoals, tag));
    filters.push(or(...matches) as SQL);
  }
  if (query.departmentId) filters.push(eq(users.departmentId, query.departmentId));
  if (query.skill) filters.push(hasTag(users.skills, query.skill));
  if (query.stretch) filters.push(hasTag(users.stretchGoals, query.stretch));
  if (query.mentors) filters.push(sql`${users.mentorOffer} <> ''`);
  const where = and(...filters);
  // UNIQUE (week_id, user_id) on team_members: the join adds at most one row per person.
  const membership = query.weekId ? and(eq(teamMembers.userId, users.id), eq(teamMembers.weekId, query.weekId)) : sql`false`;
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        title: users.title,
        skills: users.skills,
        stretchGoals: users.stretchGoals,
        mentorOffer: users.mentorOffer,
        mentorAvailability: users.mentorAvailability,
        department: departments.name,
        teamId: teams.id,
        teamName: teams.name,
        deactivated: sql<boolean>`${users.deactivatedAt} is not null`,
      })
      .from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .leftJoin(teamMembers, membership)
      .leftJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return {
    rows: rows.map(({ teamId, teamName, ...row }) => ({
      ...row,
      teamThisWeek: teamId !== null && teamName !== null ? { id: teamId, name: teamName } : null,
    })),
    total: totalRow?.n ?? 0,
  };
}

export async function getPerson(db: Queryable, id: number) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      title: users.title,
      bio: users.bio,
      skills: users.skills,
      stretchGoals: users.stretchGoals,
      mentorOffer: users.mentorOffer,
      mentorAvailability: users.mentorAvailability,
      avatarUrl: users.avatarUrl,
      deactivatedAt: users.deactivatedAt,
      createdAt: users.createdAt,
      departmentId: users.departmentId,
      department: departments.name,
      roles: sql<
        string[]
      >`coalesce((select array_agg(${userRoles.role}::text order by ${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}')`,
    })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, id));
  return row ?? null;
}

export async function listDepartments(db: Queryable) {
  return db
    .select({
      id: departments.id,
      name: departments.name,
      slug: departments.slug,
      description: departments.description,
      people: sql<number>`(select count(*)::int from ${users} where ${users.departmentId} = ${departments.id} and ${users.deactivatedAt} is null)`,
    })
    .from(departments)
    .orderBy(asc(departments.name));
}

/** Tags people use (skills and stretch goals of active users), most used first: suggestions for tag fields. */
export async function skillSuggestions(db: Queryable, limit = 80): Promise<string[]> {
  const rows = await db
    .select({ tag: sql<string>`t.tag` })
    .from(sql`${users}, unnest(${users.skills} || ${users.stretchGoals}) as t(tag)`)
    .where(sql`${users.deactivatedAt} is null`)
    .groupBy(sql`t.tag`)
    .orderBy(desc(sql`count(*)`), asc(sql`t.tag`))
    .limit(limit);
  return rows.map((r) => r.tag);
}

/**
 * The suggestions take a pass over every person's skills and stretch goals (32 ms for 20,000 people), so
 * the directory and the profile form reuse them for up to 30 s (per process, like the board's filter
 * options: a new tag may be offered that much later on another instance). This process forgets them when
 * it saves a profile.
 */
const suggestionsCache = ttlCache<"all", string[]>(30_000);

export function cachedSkillSuggestions(db: Queryable): Promise<string[]> {
  return suggestionsCache.get("all", () => skillSuggestions(db));
}

// ---------------------------------------------------------------------------------------------
// Portfolio

export type PortfolioWeek = {
  week: { id: number; name: string; slug: string; pitchingOpensAt: Date };
  ideas: Array<{ id: number; title: string; summary: string; status: "published" | "withdrawn" }>;
  /** At most one team per person per week. */
  team: { id: number; name: string; role: "lead" | "member"; ideaId: number; ideaTitle: string } | null;
  /** Teams this person mentored (accepted) in the week. */
  mentoring: Array<{ id: number; name: string; ideaId: number; ideaTitle: string }>;
  /** The demo of this person's team, with its awards, its latest outcome and impact. */
  demo: {
    id: number;
    title: string;
    outcomeStatus: OutcomeStatus | null;
    awards: string[];
    impact: Array<{ kind: ImpactKind; metric: string; unit: string; baseline: number | null; value: number; measuredOn: string }>;
  } | null;
  /** This person's stretch goal for the week and what they made of it (from their demo). */
  reflection: { stretchGoal: string; text: string } | null;
};

/**
 * A person's exploration portfolio, one entry per week they took part in, newest week first. Three
 * queries whatever its size (the team query carries the demo, its awards, impact and the reflection). Withdrawn ideas are only listed when `includeWithdrawn` (the person
 * themselves or an organiser is looking).
 */
export async function getPortfolio(
  db: Queryable,
  userId: number,
  options: { includeWithdrawn?: boolean } = {},
): Promise<PortfolioWeek[]> {
  const weekColumns = { weekId: weeks.id, weekName: weeks.name, weekSlug: weeks.slug, pitchingOpensAt: weeks.pitchingOpensAt };
  type Figure = NonNullable<PortfolioWeek["demo"]>["impact"][number];
  const [ideaRows, teamRows, mentorRows] = await Promise.all([
    db
      .select({ ...weekColumns, id: ideas.id, title: ideas.title, summary: ideas.summary, status: ideas.status })
      .from(ideas)
      .innerJoin(weeks, eq(weeks.id, ideas.weekId))
      .where(and(eq(ideas.authorId, userId), options.includeWithdrawn ? undefined : eq(ideas.status, "published")))
      .orderBy(asc(ideas.createdAt), asc(ideas.id)),
    // The person's team each week, with its demo: awards, latest impact per series and their reflection.
    db
      .select({
        ...weekColumns,
        id: teams.id,
        name: teams.name,
        role: teamMembers.role,
        ideaId: ideas.id,
        ideaTitle: ideas.title,
        demoId: demos.id,
        demoTitle: demos.title,
        outcomeStatus: demos.outcomeStatus,
        awards: sql<string[]>`coalesce((select array_agg(${awardWinners.awardName} order by ${awardWinners.awardId})
          from ${awardWinners} where ${awardWinners.demoId} = ${demos.id}), '{}')`,
        impact: sql<Figure[]>`coalesce((select json_agg(json_build_object('kind', l.kind, 'metric', l.metric,
          'unit', l.unit, 'baseline', l.baseline, 'value', l.value, 'measuredOn', l.measured_on) order by l.kind, l.metric)
          from ${impactLatest} l where l.demo_id = ${demos.id}), '[]')`,
        reflection: sql<{ stretchGoal: string; text: string } | null>`(select json_build_object('stretchGoal',
          r.stretch_goal, 'text', r.reflection) from ${demoReflections} r where r.demo_id = ${demos.id} and r.user_id = ${userId})`,
      })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .innerJoin(ideas, eq(ideas.id, teams.ideaId))
      .innerJoin(weeks, eq(weeks.id, teamMembers.weekId))
      .leftJoin(demos, eq(demos.teamId, teams.id))
      .where(eq(teamMembers.userId, userId)),
    db
      .select({ ...weekColumns, id: teams.id, name: teams.name, ideaId: ideas.id, ideaTitle: ideas.title })
      .from(teamMentors)
      .innerJoin(teams, eq(teams.id, teamMentors.teamId))
      .innerJoin(ideas, eq(ideas.id, teams.ideaId))
      .innerJoin(weeks, eq(weeks.id, teams.weekId))
      .where(and(eq(teamMentors.userId, userId), eq(teamMentors.status, "accepted")))
      .orderBy(asc(teams.name), asc(teams.id)),
  ]);

  const byWeek = new Map<number, PortfolioWeek>();
  const entry = (row: { weekId: number; weekName: string; weekSlug: string; pitchingOpensAt: Date }) => {
    let week = byWeek.get(row.weekId);
    if (!week) {
      week = {
        week: { id: row.weekId, name: row.weekName, slug: row.weekSlug, pitchingOpensAt: row.pitchingOpensAt },
        ideas: [],
        team: null,
        mentoring: [],
        demo: null,
        reflection: null,
      };
      byWeek.set(row.weekId, week);
    }
    return week;
  };
  for (const r of ideaRows) entry(r).ideas.push({ id: r.id, title: r.title, summary: r.summary, status: r.status });
  for (const r of teamRows) {
    const week = entry(r);
    week.team = { id: r.id, name: r.name, role: r.role, ideaId: r.ideaId, ideaTitle: r.ideaTitle };
    if (r.demoId !== null && r.demoTitle !== null) {
      week.demo = {
        id: r.demoId,
        title: r.demoTitle,
        outcomeStatus: r.outcomeStatus,
        awards: r.awards,
        impact: r.impact.map((f) => ({
          ...f,
          baseline: f.baseline === null ? null : Number(f.baseline),
          value: Number(f.value),
        })),
      };
    }
    if (r.reflection?.text.trim()) week.reflection = r.reflection;
  }
  for (const r of mentorRows) entry(r).mentoring.push({ id: r.id, name: r.name, ideaId: r.ideaId, ideaTitle: r.ideaTitle });
  return [...byWeek.values()].sort(
    (a, b) => b.week.pitchingOpensAt.getTime() - a.week.pitchingOpensAt.getTime() || b.week.id - a.week.id,
  );
}

// ---------------------------------------------------------------------------------------------
// Editing a profile

export type ProfileActor = { id: number; isOrganiser?: boolean; requestId?: string };

/**
 * Saves a profile in one transaction. People edit their own; organisers may correct anyone's.
 * A department change is written to the audit log with before and after.
 */
export async function updateProfile(
  db: Database,
  actor: ProfileActor,
  userId: number,
  input: ProfileInput,
): Promise<Outcome<{ userId: number; departmentChanged: boolean }>> {
  if (actor.id !== userId && !actor.isOrganiser) {
    return { ok: false, status: 403, message: "You can only edit your own profile." };
  }
  const outcome = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ departmentId: users.departmentId, department: departments.name, deactivatedAt: users.deactivatedAt })
      .from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(eq(users.id, userId))
      .for("update", { of: users });
    if (!current) return { ok: false as const, status: 404, message: "There is no person with that address." };
    if (current.deactivatedAt) {
      return { ok: false as const, status: 409, message: "This account is deactivated; its profile can no longer be edited." };
    }
    const departmentChanged = current.departmentId !== input.departmentId;
    let newDepartment = current.department;
    if (departmentChanged) {
      const [department] = await tx
        .select({ name: departments.name })
        .from(departments)
        .where(eq(departments.id, input.departmentId));
      if (!department) {
        return { ok: false as const, status: 400, field: "departmentId", message: "Choose a department from the list." };
      }
      newDepartment = department.name;
    }
    await tx
      .update(users)
      .set({
        name: input.name,
        title: input.title,
        bio: input.bio,
        departmentId: input.departmentId,
        skills: input.skills,
        stretchGoals: input.stretchGoals,
        mentorOffer: input.mentorOffer,
        mentorAvailability: input.mentorAvailability,
      })
      .where(eq(users.id, userId));
    if (departmentChanged) {
      await audit(tx, {
        actorId: actor.id,
        action: "user.department_changed",
        targetType: "user",
        targetId: userId,
        before: { departmentId: current.departmentId, department: current.department },
        after: { departmentId: input.departmentId, department: newDepartment },
        requestId: actor.requestId,
      });
    }
    return { ok: true as const, value: { userId, departmentChanged } };
  });
  if (outcome.ok) suggestionsCache.clear();
  return outcome;
}
