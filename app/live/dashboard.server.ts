import { sql } from "drizzle-orm";
import type { Queryable } from "~db/client";

export type JudgeProgress = {
  judgeId: number;
  name: string;
  /** Demos assigned to the judge. */
  assigned: number;
  /** Assigned demos with a ballot that scores every criterion of the week. */
  complete: number;
  /** Assigned demos with a ballot that is still missing a score. */
  started: number;
};

export type DemoCoverage = {
  demoId: number;
  title: string;
  teamName: string;
  /** Judges assigned to the demo. */
  assigned: number;
  /** Of those, judges whose ballot for it scores every criterion. */
  scored: number;
};

export type Turnout = { voters: number; votes: number; limitPerPerson: number };

export type Dashboard = { criteria: number; judges: JudgeProgress[]; demos: DemoCoverage[]; turnout: Turnout };

/**
 * The organisers' live view of voting: counts only, never a score or a voter's choice. Three
 * queries whatever the size of the week. A ballot is complete when it has a score for every one of
 * the week's criteria (none complete while the week has no criteria).
 */
export async function liveDashboard(db: Queryable, weekId: number): Promise<Dashboard> {
  const complete = sql`
    criteria_count as (select count(*)::int as n from criteria where week_id = ${weekId}),
    ballot_state as (
      select b.judge_id, b.demo_id,
        count(c.id)::int >= (select n from criteria_count) and (select n from criteria_count) > 0 as complete
      from ballots b
      left join ballot_scores s on s.ballot_id = b.id
      left join criteria c on c.id = s.criterion_id and c.week_id = b.week_id
      where b.week_id = ${weekId}
      group by b.id, b.judge_id, b.demo_id
    )`;
  const [judgeRows, demoRows, turnoutRows] = await Promise.all([
    db.execute<{ judge_id: number; name: string; assigned: number; complete: number; started: number }>(sql`
      with ${complete}
      select j.user_id as judge_id, u.name,
        count(ja.demo_id)::int as assigned,
        count(ja.demo_id) filter (where bs.complete)::int as complete,
        count(ja.demo_id) filter (where bs.complete = false)::int as started
      from judges j
      join users u on u.id = j.user_id
      left join judge_assignments ja on ja.week_id = j.week_id and ja.judge_id = j.user_id
      left join ballot_state bs on bs.judge_id = ja.judge_id and bs.demo_id = ja.demo_id
      where j.week_id = ${weekId}
      group by j.user_id, u.name
      order by lower(u.name), j.user_id`),
    db.execute<{ demo_id: number; title: string; team_name: string; assigned: number; scored: number }>(sql`
      with ${complete}
      select d.id as demo_id, d.title, t.name as team_name,
        count(ja.judge_id)::int as assigned,
        count(ja.judge_id) filter (where bs.complete)::int as scored
      from demos d
      join teams t on t.id = d.team_id
      left join judge_assignments ja on ja.demo_id = d.id and ja.week_id = d.week_id
      left join ballot_state bs on bs.judge_id = ja.judge_id and bs.demo_id = ja.demo_id
      where d.week_id = ${weekId}
      group by d.id, d.title, t.name
      order by d.position asc nulls last, d.submitted_at, d.id`),
    db.execute<{ voters: number; votes: number; limit_per_person: number; criteria: number }>(sql`
      select
        (select count(*)::int from criteria where week_id = ${weekId}) as criteria,
        (select count(distinct user_id)::int from peoples_choice_votes where week_id = ${weekId}) as voters,
        (select count(*)::int from peoples_choice_votes where week_id = ${weekId}) as votes,
        (select peoples_choice_votes from weeks where id = ${weekId}) as limit_per_person`),
  ]);
  const judges = [...judgeRows];
  const turnout = [...turnoutRows][0];
  return {
    criteria: Number(turnout?.criteria ?? 0),
    judges: judges.map((r) => ({
      judgeId: Number(r.judge_id),
      name: r.name,
      assigned: Number(r.assigned),
      complete: Number(r.complete),
      started: Number(r.started),
    })),
    demos: [...demoRows].map((r) => ({
      demoId: Number(r.demo_id),
      title: r.title,
      teamName: r.team_name,
      assigned: Number(r.assigned),
      scored: Number(r.scored),
    })),
    turnout: {
      voters: Number(turnout?.voters ?? 0),
      votes: Number(turnout?.votes ?? 0),
      limitPerPerson: Number(turnout?.limit_per_person ?? 0),
    },
  };
}
