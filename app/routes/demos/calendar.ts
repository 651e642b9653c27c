import { dbContext } from "~/context";
import { loadSchedule, userByCalendarToken, weekCalendar } from "~/demoday/schedule.server";
import { selfOrigin } from "~/lib/request.server";
import { findWeekBySlug } from "~/weeks/weeks.server";
import type { Route } from "./+types/calendar";

const notFound = () =>
  new Response("This calendar link is not valid (it may have been replaced). Get a new one on the schedule page.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/**
 * GET /weeks/:slug/schedule.ics?token=… — the week's milestones and demo-day slots as an iCalendar
 * feed. Calendar apps can't send the session cookie, so the private token in the URL identifies the
 * person (only its SHA-256 is stored).
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  const token = new URL(request.url).searchParams.get("token");
  const [user, week] = await Promise.all([userByCalendarToken(db, token), findWeekBySlug(db, params.slug)]);
  if (!user || !week) return notFound();
  const body = weekCalendar(week, await loadSchedule(db, week.id), selfOrigin(request));
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${week.slug}.ics"`,
      "Cache-Control": "private, no-cache",
      // The URL is a secret: don't leak it onwards.
      "Referrer-Policy": "no-referrer",
    },
  });
}
