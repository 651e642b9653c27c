import postgres from "postgres";
import { log } from "~/log.server";
import { reconnectBackoff } from "~db/client";
import { LIVE_CHANNEL, type LiveEvent } from "./publish.server";

export type LiveSubscriber = (event: LiveEvent) => void;

export type LiveListener = {
  /** Calls `onEvent` for every event of `weekId` any instance publishes; `onClose` when the listener shuts down. */
  subscribe(weekId: number, onEvent: LiveSubscriber, onClose?: () => void): () => void;
  /** Resolves once LISTEN is in place (events committed before that are not delivered). */
  ready: Promise<void>;
  /** How many subscribers are open (for tests and logs). */
  size(): number;
  close(): Promise<void>;
};

/** Accepts only well-formed events; anything else on the channel is ignored. */
export function parseLiveEvent(payload: string): LiveEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const e = value as Record<string, unknown>;
  if (typeof e.weekId !== "number" || !Number.isInteger(e.weekId)) return null;
  switch (e.type) {
    case "ballot":
    case "vote":
    case "schedule":
      return { type: e.type, weekId: e.weekId };
    case "presenting":
      return {
        type: "presenting",
        weekId: e.weekId,
        demoId: typeof e.demoId === "number" ? e.demoId : null,
        since: typeof e.since === "string" ? e.since : null,
      };
    default:
      return null;
  }
}

/**
 * One dedicated PostgreSQL connection that LISTENs on the live channel and fans each event out to
 * this process's subscribers of the event's week. postgres.js reconnects (and re-LISTENs) by itself
 * when the connection drops. Every app instance has its own, so an event published by any instance
 * reaches the browsers connected to all of them.
 */
export function createLiveListener(url: string, onError: (error: unknown) => void = () => {}): LiveListener {
  // Re-LISTENs within half a second of the database coming back (not up to 20 s later).
  const sql = postgres(url, { max: 1, idle_timeout: 0, connect_timeout: 5, backoff: reconnectBackoff, onnotice: () => {} });
  type Entry = { onEvent: LiveSubscriber; onClose?: () => void };
  const byWeek = new Map<number, Set<Entry>>();
  let closed = false;

  const ready = sql
    .listen(LIVE_CHANNEL, (payload) => {
      const event = parseLiveEvent(payload);
      if (!event) return;
      for (const entry of [...(byWeek.get(event.weekId) ?? [])]) {
        try {
          entry.onEvent(event);
        } catch (error) {
          onError(error);
        }
      }
    })
    .then(() => undefined);
  // A failure here is reported, not thrown at whoever happens to hold the promise.
  ready.catch(onError);

  return {
    ready,
    subscribe(weekId, onEvent, onClose) {
      if (closed) {
        onClose?.();
        return () => {};
      }
      const entry: Entry = { onEvent, onClose };
      let set = byWeek.get(weekId);
      if (!set) {
        set = new Set();
        byWeek.set(weekId, set);
      }
      set.add(entry);
      return () => {
        const current = byWeek.get(weekId);
        if (!current) return;
        current.delete(entry);
        if (current.size === 0) byWeek.delete(weekId);
      };
    },
    size() {
      let n = 0;
      for (const set of byWeek.values()) n += set.size;
      return n;
    },
    async close() {
      if (closed) return;
      closed = true;
      const entries = [...byWeek.values()].flatMap((set) => [...set]);
      byWeek.clear();
      for (const entry of entries) {
        try {
          entry.onClose?.();
        } catch (error) {
          onError(error);
        }
      }
      await sql.end({ timeout: 5 });
    },
  };
}

type Global = typeof globalThis & { __expeditionLive?: { url: string; listener: LiveListener } };
const globalForLive = globalThis as Global;

/** This process's listener, started on first use and kept on globalThis so dev reloads don't leak it. */
export function liveListener(): LiveListener {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the server bootstrap sets it before the app loads.");
  const existing = globalForLive.__expeditionLive;
  if (existing && existing.url === url) return existing.listener;
  if (existing) void existing.listener.close();
  const listener = createLiveListener(url, (error) => log.error({ err: error }, "live listener failed"));
  globalForLive.__expeditionLive = { url, listener };
  // If LISTEN can't be set up (database down at the time), drop this listener: its streams end, the
  // browsers reconnect with back-off, and the next subscriber starts a fresh one.
  listener.ready.catch(() => {
    if (globalForLive.__expeditionLive?.listener === listener) globalForLive.__expeditionLive = undefined;
    void listener.close();
  });
  return listener;
}

/** Subscribes to `weekId`'s live events in this process; returns the unsubscribe function. */
export function subscribe(weekId: number, onEvent: LiveSubscriber, onClose?: () => void): () => void {
  return liveListener().subscribe(weekId, onEvent, onClose);
}

/**
 * Ends every open live stream of this process and closes the LISTEN connection. Call it early in a
 * graceful shutdown, so open event streams don't hold the HTTP server's drain open.
 */
export async function closeLiveListener(): Promise<void> {
  const current = globalForLive.__expeditionLive;
  globalForLive.__expeditionLive = undefined;
  if (current) await current.listener.close();
}
