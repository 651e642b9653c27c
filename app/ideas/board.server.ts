import { type AnyColumn, and, desc, eq, type SQL, sql } from "drizzle-orm";
import { PAGE_SIZE } from "~/lib/pagination";
import { ttlCache } from "~/lib/ttl-cache";
import type { Queryable } from "~db/client";
import { departments, ideaFollows, ideas, teams, users } from "~db/schema";
import type { BoardQuery } from "./schemas.server";

export type BoardRow = {
  id: number;
  title: string;
  summary: string;
  skills: string[];
  tags: string[];
  peopleWanted: number;
  followerCount: number;
  commentCount: number;
  createdAt: Date;
  authorId: number;
  authorName: string;
  department: string;
  hasTeam: boolean;
  following: boolean;
  carriedFromId: number | null;
};

/** The WHERE clause of the board; shared by the page and the count so both always agree. */
export function boardFilters(weekId: number, query: BoardQuery): SQL {
  const filters: SQL[] = [eq(ideas.weekId, weekId), eq(ideas.status, "published")];
  if (query.q) filters.push(sql`${ideas.search} @@ websearch_to_tsquery('english', ${query.q})`);
  if (query.skill.length) filters.push(sql`${ideas.skills} && ${sql.param(query.skill)}::text[]`);
  if (query.tag.length) filters.push(sql`${ideas.tags} && ${sql.param(query.tag)}::text[]`);
  if (query.department) filters.push(eq(ideas.departmentId, query.department));
  const hasTeam = sql`exists (select 1 from ${teams} where ${teams.ideaId} = ${ideas.id})`;
  if (query.team === "yes") filters.push(hasTeam);
  if (query.team === "no") filters.push(sql`not ${hasTeam}`);
  if (query.looking) filters.push(sql`${ideas.peopleWanted} > 0`);
  return and(...filters) as SQL;
}

/**
 * `desc nulls last`, exactly as the (week_id, x desc, id desc) indexes are declared: with PostgreSQL's
 * default (`desc` = nulls first) they cannot serve the ORDER BY and every page sorts the whole week.
 * The columns are NOT NULL, so the order is the same.
 */
const descIndexed = (column: AnyColumn) => sql`${column} desc nulls last`;

function boardOrder(query: BoardQuery): SQL[] {
  const sort = query.sort ?? (query.q ? "relevance" : "new");
  switch (sort) {
    case "followed":
      return [descIndexed(ideas.followerCount), descIndexed(ideas.id)];
    case "discussed":
      return [descIndexed(ideas.commentCount), descIndexed(ideas.id)];
    case "relevance":
      if (query.q) return [sql`ts_rank_cd(${ideas.search}, websearch_to_tsquery('english', ${query.q})) desc`, desc(ideas.id)];
      return [descIndexed(ideas.createdAt), descIndexed(ideas.id)];
    default:
      return [descIndexed(ideas.createdAt), descIndexed(ideas.id)];
  }
}

/**
 * One page of the board and its total: two queries whatever the page size (joins and EXISTS
 * subqueries, never a query per idea).
 */
export async function boardPage(db: Queryable, weekId: number, query: BoardQuery, viewerId: number) {
  const where = boardFilters(weekId, query);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: ideas.id,
        title: ideas.title,
        summary: ideas.summary,
        skills: ideas.skills,
        tags: ideas.tags,
        peopleWanted: ideas.peopleWanted,
        followerCount: ideas.followerCount,
        commentCount: ideas.commentCount,
        createdAt: ideas.createdAt,
        authorId: ideas.authorId,
        authorName: users.name,
        department: departments.name,
        carriedFromId: ideas.carriedFromId,
        hasTeam: sql<boolean>`exists (select 1 from ${teams} where ${teams.ideaId} = ${ideas.id})`,
        following: sql<boolean>`exists (select 1 from ${ideaFollows} where ${ideaFollows.ideaId} = ${ideas.id} and ${ideaFollows.userId} = ${viewerId})`,
      })
      .from(ideas)
      .innerJoin(users, eq(users.id, ideas.authorId))
      .innerJoin(departments, eq(departments.id, ideas.departmentId))
      .where(where)
      .orderBy(...boardOrder(query))
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE),
    db.select({ n: sql<number>`count(*)::int` }).from(ideas).where(where),
  ]);
  return { rows: rows as BoardRow[], total: total?.n ?? 0 };
}

/** Filter options for a week: departments that pitched, and the skills and themes in use. One query. */
export async function boardFacets(db: Queryable, weekId: number) {
  const [row] = await db.execute<{
    skills: string[] | null;
    tags: string[] | null;
    departments: Array<{ id: number; name: string }> | null;
  }>(sql`
    select
      (select array_agg(tag order by n desc, tag) from (
        select t.tag, count(*) n from ${ideas}, unnest(${ideas.skills}) t(tag)
        where ${ideas.weekId} = ${weekId} and ${ideas.status} = 'published' group by t.tag order by n desc, t.tag limit 40) s) as skills,
      (select array_agg(tag order by n desc, tag) from (
        select t.tag, count(*) n from ${ideas}, unnest(${ideas.tags}) t(tag)
        where ${ideas.weekId} = ${weekId} and ${ideas.status} = 'published' group by t.tag order by n desc, t.tag limit 40) s) as tags,
      (select json_agg(json_build_object('id', d.id, 'name', d.name) order by d.name) from ${departments} d
        where exists (select 1 from ${ideas} i where i.week_id = ${weekId} and i.department_id = d.id and i.status = 'published')) as departments`);
  return { skills: row?.skills ?? [], tags: row?.tags ?? [], departments: row?.departments ?? [] };
}

export type BoardFacets = Awaited<ReturnType<typeof boardFacets>>;

/**
 * The filter options (skills, tags, departments in use) take a pass over every idea of the week, so the
 * board reuses them for a short while instead of recomputing them on every request. Only these options
 * are cached, never the page or its count: they are a convenience (an option appearing up to
 * 30 s late on another instance changes no result). This process forgets them at once when it
 * changes an idea (forgetBoardFacets). Concurrent requests share one load.
 */
const facetsCache = ttlCache<number, BoardFacets>(30_000);

export function cachedBoardFacets(db: Queryable, weekId: number, now = Date.now()): Promise<BoardFacets> {
  return facetsCache.get(weekId, () => boardFacets(db, weekId), now);
}

/** Called whenever this process creates, edits, withdraws or carries over an idea. */
export function forgetBoardFacets(): void {
  facetsCache.clear();
}
