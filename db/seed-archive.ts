/**
 * Demo data for the archive: what became of the past weeks' demos (outcome timelines at different
 * stages, impact figures with their history), the follow-up reminders already sent, nominations at
 * every stage of their handling, and kudos.
 *
 * Dates are days after the week's published results, so the data keeps its shape whenever the seed
 * runs; a date that would fall in the future is left out. Teams are named as in seed-teams.ts, people by
 * the local part of their email. Outcome updates and figures are recorded by the team's lead.
 */
import { inArray, sql } from "drizzle-orm";
import type { Transaction } from "./client";
import {
  checkpointReminders,
  demos,
  impactMeasurements,
  kudos,
  nominationEvents,
  nominations,
  outcomeUpdates,
  teamMembers,
  teams,
  votingSettings,
  weeks,
} from "./schema";

type SeedUser = { id: number; email: string; departmentId: number; name: string };
type Status = (typeof outcomeUpdates.$inferInsert)["status"];
type ImpactKind = (typeof impactMeasurements.$inferInsert)["kind"];

type OutcomeSeed = { day: number; status: Status; note: string; owningTeam?: string; lessons?: string };
type ImpactSeed = {
  kind: ImpactKind;
  metric?: string;
  unit?: string;
  baseline?: number;
  measurements: Array<{ day: number; value: number; evidence?: string; note?: string }>;
};
type DemoAftermath = { outcomes: OutcomeSeed[]; impact?: ImpactSeed[] };

const wiki = (page: string) => `https://wiki.expedition.test/impact/${page}`;

/** Keyed by "week-slug/Team name". Demos without an entry have no outcome yet (some are overdue). */
export const AFTERMATH: Record<string, DemoAftermath> = {
  "2025-h1/Flag Day": {
    outcomes: [
      { day: 3, status: "prototype", note: "The script ran all week; 412 flags were removed by Friday." },
      {
        day: 40,
        status: "shipped",
        note: "The weekly stale-flag digest now goes to every team, and the flag service warns about flags untouched for 90 days.",
      },
    ],
    impact: [
      {
        kind: "hours_saved",
        measurements: [
          { day: 60, value: 300, evidence: wiki("flag-day"), note: "Fewer test permutations in CI, estimated by the test team." },
          { day: 200, value: 1200, evidence: wiki("flag-day"), note: "Measured over six months of CI minutes and review time." },
        ],
      },
      {
        kind: "custom",
        metric: "Dead feature flags removed",
        unit: "flags",
        baseline: 0,
        measurements: [
          { day: 5, value: 412 },
          { day: 120, value: 1023, evidence: "https://git.expedition.test/payments/flag-reaper/-/wikis/results" },
        ],
      },
    ],
  },
  "2025-h1/Macro Finder": {
    outcomes: [
      { day: 2, status: "prototype", note: "The search box ran for two volunteer agents for a week." },
      {
        day: 35,
        status: "continued",
        owningTeam: "Support Platform",
        note: "Support Platform put macro search on its roadmap for the next quarter.",
      },
      { day: 150, status: "shipped", note: "Live for all 420 agents, in every language we support." },
    ],
    impact: [
      {
        kind: "people_reached",
        measurements: [
          { day: 150, value: 180, note: "Agents in the first two regions." },
          { day: 300, value: 420, evidence: wiki("macro-finder"), note: "Every agent." },
        ],
      },
      {
        kind: "hours_saved",
        baseline: 0,
        measurements: [
          {
            day: 300,
            value: 3200,
            evidence: wiki("macro-finder"),
            note: "Fewer second replies to customers, from the ticketing system's reopen rate.",
          },
        ],
      },
    ],
  },
  "2025-h1/Notes From the Field": {
    outcomes: [
      {
        day: 10,
        status: "learning",
        note: "We shelved the bot. The writers and engineers kept their fortnightly release-notes review, which was the real win.",
      },
    ],
  },
  "2025-h1/Penny Pinchers": {
    outcomes: [
      { day: 20, status: "continued", owningTeam: "Data Platform", note: "Data Platform adopted the cost estimator." },
      { day: 120, status: "shipped", note: "Budgets are on for every scheduled query." },
    ],
    impact: [
      {
        kind: "money_saved",
        unit: "EUR",
        measurements: [
          { day: 60, value: 40000, evidence: wiki("penny-pinchers"), note: "Annualised from two months of the warehouse bill." },
          {
            day: 240,
            value: 96000,
            evidence: wiki("penny-pinchers"),
            note: "Annualised from eight months of the warehouse bill.",
          },
        ],
      },
    ],
  },
  "2025-h2/Cache Me If You Can": {
    outcomes: [{ day: 14, status: "shipped", note: "Rolled out to all 140 repositories on the shared runners." }],
    impact: [
      {
        kind: "hours_saved",
        baseline: 0,
        measurements: [
          { day: 30, value: 900, note: "Early estimate from twelve repositories." },
          {
            day: 120,
            value: 1600,
            evidence: wiki("ci-cache"),
            note: "Pipeline minutes saved across all repositories, per year.",
          },
        ],
      },
      {
        kind: "custom",
        metric: "Median pipeline time",
        unit: "minutes",
        baseline: 14,
        measurements: [{ day: 30, value: 9, evidence: "https://grafana.expedition.test/d/ci-cache/hit-rates" }],
      },
    ],
  },
  "2025-h2/Dev Doctor": {
    outcomes: [
      {
        day: 25,
        status: "continued",
        owningTeam: "Developer Experience",
        note: "Developer Experience owns `dev doctor` now and ships it with the laptop image.",
      },
    ],
    impact: [{ kind: "people_reached", measurements: [{ day: 90, value: 350, note: "Engineers who ran it at least once." }] }],
  },
  "2025-h2/Draft Keepers": {
    outcomes: [{ day: 7, status: "shipped", note: "Shipped to every agent the week after demo day." }],
    impact: [{ kind: "people_reached", measurements: [{ day: 30, value: 180, evidence: wiki("draft-keepers") }] }],
  },
  "2025-h2/Error Codes Anonymous": {
    outcomes: [{ day: 21, status: "shipped", note: "All 143 error codes documented and linked from the API responses." }],
    impact: [
      {
        kind: "custom",
        metric: "Support tickets about checkout errors",
        unit: "tickets/month",
        baseline: 320,
        measurements: [
          { day: 60, value: 190 },
          { day: 150, value: 140, evidence: wiki("error-codes") },
        ],
      },
    ],
  },
  "2025-h2/Thumb Zone": {
    outcomes: [{ day: 10, status: "shipped", note: "In the app from release 8.14." }],
    impact: [
      {
        kind: "people_reached",
        measurements: [{ day: 45, value: 85000, evidence: wiki("thumb-zone"), note: "Monthly Android users on small phones." }],
      },
    ],
  },
  "2025-h2/One Word": {
    outcomes: [
      {
        day: 30,
        status: "learning",
        note: "Design adopted the glossary; the lint rule was not worth its false positives.",
      },
    ],
  },
  "2025-h2/Single Sign-On, Finally": {
    outcomes: [{ day: 20, status: "shipped", note: "The last two tools moved behind the identity proxy." }],
    impact: [
      { kind: "hours_saved", measurements: [{ day: 60, value: 250, note: "Password resets the help desk no longer does." }] },
    ],
  },
  "2025-h2/Checkpoint Charlie": {
    outcomes: [
      { day: 12, status: "prototype", note: "Ran on two pipelines." },
      {
        day: 40,
        status: "stopped",
        note: "Stopped in favour of the Airflow upgrade.",
        lessons:
          "Airflow 3 resumes backfills by itself; upgrading was cheaper than maintaining our own. Check upstream roadmaps first.",
      },
    ],
  },
  "2026-h1/Quiet Pager": {
    outcomes: [
      { day: 10, status: "continued", owningTeam: "SRE", note: "SRE runs the weekly report for every on-call rotation." },
      { day: 80, status: "shipped", note: "Owners mute or delete noisy alerts straight from the report." },
    ],
    impact: [
      {
        kind: "hours_saved",
        measurements: [{ day: 85, value: 1500, evidence: wiki("quiet-pager"), note: "Night pages avoided, at 1.5 hours each." }],
      },
    ],
  },
  "2026-h1/Flake Hunters": {
    outcomes: [{ day: 20, status: "prototype", note: "Quarantine runs on the monorepo only." }],
    impact: [
      {
        kind: "custom",
        metric: "Flaky test retries",
        unit: "retries/week",
        baseline: 900,
        measurements: [{ day: 25, value: 420 }],
      },
    ],
  },
  "2026-h1/Keys on Demand": {
    outcomes: [{ day: 45, status: "shipped", note: "Standing production access removed for 60 engineers." }],
  },
  "2026-h1/Notebook Express": {
    outcomes: [
      { day: 30, status: "continued", owningTeam: "ML Platform", note: "ML Platform runs the GPU notebooks as a service." },
    ],
    impact: [{ kind: "people_reached", measurements: [{ day: 60, value: 45, note: "Data scientists with a notebook." }] }],
  },
};

type Nominee = { person: string } | { team: string; week: string };
type NominationSeed = {
  by: string;
  nominee: Nominee;
  kind: (typeof nominations.$inferInsert)["kind"];
  reason: string;
  /** Days after the week's results, for the nomination itself. */
  day: number;
  week: string;
  /** Decisions by the organiser, in order, days after the nomination. */
  steps?: Array<{ to: "accepted" | "declined" | "done"; after: number; note: string }>;
};

export const NOMINATIONS: NominationSeed[] = [
  {
    by: "lena",
    nominee: { team: "Macro Finder", week: "2025-h1" },
    kind: "all_hands_demo",
    reason:
      "They measured their idea honestly on real tickets and built it with the agents, not for them. Everyone should see how.",
    day: 3,
    week: "2025-h1",
    steps: [
      { to: "accepted", after: 5, note: "Booked for the June all-hands." },
      { to: "done", after: 40, note: "Presented at the June all-hands; about 600 people watched." },
    ],
  },
  {
    by: "marcus.johnson",
    nominee: { person: "diego.fernandez" },
    kind: "talk",
    reason: "Diego turned a CI cache nobody understood into a dashboard everyone reads. His talk would help every platform team.",
    day: 6,
    week: "2025-h2",
    steps: [{ to: "accepted", after: 9, note: "A slot at the engineering summit in March." }],
  },
  {
    by: "jonas.eriksson",
    nominee: { person: "farah.haddad" },
    kind: "talk",
    reason:
      "Farah explained a subtle session-storage risk to 180 support agents in plain words. That is a talk worth giving again.",
    day: 4,
    week: "2025-h2",
    steps: [
      { to: "accepted", after: 7, note: "Security guild talk in January." },
      { to: "done", after: 50, note: "Given at the security guild; recording on the wiki." },
    ],
  },
  {
    by: "marcus.johnson",
    nominee: { team: "Notebook Express", week: "2026-h1" },
    kind: "award",
    reason:
      "A self-service GPU environment in four days by three people new to it: worth the company's yearly engineering award.",
    day: 5,
    week: "2026-h1",
    steps: [{ to: "declined", after: 12, note: "The award's deadline had passed; please nominate them again next year." }],
  },
  {
    by: "maya.patel",
    nominee: { team: "Quiet Pager", week: "2026-h1" },
    kind: "all_hands_demo",
    reason: "Forty-one alerts deleted in a week: the clearest story of the edition about making on-call humane.",
    day: 2,
    week: "2026-h1",
    steps: [{ to: "accepted", after: 6, note: "Next all-hands, ten minutes." }],
  },
  {
    by: "nadia.rahman",
    nominee: { person: "aiko.watanabe" },
    kind: "leadership",
    reason:
      "Aiko set up the evaluation for two exploration teams in a row and taught both how to read it. She is ready to lead a guild.",
    day: 8,
    week: "2026-h1",
  },
  {
    by: "lena",
    nominee: { person: "chiara.bianchi" },
    kind: "leadership",
    reason: "Chiara led a cross-department team in the very first edition and has mentored newcomers to the data platform since.",
    day: 10,
    week: "2026-h1",
  },
];

type KudosSeed = {
  by: string;
  to: { person: string } | { team: string; week: string } | { demo: string; week: string };
  message: string;
  day: number;
  week: string;
};

export const KUDOS: KudosSeed[] = [
  {
    by: "kwame.mensah",
    to: { person: "viktor.novak" },
    message: "Thanks for the deny list: it stopped us deleting a kill switch.",
    day: 1,
    week: "2025-h1",
  },
  {
    by: "zoe.clarke",
    to: { team: "Macro Finder", week: "2025-h1" },
    message: "New agents on my team learned the macros in days, not months. Thank you!",
    day: 160,
    week: "2025-h1",
  },
  {
    by: "arjun.mehta",
    to: { demo: "Cache Me If You Can", week: "2025-h2" },
    message: "My pipelines are five minutes faster. Every single push.",
    day: 20,
    week: "2025-h2",
  },
  {
    by: "sun-hee.park",
    to: { demo: "Draft Keepers", week: "2025-h2" },
    message: "The agents I interviewed all mentioned this. Small fix, big relief.",
    day: 15,
    week: "2025-h2",
  },
  {
    by: "farah.haddad",
    to: { person: "lena" },
    message: "Thank you for the most useful judge's feedback I have ever had.",
    day: 2,
    week: "2025-h2",
  },
  {
    by: "diego.fernandez",
    to: { person: "ada" },
    message: "Thanks for reviewing the cache-key Terraform at 7 p.m. on a Thursday.",
    day: 1,
    week: "2025-h2",
  },
  {
    by: "zoe.clarke",
    to: { team: "Token Bridge", week: "2026-h1" },
    message: "Design tokens in code at last. The design systems team owes you lunch.",
    day: 4,
    week: "2026-h1",
  },
  {
    by: "amara.nwosu",
    to: { team: "Quiet Pager", week: "2026-h1" },
    message: "My on-call week was quiet for the first time in a year.",
    day: 90,
    week: "2026-h1",
  },
  {
    by: "lukas.becker",
    to: { demo: "Notebook Express", week: "2026-h1" },
    message: "I trained my first model on a GPU thanks to this. Brilliant docs.",
    day: 35,
    week: "2026-h1",
  },
];

const DAY = 24 * 60 * 60 * 1000;
const CHECKPOINT_DAYS = [30, 90, 180] as const;
const emailOf = (handle: string) => `${handle}@expedition.test`;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Seeds outcomes, impact, sent reminders, nominations and kudos for the past weeks, once: when the
 * archive already has outcome updates, nominations or kudos, nothing is added. Seeded activity notifies
 * nobody.
 */
export async function seedArchive(tx: Transaction, now: Date, usersByEmail: Map<string, SeedUser>): Promise<void> {
  const [existing] = await tx.execute<{ any: boolean }>(sql`
    select exists (select 1 from outcome_updates) or exists (select 1 from nominations) or exists (select 1 from kudos) as any`);
  if (existing?.any) return;
  const userOf = (handle: string) => usersByEmail.get(emailOf(handle));
  const organiser = userOf("olga");

  const weekRows = await tx
    .select({ id: weeks.id, slug: weeks.slug, publishedAt: votingSettings.publishedAt })
    .from(weeks)
    .innerJoin(votingSettings, sql`${votingSettings.weekId} = ${weeks.id} and ${votingSettings.publishedAt} is not null`);
  if (weekRows.length === 0) return;
  const weekBySlug = new Map(weekRows.map((w) => [w.slug, w]));
  const weekIds = weekRows.map((w) => w.id);
  const demoRows = await tx
    .select({ id: demos.id, weekId: demos.weekId, teamId: demos.teamId, team: teams.name, leadId: teams.leadId })
    .from(demos)
    .innerJoin(teams, sql`${teams.id} = ${demos.teamId}`)
    .where(inArray(demos.weekId, weekIds));
  const memberRows = await tx
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(inArray(teamMembers.weekId, weekIds));
  const slugOf = new Map(weekRows.map((w) => [w.id, w.slug]));
  const demoByKey = new Map(demoRows.map((d) => [`${slugOf.get(d.weekId)}/${d.team}`, d]));
  const resultsOf = (weekId: number) => weekRows.find((w) => w.id === weekId)?.publishedAt ?? now;
  const at = (weekId: number, day: number) => new Date(resultsOf(weekId).getTime() + day * DAY);
  const past = (d: Date) => d.getTime() <= now.getTime();

  // Outcome timelines and impact figures.
  const updateRows: Array<typeof outcomeUpdates.$inferInsert> = [];
  const measurementRows: Array<typeof impactMeasurements.$inferInsert> = [];
  for (const [key, aftermath] of Object.entries(AFTERMATH)) {
    const demo = demoByKey.get(key);
    if (!demo) continue;
    for (const o of aftermath.outcomes) {
      const when = at(demo.weekId, o.day);
      if (!past(when)) continue;
      updateRows.push({
        demoId: demo.id,
        status: o.status,
        happenedOn: isoDate(when),
        note: o.note,
        owningTeam: o.owningTeam ?? "",
        lessons: o.lessons ?? "",
        authorId: demo.leadId,
        createdAt: when,
        updatedAt: when,
      });
    }
    for (const figure of aftermath.impact ?? []) {
      for (const m of figure.measurements) {
        const when = at(demo.weekId, m.day);
        if (!past(when)) continue;
        measurementRows.push({
          demoId: demo.id,
          kind: figure.kind,
          metric: figure.metric ?? "",
          unit: figure.unit ?? "",
          baseline: figure.baseline ?? null,
          value: m.value,
          measuredOn: isoDate(when),
          evidenceUrl: m.evidence ?? "",
          note: m.note ?? "",
          authorId: demo.leadId,
          createdAt: when,
        });
      }
    }
  }
  if (updateRows.length > 0) await tx.insert(outcomeUpdates).values(updateRows);
  if (measurementRows.length > 0) await tx.insert(impactMeasurements).values(measurementRows);

  // The reminders the job would have sent at every checkpoint already passed (so it does not send
  // a year of them at once the first time it runs).
  const reminderRows = demoRows.flatMap((d) =>
    CHECKPOINT_DAYS.flatMap((days) => {
      const dueAt = at(d.weekId, days);
      if (!past(dueAt)) return [];
      const recipients = memberRows.filter((m) => m.teamId === d.teamId).length;
      return [{ demoId: d.id, days, dueAt, sentAt: dueAt, recipients }];
    }),
  );
  if (reminderRows.length > 0) await tx.insert(checkpointReminders).values(reminderRows).onConflictDoNothing();

  // Nominations with their history.
  const teamOf = (name: string, slug: string) => demoRows.find((d) => d.team === name && slugOf.get(d.weekId) === slug);
  for (const seed of NOMINATIONS) {
    const week = weekBySlug.get(seed.week);
    const nominator = userOf(seed.by);
    if (!week?.publishedAt || !nominator || !organiser) continue;
    const nomineeUser = "person" in seed.nominee ? userOf(seed.nominee.person) : undefined;
    const nomineeTeam = "team" in seed.nominee ? teamOf(seed.nominee.team, seed.nominee.week) : undefined;
    if (!nomineeUser && !nomineeTeam) continue;
    const createdAt = at(week.id, seed.day);
    if (!past(createdAt)) continue;
    const steps = (seed.steps ?? [])
      .map((s) => ({ ...s, when: new Date(createdAt.getTime() + s.after * DAY) }))
      .filter((s) => past(s.when));
    const last = steps.at(-1);
    const [row] = await tx
      .insert(nominations)
      .values({
        nominatorId: nominator.id,
        nomineeUserId: nomineeUser?.id ?? null,
        nomineeTeamId: nomineeTeam?.teamId ?? null,
        weekId: week.id,
        kind: seed.kind,
        reason: seed.reason,
        status: last?.to ?? "new",
        decisionNote: last?.note ?? "",
        decidedById: last ? organiser.id : null,
        decidedAt: last?.when ?? null,
        createdAt,
        updatedAt: last?.when ?? createdAt,
      })
      .returning({ id: nominations.id });
    if (!row) continue;
    let from: "new" | "accepted" | "declined" | "done" = "new";
    const events: Array<typeof nominationEvents.$inferInsert> = [
      { nominationId: row.id, actorId: nominator.id, fromStatus: null, toStatus: "new", note: "", createdAt },
    ];
    for (const step of steps) {
      events.push({
        nominationId: row.id,
        actorId: organiser.id,
        fromStatus: from,
        toStatus: step.to,
        note: step.note,
        createdAt: step.when,
      });
      from = step.to;
    }
    await tx.insert(nominationEvents).values(events);
  }

  // Kudos.
  const kudosRows = KUDOS.flatMap((k): Array<typeof kudos.$inferInsert> => {
    const author = userOf(k.by);
    const week = weekBySlug.get(k.week);
    if (!author || !week) return [];
    const createdAt = at(week.id, k.day);
    if (!past(createdAt)) return [];
    if ("person" in k.to) {
      const user = userOf(k.to.person);
      return user ? [{ authorId: author.id, userId: user.id, message: k.message, createdAt }] : [];
    }
    const demo = "team" in k.to ? teamOf(k.to.team, k.to.week) : teamOf(k.to.demo, k.to.week);
    if (!demo) return [];
    return "team" in k.to
      ? [{ authorId: author.id, teamId: demo.teamId, message: k.message, createdAt }]
      : [{ authorId: author.id, demoId: demo.id, message: k.message, createdAt }];
  });
  if (kudosRows.length > 0) await tx.insert(kudos).values(kudosRows);
}
