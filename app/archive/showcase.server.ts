import { asc, desc, eq, sql } from "drizzle-orm";
import type { Results } from "~/voting/results.server";
import type { Queryable } from "~db/client";
import { demos, teams, weeks } from "~db/schema";
import {
  type ArchiveDemoImage,
  firstImage,
  latestHoursSaved,
  peoplesChoiceCount,
  teamDepartments,
  wonAwards,
} from "./gallery.server";
import type { WeekStats } from "./stats";
import { weekStatistics } from "./stats.server";
import type { OutcomeStatus } from "./vocabulary";

export type Week = typeof weeks.$inferSelect;

export type ShowcaseDemo = {
  id: number;
  title: string;
  summary: string;
  tags: string[];
  teamId: number;
  teamName: string;
  image: ArchiveDemoImage | null;
  departments: Array<{ id: number; name: string; slug: string }>;
  outcomeStatus: OutcomeStatus | null;
  awards: string[];
  votes: number;
  hoursSaved: number | null;
};

export type ShowcaseWinner = {
  awardId: number;
  awardName: string;
  kind: "judged" | "criterion" | "peoples_choice" | "manual";
  /** The citation as published (the award's current one if the snapshot has none). */
  citation: string;
  criterionName: string | null;
  demoId: number;
  demoTitle: string;
  teamId: number;
  teamName: string;
  /** As published: the judged score, or the people's-choice votes. */
  score: number | null;
  votes: number | null;
  tieBreak: string | null;
};

export type Showcase =
  | { status: "missing" }
  | { status: "pending"; week: Week }
  | { status: "ok"; week: Week; winners: ShowcaseWinner[]; demos: ShowcaseDemo[]; stats: WeekStats };

/** Every demo of a week for its showcase, in demo-day order. One query whatever the number of demos. */
export async function showcaseDemos(db: Queryable, weekId: number): Promise<ShowcaseDemo[]> {
  const rows = await db
    .select({
      id: demos.id,
      title: demos.title,
      summary: demos.summary,
      tags: demos.tags,
      teamId: teams.id,
      teamName: teams.name,
      image: firstImage,
      departments: teamDepartments,
      outcomeStatus: demos.outcomeStatus,
      awards: wonAwards,
      votes: peoplesChoiceCount,
      hoursSaved: latestHoursSaved,
    })
    .from(demos)
    .innerJoin(teams, eq(teams.id, demos.teamId))
    .where(eq(demos.weekId, weekId))
    .orderBy(sql`${demos.position} asc nulls last`, asc(demos.submittedAt), asc(demos.id));
  return rows as ShowcaseDemo[];
}

type WinnerRow = {
  award_id: number;
  award_name: string;
  kind: ShowcaseWinner["kind"];
  citation: string;
  demo_id: number;
  demo_title: string;
  team_id: number;
  team_name: string;
  published: Pick<Results["awards"][number], "citation" | "criterionName" | "winners" | "tieBreak"> | null;
};

/**
 * The published winners of a week: award_winners (what the archive filters on) with each award's entry of
 * the published snapshot (citation, criterion, score or votes, tie-break), in the week's award order.
 * One query; the snapshot's rankings stay in the database.
 */
export async function showcaseWinners(db: Queryable, weekId: number): Promise<ShowcaseWinner[]> {
  const rows = await db.execute<WinnerRow>(sql`
    select aw.award_id, aw.award_name, a.kind::text as kind, a.citation, aw.demo_id, d.title as demo_title,
      t.id as team_id, t.name as team_name,
      (select x - 'ranking' from jsonb_array_elements(vs.published_results -> 'awards') x
        where (x ->> 'id')::int = aw.award_id limit 1) as published
    from award_winners aw
    join awards a on a.id = aw.award_id
    join demos d on d.id = aw.demo_id
    join teams t on t.id = d.team_id
    left join voting_settings vs on vs.week_id = aw.week_id
    where aw.week_id = ${weekId}
    order by a.position, a.id, d.id`);
  return rows.map((r) => {
    const won = r.published?.winners.find((w) => w.demoId === r.demo_id);
    return {
      awardId: r.award_id,
      awardName: r.award_name,
      kind: r.kind,
      citation: r.published?.citation || r.citation,
      criterionName: r.published?.criterionName ?? null,
      demoId: r.demo_id,
      demoTitle: r.demo_title,
      teamId: r.team_id,
      teamName: r.team_name,
      score: won?.score ?? null,
      votes: won?.votes ?? null,
      tieBreak: r.published?.tieBreak ?? null,
    };
  });
}

/**
 * A past week's showcase: the week, its winners, every demo and its statistics. "missing" when there is
 * no such week, "pending" while its results are not yet published (it is not in the archive yet).
 * Five queries (the week, then demos, winners and the two statistics queries side by side).
 */
export async function weekShowcase(db: Queryable, slug: string, now = new Date()): Promise<Showcase> {
  // A malformed slug (a null byte would make PostgreSQL fail the query) names no week.
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return { status: "missing" };
  const [week] = await db.select().from(weeks).where(eq(weeks.slug, slug)).orderBy(desc(weeks.id)).limit(1);
  if (!week) return { status: "missing" };
  if (week.resultsPublishedAt > now) return { status: "pending", week };
  const [demoRows, winners, stats] = await Promise.all([
    showcaseDemos(db, week.id),
    showcaseWinners(db, week.id),
    weekStatistics(db, week.id),
  ]);
  if (!stats) return { status: "missing" };
  return { status: "ok", week, winners, demos: demoRows, stats };
}
