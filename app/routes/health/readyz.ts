import { sql } from "drizzle-orm";
import { dbContext } from "~/context";
import type { Route } from "./+types/readyz";

/** Readiness: the database answers within a second. Load balancers route traffic only while this is 200. */
export async function loader({ context }: Route.LoaderArgs) {
  const started = performance.now();
  try {
    await Promise.race([
      context.get(dbContext).execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("database timeout")), 1000).unref()),
    ]);
    return Response.json(
      { status: "ready", database: "ok", ms: Math.round(performance.now() - started) },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return Response.json(
      { status: "unavailable", database: String((error as Error).message ?? error) },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "5" } },
    );
  }
}
