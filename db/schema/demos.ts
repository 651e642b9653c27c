import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./people";
import { teams } from "./teams";
import { weeks } from "./weeks";

const instant = () => timestamp({ withTimezone: true });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export type DemoLink = { kind: "video" | "repository" | "slides" | "other"; url: string; label?: string };

/**
 * What became of a demo afterwards. `demos.outcome_status` holds the latest entry of its timeline
 * (outcome_updates, kept by a trigger in migration 0004) so the archive filters on it with an index.
 */
export const outcomeStatusEnum = pgEnum("outcome_status", ["shipped", "continued", "prototype", "learning", "stopped"]);

/** What a confirmed team shows at the end of the week. One per team. */
export const demos = pgTable(
  "demos",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    teamId: integer()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    title: text().notNull(),
    summary: text().notNull(),
    /** The problem and what was built (Markdown). */
    built: text().notNull().default(""),
    /** What the team learned (Markdown). */
    learnings: text().notNull().default(""),
    links: jsonb().$type<DemoLink[]>().notNull().default([]),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    /** Running order on demo day (null until the organisers lay it out). */
    position: integer(),
    /** An organiser's extension of the demo deadline for this team only (audited). */
    deadlineOverrideAt: instant(),
    submittedAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
    search: tsvector()
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce(title, '')), 'A')
          || setweight(to_tsvector('english', coalesce(summary, '') || ' ' || immutable_join(tags)), 'B')
          || setweight(to_tsvector('english', coalesce(built, '') || ' ' || coalesce(learnings, '')), 'C')`,
      ),
    /** Latest outcome (trigger-maintained from outcome_updates; null until one is recorded). */
    outcomeStatus: outcomeStatusEnum(),
    /**
     * The archive's search document: the demo, its idea and its outcome notes. Kept by triggers on
     * demos, ideas and outcome_updates (migration 0004), because a generated column cannot read other tables.
     */
    archiveSearch: tsvector().notNull().default(sql`''::tsvector`),
  },
  (t) => [
    uniqueIndex("demos_team_key").on(t.teamId),
    index("demos_week_idx").on(t.weekId, t.position, t.submittedAt),
    index("demos_search_idx").using("gin", t.search),
    index("demos_tags_idx").using("gin", t.tags),
    // No pending list: the archive's searches always see an up-to-date index (demos change rarely).
    index("demos_archive_search_idx").using("gin", t.archiveSearch).with({ fastupdate: false }),
    index("demos_outcome_status_idx").on(t.outcomeStatus, t.weekId),
  ],
);

/** Each member's reflection on the stretch goal they worked on. */
export const demoReflections = pgTable(
  "demo_reflections",
  {
    demoId: integer()
      .notNull()
      .references(() => demos.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id),
    stretchGoal: text().notNull().default(""),
    reflection: text().notNull(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.demoId, t.userId] })],
);

/** Screenshots, stored in PostgreSQL so any app instance can serve them. */
export const demoImages = pgTable(
  "demo_images",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    demoId: integer()
      .notNull()
      .references(() => demos.id, { onDelete: "cascade" }),
    position: integer().notNull().default(0),
    contentType: text().notNull(),
    bytes: bytea().notNull(),
    byteSize: integer().notNull(),
    width: integer(),
    height: integer(),
    thumbnail: bytea(),
    thumbnailType: text(),
    sha256: text().notNull(),
    alt: text().notNull().default(""),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index("demo_images_demo_idx").on(t.demoId, t.position),
    check("demo_images_type", sql`${t.contentType} in ('image/png', 'image/jpeg', 'image/webp')`),
    check("demo_images_size", sql`${t.byteSize} between 1 and 5242880`),
  ],
);

/** Demo day: when it starts, how long each slot is, and who is presenting now. */
export const demoSchedules = pgTable("demo_schedules", {
  weekId: integer()
    .primaryKey()
    .references(() => weeks.id),
  startsAt: instant().notNull(),
  slotMinutes: integer().notNull().default(3),
  changeoverMinutes: integer().notNull().default(1),
  nowPresentingDemoId: integer().references(() => demos.id, { onDelete: "set null" }),
  nowPresentingSince: instant(),
  updatedAt: instant().notNull().defaultNow(),
});

/** One axis judges score, with its weight and scale. */
export const criteria = pgTable(
  "criteria",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    name: text().notNull(),
    description: text().notNull().default(""),
    weight: real().notNull().default(1),
    scaleMin: integer().notNull().default(1),
    scaleMax: integer().notNull().default(5),
    position: integer().notNull().default(0),
  },
  (t) => [
    index("criteria_week_idx").on(t.weekId, t.position),
    uniqueIndex("criteria_week_name_key").on(t.weekId, sql`lower(${t.name})`),
    check("criteria_scale", sql`${t.scaleMin} < ${t.scaleMax} and ${t.scaleMax} - ${t.scaleMin} <= 100`),
    check("criteria_weight", sql`${t.weight} > 0 and ${t.weight} <= 100`),
  ],
);

/** A week's voting settings. */
export const votingSettings = pgTable("voting_settings", {
  weekId: integer()
    .primaryKey()
    .references(() => weeks.id),
  judgesPerDemo: integer().notNull().default(3),
  normalise: boolean().notNull().default(true),
  showFullRanking: boolean().notNull().default(true),
  /** The frozen results shown to everyone once published (the CSV export reads the same snapshot). */
  publishedResults: jsonb(),
  publishedAt: instant(),
  publishedById: integer().references(() => users.id),
});

export const judges = pgTable(
  "judges",
  {
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    addedAt: instant().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.weekId, t.userId] }), index("judges_user_idx").on(t.userId)],
);

/** Conflicts a judge declares (membership and mentoring are detected automatically). */
export const judgeConflicts = pgTable(
  "judge_conflicts",
  {
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    judgeId: integer()
      .notNull()
      .references(() => users.id),
    demoId: integer()
      .notNull()
      .references(() => demos.id, { onDelete: "cascade" }),
    reason: text().notNull(),
    declaredAt: instant().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.judgeId, t.demoId] })],
);

export const judgeAssignments = pgTable(
  "judge_assignments",
  {
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    judgeId: integer()
      .notNull()
      .references(() => users.id),
    demoId: integer()
      .notNull()
      .references(() => demos.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.judgeId, t.demoId] }),
    index("judge_assignments_demo_idx").on(t.demoId),
    index("judge_assignments_week_idx").on(t.weekId),
  ],
);

/** A judge's ballot for one demo: private feedback to the team, an optional note to organisers. */
export const ballots = pgTable(
  "ballots",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    judgeId: integer()
      .notNull()
      .references(() => users.id),
    demoId: integer()
      .notNull()
      .references(() => demos.id, { onDelete: "cascade" }),
    feedback: text().notNull().default(""),
    organiserNote: text().notNull().default(""),
    createdAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("ballots_judge_demo_key").on(t.judgeId, t.demoId),
    index("ballots_week_idx").on(t.weekId),
    index("ballots_demo_idx").on(t.demoId),
  ],
);

export const ballotScores = pgTable(
  "ballot_scores",
  {
    ballotId: integer()
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    criterionId: integer()
      .notNull()
      .references(() => criteria.id, { onDelete: "cascade" }),
    value: integer().notNull(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.criterionId] })],
);

/** People's choice: one row per vote; the week's per-person limit is enforced under a per-person lock. */
export const peoplesChoiceVotes = pgTable(
  "peoples_choice_votes",
  {
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    demoId: integer()
      .notNull()
      .references(() => demos.id, { onDelete: "cascade" }),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.demoId] }), index("peoples_choice_week_idx").on(t.weekId, t.demoId)],
);

export const awardKindEnum = pgEnum("award_kind", ["judged", "criterion", "peoples_choice", "manual"]);

/** A prize of a week: judged overall or on one criterion, people's choice, or given by hand with a citation. */
export const awards = pgTable(
  "awards",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    name: text().notNull(),
    kind: awardKindEnum().notNull(),
    criterionId: integer().references(() => criteria.id, { onDelete: "set null" }),
    manualDemoId: integer().references(() => demos.id, { onDelete: "set null" }),
    citation: text().notNull().default(""),
    position: integer().notNull().default(0),
  },
  (t) => [index("awards_week_idx").on(t.weekId, t.position)],
);

/**
 * Calendar apps cannot send the session cookie, so each person gets a private feed URL with a random
 * token; only its SHA-256 is stored (like session secrets). Revoking deletes the row.
 */
export const calendarTokens = pgTable(
  "calendar_tokens",
  {
    userId: integer()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("calendar_tokens_hash_key").on(t.tokenHash)],
);
