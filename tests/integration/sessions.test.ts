import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  type SessionPolicy,
  validateSessionToken,
} from "~/auth/session.server";
import { getDb } from "~db/client";
import { sessions, users } from "~db/schema";
import { createUser } from "../support/factories";

const MIN = 60_000;
const HOUR = 60 * MIN;
const POLICY: SessionPolicy = { idleTimeoutMs: HOUR, maxAgeMs: 3 * HOUR, activityCheckMs: 10 * MIN };
const T0 = new Date("2026-04-01T10:00:00.000Z");
const plus = (ms: number) => new Date(T0.getTime() + ms);

async function sessionRow(id: string) {
  const [row] = await getDb().select().from(sessions).where(eq(sessions.id, id));
  return row ?? null;
}

describe("createSession", () => {
  it("returns an <id>.<secret> token and stores only SHA-256 of the secret", async () => {
    const db = getDb();
    const user = await createUser(db);
    const { token, session } = await createSession(db, user.id, { userAgent: "vitest", ip: "192.0.2.1" }, T0);
    const [id, secret] = token.split(".");
    expect(id).toMatch(/^[a-z2-7]{24}$/);
    expect(secret).toMatch(/^[a-z2-7]{24}$/);
    expect(session).toEqual({ id, userId: user.id, createdAt: T0, lastVerifiedAt: T0 });

    const row = await sessionRow(id as string);
    expect(row).not.toBeNull();
    expect(row?.secretHash).toBeInstanceOf(Uint8Array);
    expect(row?.secretHash.byteLength).toBe(32);
    const expected = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)));
    expect(Buffer.from(row?.secretHash ?? []).equals(Buffer.from(expected))).toBe(true);
    // Neither the secret text nor the token appear anywhere in the stored row.
    const stored = JSON.stringify({ ...row, secretHash: Buffer.from(row?.secretHash ?? []).toString("latin1") });
    expect(stored).not.toContain(secret);
    expect(Buffer.from(row?.secretHash ?? []).includes(Buffer.from(secret as string))).toBe(false);
    expect(row).toMatchObject({ userId: user.id, userAgent: "vitest", ip: "192.0.2.1", createdAt: T0, lastVerifiedAt: T0 });
  });

  it("two sessions never share an id or secret", async () => {
    const db = getDb();
    const user = await createUser(db);
    const a = await createSession(db, user.id);
    const b = await createSession(db, user.id);
    const [aId, aSecret] = a.token.split(".");
    const [bId, bSecret] = b.token.split(".");
    expect(aId).not.toBe(bId);
    expect(aSecret).not.toBe(bSecret);
  });
});

describe("validateSessionToken", () => {
  it("accepts the token and returns the user with the implicit participant role", async () => {
    const db = getDb();
    const user = await createUser(db, { roles: ["organiser"] });
    const { token, session } = await createSession(db, user.id, {}, T0);
    const result = await validateSessionToken(db, token, POLICY, plus(MIN));
    expect(result).not.toBeNull();
    expect(result?.session).toEqual(session);
    expect(result?.refreshed).toBe(false);
    expect(result?.user).toMatchObject({ id: user.id, email: user.email, name: user.name, departmentId: user.departmentId });
    expect(result?.user.roles.sort()).toEqual(["organiser", "participant"]);
  });

  it("rejects a token with a wrong secret of the right shape, and keeps the session", async () => {
    const db = getDb();
    const user = await createUser(db);
    const { token } = await createSession(db, user.id, {}, T0);
    const [id, secret = ""] = token.split(".");
    const otherSecret = secret.startsWith("a") ? `b${secret.slice(1)}` : `a${secret.slice(1)}`;
    expect(otherSecret).toMatch(/^[a-z2-7]{24}$/);
    expect(await validateSessionToken(db, `${id}.${otherSecret}`, POLICY, plus(MIN))).toBeNull();
    // The real token still works: a guessed secret does not end (or reveal) the session.
    expect(await validateSessionToken(db, token, POLICY, plus(MIN))).not.toBeNull();
  });

  it("rejects another session's secret paired with this id", async () => {
    const db = getDb();
    const user = await createUser(db);
    const a = await createSession(db, user.id, {}, T0);
    const b = await createSession(db, user.id, {}, T0);
    const mixed = `${a.token.split(".")[0]}.${b.token.split(".")[1]}`;
    expect(await validateSessionToken(db, mixed, POLICY, plus(MIN))).toBeNull();
  });

  it("rejects an unknown id of the right shape", async () => {
    expect(await validateSessionToken(getDb(), "aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb", POLICY, T0)).toBeNull();
  });

  it("rejects malformed tokens", async () => {
    const db = getDb();
    const user = await createUser(db);
    const { token } = await createSession(db, user.id, {}, T0);
    const [id = "", secret = ""] = token.split(".");
    const malformed = [
      "",
      ".",
      id,
      `${id}.`,
      `.${secret}`,
      `${id}.${secret}.extra`,
      `${id}.${secret}.`,
      `${id.toUpperCase()}.${secret.toUpperCase()}`,
      `${id}.${secret}x`,
      `${id}.${secret.slice(1)}`,
      `${id} .${secret}`,
      `${id}.${secret.slice(0, 23)}1`,
      "' or 1=1 --.x",
    ];
    for (const bad of malformed) {
      expect(await validateSessionToken(db, bad, POLICY, plus(MIN)), bad).toBeNull();
    }
    expect(await validateSessionToken(db, token, POLICY, plus(MIN))).not.toBeNull();
  });

  it("ends a session idle for the timeout, deleting the row; 1 ms earlier it is still valid", async () => {
    const db = getDb();
    const user = await createUser(db);
    const a = await createSession(db, user.id, {}, T0);
    expect(await validateSessionToken(db, a.token, POLICY, plus(HOUR - 1))).not.toBeNull();

    const b = await createSession(db, user.id, {}, T0);
    expect(await validateSessionToken(db, b.token, POLICY, plus(HOUR))).toBeNull();
    expect(await sessionRow(b.session.id)).toBeNull();
  });

  it("ends a session at its absolute lifetime however active it is", async () => {
    const db = getDb();
    const user = await createUser(db);
    const { token, session } = await createSession(db, user.id, {}, T0);
    // Active every 50 minutes: never idle, but 3 h after sign-in it ends.
    for (const t of [50, 100, 150]) {
      const r = await validateSessionToken(db, token, POLICY, plus(t * MIN));
      expect(r?.refreshed, `at ${t} min`).toBe(true);
    }
    expect(await validateSessionToken(db, token, POLICY, plus(3 * HOUR - 1))).not.toBeNull();
    expect(await validateSessionToken(db, token, POLICY, plus(3 * HOUR))).toBeNull();
    expect(await sessionRow(session.id)).toBeNull();
  });

  it("refreshes last_verified_at only once activityCheckMs has passed", async () => {
    const db = getDb();
    const user = await createUser(db);
    const { token, session } = await createSession(db, user.id, {}, T0);

    const early = await validateSessionToken(db, token, POLICY, plus(10 * MIN - 1));
    expect(early?.refreshed).toBe(false);
    expect(early?.session.lastVerifiedAt).toEqual(T0);
    expect((await sessionRow(session.id))?.lastVerifiedAt).toEqual(T0);

    const due = await validateSessionToken(db, token, POLICY, plus(10 * MIN));
    expect(due?.refreshed).toBe(true);
    expect(due?.session.lastVerifiedAt).toEqual(plus(10 * MIN));
    expect((await sessionRow(session.id))?.lastVerifiedAt).toEqual(plus(10 * MIN));

    // The refresh moved the idle clock: 1 h after sign-in is no longer idle for 1 h.
    const later = await validateSessionToken(db, token, POLICY, plus(HOUR + 5 * MIN));
    expect(later).not.toBeNull();
    expect(later?.refreshed).toBe(true);
  });

  it("returns null for a deactivated user and deletes the session", async () => {
    const db = getDb();
    const user = await createUser(db);
    const { token, session } = await createSession(db, user.id, {}, T0);
    await db
      .update(users)
      .set({ deactivatedAt: plus(1) })
      .where(eq(users.id, user.id));
    expect(await validateSessionToken(db, token, POLICY, plus(MIN))).toBeNull();
    expect(await sessionRow(session.id)).toBeNull();
  });
});

describe("invalidating sessions", () => {
  it("invalidateUserSessions ends every session of the user but the one to keep, and nobody else's", async () => {
    const db = getDb();
    const user = await createUser(db);
    const other = await createUser(db);
    const keep = await createSession(db, user.id);
    const drop1 = await createSession(db, user.id);
    const drop2 = await createSession(db, user.id);
    const othersSession = await createSession(db, other.id);

    expect(await invalidateUserSessions(db, user.id, keep.session.id)).toBe(2);
    const remaining = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
    expect(remaining.map((r) => r.id)).toEqual([keep.session.id]);
    expect(await sessionRow(drop1.session.id)).toBeNull();
    expect(await sessionRow(drop2.session.id)).toBeNull();
    expect(await sessionRow(othersSession.session.id)).not.toBeNull();

    expect(await invalidateUserSessions(db, user.id)).toBe(1);
    expect(await sessionRow(keep.session.id)).toBeNull();
    expect(await sessionRow(othersSession.session.id)).not.toBeNull();
  });

  it("invalidateSession ends exactly one session", async () => {
    const db = getDb();
    const user = await createUser(db);
    const a = await createSession(db, user.id);
    const b = await createSession(db, user.id);
    await invalidateSession(db, a.session.id);
    expect(await validateSessionToken(db, a.token, POLICY, a.session.createdAt)).toBeNull();
    expect(await validateSessionToken(db, b.token, POLICY, b.session.createdAt)).not.toBeNull();
  });
});
