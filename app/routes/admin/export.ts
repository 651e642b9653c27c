import { eq } from "drizzle-orm";
import { requireOrganiser } from "~/auth/guards.server";
import { dbContext } from "~/context";
import { EXPORT_KINDS, type ExportKind, peoplesChoiceCsv, resultsCsv, scoresCsv } from "~/voting/csv.server";
import { getPublishedResults } from "~/voting/results.server";
import { weeks } from "~db/schema";
import type { Route } from "./+types/export";

const text = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * GET /admin/weeks/:weekId/export/:kind — organisers' CSV downloads. scores.csv reads the live ballots;
 * results.csv and peoples-choice.csv read the published snapshot, so they match the results page.
 */
export async function loader(args: Route.LoaderArgs) {
  requireOrganiser(args);
  const db = args.context.get(dbContext);
  const { weekId, kind } = args.params;
  if (!(EXPORT_KINDS as readonly string[]).includes(kind)) return text(404, "There is no such export.");
  const id = /^\d{1,9}$/.test(weekId) ? Number(weekId) : null;
  const [week] = id ? await db.select({ id: weeks.id, slug: weeks.slug }).from(weeks).where(eq(weeks.id, id)) : [];
  if (!week) return text(404, "There is no week with this number.");

  let body: string;
  if (kind === "scores.csv") {
    body = await scoresCsv(db, week.id);
  } else {
    const published = await getPublishedResults(db, week.id);
    if (!published)
      return text(
        409,
        "The results are not published yet, so there is nothing to export. Publish them on the results page first (the scores export is available at any time).",
      );
    body = (kind as ExportKind) === "results.csv" ? resultsCsv(published.results) : peoplesChoiceCsv(published.results);
  }
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${week.slug}-${kind}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
