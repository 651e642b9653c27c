import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { changePassword, emailDomainAllowed, findUserByEmail, signIn, signUp } from "~/auth/accounts.server";
import { verifyPassword } from "~/auth/password.server";
import { createSession } from "~/auth/session.server";
import { ACCOUNT_RULE, accountKey, IP_RULE, ipKey, lockedUntil, recordFailure } from "~/auth/throttle.server";
import { getDb } from "~db/client";
import { auditLog, passwordCredentials, sessions, users } from "~db/schema";
import { createDepartment, createUser, uniqueEmail, uniqueIp } from "../support/factories";

const PASSWORD = "a good long password";
const WRONG_MESSAGE = "Email or password is wrong.";
const NO_LIMIT = { allowedDomains: [] as string[] };

async function usersWithEmail(email: string) {
  return getDb().select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
}

async function auditRows(action: string, targetId: number) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetType, "user"), eq(auditLog.targetId, String(targetId))));
}

describe("emailDomainAllowed", () => {
  it.each<[string, string[], boolean]>([
    ["a@acme.com", [], true],
    ["a@acme.com", ["acme.com"], true],
    ["a@ACME.Com", ["acme.com"], true],
    ["a@evil.acme.com", ["acme.com"], false],
    ["a@acme.com.evil.example", ["acme.com"], false],
    ["a@example.org", ["acme.com", "example.org"], true],
    ["acme.com", ["acme.com"], true],
    ["a@notacme.com", ["acme.com"], false],
  ])("%s with %j → %s", (email, allowed, expected) => {
    expect(emailDomainAllowed(email, allowed)).toBe(expected);
  });
});

describe("signUp", () => {
  it("creates the user, a password credential and a user.sign_up audit row", async () => {
    const db = getDb();
    const department = await createDepartment(db);
    const email = uniqueEmail("signup");
    const result = await signUp(db, { name: "New Person", email, departmentId: department.id, password: PASSWORD }, NO_LIMIT);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { userId } = result.value;

    const [user] = await db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ name: "New Person", email, departmentId: department.id, deactivatedAt: null });
    const [credential] = await db.select().from(passwordCredentials).where(eq(passwordCredentials.userId, userId));
    expect(credential?.hash).toMatch(/^\$argon2id\$/);
    expect(credential?.hash).not.toContain(PASSWORD);
    expect(await verifyPassword(credential?.hash ?? "", PASSWORD)).toBe(true);
    const audits = await auditRows("user.sign_up", userId);
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actorId).toBe(userId);
    expect(JSON.stringify(audits[0]?.summary)).not.toContain(PASSWORD);
  });

  it("stores the email lower-cased", async () => {
    const db = getDb();
    const department = await createDepartment(db);
    const email = uniqueEmail("Mixed");
    const result = await signUp(
      db,
      { name: "Mixed", email: email.toUpperCase(), departmentId: department.id, password: PASSWORD },
      NO_LIMIT,
    );
    expect(result.ok).toBe(true);
    const [row] = await db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, result.ok ? result.value.userId : -1));
    expect(row?.email).toBe(email.toLowerCase());
  });

  it("refuses an email that exists in another letter case with 409 on email, inserting nothing", async () => {
    const db = getDb();
    const department = await createDepartment(db);
    const existing = await createUser(db, { departmentId: department.id, email: uniqueEmail("dupe") });
    const other = existing.email.toUpperCase();
    const [{ n: auditsBefore } = { n: 0 }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(sql`${auditLog.action} = 'user.sign_up' and ${auditLog.summary}->'after'->>'email' = ${other}`);

    const result = await signUp(db, { name: "Dupe", email: other, departmentId: department.id, password: PASSWORD }, NO_LIMIT);
    expect(result).toEqual({
      ok: false,
      status: 409,
      field: "email",
      message: "An account with this email already exists. Sign in instead.",
    });
    expect(await usersWithEmail(existing.email)).toEqual([{ id: existing.id }]);
    const [{ n: auditsAfter } = { n: -1 }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(sql`${auditLog.action} = 'user.sign_up' and ${auditLog.summary}->'after'->>'email' = ${other}`);
    expect(auditsAfter).toBe(auditsBefore);
    // The existing account has no credential: the failed sign-up did not attach one.
    expect(await db.select().from(passwordCredentials).where(eq(passwordCredentials.userId, existing.id))).toEqual([]);
  });

  it("of two concurrent sign-ups with the same email exactly one succeeds", async () => {
    const db = getDb();
    const department = await createDepartment(db);
    const email = uniqueEmail("race");
    const results = await Promise.all([
      signUp(db, { name: "Racer A", email, departmentId: department.id, password: PASSWORD }, NO_LIMIT),
      signUp(db, { name: "Racer B", email: email.toUpperCase(), departmentId: department.id, password: PASSWORD }, NO_LIMIT),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ status: 409, field: "email" })]);
    expect(await usersWithEmail(email)).toHaveLength(1);
  });

  it("refuses addresses outside ALLOWED_EMAIL_DOMAINS", async () => {
    const db = getDb();
    const department = await createDepartment(db);
    const email = `x-${crypto.randomUUID()}@elsewhere.example`;
    const result = await signUp(
      db,
      { name: "Outsider", email, departmentId: department.id, password: PASSWORD },
      { allowedDomains: ["acme.com", "test.example"] },
    );
    expect(result).toMatchObject({ ok: false, status: 400, field: "email" });
    expect(!result.ok && result.message).toBe("Sign-up is open to @acme.com, @test.example addresses only.");
    expect(await usersWithEmail(email)).toEqual([]);

    const allowed = await signUp(
      db,
      { name: "Insider", email: uniqueEmail("in"), departmentId: department.id, password: PASSWORD },
      { allowedDomains: ["acme.com", "test.example"] },
    );
    expect(allowed.ok).toBe(true);
  });

  it("refuses an unknown department with 400 on departmentId", async () => {
    const db = getDb();
    const email = uniqueEmail("nodept");
    const result = await signUp(db, { name: "Lost", email, departmentId: 2_000_000_000, password: PASSWORD }, NO_LIMIT);
    expect(result).toMatchObject({ ok: false, status: 400, field: "departmentId" });
    expect(await usersWithEmail(email)).toEqual([]);
  });
});

describe("signIn", () => {
  it("accepts the right password (email in any case) and clears the account's failures", async () => {
    const db = getDb();
    const user = await createUser(db, { password: PASSWORD });
    const ip = uniqueIp();
    expect(await signIn(db, { email: user.email, password: "wrong password!" }, { ip })).toMatchObject({
      ok: false,
      status: 401,
    });
    const result = await signIn(db, { email: user.email.toUpperCase(), password: PASSWORD }, { ip });
    expect(result).toEqual({ ok: true, value: { userId: user.id } });
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from login_throttles where key = ${accountKey(user.email)}`,
    );
    expect(row?.n).toBe(0);
  });

  it("refuses a wrong password, and an unknown email with the very same answer", async () => {
    const db = getDb();
    const user = await createUser(db, { password: PASSWORD });
    const wrong = await signIn(db, { email: user.email, password: `${PASSWORD}!` }, { ip: uniqueIp() });
    const unknown = await signIn(db, { email: uniqueEmail("nobody"), password: PASSWORD }, { ip: uniqueIp() });
    expect(wrong).toEqual({ ok: false, status: 401, message: WRONG_MESSAGE });
    expect(unknown).toEqual(wrong);
  });

  it("refuses a user without a password credential (SSO only) like a wrong password", async () => {
    const db = getDb();
    const user = await createUser(db);
    expect(await signIn(db, { email: user.email, password: PASSWORD }, { ip: uniqueIp() })).toEqual({
      ok: false,
      status: 401,
      message: WRONG_MESSAGE,
    });
  });

  it("refuses a deactivated user even with the right password", async () => {
    const db = getDb();
    const user = await createUser(db, { password: PASSWORD, deactivatedAt: new Date() });
    expect(await signIn(db, { email: user.email, password: PASSWORD }, { ip: uniqueIp() })).toEqual({
      ok: false,
      status: 401,
      message: WRONG_MESSAGE,
    });
  });

  it(`locks the account after ${ACCOUNT_RULE.maxFailures} failures with 429, even for the right password`, async () => {
    const db = getDb();
    const user = await createUser(db, { password: PASSWORD });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof signIn>> | undefined;
    for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) {
      // Different IPs: only the account key can be the one that locks.
      last = await signIn(db, { email: user.email, password: `wrong-${i}-password` }, { ip: uniqueIp() });
      statuses.push(last.ok ? 200 : last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(last?.ok === false && last.message).toMatch(/^Too many failed sign-ins\. Wait (60|59) seconds and try again\.$/);
    const right = await signIn(db, { email: user.email, password: PASSWORD }, { ip: uniqueIp() });
    expect(right).toMatchObject({ ok: false, status: 429 });
    expect(!right.ok && right.message).toMatch(/^Too many failed sign-ins/);
    // Once the lock is over, the right password works again.
    const later = new Date(Date.now() + ACCOUNT_RULE.lockMs + 1_000);
    expect(await signIn(db, { email: user.email, password: PASSWORD }, { ip: uniqueIp() }, later)).toEqual({
      ok: true,
      value: { userId: user.id },
    });
  });

  it(`${IP_RULE.maxFailures} failed sign-ins over distinct accounts lock the IP for every account`, async () => {
    const db = getDb();
    const ip = uniqueIp();
    // Argon2 is slow: most failures are recorded directly, the last three are real sign-ins.
    const real = 3;
    for (let i = 0; i < IP_RULE.maxFailures - real; i++) await recordFailure(db, ipKey(ip), IP_RULE);
    const statuses: number[] = [];
    for (let i = 0; i < real; i++) {
      const r = await signIn(db, { email: uniqueEmail(`spray${i}`), password: "not-the-password" }, { ip });
      statuses.push(r.ok ? 200 : r.status);
    }
    expect(statuses).toEqual([401, 401, 429]);
    expect(await lockedUntil(db, [ipKey(ip)])).not.toBeNull();
    // Another, untouched account is now refused from that IP even with the right password ...
    const victim = await createUser(db, { password: PASSWORD });
    const blocked = await signIn(db, { email: victim.email, password: PASSWORD }, { ip });
    expect(blocked).toMatchObject({ ok: false, status: 429 });
    expect(!blocked.ok && blocked.message).toMatch(/^Too many failed sign-ins/);
    // ... but not from another IP.
    expect(await signIn(db, { email: victim.email, password: PASSWORD }, { ip: uniqueIp() })).toMatchObject({ ok: true });
  });
});

describe("changePassword", () => {
  const NEW = "a brand new password";

  it("refuses a wrong current password and changes nothing", async () => {
    const db = getDb();
    const user = await createUser(db, { password: PASSWORD });
    const s = await createSession(db, user.id);
    const [before] = await db.select().from(passwordCredentials).where(eq(passwordCredentials.userId, user.id));

    const result = await changePassword(
      db,
      user.id,
      { currentPassword: "not my password", newPassword: NEW },
      { ip: uniqueIp() },
    );
    expect(result).toEqual({ ok: false, status: 400, field: "currentPassword", message: "That is not your current password." });

    const [after] = await db.select().from(passwordCredentials).where(eq(passwordCredentials.userId, user.id));
    expect(after).toEqual(before);
    expect(await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id))).toEqual([
      { id: s.session.id },
    ]);
    expect(await auditRows("user.password_changed", user.id)).toEqual([]);
    expect(await signIn(db, { email: user.email, password: PASSWORD }, { ip: uniqueIp() })).toMatchObject({ ok: true });
  });

  it("with the right password: new hash, every session ended, audited, new password works and old does not", async () => {
    const db = getDb();
    const user = await createUser(db, { password: PASSWORD });
    await createSession(db, user.id);
    await createSession(db, user.id);
    const [before] = await db.select().from(passwordCredentials).where(eq(passwordCredentials.userId, user.id));

    const result = await changePassword(
      db,
      user.id,
      { currentPassword: PASSWORD, newPassword: NEW },
      { ip: uniqueIp(), requestId: "req-test-1" },
    );
    expect(result).toEqual({ ok: true, value: { endedSessions: 2 } });

    const [after] = await db.select().from(passwordCredentials).where(eq(passwordCredentials.userId, user.id));
    expect(after?.hash).not.toBe(before?.hash);
    expect(after?.hash).not.toContain(NEW);
    expect(after && before && after.updatedAt > before.updatedAt).toBe(true);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);

    const audits = await auditRows("user.password_changed", user.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: user.id, requestId: "req-test-1", summary: { after: { endedSessions: 2 } } });

    expect(await signIn(db, { email: user.email, password: NEW }, { ip: uniqueIp() })).toEqual({
      ok: true,
      value: { userId: user.id },
    });
    expect(await signIn(db, { email: user.email, password: PASSWORD }, { ip: uniqueIp() })).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it("refuses an SSO-only user (no credential) without creating one", async () => {
    const db = getDb();
    const user = await createUser(db);
    const result = await changePassword(db, user.id, { currentPassword: PASSWORD, newPassword: NEW }, { ip: uniqueIp() });
    expect(result).toMatchObject({ ok: false, status: 400, field: "currentPassword" });
    expect(await db.select().from(passwordCredentials).where(eq(passwordCredentials.userId, user.id))).toEqual([]);
  });

  it(`locks password changes after ${ACCOUNT_RULE.maxFailures} wrong current passwords`, async () => {
    const db = getDb();
    const user = await createUser(db, { password: PASSWORD });
    for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) {
      await changePassword(db, user.id, { currentPassword: `wrong-${i}`, newPassword: NEW }, { ip: uniqueIp() });
    }
    const result = await changePassword(db, user.id, { currentPassword: PASSWORD, newPassword: NEW }, { ip: uniqueIp() });
    expect(result).toMatchObject({ ok: false, status: 429, field: "currentPassword" });
    expect(await signIn(db, { email: user.email, password: PASSWORD }, { ip: uniqueIp() })).toMatchObject({ ok: true });
  });
});

describe("findUserByEmail", () => {
  it("finds by trimmed, case-insensitive email", async () => {
    const db = getDb();
    const user = await createUser(db);
    expect(await findUserByEmail(db, `  ${user.email.toUpperCase()} `)).toEqual({ id: user.id, deactivatedAt: null });
    expect(await findUserByEmail(db, uniqueEmail("none"))).toBeNull();
  });
});
