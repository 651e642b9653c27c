import { data } from "react-router";
import { hasRole, requireUser } from "~/auth/guards.server";
import { dbContext } from "~/context";
import { subscribe } from "~/live/listener.server";
import type { LiveEvent } from "~/live/publish.server";
import { findWeekBySlug } from "~/weeks/weeks.server";
import type { Route } from "./+types/events";

const HEARTBEAT_MS = 20_000;

/** The SSE frame for an event, or null when this viewer must not see it. Never carries scores. */
function frameFor(event: LiveEvent, organiser: boolean): string | null {
  switch (event.type) {
    case "presenting":
      return `event: presenting\ndata: ${JSON.stringify({ demoId: event.demoId, since: event.since })}\n\n`;
    case "schedule":
      return "event: schedule\ndata: {}\n\n";
    case "ballot":
    case "vote":
      // Ballot and vote activity is for organisers' dashboard only; the event itself says only "something changed".
      return organiser ? `event: ${event.type}\ndata: {}\n\n` : null;
  }
}

/**
 * GET /weeks/:slug/live — Server-Sent Events for one week. Every signed-in person hears "presenting"
 * and "schedule"; organisers also hear "ballot" and "vote" (counts are re-read by the dashboard's
 * loader, so nothing private travels here). Events come from PostgreSQL LISTEN/NOTIFY, so a change
 * made through any app instance reaches the browsers connected to every instance.
 */
export async function loader(args: Route.LoaderArgs) {
  const user = requireUser(args);
  const week = await findWeekBySlug(args.context.get(dbContext), args.params.slug);
  if (!week) throw data({ message: "There is no week at that address." }, { status: 404 });
  const organiser = hasRole(user, "organiser");
  const signal = args.request.signal;
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = subscribe(
        week.id,
        (event) => {
          const frame = frameFor(event, organiser);
          if (frame) send(frame);
        },
        // The instance is shutting down: end the stream so the browser reconnects to another one.
        () => cleanup(),
      );
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // Already closed or errored.
        }
      };
      signal.addEventListener("abort", cleanup, { once: true });
      if (signal.aborted) {
        cleanup();
        return;
      }
      // Reconnect after 3 s if the connection drops; the comment opens the stream at once through proxies.
      send("retry: 3000\n: connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
