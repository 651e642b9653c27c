import { sql } from "drizzle-orm";
import type { Queryable } from "~db/client";

/** The PostgreSQL channel every app instance listens on for live updates. */
export const LIVE_CHANNEL = "expedition_live";

export type LiveEvent =
  | { type: "ballot"; weekId: number }
  | { type: "vote"; weekId: number }
  | { type: "schedule"; weekId: number }
  | { type: "presenting"; weekId: number; demoId: number | null; since: string | null };

/**
 * Announces a change to every instance (pg_notify is delivered on commit, so listeners never see
 * a change that was rolled back). Call it inside the transaction that makes the change.
 */
export async function publishLive(db: Queryable, event: LiveEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`);
}
