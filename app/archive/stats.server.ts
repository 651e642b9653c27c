import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "~db/client";
import {
  type ArchiveTotals,
  addImpact,
  emptyImpact,
  emptyOutcomes,
  type ImpactTotals,
  OUTCOME_ORDER,
  round2,
  share,
  type WeekStats,
} from "./stats";
import type { OutcomeFilter } from "./vocabulary";

type CountsRow = {
  week_id: number;
  slug: string;
  name: string;
  theme: string;
  starts_at: string;
  participants: number;
  departments: number;
  ideas: number;
  teams: number;
  cross_teams: number;
  demos: number;
  stretch_goals: number;
  mentors: number;
  awards: number;
  outcomes: Record<string, number> | null;
};

type ImpactRow = {
  week_id: number;
  kind: "hours_saved" | "money_saved" | "people_reached" | "custom";
  unit: string;
  metric: string;
  demo_id: number | null;
  demo_title: string | null;
  total: string;
};

/** The people who took part in the weeks `weekIds` selects: published pitches' authors and team members. */
const participantsOf = (weekIds: SQL) => sql`(
  select i.author_id as user_id from ideas i where i.week_id in (${weekIds}) and i.status = 'published'
  union
  select m.user_id from team_members m where m.week_id in (${weekIds}))`;

/**
 * Every count of the selected weeks in one statement: one row per week, oldest first. Each count is a
 * subquery on the week's id, served by the week indexes of ideas, teams, team_members and demos.
 */
async function weekCounts(db: Queryable, where: SQL): Promise<CountsRow[]> {
  return db.execute<CountsRow>(sql`
    select w.id as week_id, w.slug, w.name, w.theme, to_char(w.pitching_opens_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as starts_at,
      p.participants, p.departments,
      (select count(*)::int from ideas i where i.week_id = w.id and i.status = 'published') as ideas,
      t.teams, t.cross_teams,
      (select count(*)::int from demos d where d.week_id = w.id) as demos,
      (select count(*)::int from demo_reflections r join demos d on d.id = r.demo_id
        where d.week_id = w.id and btrim(r.stretch_goal) <> '') as stretch_goals,
      (select count(distinct tm.user_id)::int from team_mentors tm join teams x on x.id = tm.team_id
        where x.week_id = w.id and tm.status = 'accepted') as mentors,
      (select count(*)::int from award_winners aw where aw.week_id = w.id) as awards,
      (select json_object_agg(o.status, o.n) from (
        select coalesce(d.outcome_status::text, 'none') as status, count(*)::int as n
        from demos d where d.week_id = w.id group by 1) o) as outcomes
    from weeks w
    cross join lateral (
      select count(*)::int as participants, count(distinct u.department_id)::int as departments
      from ${participantsOf(sql`w.id`)} pp join users u on u.id = pp.user_id) p
    cross join lateral (
      select count(*)::int as teams, (count(*) filter (where x.departments >= 2))::int as cross_teams
      from (select m.team_id, count(distinct u.department_id) as departments
            from teams tt join team_members m on m.team_id = tt.id join users u on u.id = m.user_id
            where tt.week_id = w.id group by m.team_id) x) t
    where ${where}
    order by w.pitching_opens_at, w.id`);
}

/**
 * The impact of the selected weeks' demos from impact_latest (the latest measurement of each series):
 * hours, people and money summed per week (money per currency), custom metrics one row each.
 */
async function weekImpact(db: Queryable, weekIds: SQL): Promise<ImpactRow[]> {
  return db.execute<ImpactRow>(sql`
    select d.week_id, il.kind::text as kind, case when il.kind = 'money_saved' then upper(il.unit) else '' end as unit,
      '' as metric, null::int as demo_id, null::text as demo_title, sum(il.value)::text as total
    from impact_latest il join demos d on d.id = il.demo_id
    where d.week_id in (${weekIds}) and il.kind <> 'custom'
    group by d.week_id, il.kind, 3
    union all
    select d.week_id, 'custom', il.unit, il.metric, d.id, d.title, il.value::text
    from impact_latest il join demos d on d.id = il.demo_id
    where d.week_id in (${weekIds}) and il.kind = 'custom'
    order by 1, 2, 4, 3, 5`);
}

function impactByWeek(rows: ImpactRow[]): Map<number, ImpactTotals> {
  const byWeek = new Map<number, ImpactTotals>();
  for (const row of rows) {
    const impact = byWeek.get(row.week_id) ?? emptyImpact();
    byWeek.set(row.week_id, impact);
    const value = Number(row.total);
    if (row.kind === "hours_saved") impact.hoursSaved = round2(impact.hoursSaved + value);
    else if (row.kind === "people_reached") impact.peopleReached = round2(impact.peopleReached + value);
    else if (row.kind === "money_saved") impact.money.push({ currency: row.unit || "?", amount: value });
    else
      impact.custom.push({
        demoId: row.demo_id ?? 0,
        demoTitle: row.demo_title ?? "",
        metric: row.metric,
        unit: row.unit,
        value,
      });
  }
  for (const impact of byWeek.values()) impact.money.sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency));
  return byWeek;
}

function toWeekStats(row: CountsRow, impact: ImpactTotals | undefined): WeekStats {
  const outcomes = emptyOutcomes();
  for (const [status, n] of Object.entries(row.outcomes ?? {})) {
    if ((OUTCOME_ORDER as readonly string[]).includes(status)) outcomes[status as OutcomeFilter] = n;
  }
  return {
    weekId: row.week_id,
    slug: row.slug,
    name: row.name,
    theme: row.theme,
    startsAt: row.starts_at,
    participants: row.participants,
    ideas: row.ideas,
    teams: row.teams,
    demos: row.demos,
    departments: row.departments,
    crossDepartmentTeams: row.cross_teams,
    crossDepartmentShare: share(row.cross_teams, row.teams),
    stretchGoals: row.stretch_goals,
    mentors: row.mentors,
    awards: row.awards,
    outcomes,
    impact: impact ?? emptyImpact(),
  };
}

/**
 * One week's statistics (any week, past or not), or null when there is no such week. Two queries.
 * See STAT_DEFINITIONS in ./stats for what each number counts.
 */
export async function weekStatistics(db: Queryable, weekId: number): Promise<WeekStats | null> {
  const [counts, impact] = await Promise.all([weekCounts(db, sql`w.id = ${weekId}`), weekImpact(db, sql`${weekId}`)]);
  const [row] = counts;
  return row ? toWeekStats(row, impactByWeek(impact).get(row.week_id)) : null;
}

/**
 * The statistics of every past week (results published by `now`), oldest first, and the totals across
 * them: three queries however many weeks there are.
 */
export async function archiveStatistics(db: Queryable, now = new Date()): Promise<{ weeks: WeekStats[]; totals: ArchiveTotals }> {
  const at = now.toISOString();
  const pastIds = sql`select pw.id from weeks pw where pw.results_published_at <= ${at}`;
  const [counts, impact, [distinct]] = await Promise.all([
    weekCounts(db, sql`w.results_published_at <= ${at}`),
    weekImpact(db, pastIds),
    db.execute<{ participants: number; departments: number; mentors: number }>(sql`
      select
        (select count(*)::int from ${participantsOf(pastIds)} pp) as participants,
        (select count(distinct u.department_id)::int from ${participantsOf(pastIds)} pp join users u on u.id = pp.user_id) as departments,
        (select count(distinct tm.user_id)::int from team_mentors tm join teams t on t.id = tm.team_id
          where t.week_id in (${pastIds}) and tm.status = 'accepted') as mentors`),
  ]);
  const impacts = impactByWeek(impact);
  const weeks = counts.map((row) => toWeekStats(row, impacts.get(row.week_id)));
  return { weeks, totals: totalsOf(weeks, distinct ?? { participants: 0, departments: 0, mentors: 0 }) };
}

function totalsOf(weeks: WeekStats[], distinct: { participants: number; departments: number; mentors: number }): ArchiveTotals {
  const sum = (pick: (w: WeekStats) => number) => weeks.reduce((n, w) => n + pick(w), 0);
  const outcomes = emptyOutcomes();
  for (const w of weeks) for (const s of OUTCOME_ORDER) outcomes[s] += w.outcomes[s];
  const teams = sum((w) => w.teams);
  const crossDepartmentTeams = sum((w) => w.crossDepartmentTeams);
  return {
    weeks: weeks.length,
    participants: distinct.participants,
    departments: distinct.departments,
    mentors: distinct.mentors,
    ideas: sum((w) => w.ideas),
    teams,
    demos: sum((w) => w.demos),
    crossDepartmentTeams,
    crossDepartmentShare: share(crossDepartmentTeams, teams),
    stretchGoals: sum((w) => w.stretchGoals),
    awards: sum((w) => w.awards),
    outcomes,
    impact: addImpact(weeks.map((w) => w.impact)),
  };
}
