import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { ideas } from "./ideas";
import { users } from "./people";
import { weeks } from "./weeks";

/** The group working on one idea during a week (one team per idea). Extended by the teams issue. */
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
    capacity: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("teams_idea_key").on(t.ideaId), index("teams_week_idx").on(t.weekId)],
);
