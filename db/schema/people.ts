import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const departments = pgTable(
  "departments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    slug: text().notNull(),
    description: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("departments_slug_key").on(t.slug), uniqueIndex("departments_name_lower_key").on(sql`lower(${t.name})`)],
);

export const users = pgTable(
  "users",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    email: text().notNull(),
    name: text().notNull(),
    departmentId: integer()
      .notNull()
      .references(() => departments.id),
    title: text().notNull().default(""),
    bio: text().notNull().default(""),
    skills: text().array().notNull().default(sql`'{}'::text[]`),
    stretchGoals: text().array().notNull().default(sql`'{}'::text[]`),
    avatarUrl: text(),
    /** "I can mentor on …": non-empty means this person offers to mentor teams. */
    mentorOffer: text().notNull().default(""),
    mentorAvailability: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    index("users_department_idx").on(t.departmentId),
    index("users_name_idx").on(t.name),
    // The directory's search matches any part of a name or title (ILIKE '%…%').
    index("users_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
    index("users_title_trgm_idx").using("gin", sql`${t.title} gin_trgm_ops`),
    index("users_skills_idx").using("gin", t.skills),
    index("users_stretch_goals_idx").using("gin", t.stretchGoals),
  ],
);

/** Participant is implicit for every user; these are the extra roles. Judge is per week (see voting). */
export const roleEnum = pgEnum("role", ["organiser", "admin"]);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum().notNull(),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    grantedBy: integer().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);
