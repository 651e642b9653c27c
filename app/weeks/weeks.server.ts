import { asc, desc, eq } from "drizzle-orm";
import { data } from "react-router";
import type { Queryable } from "~db/client";
import { weeks } from "~db/schema";
import { phaseAt } from "./phase";

export type Week = typeof weeks.$inferSelect;

/**
 * The week the home page features: one under way (pitching to results), else the next upcoming
 * one, else the most recent. Weeks are few (two a year), so reading them all is cheap.
 */
export async function featuredWeek(db: Queryable, now = new Date()): Promise<Week | null> {
  const all = await db.select().from(weeks).orderBy(desc(weeks.pitchingOpensAt));
  const live = all.find((w) => !["draft", "archived"].includes(phaseAt(w, now)));
  if (live) return live;
  const upcoming = all
    .filter((w) => phaseAt(w, now) === "draft")
    .sort((a, b) => a.pitchingOpensAt.getTime() - b.pitchingOpensAt.getTime())[0];
  return upcoming ?? all[0] ?? null;
}

export async function listWeeks(db: Queryable): Promise<Week[]> {
  return db.select().from(weeks).orderBy(desc(weeks.pitchingOpensAt), asc(weeks.id));
}

/** A week by its URL slug; null for unknown or malformed slugs (never a database error). */
export async function findWeekBySlug(db: Queryable, slug: string): Promise<Week | null> {
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return null;
  const [week] = await db.select().from(weeks).where(eq(weeks.slug, slug));
  return week ?? null;
}

/** The week named by a route's `:weekId`; a 404 page for unknown or malformed ids. */
export async function requireWeekById(db: Queryable, param: string | undefined): Promise<Week> {
  const id = /^\d{1,9}$/.test(param ?? "") ? Number(param) : null;
  const [week] = id ? await db.select().from(weeks).where(eq(weeks.id, id)) : [];
  if (!week) throw data({ message: "There is no week with this number." }, { status: 404 });
  return week;
}
