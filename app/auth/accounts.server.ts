import { eq, sql } from "drizzle-orm";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import type { Database } from "~db/client";
import { departments, passwordCredentials, users } from "~db/schema";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { invalidateUserSessions } from "./session.server";
import { ACCOUNT_RULE, accountKey, clearFailures, IP_RULE, ipKey, lockedUntil, recordFailure } from "./throttle.server";

export function emailDomainAllowed(email: string, allowed: string[]): boolean {
  if (allowed.length === 0) return true;
  const domain = email.split("@").pop()?.toLowerCase() ?? "";
  return allowed.includes(domain);
}

export async function findUserByEmail(db: Database, email: string) {
  const [user] = await db
    .select({ id: users.id, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return user ?? null;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

export async function signUp(
  db: Database,
  input: { name: string; email: string; departmentId: number; password: string },
  options: { allowedDomains: string[] },
): Promise<Outcome<{ userId: number }>> {
  if (!emailDomainAllowed(input.email, options.allowedDomains)) {
    return {
      ok: false,
      status: 400,
      field: "email",
      message: `Sign-up is open to ${options.allowedDomains.map((d) => `@${d}`).join(", ")} addresses only.`,
    };
  }
  const [department] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
  if (!department) return { ok: false, status: 400, field: "departmentId", message: "Choose a department from the list." };

  const passwordHash = await hashPassword(input.password);
  try {
    const userId = await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ name: input.name, email: input.email.toLowerCase(), departmentId: input.departmentId })
        .returning({ id: users.id });
      if (!user) throw new Error("insert returned no row");
      await tx.insert(passwordCredentials).values({ userId: user.id, hash: passwordHash });
      await audit(tx, {
        actorId: user.id,
        action: "user.sign_up",
        targetType: "user",
        targetId: user.id,
        after: { email: input.email },
      });
      return user.id;
    });
    return { ok: true, value: { userId } };
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { ok: false, status: 409, field: "email", message: "An account with this email already exists. Sign in instead." };
    }
    throw error;
  }
}

const WRONG = "Email or password is wrong.";

function waitMessage(until: Date, now: Date): string {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many failed sign-ins. Wait ${wait} and try again.`;
}

/** Email + password sign-in with throttling per account and per IP address. */
export async function signIn(
  db: Database,
  input: { email: string; password: string },
  meta: { ip: string },
  now = new Date(),
): Promise<Outcome<{ userId: number }>> {
  const keys = [accountKey(input.email), ipKey(meta.ip)];
  const locked = await lockedUntil(db, keys, now);
  if (locked) return { ok: false, status: 429, message: waitMessage(locked, now) };

  const [row] = await db
    .select({ id: users.id, deactivatedAt: users.deactivatedAt, hash: passwordCredentials.hash })
    .from(users)
    .leftJoin(passwordCredentials, eq(passwordCredentials.userId, users.id))
    .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`);

  const valid = row?.hash ? await verifyPassword(row.hash, input.password) : await verifyAgainstDummy(input.password);
  if (!row || !valid || row.deactivatedAt) {
    await recordFailure(db, keys[0] as string, ACCOUNT_RULE, now);
    await recordFailure(db, keys[1] as string, IP_RULE, now);
    const lockedNow = await lockedUntil(db, keys, now);
    return lockedNow
      ? { ok: false, status: 429, message: waitMessage(lockedNow, now) }
      : { ok: false, status: 401, message: WRONG };
  }
  await clearFailures(db, keys[0] as string);
  return { ok: true, value: { userId: row.id } };
}

/** Changes a password and ends every session of the user; the caller issues a fresh one. */
export async function changePassword(
  db: Database,
  userId: number,
  input: { currentPassword: string; newPassword: string },
  meta: { ip: string; requestId?: string },
): Promise<Outcome<{ endedSessions: number }>> {
  const [credential] = await db.select().from(passwordCredentials).where(eq(passwordCredentials.userId, userId));
  if (!credential) {
    return {
      ok: false,
      status: 400,
      field: "currentPassword",
      message: "Your account signs in through SSO and has no password here.",
    };
  }
  {
    const locked = await lockedUntil(db, [`password-change:${userId}`]);
    if (locked) return { ok: false, status: 429, field: "currentPassword", message: waitMessage(locked, new Date()) };
    if (!(await verifyPassword(credential.hash, input.currentPassword))) {
      await recordFailure(db, `password-change:${userId}`, ACCOUNT_RULE);
      return { ok: false, status: 400, field: "currentPassword", message: "That is not your current password." };
    }
  }
  const hash = await hashPassword(input.newPassword);
  const endedSessions = await db.transaction(async (tx) => {
    await tx
      .insert(passwordCredentials)
      .values({ userId, hash })
      .onConflictDoUpdate({ target: passwordCredentials.userId, set: { hash, updatedAt: new Date() } });
    const ended = await invalidateUserSessions(tx, userId);
    await audit(tx, {
      actorId: userId,
      action: "user.password_changed",
      targetType: "user",
      targetId: userId,
      after: { endedSessions: ended },
      requestId: meta.requestId,
    });
    return ended;
  });
  return { ok: true, value: { endedSessions } };
}
