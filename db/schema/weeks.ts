import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

const instant = () => timestamp({ withTimezone: true });

/** One edition of exploration week. The phase is derived from these instants (see app/weeks/phase.ts). */
export const weeks = pgTable(
  "weeks",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    slug: text().notNull(),
    theme: text().notNull().default(""),
    description: text().notNull().default(""),
    timeZone: text().notNull().default("UTC"),
    pitchingOpensAt: instant().notNull(),
    teamFormationOpensAt: instant().notNull(),
    exploringStartsAt: instant().notNull(),
    exploringEndsAt: instant().notNull(),
    demoDeadlineAt: instant().notNull(),
    votingOpensAt: instant().notNull(),
    votingClosesAt: instant().notNull(),
    resultsPublishedAt: instant().notNull(),
    archivedAt: instant().notNull(),
    teamSizeMin: integer().notNull().default(2),
    teamSizeMax: integer().notNull().default(6),
    minDepartmentsPerTeam: integer().notNull().default(1),
    peoplesChoiceVotes: integer().notNull().default(3),
    soloTeamsAllowed: boolean().notNull().default(false),
    createdAt: instant().notNull().defaultNow(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("weeks_slug_key").on(t.slug),
    index("weeks_pitching_opens_idx").on(t.pitchingOpensAt.desc()),
    check(
      "weeks_boundaries_in_order",
      sql`${t.pitchingOpensAt} <= ${t.teamFormationOpensAt} and ${t.teamFormationOpensAt} <= ${t.exploringStartsAt}
        and ${t.exploringStartsAt} <= ${t.exploringEndsAt} and ${t.exploringEndsAt} <= ${t.demoDeadlineAt}
        and ${t.demoDeadlineAt} <= ${t.votingOpensAt} and ${t.votingOpensAt} <= ${t.votingClosesAt}
        and ${t.votingClosesAt} <= ${t.resultsPublishedAt} and ${t.resultsPublishedAt} <= ${t.archivedAt}`,
    ),
    check("weeks_team_sizes", sql`${t.teamSizeMin} >= 1 and ${t.teamSizeMin} <= ${t.teamSizeMax}`),
  ],
);
