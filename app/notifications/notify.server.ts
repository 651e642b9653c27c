import type { Queryable } from "~db/client";
import { notifications } from "~db/schema";

export type NotificationKind = "idea_commented" | "idea_followed" | "idea_carried_over" | "idea_got_team" | (string & {});

export type NewNotification = {
  userId: number;
  kind: NotificationKind;
  actorId?: number | null;
  link: string;
  message: string;
  data?: Record<string, unknown>;
};

/**
 * Queues notifications inside the caller's transaction, so they exist exactly when the event does.
 * Nobody is notified of their own action.
 */
export async function notify(db: Queryable, items: NewNotification[]): Promise<number> {
  const rows = items
    .filter((n) => n.userId !== n.actorId)
    .map((n) => ({
      userId: n.userId,
      kind: n.kind,
      actorId: n.actorId ?? null,
      link: n.link,
      message: n.message.slice(0, 500),
      data: n.data ?? {},
    }));
  if (rows.length === 0) return 0;
  for (let i = 0; i < rows.length; i += 1000) await db.insert(notifications).values(rows.slice(i, i + 1000));
  return rows.length;
}
