import { desc, eq, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "~db/client";
import { ideas, weeks } from "~db/schema";

const carried = alias(ideas, "carried");
const source = alias(ideas, "source");

/** Past weeks (results published), newest first, with their headline numbers. One query. */
export async function pastWeeks(db: Queryable, now = new Date()) {
  return db
    .select({
      week: weeks,
      ideas: sql<number>`count(${ideas.id}) filter (where ${ideas.status} = 'published')::int`,
      pitchers: sql<number>`count(distinct ${ideas.authorId}) filter (where ${ideas.status} = 'published')::int`,
      departments: sql<number>`count(distinct ${ideas.departmentId}) filter (where ${ideas.status} = 'published')::int`,
      carriedOver: sql<number>`(select count(*)::int from ${carried} join ${source} on ${source.id} = ${carried.carriedFromId}
        where ${source.weekId} = ${weeks.id} and ${carried.status} = 'published')`,
    })
    .from(weeks)
    .leftJoin(ideas, eq(ideas.weekId, weeks.id))
    .where(lte(weeks.resultsPublishedAt, now))
    .groupBy(weeks.id)
    .orderBy(desc(weeks.pitchingOpensAt));
}
