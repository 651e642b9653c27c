import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Queryable } from "~db/client";
import { sessions, userRoles, users } from "~db/schema";

export type Role = "participant" | "organiser" | "admin";

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  departmentId: number;
  roles: Role[];
};

export type Session = {
  id: string;
  userId: number;
  createdAt: Date;
  lastVerifiedAt: Date;
};

export type SessionPolicy = {
  /** A session unused for this long ends. */
  idleTimeoutMs: number;
  /** A session ends this long after sign-in, however active. */
  maxAgeMs: number;
  /** How often `last_verified_at` is written (and the cookie re-sent) for an active session. */
  activityCheckMs: number;
};

export function sessionPolicy(idleHours: number, maxAgeDays: number): SessionPolicy {
  const idleTimeoutMs = idleHours * 3_600_000;
  return {
    idleTimeoutMs,
    maxAgeMs: maxAgeDays * 86_400_000,
    activityCheckMs: Math.min(3_600_000, Math.floor(idleTimeoutMs / 10)),
  };
}

export const SESSION_COOKIE = "expedition_session";

function randomString(): string {
  // 24 base32 characters = 120 bits of entropy.
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

const TOKEN_PART = /^[a-z2-7]{24}$/;

export async function createSession(
  db: Queryable,
  userId: number,
  meta: { userAgent?: string; ip?: string } = {},
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const id = randomString();
  const secret = randomString();
  await db.insert(sessions).values({
    id,
    userId,
    secretHash: hashSecret(secret),
    createdAt: now,
    lastVerifiedAt: now,
    userAgent: (meta.userAgent ?? "").slice(0, 400),
    ip: (meta.ip ?? "").slice(0, 64),
  });
  return { token: `${id}.${secret}`, session: { id, userId, createdAt: now, lastVerifiedAt: now } };
}

export type ValidatedSession = { session: Session; user: SessionUser; refreshed: boolean };

/**
 * Checks a token from a cookie: the secret must hash to the stored hash (constant-time),
 * the session must be neither idle past the timeout nor older than its absolute lifetime,
 * and the user must be active. Expired sessions are deleted.
 */
export async function validateSessionToken(
  db: Queryable,
  token: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<ValidatedSession | null> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || !TOKEN_PART.test(id) || !TOKEN_PART.test(secret)) return null;

  const [row] = await db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      secretHash: sessions.secretHash,
      createdAt: sessions.createdAt,
      lastVerifiedAt: sessions.lastVerifiedAt,
      email: users.email,
      name: users.name,
      departmentId: users.departmentId,
      deactivatedAt: users.deactivatedAt,
      roles: sql<
        Role[]
      >`coalesce((select array_agg(${userRoles.role}::text) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}')`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), row.secretHash)) return null;

  const idleFor = now.getTime() - row.lastVerifiedAt.getTime();
  const age = now.getTime() - row.createdAt.getTime();
  if (idleFor >= policy.idleTimeoutMs || age >= policy.maxAgeMs || row.deactivatedAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }

  let lastVerifiedAt = row.lastVerifiedAt;
  let refreshed = false;
  if (idleFor >= policy.activityCheckMs) {
    lastVerifiedAt = now;
    refreshed = true;
    await db.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, id));
  }
  return {
    session: { id: row.id, userId: row.userId, createdAt: row.createdAt, lastVerifiedAt },
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      departmentId: row.departmentId,
      roles: ["participant", ...row.roles],
    },
    refreshed,
  };
}

export async function invalidateSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, except `keepSessionId` when given. */
export async function invalidateUserSessions(db: Queryable, userId: number, keepSessionId?: string): Promise<number> {
  const where = keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId);
  const deleted = await db.delete(sessions).where(where).returning({ id: sessions.id });
  return deleted.length;
}

export function sessionIdFromToken(token: string): string | null {
  const id = token.split(".")[0];
  return id && TOKEN_PART.test(id) ? id : null;
}

export function sessionCookie(token: string, opts: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.floor(opts.maxAgeSeconds)}`,
    opts.secure ? "Secure" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

export function clearedSessionCookie(opts: { secure: boolean }): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", opts.secure ? "Secure" : ""]
    .filter(Boolean)
    .join("; ");
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eqAt = part.indexOf("=");
    if (eqAt < 0) continue;
    if (part.slice(0, eqAt).trim() === name) {
      const value = part.slice(eqAt + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return null;
      }
    }
  }
  return null;
}
