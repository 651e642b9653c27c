import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { awards, demos, outcomeStatusEnum } from "./demos";
import { users } from "./people";
import { teams } from "./teams";
import { weeks } from "./weeks";

const instant = () => timestamp({ withTimezone: true });

/** A dated entry on a demo's outcome timeline. Never edited by the team; organisers may correct (audited). */
export const outcomeUpdates = pgTable(
  "outcome_updates",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    demoId: integer()
      .notNull()
      .references(() => demos.id, { onDelete: "cascade" }),
    status: outcomeStatusEnum().notNull(),
    /** The day this happened (a calendar date, not an instant). */
    happenedOn: date({ mode: "string" }).notNull(),
    /** What happened (Markdown). */
    note: text().notNull().default(""),
    /** For "continued": the team that owns it now on its roadmap. */
    owningTeam: text().notNull().default(""),
    /** For "stopped": what was learned (required then). */
    lessons: text().notNull().default(""),
    authorId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index("outcome_updates_demo_idx").on(t.demoId, t.happenedOn.desc(), t.id.desc()),
    index("outcome_updates_created_idx").on(t.demoId, t.createdAt),
    check("outcome_updates_continued_owner", sql`${t.status} <> 'continued' or length(${t.owningTeam}) > 0`),
    check("outcome_updates_stopped_lessons", sql`${t.status} <> 'stopped' or length(${t.lessons}) > 0`),
  ],
);

export const impactKindEnum = pgEnum("impact_kind", ["hours_saved", "money_saved", "people_reached", "custom"]);

/**
 * One measurement of one impact figure. A series is (demo, kind, metric); every measurement is kept
 * (history) and the latest by measured_on, then id, is the one shown and summed.
 */
export const impactMeasurements = pgTable(
  "impact_measurements",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    demoId: integer()
      .notNull()
      .references(() => demos.id, { onDelete: "cascade" }),
    kind: impactKindEnum().notNull(),
    /** The series name: "" for the three standard kinds, the metric's name for custom ones. */
    metric: text().notNull().default(""),
    /** Custom metrics: the unit ("builds/day"); money: an ISO currency code; otherwise "". */
    unit: text().notNull().default(""),
    baseline: numeric({ precision: 16, scale: 2, mode: "number" }),
    value: numeric({ precision: 16, scale: 2, mode: "number" }).notNull(),
    measuredOn: date({ mode: "string" }).notNull(),
    evidenceUrl: text().notNull().default(""),
    note: text().notNull().default(""),
    authorId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index("impact_measurements_series_idx").on(t.demoId, t.kind, t.metric, t.measuredOn.desc(), t.id.desc()),
    index("impact_measurements_created_idx").on(t.demoId, t.createdAt),
    check("impact_measurements_value_range", sql`${t.value} >= 0 and ${t.value} <= 1000000000000`),
    check(
      "impact_measurements_baseline_range",
      sql`${t.baseline} is null or (${t.baseline} >= 0 and ${t.baseline} <= 1000000000000)`,
    ),
    check("impact_measurements_custom_named", sql`${t.kind} <> 'custom' or (length(${t.metric}) > 0 and length(${t.unit}) > 0)`),
    check("impact_measurements_standard_unnamed", sql`${t.kind} = 'custom' or ${t.metric} = ''`),
    check("impact_measurements_evidence_http", sql`${t.evidenceUrl} = '' or ${t.evidenceUrl} ~* '^https?://'`),
  ],
);

/**
 * The latest measurement of every series (migration 0004 creates the view with DISTINCT ON); pages show
 * it and statistics sum it. Declared `.existing()` so drizzle-kit leaves it alone.
 */
export const impactLatest = pgView("impact_latest", {
  id: integer().notNull(),
  demoId: integer().notNull(),
  kind: impactKindEnum().notNull(),
  metric: text().notNull(),
  unit: text().notNull(),
  baseline: numeric({ precision: 16, scale: 2, mode: "number" }),
  value: numeric({ precision: 16, scale: 2, mode: "number" }).notNull(),
  measuredOn: date({ mode: "string" }).notNull(),
  evidenceUrl: text().notNull(),
  note: text().notNull(),
  authorId: integer().notNull(),
  createdAt: instant().notNull(),
}).existing();

/**
 * Follow-up checkpoints 30, 90 and 180 days after results. A row is written when the reminder is sent,
 * by whichever worker gets there first (the primary key makes it exactly once across instances).
 */
export const checkpointReminders = pgTable(
  "checkpoint_reminders",
  {
    demoId: integer()
      .notNull()
      .references(() => demos.id, { onDelete: "cascade" }),
    days: integer().notNull(),
    dueAt: instant().notNull(),
    sentAt: instant().notNull().defaultNow(),
    recipients: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.demoId, t.days] }), check("checkpoint_reminders_days", sql`${t.days} in (30, 90, 180)`)],
);

/**
 * The winners of each award as published (written with the published snapshot, removed when results are
 * unpublished), so the archive can filter and the portfolio can list awards with plain indexed joins.
 */
export const awardWinners = pgTable(
  "award_winners",
  {
    awardId: integer()
      .notNull()
      .references(() => awards.id, { onDelete: "cascade" }),
    demoId: integer()
      .notNull()
      .references(() => demos.id, { onDelete: "cascade" }),
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    awardName: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.awardId, t.demoId] }),
    index("award_winners_demo_idx").on(t.demoId),
    index("award_winners_week_idx").on(t.weekId),
    index("award_winners_name_idx").on(sql`lower(${t.awardName})`),
  ],
);

/** Recognition: a leader's or peer's recommendation of a person or a team. */
export const nominationKindEnum = pgEnum("nomination_kind", ["talk", "all_hands_demo", "award", "leadership"]);
export const nominationStatusEnum = pgEnum("nomination_status", ["new", "accepted", "declined", "done"]);

export const nominations = pgTable(
  "nominations",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    nominatorId: integer()
      .notNull()
      .references(() => users.id),
    nomineeUserId: integer().references(() => users.id),
    nomineeTeamId: integer().references(() => teams.id, { onDelete: "cascade" }),
    /** The week the nomination is about (the team's week, or chosen for a person; may be null). */
    weekId: integer().references(() => weeks.id),
    kind: nominationKindEnum().notNull(),
    reason: text().notNull(),
    status: nominationStatusEnum().notNull().default("new"),
    /** The organisers' latest note, shown to the nominator. */
    decisionNote: text().notNull().default(""),
    decidedById: integer().references(() => users.id),
    decidedAt: instant(),
    createdAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index("nominations_status_idx").on(t.status, t.createdAt.desc()),
    index("nominations_nominator_idx").on(t.nominatorId, t.createdAt.desc()),
    index("nominations_user_idx").on(t.nomineeUserId, t.status),
    index("nominations_team_idx").on(t.nomineeTeamId, t.status),
    check("nominations_one_nominee", sql`num_nonnulls(${t.nomineeUserId}, ${t.nomineeTeamId}) = 1`),
    // nominations_one_open (unique while 'new', per nominator, nominee and kind) is in migration 0004.
    check("nominations_not_self", sql`${t.nomineeUserId} is null or ${t.nomineeUserId} <> ${t.nominatorId}`),
  ],
);

/** Every step of a nomination's handling, with the organiser's note. */
export const nominationEvents = pgTable(
  "nomination_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    nominationId: integer()
      .notNull()
      .references(() => nominations.id, { onDelete: "cascade" }),
    actorId: integer()
      .notNull()
      .references(() => users.id),
    fromStatus: nominationStatusEnum(),
    toStatus: nominationStatusEnum().notNull(),
    note: text().notNull().default(""),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [index("nomination_events_nomination_idx").on(t.nominationId, t.createdAt)],
);

/** Short public thanks on a person, a team or a demo. */
export const kudos = pgTable(
  "kudos",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    authorId: integer()
      .notNull()
      .references(() => users.id),
    userId: integer().references(() => users.id),
    teamId: integer().references(() => teams.id, { onDelete: "cascade" }),
    demoId: integer().references(() => demos.id, { onDelete: "cascade" }),
    message: text().notNull(),
    createdAt: instant().notNull().defaultNow(),
    /** Removed by its author or hidden by an organiser. */
    deletedAt: instant(),
  },
  (t) => [
    index("kudos_user_idx").on(t.userId, t.createdAt.desc()).where(sql`deleted_at is null`),
    index("kudos_team_idx").on(t.teamId, t.createdAt.desc()).where(sql`deleted_at is null`),
    index("kudos_demo_idx").on(t.demoId, t.createdAt.desc()).where(sql`deleted_at is null`),
    index("kudos_author_idx").on(t.authorId, t.createdAt.desc()),
    check("kudos_one_target", sql`num_nonnulls(${t.userId}, ${t.teamId}, ${t.demoId}) = 1`),
    check("kudos_not_self", sql`${t.userId} is null or ${t.userId} <> ${t.authorId}`),
    check("kudos_length", sql`length(${t.message}) between 1 and 280`),
  ],
);
