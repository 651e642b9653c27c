import { eq } from "drizzle-orm";
import type { Queryable } from "~db/client";
import { votingSettings } from "~db/schema";
import {
  createDemo,
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type DemoRow,
  type TeamRow,
  type TestUser,
  type WeekRow,
} from "./factories";

const DAY = 86_400_000;

/** Publishes (or, with null, unpublishes) a week's results at `at`, as the results page would. */
export async function setPublished(db: Queryable, weekId: number, at: Date | null): Promise<void> {
  await db
    .insert(votingSettings)
    .values({ weekId, publishedAt: at, publishedResults: at ? { awards: [] } : null })
    .onConflictDoUpdate({
      target: votingSettings.weekId,
      set: { publishedAt: at, publishedResults: at ? { awards: [] } : null },
    });
}

export type OutcomeFixture = {
  week: WeekRow;
  team: TeamRow;
  demo: DemoRow;
  lead: TestUser;
  member: TestUser;
  members: TestUser[];
};

/**
 * A week in `phase` with one demo by a team of `size` people (lead first). Results are published
 * `publishedDaysAgo` days before now unless that is null.
 */
export async function createOutcomeFixture(
  db: Queryable,
  options: {
    phase?: "voting" | "results" | "archived";
    publishedDaysAgo?: number | null;
    size?: number;
    now?: Date;
  } = {},
): Promise<OutcomeFixture> {
  const { phase = "results", publishedDaysAgo = 1, size = 2 } = options;
  const now = options.now ?? new Date();
  const week = await createWeekInPhase(db, phase);
  const members: TestUser[] = [];
  for (let i = 0; i < size; i++) members.push(await createUser(db));
  const [lead] = members;
  if (!lead) throw new Error("a team needs at least one member");
  const idea = await createIdea(db, { weekId: week.id, author: lead });
  const team = await createTeam(db, {
    weekId: week.id,
    ideaId: idea.id,
    leadId: lead.id,
    memberIds: members.map((m) => m.id),
    confirmedAt: week.exploringStartsAt,
  });
  const demo = await createDemo(db, { weekId: week.id, teamId: team.id });
  if (publishedDaysAgo !== null) await setPublished(db, week.id, new Date(now.getTime() - publishedDaysAgo * DAY));
  return { week, team, demo, lead, member: members[1] ?? lead, members };
}

/** When the week's results were published. */
export async function publishedAtOf(db: Queryable, weekId: number): Promise<Date | null> {
  const [row] = await db.select({ at: votingSettings.publishedAt }).from(votingSettings).where(eq(votingSettings.weekId, weekId));
  return row?.at ?? null;
}
