import { sql } from "drizzle-orm";
import type { Queryable } from "~db/client";

/**
 * Request rate limits kept in PostgreSQL (the sign-in throttle's table, `login_throttles`), so every
 * app instance counts against the same numbers. A fixed window per key: the first request opens a
 * window of `windowMs`; the `limit + 1`th request inside it is refused until the window ends.
 * The limits are generous: a person using the app by hand never meets them; a script does.
 */
export type RateRule = {
  /** Part of the key, e.g. "comment". */
  name: string;
  limit: number;
  windowMs: number;
  /** What the person reads when refused, given the seconds to wait. */
  message: (wait: string) => string;
};

export const COMMENT_RATE: RateRule = {
  name: "comment",
  limit: 10,
  windowMs: 60_000,
  message: (wait) => `You're commenting too fast — try again in ${wait}.`,
};

export const VOTE_RATE: RateRule = {
  name: "vote",
  limit: 60,
  windowMs: 60_000,
  message: (wait) => `You're voting too fast — try again in ${wait}.`,
};

/** Per client address: each sign-up costs a password hash, and scripts should not create accounts in bulk. */
export const SIGN_UP_RATE: RateRule = {
  name: "sign-up",
  limit: 50,
  windowMs: 10 * 60_000,
  message: (wait) => `Too many accounts were created from your network just now — try again in ${wait}.`,
};

export type RateDecision = { ok: true } | { ok: false; status: 429; retryAfterSeconds: number; message: string };

function waitText(seconds: number): string {
  return seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
}

/** Counts one request by `subject` (a user id or an address) against `rule`, atomically, and says whether it may go on. */
export async function takeRate(db: Queryable, rule: RateRule, subject: string | number, now = new Date()): Promise<RateDecision> {
  const key = `rate:${rule.name}:${subject}`;
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - rule.windowMs).toISOString();
  const [row] = await db.execute<{ count: number; started: string }>(sql`
    insert into login_throttles as t (key, failures, window_started_at)
    values (${key}, 1, ${at}::timestamptz)
    on conflict (key) do update set
      failures = case when t.window_started_at <= ${windowStart}::timestamptz then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at <= ${windowStart}::timestamptz
                          then ${at}::timestamptz else t.window_started_at end
    returning failures as count, window_started_at as started`);
  if (!row || Number(row.count) <= rule.limit) return { ok: true };
  const endsAt = new Date(row.started).getTime() + rule.windowMs;
  const retryAfterSeconds = Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000));
  return { ok: false, status: 429, retryAfterSeconds, message: rule.message(waitText(retryAfterSeconds)) };
}
