import type { Queryable } from "~db/client";
import {
  awards,
  awardWinners,
  demoImages,
  demoReflections,
  impactMeasurements,
  outcomeUpdates,
  peoplesChoiceVotes,
  teamMentors,
  votingSettings,
} from "~db/schema";
import {
  createDemo,
  createIdea,
  createTeam,
  createWeek,
  type DemoRow,
  type IdeaRow,
  type TeamRow,
  type TestUser,
  tinyPng,
  uid,
  type WeekRow,
  weekInstants,
  weekStartForPhase,
} from "./factories";

const DAY = 86_400_000;

/**
 * A week whose results were published `daysAgo` days before now (in the archive), starting `daysAgo + 23`
 * days ago. Pass `publishedAt: null` to leave voting_settings without a publication.
 */
export async function createPastWeek(
  db: Queryable,
  options: { daysAgo?: number; overrides?: Parameters<typeof createWeek>[1]; publishedAt?: Date | null } = {},
): Promise<WeekRow> {
  const daysAgo = options.daysAgo ?? 30;
  const start = new Date(Date.now() - (daysAgo + 23) * DAY);
  const week = await createWeek(db, { ...weekInstants(start), ...options.overrides });
  if (options.publishedAt !== null) {
    await db
      .insert(votingSettings)
      .values({ weekId: week.id, publishedAt: options.publishedAt ?? week.resultsPublishedAt, publishedResults: { awards: [] } });
  }
  return week;
}

/** A week still in voting: its results are not published, so it is not in the archive. */
export async function createVotingWeek(db: Queryable): Promise<WeekRow> {
  return createWeek(db, weekInstants(weekStartForPhase("voting")));
}

export type BuiltDemo = { idea: IdeaRow; team: TeamRow; demo: DemoRow };

/** An idea pitched by `lead`, a team around it with `members`, and its demo: the usual path of one project. */
export async function createProject(
  db: Queryable,
  options: {
    week: { id: number };
    lead: TestUser;
    members?: TestUser[];
    idea?: Partial<Parameters<typeof createIdea>[1]>;
    demo?: Partial<Parameters<typeof createDemo>[1]>;
  },
): Promise<BuiltDemo> {
  const idea = await createIdea(db, { weekId: options.week.id, author: options.lead, ...options.idea });
  const team = await createTeam(db, {
    weekId: options.week.id,
    ideaId: idea.id,
    leadId: options.lead.id,
    memberIds: (options.members ?? []).map((m) => m.id),
    capacity: 10,
  });
  const demo = await createDemo(db, { weekId: options.week.id, teamId: team.id, ...options.demo });
  return { idea, team, demo };
}

/** One entry on a demo's outcome timeline (the trigger updates demos.outcome_status and the search document). */
export async function recordOutcome(
  db: Queryable,
  options: {
    demoId: number;
    authorId: number;
    status: (typeof outcomeUpdates.$inferInsert)["status"];
    happenedOn: string;
    note?: string;
    owningTeam?: string;
    lessons?: string;
  },
) {
  const owningTeam = options.owningTeam ?? (options.status === "continued" ? "Platform team" : "");
  const lessons = options.lessons ?? (options.status === "stopped" ? "We learned when to stop." : "");
  const [row] = await db
    .insert(outcomeUpdates)
    .values({ ...options, owningTeam, lessons, note: options.note ?? "" })
    .returning();
  if (!row) throw new Error("outcome insert returned no row");
  return row;
}

/** One impact measurement (a series is demo + kind + metric; the latest by measured_on, then id, counts). */
export async function measureImpact(
  db: Queryable,
  options: {
    demoId: number;
    authorId: number;
    kind: (typeof impactMeasurements.$inferInsert)["kind"];
    value: number;
    measuredOn: string;
    metric?: string;
    unit?: string;
    baseline?: number | null;
  },
) {
  const [row] = await db
    .insert(impactMeasurements)
    .values({ ...options, metric: options.metric ?? "", unit: options.unit ?? "" })
    .returning();
  if (!row) throw new Error("impact insert returned no row");
  return row;
}

export async function addMentor(
  db: Queryable,
  options: { teamId: number; userId: number; requestedById: number; status?: "pending" | "accepted" | "declined" },
) {
  await db.insert(teamMentors).values({ status: "accepted", ...options });
}

export async function addReflection(
  db: Queryable,
  options: { demoId: number; userId: number; stretchGoal: string; reflection?: string },
) {
  await db.insert(demoReflections).values({ reflection: "It went well.", ...options });
}

/** An award of `weekId` won by `demoId`, written to award_winners as publishing does. */
export async function addAwardWinner(
  db: Queryable,
  options: { weekId: number; demoId: number; name?: string; citation?: string; position?: number },
) {
  const name = options.name ?? `Award ${uid()}`;
  const [award] = await db
    .insert(awards)
    .values({
      weekId: options.weekId,
      name,
      kind: "manual",
      manualDemoId: options.demoId,
      citation: options.citation ?? "",
      position: options.position ?? 0,
    })
    .returning();
  if (!award) throw new Error("award insert returned no row");
  await db.insert(awardWinners).values({ awardId: award.id, demoId: options.demoId, weekId: options.weekId, awardName: name });
  return award;
}

export async function addPeoplesChoiceVotes(db: Queryable, weekId: number, demoId: number, voters: Array<{ id: number }>) {
  if (voters.length === 0) return;
  await db.insert(peoplesChoiceVotes).values(voters.map((v) => ({ weekId, demoId, userId: v.id })));
}

export async function addScreenshot(db: Queryable, demoId: number, alt = "A screenshot") {
  const bytes = await tinyPng(4, 3);
  const [row] = await db
    .insert(demoImages)
    .values({ demoId, contentType: "image/png", bytes, byteSize: bytes.length, width: 4, height: 3, sha256: uid(), alt })
    .returning({ id: demoImages.id });
  if (!row) throw new Error("image insert returned no row");
  return row.id;
}
