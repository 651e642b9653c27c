import { sql } from "drizzle-orm";
import type { Queryable } from "~db/client";

export type SimilarItem = {
  kind: "idea";
  id: number;
  title: string;
  summary: string;
  weekName: string;
  weekSlug: string;
  score: number;
  /** What became of it: "Became a demo", with its latest outcome when one is recorded. */
  outcome: string | null;
};

const OUTCOME_WORDS: Record<string, string> = {
  shipped: "shipped",
  continued: "continued on a roadmap",
  prototype: "still a prototype",
  learning: "kept as learning",
  stopped: "stopped",
};

function outcomeLine(hasDemo: boolean, status: string | null): string | null {
  if (!hasDemo) return null;
  return status ? `Became a demo, ${OUTCOME_WORDS[status] ?? status}` : "Became a demo";
}

/**
 * "Have we tried this before?": the ideas of this and every past week closest to what someone is
 * typing — trigram similarity on titles plus full-text match on title, summary and body.
 */
export async function triedBefore(
  db: Queryable,
  input: { title: string; summary: string; excludeIdeaId?: number; limit?: number },
) {
  const title = input.title.trim().slice(0, 120);
  const text = `${title} ${input.summary.trim().slice(0, 200)}`.trim();
  if (title.length < 3 && text.length < 6) return [];
  const rows = await db.execute<{
    id: number;
    title: string;
    summary: string;
    week_name: string;
    week_slug: string;
    score: number;
    has_demo: boolean;
    outcome_status: string | null;
  }>(sql`
    with q as (select to_tsquery('english', replace(plainto_tsquery('english', ${text})::text, '&', '|')) as any_word)
    select i.id, i.title, i.summary, w.name as week_name, w.slug as week_slug,
      greatest(similarity(i.title, ${title}), ts_rank_cd(i.search, q.any_word)) as score,
      d.id is not null as has_demo, d.outcome_status::text as outcome_status
    from ideas i join weeks w on w.id = i.week_id
      left join teams t on t.idea_id = i.id left join demos d on d.team_id = t.id, q
    where i.status = 'published'
      and i.id <> ${input.excludeIdeaId ?? 0}
      and (i.title % ${title} or i.search @@ q.any_word)
    order by score desc, i.id desc
    limit ${input.limit ?? 5}`);
  return [...rows].map(
    (r): SimilarItem => ({
      kind: "idea",
      id: Number(r.id),
      title: r.title,
      summary: r.summary,
      weekName: r.week_name,
      weekSlug: r.week_slug,
      score: Number(r.score),
      outcome: outcomeLine(Boolean(r.has_demo), r.outcome_status),
    }),
  );
}
