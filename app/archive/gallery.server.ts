import { and, desc, eq, lte, type SQL, sql } from "drizzle-orm";
import { PAGE_SIZE } from "~/lib/pagination";
import { ttlCache } from "~/lib/ttl-cache";
import type { Queryable } from "~db/client";
import { demos, ideas, teams, weeks } from "~db/schema";
import { HIGHLIGHT_START, HIGHLIGHT_STOP, type MatchSource } from "./highlight";
import { ANY_AWARD, type ArchiveGalleryQuery, effectiveSort, type OutcomeStatus } from "./params";

export type { MatchSource };

const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

export type ArchiveDemoImage = { id: number; width: number | null; height: number | null; alt: string };
export type ArchiveDemoRow = {
  id: number;
  title: string;
  summary: string;
  tags: string[];
  teamId: number;
  teamName: string;
  weekId: number;
  weekName: string;
  weekSlug: string;
  image: ArchiveDemoImage | null;
  departments: Array<{ id: number; name: string; slug: string }>;
  outcomeStatus: OutcomeStatus | null;
  /** Names of the awards this demo won (published winners), in the week's award order. */
  awards: string[];
  /** People's-choice votes. */
  votes: number;
  /** The latest "hours saved per year" measurement, or null when none was recorded. */
  hoursSaved: number | null;
  /** With a search: the parts of the demo's archive document that match it. */
  matchedIn: MatchSource[];
  /** With a search: an excerpt of the learnings, outcome notes or pitch with the matched words marked. */
  headline: string | null;
};

// -------------------------------------------------------------------------------------------------
// Column expressions shared with the week showcase (correlated to `demos`, each served by an index)

/** The first screenshot (demo_images_demo_idx). */
export const firstImage = sql<ArchiveDemoImage | null>`(
  select json_build_object('id', i.id, 'width', i.width, 'height', i.height, 'alt', i.alt)
  from demo_images i where i.demo_id = ${demos.id} order by i.position, i.id limit 1)`;

/** The departments of the team's members, by name (team_members primary key). */
export const teamDepartments = sql<Array<{ id: number; name: string; slug: string }>>`coalesce((
  select json_agg(json_build_object('id', d.id, 'name', d.name, 'slug', d.slug) order by d.name)
  from departments d
  where exists (select 1 from team_members tm join users u on u.id = tm.user_id
                where tm.team_id = ${demos.teamId} and u.department_id = d.id)), '[]'::json)`;

/** The published awards the demo won (award_winners_demo_idx). */
export const wonAwards = sql<string[]>`coalesce((
  select json_agg(aw.award_name order by a.position, a.id)
  from award_winners aw join awards a on a.id = aw.award_id
  where aw.demo_id = ${demos.id}), '[]'::json)`;

/** People's-choice votes (peoples_choice_week_idx on week and demo). */
export const peoplesChoiceCount = sql<number>`(
  select count(*)::int from peoples_choice_votes v where v.week_id = ${demos.weekId} and v.demo_id = ${demos.id})`;

/** The latest hours-saved measurement (the view's DISTINCT ON takes the demo condition: impact_measurements_series_idx). */
export const latestHoursSaved = sql<number | null>`(
  select sum(il.value)::float8 from impact_latest il where il.demo_id = ${demos.id} and il.kind = 'hours_saved')`;

// -------------------------------------------------------------------------------------------------

const tsquery = (q: string) => sql`websearch_to_tsquery('english', ${q})`;

/**
 * The WHERE clause of the gallery, shared by the page and the count so they always agree. Every filter is
 * a condition an index can serve: the GIN index on archive_search, demos_tags_idx, demos_outcome_status_idx,
 * weeks_slug_key + demos_week_idx, the team_members primary key and award_winners_demo_idx.
 */
export function archiveFilters(query: ArchiveGalleryQuery, now: Date): SQL {
  const filters: SQL[] = [lte(weeks.resultsPublishedAt, now)];
  if (query.q) filters.push(sql`${demos.archiveSearch} @@ ${tsquery(query.q)}`);
  if (query.week) filters.push(eq(weeks.slug, query.week));
  if (query.department) {
    filters.push(sql`exists (select 1 from team_members tm join users u on u.id = tm.user_id
      where tm.team_id = ${demos.teamId}
        and u.department_id = (select dep.id from departments dep where dep.slug = ${query.department}))`);
  }
  if (query.award === ANY_AWARD) {
    filters.push(sql`exists (select 1 from award_winners aw where aw.demo_id = ${demos.id})`);
  } else if (query.award) {
    filters.push(
      sql`exists (select 1 from award_winners aw where aw.demo_id = ${demos.id} and lower(aw.award_name) = lower(${query.award}))`,
    );
  }
  if (query.tag) filters.push(sql`${demos.tags} @> array[${query.tag}]::text[]`);
  if (query.outcome === "none") filters.push(sql`${demos.outcomeStatus} is null`);
  else if (query.outcome) filters.push(eq(demos.outcomeStatus, query.outcome));
  return and(...filters) as SQL;
}

function archiveOrder(query: ArchiveGalleryQuery): SQL[] {
  const newest = [desc(weeks.pitchingOpensAt), desc(demos.submittedAt), desc(demos.id)];
  switch (effectiveSort(query)) {
    case "relevance":
      return [sql`ts_rank_cd(${demos.archiveSearch}, ${tsquery(query.q)}) desc`, desc(demos.id)];
    case "votes":
      return [sql`${peoplesChoiceCount} desc`, ...newest];
    case "hours":
      return [sql`${latestHoursSaved} desc nulls last`, ...newest];
    default:
      return newest;
  }
}

/** "Matched in" and the highlighted excerpt; only computed for the rows of the page (after the LIMIT). */
function searchColumns(q: string) {
  if (!q) {
    return {
      matchedIn: sql<MatchSource[]>`'{}'::text[]`,
      headline: sql<string | null>`null::text`,
    };
  }
  const outcomeText = sql`coalesce((select string_agg(o.note || ' ' || o.owning_team || ' ' || o.lessons, ' ' order by o.happened_on desc, o.id desc)
    from outcome_updates o where o.demo_id = ${demos.id}), '')`;
  const demoText = sql`to_tsvector('english', ${demos.title} || ' ' || ${demos.summary} || ' ' || immutable_join(${demos.tags}))`;
  const learningText = sql`${demos.built} || ' ' || ${demos.learnings}`;
  const ideaText = sql`${ideas.title} || ' ' || ${ideas.summary} || ' ' || ${ideas.problem} || ' ' || ${ideas.proposal} || ' ' || immutable_join(${ideas.skills})`;
  const headline = (text: SQL) => sql`ts_headline('english', ${text}, ${tsquery(q)}, ${HEADLINE_OPTIONS})`;
  return {
    matchedIn: sql<MatchSource[]>`array_remove(array[
      case when ${demoText} @@ ${tsquery(q)} then 'demo' end,
      case when to_tsvector('english', ${learningText}) @@ ${tsquery(q)} then 'learnings' end,
      case when to_tsvector('english', ${ideaText}) @@ ${tsquery(q)} then 'idea' end,
      case when to_tsvector('english', ${outcomeText}) @@ ${tsquery(q)} then 'outcome' end
    ], null)`,
    headline: sql<string | null>`case
      when to_tsvector('english', ${learningText}) @@ ${tsquery(q)} then ${headline(learningText)}
      when to_tsvector('english', ${outcomeText}) @@ ${tsquery(q)} then ${headline(outcomeText)}
      when to_tsvector('english', ${ideaText}) @@ ${tsquery(q)} then ${headline(ideaText)}
      else null end`,
  };
}

export type ArchiveFacets = {
  weeks: Array<{ slug: string; name: string }>;
  departments: Array<{ slug: string; name: string }>;
  awards: string[];
  tags: string[];
};

/**
 * One page (24) of demos across every past week, its total and the filter options: three queries
 * whatever the page size, run side by side.
 */
export async function archiveGallery(
  db: Queryable,
  query: ArchiveGalleryQuery,
  now = new Date(),
): Promise<{ rows: ArchiveDemoRow[]; total: number; facets: ArchiveFacets }> {
  const where = archiveFilters(query, now);
  const [rows, [total], facets] = await Promise.all([
    db
      .select({
        id: demos.id,
        title: demos.title,
        summary: demos.summary,
        tags: demos.tags,
        teamId: teams.id,
        teamName: teams.name,
        weekId: weeks.id,
        weekName: weeks.name,
        weekSlug: weeks.slug,
        image: firstImage,
        departments: teamDepartments,
        outcomeStatus: demos.outcomeStatus,
        awards: wonAwards,
        votes: peoplesChoiceCount,
        hoursSaved: latestHoursSaved,
        ...searchColumns(query.q),
      })
      .from(demos)
      .innerJoin(weeks, eq(weeks.id, demos.weekId))
      .innerJoin(teams, eq(teams.id, demos.teamId))
      .innerJoin(ideas, eq(ideas.id, teams.ideaId))
      .where(where)
      .orderBy(...archiveOrder(query))
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE),
    db.select({ n: sql<number>`count(*)::int` }).from(demos).innerJoin(weeks, eq(weeks.id, demos.weekId)).where(where),
    cachedArchiveFacets(db, now),
  ]);
  return { rows: rows as ArchiveDemoRow[], total: total?.n ?? 0, facets };
}

/**
 * The filter options take a pass over every past demo and its team, so the gallery reuses them for up to
 * 30 s (per process, like the board's; see ttlCache). They are a convenience: a newly published week's
 * option may appear that much later; results, counts and pages are always read live. This process forgets
 * them at once when it publishes or withdraws results.
 */
const facetsCache = ttlCache<"past", ArchiveFacets>(30_000);

export function cachedArchiveFacets(db: Queryable, now = new Date()): Promise<ArchiveFacets> {
  return facetsCache.get("past", () => archiveFacets(db, now), now.getTime());
}

export function forgetArchiveFacets(): void {
  facetsCache.clear();
}

/** The filters' options: past weeks (newest first), departments that took part, awards won, popular tags. One query. */
export async function archiveFacets(db: Queryable, now = new Date()): Promise<ArchiveFacets> {
  const at = now.toISOString();
  const past = sql`select w.id from weeks w where w.results_published_at <= ${at}`;
  const [row] = await db.execute<{
    weeks: ArchiveFacets["weeks"] | null;
    departments: ArchiveFacets["departments"] | null;
    awards: string[] | null;
    tags: string[] | null;
  }>(sql`
    select
      (select json_agg(json_build_object('slug', w.slug, 'name', w.name) order by w.pitching_opens_at desc, w.id desc)
        from weeks w where w.results_published_at <= ${at}) as weeks,
      (select json_agg(json_build_object('slug', d.slug, 'name', d.name) order by d.name) from departments d
        where exists (select 1 from demos x join team_members tm on tm.team_id = x.team_id join users u on u.id = tm.user_id
                      where x.week_id in (${past}) and u.department_id = d.id)) as departments,
      (select array_agg(name order by lower(name)) from (
        select min(aw.award_name) as name from award_winners aw where aw.week_id in (${past})
        group by lower(aw.award_name)) a) as awards,
      (select array_agg(tag order by n desc, tag) from (
        select t.tag, count(*) n from demos x, unnest(x.tags) t(tag)
        where x.week_id in (${past}) group by t.tag order by n desc, t.tag limit 40) s) as tags`);
  return {
    weeks: row?.weeks ?? [],
    departments: row?.departments ?? [],
    awards: row?.awards ?? [],
    tags: row?.tags ?? [],
  };
}
