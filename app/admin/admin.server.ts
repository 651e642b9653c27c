import { and, count, desc, eq, sql } from "drizzle-orm";
import { invalidateUserSessions } from "~/auth/session.server";
import { audit } from "~/lib/audit.server";
import type { Outcome } from "~/lib/outcome";
import { PAGE_SIZE } from "~/lib/pagination";
import type { Database, Queryable } from "~db/client";
import { auditLog, departments, userRoles, users } from "~db/schema";

export type Actor = { id: number; requestId?: string };
type ManagedRole = "organiser" | "admin";

export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

export async function rolesOf(db: Queryable, userIds: number[]): Promise<Map<number, ManagedRole[]>> {
  const map = new Map<number, ManagedRole[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .select({ userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(sql`${userRoles.userId} = any(${sql.param(userIds)}::int[])`);
  for (const row of rows) map.set(row.userId, [...(map.get(row.userId) ?? []), row.role]);
  return map;
}

export async function setRole(
  db: Database,
  actor: Actor,
  input: { userId: number; role: ManagedRole; grant: boolean },
): Promise<Outcome<{ changed: boolean }>> {
  return db.transaction(async (tx) => {
    // NO KEY UPDATE, not UPDATE: audit rows reference users (FOR KEY SHARE), and a plain UPDATE lock
    // on the target would deadlock two admins changing each other at once.
    const [target] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for("no key update");
    if (!target) return { ok: false, status: 404, message: "That person does not exist." };
    if (input.grant) {
      const inserted = await tx
        .insert(userRoles)
        .values({ userId: input.userId, role: input.role, grantedBy: actor.id })
        .onConflictDoNothing()
        .returning();
      if (inserted.length) {
        await audit(tx, {
          actorId: actor.id,
          action: "role.granted",
          targetType: "user",
          targetId: input.userId,
          after: { role: input.role },
          requestId: actor.requestId,
        });
      }
      return { ok: true, value: { changed: inserted.length > 0 } };
    }
    if (input.role === "admin") {
      // Lock every admin row so two admins can't demote each other at once and leave nobody.
      const admins = await tx
        .select({ userId: userRoles.userId })
        .from(userRoles)
        .where(eq(userRoles.role, "admin"))
        .for("no key update");
      if (admins.length <= 1 && admins.some((a) => a.userId === input.userId)) {
        return { ok: false, status: 409, message: "This is the last administrator; grant the role to someone else first." };
      }
    }
    const deleted = await tx
      .delete(userRoles)
      .where(and(eq(userRoles.userId, input.userId), eq(userRoles.role, input.role)))
      .returning();
    if (deleted.length) {
      await audit(tx, {
        actorId: actor.id,
        action: "role.revoked",
        targetType: "user",
        targetId: input.userId,
        before: { role: input.role },
        requestId: actor.requestId,
      });
    }
    return { ok: true, value: { changed: deleted.length > 0 } };
  });
}

export async function setDeactivated(
  db: Database,
  actor: Actor,
  input: { userId: number; deactivated: boolean },
): Promise<Outcome<{ changed: boolean }>> {
  if (input.userId === actor.id && input.deactivated) {
    return { ok: false, status: 409, message: "You cannot deactivate your own account." };
  }
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: users.id, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("no key update");
    if (!target) return { ok: false, status: 404, message: "That person does not exist." };
    if (Boolean(target.deactivatedAt) === input.deactivated) return { ok: true, value: { changed: false } };
    await tx
      .update(users)
      .set({ deactivatedAt: input.deactivated ? new Date() : null })
      .where(eq(users.id, input.userId));
    if (input.deactivated) await invalidateUserSessions(tx, input.userId);
    await audit(tx, {
      actorId: actor.id,
      action: input.deactivated ? "user.deactivated" : "user.reactivated",
      targetType: "user",
      targetId: input.userId,
      before: { deactivated: !input.deactivated },
      after: { deactivated: input.deactivated },
      requestId: actor.requestId,
    });
    return { ok: true, value: { changed: true } };
  });
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

export async function saveDepartment(
  db: Database,
  actor: Actor,
  input: { id?: number; name: string; description: string },
): Promise<Outcome<{ id: number }>> {
  const slug = slugify(input.name);
  if (!slug) return { ok: false, status: 400, field: "name", message: "Use at least one letter or digit in the name." };
  try {
    return await db.transaction(async (tx) => {
      if (input.id) {
        const [before] = await tx.select().from(departments).where(eq(departments.id, input.id)).for("no key update");
        if (!before) return { ok: false, status: 404, message: "That department no longer exists." } as const;
        await tx
          .update(departments)
          .set({ name: input.name, slug, description: input.description })
          .where(eq(departments.id, input.id));
        await audit(tx, {
          actorId: actor.id,
          action: "department.updated",
          targetType: "department",
          targetId: input.id,
          before: { name: before.name, description: before.description },
          after: { name: input.name, description: input.description },
          requestId: actor.requestId,
        });
        return { ok: true, value: { id: input.id } } as const;
      }
      const [created] = await tx
        .insert(departments)
        .values({ name: input.name, slug, description: input.description })
        .returning({ id: departments.id });
      if (!created) throw new Error("insert returned no row");
      await audit(tx, {
        actorId: actor.id,
        action: "department.created",
        targetType: "department",
        targetId: created.id,
        after: { name: input.name },
        requestId: actor.requestId,
      });
      return { ok: true, value: { id: created.id } } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      return { ok: false, status: 409, field: "name", message: "A department with this name already exists." };
    throw error;
  }
}

export async function listAudit(db: Queryable, page: number) {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        summary: auditLog.summary,
        createdAt: auditLog.createdAt,
        actorId: auditLog.actorId,
        actorName: users.name,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(PAGE_SIZE * 2)
      .offset((page - 1) * PAGE_SIZE * 2),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { rows, total: total?.n ?? 0 };
}
