import { desc, eq, lte, sql } from "drizzle-orm";
import type { Queryable } from "~db/client";
import { ideas, weeks } from "~db/schema";

export type PastWeekWinner = { awardName: string; demoId: number; demoTitle: string; teamName: string };

/**
 * Past weeks (results published by `now`), newest first, with their pitching numbers, whether results were
 * actually published, and the published winners in the week's award order. One query.
 */
export async function pastWeeks(db: Queryable, now = new Date()) {
  return db
    .select({
      week: weeks,
      ideas: sql<number>`count(${ideas.id}) filter (where ${ideas.status} = 'published')::int`,
      pitchers: sql<number>`count(distinct ${ideas.authorId}) filter (where ${ideas.status} = 'published')::int`,
      departments: sql<number>`count(distinct ${ideas.departmentId}) filter (where ${ideas.status} = 'published')::int`,
      carriedOver: sql<number>`(select count(*)::int from ideas carried join ideas source on source.id = carried.carried_from_id
        where source.week_id = ${weeks.id} and carried.status = 'published')`,
      resultsPublished: sql<boolean>`exists (select 1 from voting_settings vs where vs.week_id = ${weeks.id} and vs.published_at is not null)`,
      winners: sql<PastWeekWinner[]>`coalesce((
        select json_agg(json_build_object('awardName', aw.award_name, 'demoId', d.id, 'demoTitle', d.title, 'teamName', t.name)
          order by a.position, a.id, d.id)
        from award_winners aw join awards a on a.id = aw.award_id join demos d on d.id = aw.demo_id join teams t on t.id = d.team_id
        where aw.week_id = ${weeks.id}), '[]'::json)`,
    })
    .from(weeks)
    .leftJoin(ideas, eq(ideas.weekId, weeks.id))
    .where(lte(weeks.resultsPublishedAt, now))
    .groupBy(weeks.id)
    .orderBy(desc(weeks.pitchingOpensAt));
}
