import { and, asc, count, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import { PAGE_SIZE } from "~/lib/pagination";
import type { Queryable } from "~db/client";
import { departments, userRoles, users } from "~db/schema";

export type PeopleQuery = { q?: string; departmentId?: number; page: number };

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function searchPeople(db: Queryable, query: PeopleQuery) {
  const filters: SQL[] = [sql`${users.deactivatedAt} is null`];
  const q = query.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    const tag = q.toLowerCase();
    filters.push(
      or(
        ilike(users.name, like),
        ilike(users.title, like),
        sql`${tag} = any(${users.skills})`,
        sql`${tag} = any(${users.stretchGoals})`,
      ) as SQL,
    );
  }
  if (query.departmentId) filters.push(eq(users.departmentId, query.departmentId));
  const where = and(...filters);
  const [rows, [totalRow]] = await Promise.all([
    db
      .select({
        id: users.id,
        name: users.name,
        title: users.title,
        skills: users.skills,
        stretchGoals: users.stretchGoals,
        department: departments.name,
      })
      .from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: totalRow?.n ?? 0 };
}

export async function getPerson(db: Queryable, id: number) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      title: users.title,
      bio: users.bio,
      skills: users.skills,
      stretchGoals: users.stretchGoals,
      avatarUrl: users.avatarUrl,
      deactivatedAt: users.deactivatedAt,
      createdAt: users.createdAt,
      departmentId: users.departmentId,
      department: departments.name,
      roles: sql<
        string[]
      >`coalesce((select array_agg(${userRoles.role}::text order by ${userRoles.role}) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}')`,
    })
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, id));
  return row ?? null;
}

export async function listDepartments(db: Queryable) {
  return db
    .select({
      id: departments.id,
      name: departments.name,
      slug: departments.slug,
      description: departments.description,
      people: sql<number>`(select count(*)::int from ${users} where ${users.departmentId} = ${departments.id} and ${users.deactivatedAt} is null)`,
    })
    .from(departments)
    .orderBy(asc(departments.name));
}
