import { inArray, sql } from "drizzle-orm";
import type { Queryable } from "~db/client";
import { loginThrottles } from "~db/schema";

/**
 * Sign-in throttling kept in PostgreSQL so every app instance sees the same counters.
 * Each key (an account or an IP address) may fail `maxFailures` times inside `windowMs`;
 * the next failure locks it for `lockMs`, doubling with each further lock up to `maxLockMs`.
 */
export type ThrottleRule = { maxFailures: number; windowMs: number; lockMs: number; maxLockMs: number };

export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 60_000, maxLockMs: 60 * 60_000 };
export const IP_RULE: ThrottleRule = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 5 * 60_000, maxLockMs: 60 * 60_000 };

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** The latest instant until which any of these keys is locked, or null if none is. */
export async function lockedUntil(db: Queryable, keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: loginThrottles.lockedUntil })
    .from(loginThrottles)
    .where(inArray(loginThrottles.key, keys));
  let latest: Date | null = null;
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now && (!latest || row.lockedUntil > latest)) latest = row.lockedUntil;
  }
  return latest;
}

/** Counts one failure against `key`, atomically (one upsert), and locks it when the rule says so. */
export async function recordFailure(db: Queryable, key: string, rule: ThrottleRule, now = new Date()): Promise<void> {
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - rule.windowMs).toISOString();
  const firstLock = rule.maxFailures <= 1 ? new Date(now.getTime() + rule.lockMs).toISOString() : null;
  // A key whose window has passed (and that is not locked) starts a new window.
  await db.execute(sql`
    insert into login_throttles as t (key, failures, window_started_at, locked_until)
    values (${key}, 1, ${at}::timestamptz, ${firstLock}::timestamptz)
    on conflict (key) do update set
      failures = case when t.window_started_at < ${windowStart}::timestamptz
                        and (t.locked_until is null or t.locked_until < ${at}::timestamptz)
                      then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at < ${windowStart}::timestamptz
                        and (t.locked_until is null or t.locked_until < ${at}::timestamptz)
                      then ${at}::timestamptz else t.window_started_at end,
      locked_until = case
        when t.window_started_at < ${windowStart}::timestamptz
          and (t.locked_until is null or t.locked_until < ${at}::timestamptz) then ${firstLock}::timestamptz
        when t.failures + 1 >= ${rule.maxFailures}::int then ${at}::timestamptz + least(
          ${rule.maxLockMs}::bigint,
          ${rule.lockMs}::bigint * power(2, least(20, greatest(0, t.failures + 1 - ${rule.maxFailures}::int)))::bigint
        ) * interval '1 millisecond'
        else t.locked_until end
  `);
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.delete(loginThrottles).where(inArray(loginThrottles.key, [key]));
}
