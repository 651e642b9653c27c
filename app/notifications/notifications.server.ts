import { and, count, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "~db/client";
import { notifications, users } from "~db/schema";

/** Notifications per page of /notifications. */
export const NOTIFICATIONS_PAGE_SIZE = 30;

/** How many ids one "mark as read" may name: a form never sends more than a page's worth. */
const MAX_IDS = 1000;

export type NotificationRow = {
  id: number;
  kind: string;
  link: string;
  message: string;
  createdAt: Date;
  readAt: Date | null;
  actorId: number | null;
  actorName: string | null;
};

/** The number the bell shows: one count served by the partial index on unread rows. */
export async function unreadCount(db: Queryable, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** One page of a user's notifications, newest first, with the actor's name: one query for the page, one count. */
export async function listNotifications(
  db: Queryable,
  userId: number,
  options: { page: number; unreadOnly?: boolean },
): Promise<{ rows: NotificationRow[]; total: number }> {
  const page = Math.max(1, Math.floor(options.page));
  const conditions: SQL[] = [eq(notifications.userId, userId)];
  if (options.unreadOnly) conditions.push(isNull(notifications.readAt));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        link: notifications.link,
        message: notifications.message,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        actorId: notifications.actorId,
        actorName: users.name,
      })
      .from(notifications)
      .leftJoin(users, eq(users.id, notifications.actorId))
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(NOTIFICATIONS_PAGE_SIZE)
      .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE),
    db.select({ n: count() }).from(notifications).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/**
 * Marks the caller's own notifications among `ids` as read; ids of other users' notifications (or
 * of none at all) are ignored. Returns how many rows changed from unread to read.
 */
export async function markRead(db: Queryable, userId: number, ids: number[]): Promise<number> {
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))].slice(0, MAX_IDS);
  if (wanted.length === 0) return 0;
  const result = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), inArray(notifications.id, wanted), isNull(notifications.readAt)));
  return result.count;
}

/** Marks every unread notification of the caller as read; returns how many changed. */
export async function markAllRead(db: Queryable, userId: number): Promise<number> {
  const result = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return result.count;
}

/**
 * Following a notification: marks it read (if it was not already) and returns where it leads, or
 * null when it is not the caller's or no longer exists. One statement.
 */
export async function openNotification(db: Queryable, userId: number, id: number): Promise<string | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
    .returning({ link: notifications.link });
  return row?.link ?? null;
}
