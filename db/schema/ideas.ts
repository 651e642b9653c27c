import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { departments, users } from "./people";
import { weeks } from "./weeks";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
// `immutable_join(text[])` is created by migration 0001: array_to_string is only STABLE, and a
// generated column needs an IMMUTABLE expression.
const instant = () => timestamp({ withTimezone: true });

export const ideaStatusEnum = pgEnum("idea_status", ["published", "withdrawn"]);

/** A pitch. Counters are kept in the same transaction as the rows they count. */
export const ideas = pgTable(
  "ideas",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    authorId: integer()
      .notNull()
      .references(() => users.id),
    /** The author's department when they pitched (filters and statistics use it). */
    departmentId: integer()
      .notNull()
      .references(() => departments.id),
    title: text().notNull(),
    summary: text().notNull(),
    problem: text().notNull().default(""),
    proposal: text().notNull().default(""),
    learning: text().notNull().default(""),
    skills: text().array().notNull().default(sql`'{}'::text[]`),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    peopleWanted: integer().notNull().default(0),
    status: ideaStatusEnum().notNull().default("published"),
    withdrawnAt: instant(),
    carriedFromId: integer().references((): AnyPgColumn => ideas.id),
    followerCount: integer().notNull().default(0),
    commentCount: integer().notNull().default(0),
    search: tsvector()
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce(title, '')), 'A')
          || setweight(to_tsvector('english', coalesce(summary, '')), 'B')
          || setweight(to_tsvector('english', immutable_join(skills) || ' ' || immutable_join(tags)), 'B')
          || setweight(to_tsvector('english', coalesce(problem, '') || ' ' || coalesce(proposal, '') || ' ' || coalesce(learning, '')), 'C')`,
      ),
    createdAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index("ideas_week_created_idx").on(t.weekId, t.createdAt.desc(), t.id.desc()),
    index("ideas_week_followers_idx").on(t.weekId, t.followerCount.desc(), t.id.desc()),
    index("ideas_week_comments_idx").on(t.weekId, t.commentCount.desc(), t.id.desc()),
    index("ideas_week_department_idx").on(t.weekId, t.departmentId),
    // The board's "N ideas" count reads this index only (no table visits once vacuumed).
    index("ideas_week_published_idx").on(t.weekId).where(sql`status = 'published'`),
    index("ideas_author_idx").on(t.authorId),
    index("ideas_search_idx").using("gin", t.search),
    index("ideas_skills_idx").using("gin", t.skills),
    index("ideas_tags_idx").using("gin", t.tags),
    index("ideas_title_trgm_idx").using("gin", sql`${t.title} gin_trgm_ops`),
    uniqueIndex("ideas_week_carried_from_key").on(t.weekId, t.carriedFromId),
    check("ideas_people_wanted_range", sql`${t.peopleWanted} between 0 and 50`),
    check("ideas_counters_non_negative", sql`${t.followerCount} >= 0 and ${t.commentCount} >= 0`),
  ],
);

export const ideaFollows = pgTable(
  "idea_follows",
  {
    ideaId: integer()
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.userId] }), index("idea_follows_user_idx").on(t.userId)],
);

export const ideaComments = pgTable(
  "idea_comments",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ideaId: integer()
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    authorId: integer()
      .notNull()
      .references(() => users.id),
    body: text().notNull(),
    createdAt: instant().notNull().defaultNow(),
    editedAt: instant(),
    /** Deleted by its author: shown as "comment removed". */
    deletedAt: instant(),
    /** Hidden by an organiser, with a reason (also in the audit log). */
    hiddenAt: instant(),
    hiddenById: integer().references(() => users.id),
    hiddenReason: text(),
  },
  (t) => [index("idea_comments_idea_idx").on(t.ideaId, t.createdAt, t.id)],
);
