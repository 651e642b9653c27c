import { and, asc, desc, eq, or, type SQL, sql } from "drizzle-orm";
import { PAGE_SIZE } from "~/lib/pagination";
import { phaseAt } from "~/weeks/phase";
import type { Queryable } from "~db/client";
import { departments, ideas, joinRequests, teamJournal, teamMembers, teamMentors, teams, users, weeks } from "~db/schema";
import { canChangeRoster, confirmProblem, departmentRuleMet, rosterOpen } from "./rules";

export type TeamListQuery = { open?: boolean; needsMyDepartment?: boolean; skills: string[]; page: number };

/** Departments of a team's members as a JSON array of {id, name, count}; used by the list and the page. */
const departmentMix = sql<Array<{ id: number; name: string; count: number }>>`coalesce((
  select json_agg(json_build_object('id', d.id, 'name', d.name, 'count', x.n) order by x.n desc, d.name)
  from (select u.department_id, count(*)::int n from team_members tm join users u on u.id = tm.user_id
        where tm.team_id = ${teams.id} group by u.department_id) x
  join departments d on d.id = x.department_id), '[]'::json)`;

/** One page of a week's teams with their department mix; two queries whatever the page size. */
export async function listTeams(db: Queryable, weekId: number, query: TeamListQuery, viewer: { departmentId: number }) {
  const filters: SQL[] = [eq(teams.weekId, weekId)];
  if (query.open) filters.push(sql`${teams.memberCount} < ${teams.capacity}`);
  if (query.skills.length) filters.push(sql`${teams.openRoles} && ${sql.param(query.skills)}::text[]`);
  if (query.needsMyDepartment) {
    filters.push(sql`not exists (select 1 from ${teamMembers} tm join ${users} u on u.id = tm.user_id
      where tm.team_id = ${teams.id} and u.department_id = ${viewer.departmentId})`);
    filters.push(sql`${teams.memberCount} < ${teams.capacity}`);
  }
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: teams.id,
        name: teams.name,
        description: teams.description,
        openRoles: teams.openRoles,
        capacity: teams.capacity,
        memberCount: teams.memberCount,
        confirmedAt: teams.confirmedAt,
        ideaId: ideas.id,
        ideaTitle: ideas.title,
        leadName: users.name,
        departments: departmentMix,
      })
      .from(teams)
      .innerJoin(ideas, eq(ideas.id, teams.ideaId))
      .innerJoin(users, eq(users.id, teams.leadId))
      .where(where)
      .orderBy(desc(sql`${teams.capacity} - ${teams.memberCount}`), asc(teams.name), asc(teams.id))
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE),
    db.select({ n: sql<number>`count(*)::int` }).from(teams).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The viewer's own situation in a week: their team, pending requests and invites. */
export async function viewerWeekStatus(db: Queryable, userId: number, weekId: number) {
  // One query: the person's team this week and their pending asks and invites (newest first).
  const [row] = await db.execute<{
    team: { teamId: number; name: string; role: "lead" | "member" } | null;
    pending: Array<{ id: number; kind: "request" | "invite"; teamId: number; teamName: string; message: string }>;
  }>(sql`
    select
      (select json_build_object('teamId', t.id, 'name', t.name, 'role', m.role)
        from ${teamMembers} m join ${teams} t on t.id = m.team_id
        where m.user_id = ${userId} and m.week_id = ${weekId} limit 1) as team,
      coalesce((select json_agg(json_build_object('id', r.id, 'kind', r.kind, 'teamId', t.id, 'teamName', t.name,
          'message', r.message) order by r.created_at desc)
        from ${joinRequests} r join ${teams} t on t.id = r.team_id
        where r.user_id = ${userId} and r.week_id = ${weekId} and r.status = 'pending'), '[]') as pending`);
  return { team: row?.team ?? null, pending: row?.pending ?? [] };
}

/** Teams with open places that want the viewer's skills or match their stretch goals, and ideas without a team that do. */
export async function suggestionsForPerson(
  db: Queryable,
  user: { id: number; skills: string[]; stretchGoals: string[] },
  weekId: number,
  limit = 6,
) {
  const wanted = [...new Set([...user.skills, ...user.stretchGoals])];
  if (wanted.length === 0) return { teams: [], ideas: [] };
  const tags = sql`${sql.param(wanted)}::text[]`;
  // One query: both lists as JSON, best matches first.
  const [row] = await db.execute<{
    teams: Array<{ id: number; name: string; openRoles: string[]; places: number; matches: string[] }>;
    ideas: Array<{ id: number; title: string; matches: string[] }>;
  }>(sql`
    select
      coalesce((select json_agg(json_build_object('id', x.id, 'name', x.name, 'openRoles', x.open_roles,
          'places', x.places, 'matches', x.matches) order by x.score desc, x.id)
        from (select t.id, t.name, t.open_roles, t.capacity - t.member_count as places,
            array(select unnest(t.open_roles) intersect select unnest(${tags})) as matches,
            cardinality(array(select unnest(t.open_roles) intersect select unnest(${tags}))) as score
          from ${teams} t
          where t.week_id = ${weekId} and t.member_count < t.capacity and t.open_roles && ${tags}
          order by score desc, t.id limit ${limit}) x), '[]') as teams,
      coalesce((select json_agg(json_build_object('id', x.id, 'title', x.title, 'matches', x.matches)
          order by x.score desc, x.follower_count desc, x.id desc)
        from (select i.id, i.title, i.follower_count,
            array(select unnest(i.skills) intersect select unnest(${tags})) as matches,
            cardinality(array(select unnest(i.skills) intersect select unnest(${tags}))) as score
          from ${ideas} i
          where i.week_id = ${weekId} and i.status = 'published' and i.skills && ${tags}
            and not exists (select 1 from ${teams} t where t.idea_id = i.id) and i.author_id <> ${user.id}
          order by score desc, i.follower_count desc, i.id desc limit ${limit}) x), '[]') as ideas`);
  return { teams: row?.teams ?? [], ideas: row?.ideas ?? [] };
}

/**
 * People a lead could recruit: not in a team this week, with the skills the team wants (or wanting to
 * stretch into them), favouring departments the team does not have yet. One query.
 */
export async function suggestionsForTeam(db: Queryable, team: { id: number; weekId: number; openRoles: string[] }, limit = 8) {
  if (team.openRoles.length === 0) return [];
  const roles = sql`${sql.param(team.openRoles)}::text[]`;
  return db
    .select({
      id: users.id,
      name: users.name,
      department: departments.name,
      skills: sql<string[]>`array(select unnest(${users.skills}) intersect select unnest(${roles}))`,
      wantsToLearn: sql<string[]>`array(select unnest(${users.stretchGoals}) intersect select unnest(${roles}))`,
      newDepartment: sql<boolean>`not exists (select 1 from ${teamMembers} tm join ${users} u2 on u2.id = tm.user_id
        where tm.team_id = ${team.id} and u2.department_id = ${users.departmentId})`,
    })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(
      and(
        sql`${users.deactivatedAt} is null`,
        or(sql`${users.skills} && ${roles}`, sql`${users.stretchGoals} && ${roles}`),
        sql`not exists (select 1 from ${teamMembers} where ${teamMembers.userId} = ${users.id} and ${teamMembers.weekId} = ${team.weekId})`,
      ),
    )
    .orderBy(
      desc(sql`2 * cardinality(array(select unnest(${users.skills}) intersect select unnest(${roles})))
        + cardinality(array(select unnest(${users.stretchGoals}) intersect select unnest(${roles})))
        + case when not exists (select 1 from ${teamMembers} tm join ${users} u2 on u2.id = tm.user_id
            where tm.team_id = ${team.id} and u2.department_id = ${users.departmentId}) then 2 else 0 end`),
      asc(users.name),
    )
    .limit(limit);
}

/** Everything the team page shows, in a fixed number of queries. */
export async function loadTeamPage(
  db: Queryable,
  viewer: { id: number; isOrganiser: boolean },
  teamId: number,
  now = new Date(),
) {
  const [row] = await db
    .select({ team: teams, week: weeks, ideaTitle: ideas.title, ideaAuthorId: ideas.authorId })
    .from(teams)
    .innerJoin(weeks, eq(weeks.id, teams.weekId))
    .innerJoin(ideas, eq(ideas.id, teams.ideaId))
    .where(eq(teams.id, teamId));
  if (!row) return null;
  const { team, week } = row;
  const phase = phaseAt(week, now);
  const [members, mentors, requests, journal, status] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        title: users.title,
        role: teamMembers.role,
        departmentId: users.departmentId,
        department: departments.name,
        skills: users.skills,
        stretchGoals: users.stretchGoals,
      })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(eq(teamMembers.teamId, teamId))
      .orderBy(desc(sql`${teamMembers.role} = 'lead'`), asc(teamMembers.joinedAt)),
    db
      .select({
        id: users.id,
        name: users.name,
        offer: users.mentorOffer,
        department: departments.name,
        status: teamMentors.status,
        message: teamMentors.message,
      })
      .from(teamMentors)
      .innerJoin(users, eq(users.id, teamMentors.userId))
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(eq(teamMentors.teamId, teamId))
      .orderBy(asc(users.name)),
    db
      .select({
        id: joinRequests.id,
        kind: joinRequests.kind,
        userId: joinRequests.userId,
        name: users.name,
        department: departments.name,
        message: joinRequests.message,
        createdAt: joinRequests.createdAt,
      })
      .from(joinRequests)
      .innerJoin(users, eq(users.id, joinRequests.userId))
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(and(eq(joinRequests.teamId, teamId), eq(joinRequests.status, "pending")))
      .orderBy(asc(joinRequests.createdAt)),
    db
      .select({
        id: teamJournal.id,
        body: teamJournal.body,
        createdAt: teamJournal.createdAt,
        authorId: teamJournal.authorId,
        authorName: users.name,
      })
      .from(teamJournal)
      .innerJoin(users, eq(users.id, teamJournal.authorId))
      .where(eq(teamJournal.teamId, teamId))
      .orderBy(desc(teamJournal.createdAt), desc(teamJournal.id))
      .limit(50),
    viewerWeekStatus(db, viewer.id, team.weekId),
  ]);
  const isLead = team.leadId === viewer.id;
  const isMember = members.some((m) => m.id === viewer.id);
  const departmentsInTeam = new Set(members.map((m) => m.departmentId)).size;
  const canManage = isLead || viewer.isOrganiser;
  const rosterChangeable = canChangeRoster(phase, viewer.isOrganiser);
  const suggestions = canManage && rosterOpen(phase) ? await suggestionsForTeam(db, team) : [];
  return {
    team,
    week,
    phase,
    ideaTitle: row.ideaTitle,
    members,
    mentors: mentors.filter((m) => m.status === "accepted" || canManage || m.id === viewer.id),
    // Leads and organisers see every pending request; others only their own.
    requests: requests.filter((r) => canManage || r.userId === viewer.id),
    journal,
    suggestions,
    viewerStatus: status,
    departmentsInTeam,
    departmentRuleMet: departmentRuleMet(departmentsInTeam, week),
    confirmProblem: confirmProblem({ memberCount: team.memberCount, departments: departmentsInTeam }, week),
    permissions: {
      isLead,
      isMember,
      manage: canManage && rosterChangeable,
      join:
        !isMember &&
        !status.team &&
        rosterOpen(phase) &&
        team.memberCount < team.capacity &&
        !status.pending.some((p) => p.teamId === teamId),
      leave: isMember && !isLead && rosterOpen(phase),
      confirm: canManage && !team.confirmedAt && ["team_formation", "exploring", "demos"].includes(phase),
      journal: (isMember || viewer.isOrganiser) && phase !== "archived",
      askMentor: canManage && phase !== "archived",
    },
  };
}
