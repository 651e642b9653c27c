import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolesOf, saveDepartment, setDeactivated, setRole, slugify } from "~/admin/admin.server";
import { createSession } from "~/auth/session.server";
import { type Database, getDb } from "~db/client";
import { auditLog, departments, sessions, userRoles, users } from "~db/schema";
import { createDepartment, createScratchDatabase, createUser, uid } from "../support/factories";

async function audits(db: Database, action: string, targetType: string, targetId: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetType, targetType), eq(auditLog.targetId, String(targetId))));
}

async function roles(db: Database, userId: number) {
  return (await rolesOf(db, [userId])).get(userId) ?? [];
}

describe("slugify", () => {
  it.each([
    ["Data & ML", "data-ml"],
    ["  Platform   Engineering  ", "platform-engineering"],
    ["Développement Café", "developpement-cafe"],
    ["!!!", ""],
    ["a".repeat(80), "a".repeat(60)],
  ])("%j → %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe("setRole", () => {
  it("grants a role once, with one role.granted audit row", async () => {
    const db = getDb();
    const actor = await createUser(db, { roles: ["admin"] });
    const target = await createUser(db);
    expect(
      await setRole(db, { id: actor.id, requestId: "req-grant" }, { userId: target.id, role: "organiser", grant: true }),
    ).toEqual({
      ok: true,
      value: { changed: true },
    });
    expect(await roles(db, target.id)).toEqual(["organiser"]);
    const [row] = await db.select().from(userRoles).where(eq(userRoles.userId, target.id));
    expect(row?.grantedBy).toBe(actor.id);

    // Granting again changes nothing and writes no second audit row.
    expect(await setRole(db, { id: actor.id }, { userId: target.id, role: "organiser", grant: true })).toEqual({
      ok: true,
      value: { changed: false },
    });
    const granted = await audits(db, "role.granted", "user", target.id);
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({ actorId: actor.id, requestId: "req-grant", summary: { after: { role: "organiser" } } });
  });

  it("revokes a role with a role.revoked audit row; revoking a missing role changes nothing", async () => {
    const db = getDb();
    const actor = await createUser(db, { roles: ["admin"] });
    const target = await createUser(db, { roles: ["organiser"] });
    expect(await setRole(db, { id: actor.id }, { userId: target.id, role: "organiser", grant: false })).toEqual({
      ok: true,
      value: { changed: true },
    });
    expect(await roles(db, target.id)).toEqual([]);
    const revoked = await audits(db, "role.revoked", "user", target.id);
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ actorId: actor.id, summary: { before: { role: "organiser" } } });

    expect(await setRole(db, { id: actor.id }, { userId: target.id, role: "organiser", grant: false })).toEqual({
      ok: true,
      value: { changed: false },
    });
    expect(await audits(db, "role.revoked", "user", target.id)).toHaveLength(1);
  });

  it("revokes admin from one of several admins", async () => {
    const db = getDb();
    const actor = await createUser(db, { roles: ["admin"] });
    const target = await createUser(db, { roles: ["admin", "organiser"] });
    expect(await setRole(db, { id: actor.id }, { userId: target.id, role: "admin", grant: false })).toMatchObject({ ok: true });
    expect(await roles(db, target.id)).toEqual(["organiser"]);
  });

  it("answers 404 for a user that does not exist", async () => {
    const db = getDb();
    const actor = await createUser(db, { roles: ["admin"] });
    expect(await setRole(db, { id: actor.id }, { userId: 2_000_000_000, role: "organiser", grant: true })).toMatchObject({
      ok: false,
      status: 404,
    });
  });
});

/**
 * "Last administrator" depends on every admin row in the database, which other test files add to
 * concurrently; so it runs in a database of its own where this file controls every row.
 */
describe("setRole: the last administrator (own database)", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    scratch = await createScratchDatabase("admin_test");
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it("refuses to revoke the only admin (409), also by themselves, and allows it once there is another", async () => {
    const db = scratch.db;
    const department = await createDepartment(db);
    const only = await createUser(db, { departmentId: department.id, roles: ["admin"] });
    const other = await createUser(db, { departmentId: department.id });

    const refused = await setRole(db, { id: only.id }, { userId: only.id, role: "admin", grant: false });
    expect(refused).toEqual({
      ok: false,
      status: 409,
      message: "This is the last administrator; grant the role to someone else first.",
    });
    expect(await roles(db, only.id)).toEqual(["admin"]);
    expect(await audits(db, "role.revoked", "user", only.id)).toEqual([]);

    // Revoking admin from someone who is not an admin is not "the last admin" case.
    expect(await setRole(db, { id: only.id }, { userId: other.id, role: "admin", grant: false })).toEqual({
      ok: true,
      value: { changed: false },
    });

    expect(await setRole(db, { id: only.id }, { userId: other.id, role: "admin", grant: true })).toMatchObject({ ok: true });
    expect(await setRole(db, { id: other.id }, { userId: only.id, role: "admin", grant: false })).toEqual({
      ok: true,
      value: { changed: true },
    });
    // Now `other` is the last one.
    expect(await setRole(db, { id: other.id }, { userId: other.id, role: "admin", grant: false })).toMatchObject({
      ok: false,
      status: 409,
    });
  });

  it("two admins demoting each other at the same moment leave exactly one admin", async () => {
    const db = scratch.db;
    // Start from a known set: the admins of the previous test stay, so demote them first via SQL.
    await db.delete(userRoles).where(eq(userRoles.role, "admin"));
    const department = await createDepartment(db);
    const a = await createUser(db, { departmentId: department.id, roles: ["admin"] });
    const b = await createUser(db, { departmentId: department.id, roles: ["admin"] });
    const results = await Promise.all([
      setRole(db, { id: a.id }, { userId: b.id, role: "admin", grant: false }),
      setRole(db, { id: b.id }, { userId: a.id, role: "admin", grant: false }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ status: 409 })]);
    expect(await db.select().from(userRoles).where(eq(userRoles.role, "admin"))).toHaveLength(1);
  });
});

describe("setDeactivated", () => {
  it("deactivates a user, ends all their sessions and audits it; reactivation is audited too", async () => {
    const db = getDb();
    const admin = await createUser(db, { roles: ["admin"] });
    const target = await createUser(db);
    await createSession(db, target.id);
    await createSession(db, target.id);
    const adminSession = await createSession(db, admin.id);

    expect(await setDeactivated(db, { id: admin.id, requestId: "req-deact" }, { userId: target.id, deactivated: true })).toEqual({
      ok: true,
      value: { changed: true },
    });
    const [row] = await db.select({ deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, target.id));
    expect(row?.deactivatedAt).toBeInstanceOf(Date);
    expect(await db.select().from(sessions).where(eq(sessions.userId, target.id))).toEqual([]);
    // Only the target's sessions end.
    expect(await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, admin.id))).toEqual([
      { id: adminSession.session.id },
    ]);
    const deactivated = await audits(db, "user.deactivated", "user", target.id);
    expect(deactivated).toHaveLength(1);
    expect(deactivated[0]).toMatchObject({
      actorId: admin.id,
      requestId: "req-deact",
      summary: { before: { deactivated: false }, after: { deactivated: true } },
    });

    // Deactivating again changes nothing.
    expect(await setDeactivated(db, { id: admin.id }, { userId: target.id, deactivated: true })).toEqual({
      ok: true,
      value: { changed: false },
    });
    expect(await audits(db, "user.deactivated", "user", target.id)).toHaveLength(1);

    expect(await setDeactivated(db, { id: admin.id }, { userId: target.id, deactivated: false })).toEqual({
      ok: true,
      value: { changed: true },
    });
    const [again] = await db.select({ deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, target.id));
    expect(again?.deactivatedAt).toBeNull();
    expect(await audits(db, "user.reactivated", "user", target.id)).toHaveLength(1);
  });

  it("refuses self-deactivation with 409 and keeps the account and its sessions", async () => {
    const db = getDb();
    const admin = await createUser(db, { roles: ["admin"] });
    const s = await createSession(db, admin.id);
    expect(await setDeactivated(db, { id: admin.id }, { userId: admin.id, deactivated: true })).toEqual({
      ok: false,
      status: 409,
      message: "You cannot deactivate your own account.",
    });
    const [row] = await db.select({ deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, admin.id));
    expect(row?.deactivatedAt).toBeNull();
    expect(await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, admin.id))).toEqual([
      { id: s.session.id },
    ]);
  });

  it("answers 404 for a user that does not exist", async () => {
    const db = getDb();
    const admin = await createUser(db, { roles: ["admin"] });
    expect(await setDeactivated(db, { id: admin.id }, { userId: 2_000_000_000, deactivated: true })).toMatchObject({
      ok: false,
      status: 404,
    });
  });
});

describe("saveDepartment", () => {
  it("creates a department with a slug and a department.created audit row", async () => {
    const db = getDb();
    const admin = await createUser(db, { roles: ["admin"] });
    const name = `Research & Development ${uid()}`;
    const result = await saveDepartment(db, { id: admin.id }, { name, description: "Labs" });
    expect(result.ok).toBe(true);
    const id = result.ok ? result.value.id : -1;
    const [row] = await db.select().from(departments).where(eq(departments.id, id));
    expect(row).toMatchObject({ name, slug: slugify(name), description: "Labs" });
    expect(row?.slug).toMatch(/^research-development-[a-z0-9]+$/);
    expect(await audits(db, "department.created", "department", id)).toEqual([
      expect.objectContaining({ actorId: admin.id, summary: { after: { name } } }),
    ]);
  });

  it("refuses a duplicate name in another letter case with 409 on name, inserting nothing", async () => {
    const db = getDb();
    const admin = await createUser(db, { roles: ["admin"] });
    const name = `Ocean Science ${uid()}`;
    const first = await saveDepartment(db, { id: admin.id }, { name, description: "" });
    expect(first.ok).toBe(true);
    const result = await saveDepartment(db, { id: admin.id }, { name: name.toUpperCase(), description: "dupe" });
    expect(result).toEqual({ ok: false, status: 409, field: "name", message: "A department with this name already exists." });
    expect(
      await db
        .select({ id: departments.id })
        .from(departments)
        .where(eq(departments.slug, slugify(name))),
    ).toHaveLength(1);
  });

  it("refuses renaming onto another department's name (case-insensitive) and leaves both as they were", async () => {
    const db = getDb();
    const admin = await createUser(db, { roles: ["admin"] });
    const a = await createDepartment(db);
    const b = await createDepartment(db);
    const result = await saveDepartment(db, { id: admin.id }, { id: b.id, name: a.name.toLowerCase(), description: "x" });
    expect(result).toMatchObject({ ok: false, status: 409, field: "name" });
    const [bAfter] = await db.select().from(departments).where(eq(departments.id, b.id));
    expect(bAfter).toEqual(b);
    expect(await audits(db, "department.updated", "department", b.id)).toEqual([]);
  });

  it("renames, updating the slug and writing before/after to the audit log", async () => {
    const db = getDb();
    const admin = await createUser(db, { roles: ["admin"] });
    const department = await createDepartment(db, { description: "old description" });
    const newName = `Renamed ${uid()}`;
    expect(
      await saveDepartment(
        db,
        { id: admin.id, requestId: "req-rename" },
        { id: department.id, name: newName, description: "new description" },
      ),
    ).toEqual({ ok: true, value: { id: department.id } });
    const [row] = await db.select().from(departments).where(eq(departments.id, department.id));
    expect(row).toMatchObject({ name: newName, slug: slugify(newName), description: "new description" });
    const updated = await audits(db, "department.updated", "department", department.id);
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({
      actorId: admin.id,
      requestId: "req-rename",
      summary: {
        before: { name: department.name, description: "old description" },
        after: { name: newName, description: "new description" },
      },
    });
  });

  it.each([
    ["a name without letters or digits", { name: "!!! ---" }, { status: 400, field: "name" }],
    ["a department that does not exist", { id: 2_000_000_000, name: "Ghost" }, { status: 404 }],
  ])("refuses %s", async (_label, input, expected) => {
    const db = getDb();
    const admin = await createUser(db, { roles: ["admin"] });
    expect(await saveDepartment(db, { id: admin.id }, { description: "", ...input })).toMatchObject({ ok: false, ...expected });
  });
});
