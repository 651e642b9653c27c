import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  listNotifications,
  markAllRead,
  markRead,
  NOTIFICATIONS_PAGE_SIZE,
  openNotification,
  unreadCount,
} from "~/notifications/notifications.server";
import { notify } from "~/notifications/notify.server";
import { type Database, getDb } from "~db/client";
import { notifications } from "~db/schema";
import { createUser } from "../support/factories";

/** Inserts `n` notifications for `userId`, one second apart (the last one newest), and returns their ids oldest first. */
async function seed(db: Database, userId: number, n: number, options: { actorId?: number; start?: Date } = {}) {
  const start = options.start ?? new Date(Date.now() - n * 1000 - 60_000);
  const rows = await db
    .insert(notifications)
    .values(
      Array.from({ length: n }, (_, i) => ({
        userId,
        kind: "test",
        actorId: options.actorId ?? null,
        link: `/ideas/${i + 1}`,
        message: `Notification ${i + 1}`,
        createdAt: new Date(start.getTime() + i * 1000),
      })),
    )
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

async function unreadIds(db: Database, userId: number) {
  const rows = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

describe("notify", () => {
  it("skips the actor and keeps everyone else, inside the caller's transaction", async () => {
    const db = getDb();
    const actor = await createUser(db);
    const follower = await createUser(db);
    const created = await db.transaction((tx) =>
      notify(tx, [
        { userId: actor.id, actorId: actor.id, kind: "idea_commented", link: "/ideas/1", message: "You commented" },
        { userId: follower.id, actorId: actor.id, kind: "idea_commented", link: "/ideas/1", message: "Someone commented" },
      ]),
    );
    expect(created).toBe(1);
    expect(await unreadCount(db, actor.id)).toBe(0);
    expect(await unreadCount(db, follower.id)).toBe(1);
    const { rows } = await listNotifications(db, follower.id, { page: 1 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: actor.id, actorName: actor.name, message: "Someone commented", readAt: null });
  });

  it("writes nothing when the transaction rolls back", async () => {
    const db = getDb();
    const actor = await createUser(db);
    const follower = await createUser(db);
    await expect(
      db.transaction(async (tx) => {
        await notify(tx, [{ userId: follower.id, actorId: actor.id, kind: "idea_followed", link: "/ideas/2", message: "Hi" }]);
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    expect(await unreadCount(db, follower.id)).toBe(0);
  });
});

describe("unreadCount", () => {
  it("counts only the user's own unread notifications", async () => {
    const db = getDb();
    const user = await createUser(db);
    const other = await createUser(db);
    expect(await unreadCount(db, user.id)).toBe(0);
    const ids = await seed(db, user.id, 4);
    await seed(db, other.id, 2);
    expect(await unreadCount(db, user.id)).toBe(4);
    await markRead(db, user.id, [ids[0] as number]);
    expect(await unreadCount(db, user.id)).toBe(3);
    expect(await unreadCount(db, other.id)).toBe(2);
  });
});

describe("listNotifications", () => {
  it("pages newest first, 30 a page, breaking equal times by id", async () => {
    const db = getDb();
    const user = await createUser(db);
    const actor = await createUser(db);
    const ids = await seed(db, user.id, NOTIFICATIONS_PAGE_SIZE + 5, { actorId: actor.id });
    // Two more at exactly the same instant, newer than all the others: the higher id comes first.
    const sameTime = new Date();
    const [tieA] = await seed(db, user.id, 1, { start: sameTime });
    const [tieB] = await seed(db, user.id, 1, { start: sameTime });

    const first = await listNotifications(db, user.id, { page: 1 });
    expect(first.total).toBe(NOTIFICATIONS_PAGE_SIZE + 7);
    expect(first.rows).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(first.rows.slice(0, 2).map((r) => r.id)).toEqual([tieB, tieA]);
    expect(first.rows[2]?.id).toBe(ids.at(-1));
    expect(first.rows[2]).toMatchObject({ actorName: actor.name, link: `/ideas/${ids.length}` });

    const second = await listNotifications(db, user.id, { page: 2 });
    expect(second.total).toBe(NOTIFICATIONS_PAGE_SIZE + 7);
    expect(second.rows.map((r) => r.id)).toEqual(ids.slice(0, 7).reverse());

    const all = [...first.rows, ...second.rows];
    for (let i = 1; i < all.length; i++) {
      const prev = all[i - 1] as (typeof all)[number];
      const cur = all[i] as (typeof all)[number];
      expect(prev.createdAt.getTime()).toBeGreaterThanOrEqual(cur.createdAt.getTime());
    }

    expect((await listNotifications(db, user.id, { page: 3 })).rows).toEqual([]);
  });

  it("filters to unread only, and never shows another user's notifications", async () => {
    const db = getDb();
    const user = await createUser(db);
    const other = await createUser(db);
    const ids = await seed(db, user.id, 5);
    await seed(db, other.id, 3);
    await markRead(db, user.id, [ids[1] as number, ids[3] as number]);

    const unread = await listNotifications(db, user.id, { page: 1, unreadOnly: true });
    expect(unread.total).toBe(3);
    expect(unread.rows.map((r) => r.id)).toEqual([ids[4], ids[2], ids[0]]);
    expect(unread.rows.every((r) => r.readAt === null)).toBe(true);

    const everything = await listNotifications(db, user.id, { page: 1 });
    expect(everything.total).toBe(5);
    expect(everything.rows.filter((r) => r.readAt !== null).map((r) => r.id)).toEqual([ids[3], ids[1]]);
  });

  it("shows no actor name for system notifications or deleted actors", async () => {
    const db = getDb();
    const user = await createUser(db);
    await seed(db, user.id, 1);
    const { rows } = await listNotifications(db, user.id, { page: 1 });
    expect(rows[0]).toMatchObject({ actorId: null, actorName: null });
  });
});

describe("markRead", () => {
  it("marks only the caller's own notifications and silently ignores other users' ids", async () => {
    const db = getDb();
    const user = await createUser(db);
    const other = await createUser(db);
    const mine = await seed(db, user.id, 3);
    const theirs = await seed(db, other.id, 2);

    const changed = await markRead(db, user.id, [mine[0] as number, theirs[0] as number, theirs[1] as number, 2 ** 40]);
    expect(changed).toBe(1);
    expect(await unreadIds(db, user.id)).toEqual(mine.slice(1).sort((a, b) => a - b));
    expect(await unreadIds(db, other.id)).toEqual([...theirs].sort((a, b) => a - b));

    // Already read: nothing changes the second time, and the first read time stays.
    const [before] = await db
      .select({ readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.id, mine[0] as number));
    expect(await markRead(db, user.id, [mine[0] as number, mine[0] as number])).toBe(0);
    const [after] = await db
      .select({ readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.id, mine[0] as number));
    expect(after?.readAt).toEqual(before?.readAt);

    expect(await markRead(db, user.id, [])).toBe(0);
    expect(await markRead(db, user.id, [mine[1] as number, mine[2] as number])).toBe(2);
    expect(await unreadCount(db, user.id)).toBe(0);
  });
});

describe("markAllRead", () => {
  it("reads every notification of the caller and nobody else's", async () => {
    const db = getDb();
    const user = await createUser(db);
    const other = await createUser(db);
    await seed(db, user.id, 4);
    await seed(db, other.id, 3);
    expect(await markAllRead(db, user.id)).toBe(4);
    expect(await unreadCount(db, user.id)).toBe(0);
    expect(await unreadCount(db, other.id)).toBe(3);
    expect(await markAllRead(db, user.id)).toBe(0);
  });
});

describe("openNotification", () => {
  it("marks the caller's notification read and returns its link; another user's gets null and stays unread", async () => {
    const db = getDb();
    const user = await createUser(db);
    const other = await createUser(db);
    const [mine] = await seed(db, user.id, 1);
    const [theirs] = await seed(db, other.id, 1);

    expect(await openNotification(db, user.id, theirs as number)).toBeNull();
    expect(await unreadCount(db, other.id)).toBe(1);

    expect(await openNotification(db, user.id, mine as number)).toBe("/ideas/1");
    expect(await unreadCount(db, user.id)).toBe(0);
    // Opening it again still leads there.
    expect(await openNotification(db, user.id, mine as number)).toBe("/ideas/1");
    expect(await openNotification(db, user.id, 0)).toBeNull();
  });
});
