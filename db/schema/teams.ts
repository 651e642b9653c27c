import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { ideas } from "./ideas";
import { users } from "./people";
import { weeks } from "./weeks";

const instant = () => timestamp({ withTimezone: true });

/**
 * The group working on one idea during a week. `member_count` is maintained by a trigger on
 * team_members and checked against `capacity`, so the database itself refuses an overfull team.
 */
export const teams = pgTable(
  "teams",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    ideaId: integer()
      .notNull()
      .references(() => ideas.id),
    leadId: integer()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    description: text().notNull().default(""),
    /** Skills the team is looking for ("open roles"), normalised like idea skills. */
    openRoles: text().array().notNull().default(sql`'{}'::text[]`),
    capacity: integer().notNull(),
    memberCount: integer().notNull().default(0),
    /** Set when the lead confirms the team for demos (only once the week's department rule is met). */
    confirmedAt: instant(),
    createdAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("teams_idea_key").on(t.ideaId),
    unique("teams_id_week_key").on(t.id, t.weekId),
    uniqueIndex("teams_week_name_key").on(t.weekId, sql`lower(${t.name})`),
    index("teams_week_idx").on(t.weekId, t.createdAt.desc()),
    index("teams_open_roles_idx").using("gin", t.openRoles),
    check("teams_capacity_range", sql`${t.capacity} between 1 and 50`),
    check("teams_not_overfull", sql`${t.memberCount} >= 0 and ${t.memberCount} <= ${t.capacity}`),
  ],
);

export const teamRoleEnum = pgEnum("team_role", ["lead", "member"]);

/** Membership. UNIQUE (week_id, user_id) is the "one team per person per week" rule. */
export const teamMembers = pgTable(
  "team_members",
  {
    teamId: integer().notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    role: teamRoleEnum().notNull().default("member"),
    joinedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    // The member's week is the team's week: the one-team-per-week rule can't be dodged.
    foreignKey({
      name: "team_members_team_week_fk",
      columns: [t.teamId, t.weekId],
      foreignColumns: [teams.id, teams.weekId],
    }).onDelete("cascade"),
    uniqueIndex("team_members_one_team_per_week").on(t.weekId, t.userId),
    index("team_members_user_idx").on(t.userId),
  ],
);

export const joinKindEnum = pgEnum("join_kind", ["request", "invite"]);
export const joinStatusEnum = pgEnum("join_status", ["pending", "accepted", "declined", "withdrawn", "closed"]);

/** Asks to join (from a participant) and invites (from a lead), with their outcome. */
export const joinRequests = pgTable(
  "join_requests",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    teamId: integer()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id),
    weekId: integer()
      .notNull()
      .references(() => weeks.id),
    kind: joinKindEnum().notNull(),
    message: text().notNull().default(""),
    status: joinStatusEnum().notNull().default("pending"),
    createdById: integer()
      .notNull()
      .references(() => users.id),
    createdAt: instant().notNull().defaultNow(),
    decidedAt: instant(),
    decidedById: integer().references(() => users.id),
    closeReason: text(),
  },
  (t) => [
    uniqueIndex("join_requests_one_pending").on(t.teamId, t.userId).where(sql`status = 'pending'`),
    index("join_requests_user_week_idx").on(t.userId, t.weekId, t.status),
    index("join_requests_team_idx").on(t.teamId, t.status),
  ],
);

export const mentorStatusEnum = pgEnum("mentor_status", ["pending", "accepted", "declined"]);

/** Mentors offer expertise to a team; they do not take member places and may mentor several teams. */
export const teamMentors = pgTable(
  "team_mentors",
  {
    teamId: integer()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: integer()
      .notNull()
      .references(() => users.id),
    status: mentorStatusEnum().notNull().default("pending"),
    message: text().notNull().default(""),
    requestedById: integer()
      .notNull()
      .references(() => users.id),
    createdAt: instant().notNull().defaultNow(),
    decidedAt: instant(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_mentors_user_idx").on(t.userId, t.status)],
);

/** Short updates the members post during the week. */
export const teamJournal = pgTable(
  "team_journal",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    teamId: integer()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    authorId: integer()
      .notNull()
      .references(() => users.id),
    body: text().notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [index("team_journal_team_idx").on(t.teamId, t.createdAt.desc(), t.id.desc())],
);
