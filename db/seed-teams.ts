/**
 * Demo teams of the three demo weeks: rosters, open requests and invites, mentors and a few journal
 * entries. Each team forms around one seeded idea and is led by its author.
 *
 * People are named by the local part of their email, as in seed-ideas.ts. Times are not listed:
 * the seed spreads them over each week's team formation period.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { normaliseTag } from "../app/ideas/rules";
import { capacityProblem, confirmProblem } from "../app/teams/rules";
import type { Transaction } from "./client";
import { ideas, joinRequests, teamJournal, teamMembers, teamMentors, teams, users, weeks } from "./schema";
import { IDEAS, type IdeaSeed, isCarried, type WeekSlug } from "./seed-ideas";

export type TeamSeed = {
  /** Key of the idea (in the same week) the team forms around; its author leads the team. */
  idea: string;
  name: string;
  description: string;
  /** Skills the team still looks for; normalised by the seed. */
  openRoles: string[];
  capacity: number;
  /** Everyone but the lead. */
  members: string[];
  /** Confirmed for demos by the lead (only teams that meet the week's rules). */
  confirmed?: true;
  /** Pending asks to join, from people not in a team that week. */
  requests?: Array<{ from: string; message: string }>;
  /** Pending invites from the lead, to people not in a team that week. */
  invites?: Array<{ to: string; message: string }>;
  mentors?: Array<{ by: string; status: "accepted" | "pending"; message: string }>;
  journal?: Array<{ by: string; body: string }>;
};

/**
 * People the e2e tests use from a clean state: they start their own teams around their own ideas,
 * so the seed never puts them in a team nor starts a team around their ideas.
 */
export const NOT_IN_SEEDED_TEAMS = ["ada", "ben", "lena", "olga", "sam"] as const;

/** People who offer to mentor ("I can mentor on …"), with when they have time. */
export const MENTOR_OFFERS: Array<{ who: string; offer: string; availability: string }> = [
  {
    who: "lena",
    offer: "Payments architecture, leading teams",
    availability: "Tuesday and Thursday afternoons; a 30-minute call any day if it's urgent.",
  },
  {
    who: "hannah.schultz",
    offer: "Kubernetes operators, running on-call well, alerting that people trust",
    availability: "Mornings (Berlin time) during exploration week.",
  },
  {
    who: "marcus.johnson",
    offer: "Developer productivity metrics, CI at scale, pitching a project to leadership",
    availability: "Two 45-minute slots a day; book through my calendar.",
  },
  {
    who: "jonas.eriksson",
    offer: "Threat modelling, security reviews of new designs, incident response",
    availability: "Wednesday and Friday; drop me a message first.",
  },
];

export const TEAMS: Record<WeekSlug, TeamSeed[]> = {
  "2025-h1": [
    {
      idea: "dead-flags",
      name: "Flag Day",
      description: "Dead feature flags found with the audit log and code search, and removed one pull request at a time.",
      openRoles: [],
      capacity: 4,
      members: ["viktor.novak", "kwame.mensah"],
      confirmed: true,
      mentors: [{ by: "jonas.eriksson", status: "accepted", message: "Could you review our deny list of kill switches?" }],
    },
    {
      idea: "macro-search",
      name: "Macro Finder",
      description: "Support macros found by describing the customer's problem, measured on a week of real tickets.",
      openRoles: [],
      capacity: 4,
      members: ["aiko.watanabe", "carmen.ortiz"],
      confirmed: true,
    },
    {
      idea: "release-notes",
      name: "Notes From the Field",
      description: "Release notes drafted from labelled pull requests, in our voice.",
      openRoles: [],
      capacity: 3,
      members: ["sofia.rossi", "sun-hee.park"],
      confirmed: true,
    },
    {
      idea: "query-budget",
      name: "Penny Pinchers",
      description: "What a warehouse query costs, shown before it runs, and a budget for scheduled ones.",
      openRoles: [],
      capacity: 4,
      members: ["samuel.osei", "leila.karimi"],
      confirmed: true,
      mentors: [{ by: "hannah.schultz", status: "accepted", message: "Would you help us set alert thresholds people trust?" }],
    },
  ],
  "2025-h2": [
    {
      idea: "ci-cache-hits",
      name: "Cache Me If You Can",
      description: "Per-toolchain CI caches keyed on their own lockfiles, and a dashboard of hit rates per repository.",
      openRoles: ["ci-cd", "python"],
      capacity: 4,
      members: ["noah.goldberg", "ines.moreau"],
      confirmed: true,
    },
    {
      idea: "dev-doctor",
      name: "Dev Doctor",
      description: "A dev doctor command that diagnoses the ten usual broken-laptop problems and offers to fix them.",
      openRoles: ["rust", "cli"],
      capacity: 3,
      members: ["priya.raman"],
      confirmed: true,
    },
    {
      idea: "console-drafts",
      name: "Draft Keepers",
      description: "Reply drafts in the agent console survive reloads, and disappear on sign-out.",
      openRoles: [],
      capacity: 2,
      members: ["farah.haddad"],
      confirmed: true,
    },
    {
      idea: "checkout-error-messages",
      name: "Error Codes Anonymous",
      description: "143 checkout API errors, each with a message, a cause and a docs anchor.",
      openRoles: ["technical-writing"],
      capacity: 4,
      members: ["kenji.morimoto", "rafael.costa"],
      confirmed: true,
    },
    {
      idea: "android-keyboard-pay",
      name: "Thumb Zone",
      description: "Keep the pay button above the keyboard on small Android phones, with screenshot tests to prove it.",
      openRoles: [],
      capacity: 3,
      members: ["freya.nilsson", "isabelle.laurent"],
      confirmed: true,
    },
    {
      idea: "product-glossary",
      name: "One Word",
      description: "Two workshops, one glossary, and a lint rule so the product calls each thing by one name.",
      openRoles: ["facilitation", "ux-writing"],
      capacity: 5,
      members: ["maya.patel", "daniel.kowalczyk"],
      confirmed: true,
    },
    {
      idea: "sso-leftovers",
      name: "Single Sign-On, Finally",
      description: "Seven internal tools behind the identity proxy, local passwords switched off.",
      openRoles: ["oauth"],
      capacity: 4,
      members: ["jonas.eriksson", "tomasz.wisniewski"],
      confirmed: true,
    },
    {
      idea: "resumable-backfills",
      name: "Checkpoint Charlie",
      description: "A solo week: Airflow backfills that resume from the last finished partition.",
      openRoles: [],
      capacity: 1,
      members: [],
      confirmed: true,
    },
  ],
  "2026-h1": [
    {
      idea: "pager-noise-report",
      name: "Quiet Pager",
      description: "A weekly report of alerts that paged someone and led to no action, with the owner of each.",
      openRoles: ["sql"],
      capacity: 4,
      members: ["samuel.osei", "freya.nilsson"],
      confirmed: true,
    },
    {
      idea: "pg-upgrade-rehearsal",
      name: "Dress Rehearsal",
      description: "Rehearse every Postgres major upgrade on a restored snapshot, automatically, and time it.",
      openRoles: [],
      capacity: 3,
      members: ["chiara.bianchi", "rafael.costa"],
      confirmed: true,
    },
    {
      idea: "flaky-quarantine",
      name: "Flake Hunters",
      description: "Detect flaky tests from CI history and quarantine them with an issue for their owners.",
      openRoles: ["bazel"],
      capacity: 5,
      members: ["arjun.mehta", "yuki.tanaka", "noah.goldberg"],
      confirmed: true,
    },
    {
      idea: "alert-enrichment",
      name: "Context First",
      description: "Every security alert arrives with the user, the asset and the last similar incident attached.",
      openRoles: ["python"],
      capacity: 4,
      members: ["lukas.becker", "tariq.hussain"],
      confirmed: true,
    },
    {
      idea: "jit-cloud-access",
      name: "Keys on Demand",
      description: "Request an admin role for an hour with a reason, instead of holding it forever.",
      openRoles: ["aws"],
      capacity: 4,
      members: ["priya.raman", "viktor.novak"],
      confirmed: true,
    },
    {
      idea: "weekly-support-report",
      name: "Report Robots",
      description: "The weekly support report, built by dbt and posted on Monday morning without a single copy-paste.",
      openRoles: [],
      capacity: 5,
      members: ["aiko.watanabe", "daniel.kowalczyk", "carmen.ortiz"],
      confirmed: true,
    },
    {
      idea: "figma-tokens-sync",
      name: "Token Bridge",
      description: "Design tokens flow from Figma to the React component library in one reviewed pull request.",
      openRoles: ["css"],
      capacity: 4,
      members: ["isabelle.laurent", "oskar.lind"],
      confirmed: true,
    },
    {
      idea: "gpu-notebooks",
      name: "Notebook Express",
      description: "A GPU notebook in two minutes, shut down by itself when nobody uses it.",
      openRoles: ["kubernetes"],
      capacity: 4,
      members: ["hannah.schultz", "elena.popescu"],
      confirmed: true,
    },
  ],
  "2026-h2": [
    {
      idea: "customer-impact-alerts",
      name: "Blast Radius",
      description:
        "Every alert gets a number: how many customers are affected right now. We join alert labels to live traffic and tickets, and page by impact, not by noise.",
      openRoles: ["sql", "data-viz"],
      capacity: 4,
      members: ["amara.nwosu", "bianca.ferreira"],
      confirmed: true,
      requests: [
        {
          from: "samuel.osei",
          message:
            "I can build the impact score in dbt and a dashboard on top; I'd like to see how alerting works from the inside.",
        },
      ],
      mentors: [
        {
          by: "hannah.schultz",
          status: "accepted",
          message: "Hannah, could you help us decide which alerts should page by impact first?",
        },
      ],
      journal: [
        {
          by: "tomasz.wisniewski",
          body: "Kick-off done. We picked the **checkout** and **login** alerts as the first two to score.\n\n- Amara brings the security alert feed\n- Bianca maps ticket tags to services",
        },
        {
          by: "bianca.ferreira",
          body: "First cut of the ticket-to-service mapping is in the team's sheet: 71% of last month's tickets map to one service cleanly.",
        },
      ],
    },
    {
      idea: "slow-order-history",
      name: "Query Whisperers",
      description: "Profile the slowest order-history queries customers hit, fix the top five and write down how we found them.",
      openRoles: ["performance", "sql"],
      capacity: 3,
      members: ["priya.raman"],
      requests: [
        {
          from: "kenji.morimoto",
          message: "Support hears about slow order history every day. I can bring the tickets and the customers' account ids.",
        },
      ],
    },
    {
      idea: "declines-plain-language",
      name: "Decline Decoder",
      description: "Turn raw decline codes into a sentence a customer understands and a next step they can take.",
      openRoles: ["ux-writing", "typescript"],
      capacity: 4,
      members: ["oskar.lind"],
      requests: [
        {
          from: "sun-hee.park",
          message:
            "I wrote the card decline copy last year and would love to finish the job. My own error-message idea fits right in.",
        },
      ],
    },
    {
      idea: "checkout-sandbox",
      name: "Sandcastle",
      description: "A checkout sandbox that behaves like production: same validation, same webhooks, realistic failures.",
      openRoles: [],
      capacity: 3,
      members: ["arjun.mehta", "ines.moreau"],
      confirmed: true,
      journal: [
        {
          by: "mei.chen",
          body: "We're full and confirmed! Arjun is listing the ten provider failures partners ask about most; Inès is looking at running the sandbox on the build cluster.",
        },
      ],
    },
    {
      idea: "fewer-false-declines",
      name: "False Alarm",
      description: "Fewer false fraud declines for returning customers, measured in an A/B test before we change a single rule.",
      openRoles: ["statistics", "data-viz"],
      capacity: 4,
      members: ["lukas.becker"],
      requests: [{ from: "samuel.osei", message: "Happy to help with the experiment dashboard." }],
      invites: [
        {
          to: "aiko.watanabe",
          message: "Aiko, we need someone who really knows A/B tests. Would you design the experiment with us?",
        },
      ],
    },
    {
      idea: "three-tap-checkout",
      name: "Three Taps",
      description: "Remove every checkout field we do not need, then test the result with five customers on their own phones.",
      openRoles: ["react", "accessibility", "figma"],
      capacity: 5,
      members: ["aaliyah.brooks"],
      requests: [
        { from: "theo.adebayo", message: "I designed the mobile checkout steps and would love to prototype the three-tap flow." },
      ],
    },
    {
      idea: "in-app-feedback",
      name: "Shake to Report",
      description:
        "Shake the phone, draw on a screenshot, send it with the last minute of logs. Android first, iOS if time allows.",
      openRoles: ["ux-research", "figma"],
      capacity: 4,
      members: ["freya.nilsson", "mateo.alvarez"],
      invites: [
        {
          to: "theo.adebayo",
          message:
            "Theo, we are all from Mobile: could you design the feedback flow with us? It would also meet the department rule.",
        },
      ],
    },
    {
      idea: "ticket-summaries",
      name: "TL;DR Tickets",
      description: "A three-line summary at the top of every long ticket, so the next agent starts where the last one stopped.",
      openRoles: ["elasticsearch"],
      capacity: 5,
      members: ["tariq.hussain", "grace.mwangi", "elena.popescu"],
      confirmed: true,
      journal: [
        {
          by: "nadia.rahman",
          body: "We agreed the rule for the week: summaries never go to customers, only to agents, and every one links to its source messages.",
        },
      ],
    },
    {
      idea: "passkeys",
      name: "Passkey Pioneers",
      description: "Passkeys for customer sign-in on the web and in both apps, with a fallback nobody gets locked out of.",
      openRoles: ["swift", "ios"],
      capacity: 4,
      members: ["leila.karimi", "yuki.tanaka"],
      requests: [{ from: "jamal.carter", message: "I can take the iOS side: I have shipped the keychain code in our app." }],
      invites: [{ to: "farah.haddad", message: "Farah, would you threat-model the recovery flow with us?" }],
      mentors: [
        {
          by: "jonas.eriksson",
          status: "pending",
          message: "Jonas, could you review our account-recovery design before we build it?",
        },
      ],
    },
    {
      idea: "api-changelog",
      name: "Changelog Robots",
      description: "A public API changelog generated from the GraphQL schema on every release, readable by humans.",
      openRoles: [],
      capacity: 3,
      members: ["diego.fernandez", "ravi.iyer"],
      mentors: [
        {
          by: "marcus.johnson",
          status: "accepted",
          message: "Marcus, would you help us pitch the changelog to the API product owners at demo day?",
        },
      ],
    },
    {
      idea: "suggested-macros",
      name: "Macro Magic",
      description: "The agent console proposes the right macro for a ticket, and learns from the ones agents pick.",
      openRoles: ["ml", "python"],
      capacity: 4,
      members: ["chiara.bianchi"],
    },
    {
      idea: "console-keyboard-a11y",
      name: "No Mouse Needed",
      description: "Keyboard shortcuts for every console action and a full screen-reader pass with two of our agents.",
      openRoles: ["accessibility", "testing"],
      capacity: 3,
      members: ["hugo.dubois"],
    },
    {
      idea: "shadow-support",
      name: "Ride-along",
      description: "A programme where every engineer spends half a day beside a support agent, and writes down what they saw.",
      openRoles: ["facilitation", "user-interviews", "ux-research"],
      capacity: 6,
      members: ["daniel.kowalczyk"],
      requests: [{ from: "sun-hee.park", message: "I'd love to help write the guide for engineers sitting in." }],
      invites: [
        { to: "kenji.morimoto", message: "Kenji, your ride-alongs inspired this: would you join and help us scale them?" },
      ],
    },
  ],
};

type SeedUser = { id: number; email: string; departmentId: number; name: string };

const HOUR = 60 * 60 * 1000;
const emailOf = (handle: string) => `${handle}@expedition.test`;

/** An instant `fraction` of the way from `from` to `to`. */
const between = (from: Date, to: Date, fraction: number) =>
  new Date(from.getTime() + Math.round((to.getTime() - from.getTime()) * fraction));

/** The seeded idea a team seed names, with its title (carry-overs take their source's pitch). */
function ideaSeed(slug: WeekSlug, key: string): IdeaSeed | undefined {
  const entry = IDEAS[slug].find((s) => s.key === key);
  if (!entry) return undefined;
  if (!isCarried(entry)) return entry;
  return Object.values(IDEAS)
    .flat()
    .find((s): s is IdeaSeed => !isCarried(s) && s.key === entry.from);
}

/**
 * Seeds the teams of every demo week that has none yet (so a second run adds nothing): rosters, the
 * current week's pending requests, invites, mentors and journal, and the mentors' offers. The
 * team_members trigger keeps member_count; the week's own rules are checked on the way, so the data
 * above cannot drift from them. Seeded activity notifies nobody.
 */
export async function seedTeams(tx: Transaction, now: Date, usersByEmail: Map<string, SeedUser>): Promise<void> {
  const slugs = Object.keys(TEAMS) as WeekSlug[];
  const weekRows = await tx.select().from(weeks).where(inArray(weeks.slug, slugs));
  if (weekRows.length === 0) return;
  const withTeams = await tx
    .selectDistinct({ weekId: teams.weekId })
    .from(teams)
    .where(
      inArray(
        teams.weekId,
        weekRows.map((w) => w.id),
      ),
    );
  const skip = new Set(withTeams.map((w) => w.weekId));
  const pendingWeeks = weekRows.filter((w) => !skip.has(w.id));
  if (pendingWeeks.length === 0) return;

  const ideaRows = await tx
    .select({ id: ideas.id, weekId: ideas.weekId, title: ideas.title, authorId: ideas.authorId })
    .from(ideas)
    .where(
      and(
        inArray(
          ideas.weekId,
          pendingWeeks.map((w) => w.id),
        ),
        eq(ideas.status, "published"),
      ),
    );
  const userOf = (handle: string) => usersByEmail.get(emailOf(handle));
  const excluded = new Set(NOT_IN_SEEDED_TEAMS.map((h) => userOf(h)?.id));

  type Planned = {
    seed: TeamSeed;
    row: typeof teams.$inferInsert;
    lead: SeedUser;
    members: SeedUser[];
    createdAt: Date;
    /** The end of the week's team formation activity in this seed. */
    until: Date;
    id?: number;
  };
  const planned: Planned[] = [];

  for (const week of pendingWeeks) {
    const slug = week.slug as WeekSlug;
    const seeds = TEAMS[slug];
    // Team formation runs until exploring starts; for the current week, until now.
    const until = new Date(Math.min(now.getTime(), week.exploringStartsAt.getTime()) - HOUR);
    const inTeam = new Set<number>();
    seeds.forEach((seed, index) => {
      const source = ideaSeed(slug, seed.idea);
      if (!source) throw new Error(`Seed team ${seed.name} names unknown idea ${seed.idea} in ${slug}`);
      const idea = ideaRows.find((i) => i.weekId === week.id && i.title === source.title);
      const lead = userOf(source.author);
      // The week's ideas were not seeded by us (or were withdrawn): leave the team out.
      if (!idea || !lead || idea.authorId !== lead.id) return;
      const members = seed.members.map(userOf).filter((u): u is SeedUser => u !== undefined);
      const roster = [lead, ...members];
      for (const person of roster) {
        if (excluded.has(person.id))
          throw new Error(`Seed team ${seed.name} includes ${person.email}, who must stay out of seeded teams`);
        if (inTeam.has(person.id)) throw new Error(`${person.email} is in two seeded teams of ${slug}`);
        inTeam.add(person.id);
      }
      const tooBig = capacityProblem(seed.capacity, week, roster.length);
      if (tooBig) throw new Error(`Seed team ${seed.name} (${slug}): ${tooBig}`);
      const departments = new Set(roster.map((p) => p.departmentId)).size;
      const notReady = confirmProblem({ memberCount: roster.length, departments }, week);
      if (seed.confirmed && notReady) throw new Error(`Seed team ${seed.name} (${slug}) is confirmed but ${notReady}`);
      const createdAt = between(week.teamFormationOpensAt, until, 0.05 + (0.45 * index) / seeds.length);
      planned.push({
        seed,
        lead,
        members,
        createdAt,
        until,
        row: {
          weekId: week.id,
          ideaId: idea.id,
          leadId: lead.id,
          name: seed.name,
          description: seed.description,
          openRoles: [...new Set(seed.openRoles.map(normaliseTag))],
          capacity: seed.capacity,
          // Confirmed once the last member joined (see the joins below).
          confirmedAt: seed.confirmed ? between(createdAt, until, 0.75) : null,
          createdAt,
          updatedAt: createdAt,
        },
      });
    });
    // Pending asks and invites only come from people without a team, to teams with a place left.
    for (const p of planned.filter((x) => x.row.weekId === week.id)) {
      const asked = [...(p.seed.requests ?? []).map((r) => r.from), ...(p.seed.invites ?? []).map((i) => i.to)];
      if (asked.length > 0 && p.members.length + 1 >= p.seed.capacity)
        throw new Error(`Seed team ${p.seed.name} is full but has pending requests`);
      for (const handle of asked) {
        const person = userOf(handle);
        if (person && (inTeam.has(person.id) || excluded.has(person.id))) {
          throw new Error(`${handle} has a pending request or invite for ${p.seed.name} but is already in a team of ${slug}`);
        }
      }
    }
  }
  if (planned.length === 0) return;

  const inserted = await tx
    .insert(teams)
    .values(planned.map((p) => p.row))
    .returning({ id: teams.id, ideaId: teams.ideaId });
  const idsByIdea = new Map(inserted.map((r) => [r.ideaId, r.id]));
  for (const p of planned) p.id = idsByIdea.get(p.row.ideaId);
  const seeded = planned.filter((p): p is Planned & { id: number } => p.id !== undefined);

  // Rosters: the lead when the team starts, the others one by one before the team is confirmed.
  // member_count follows from the trigger on team_members.
  const memberRows: Array<typeof teamMembers.$inferInsert> = seeded.flatMap((p) => [
    { teamId: p.id, userId: p.lead.id, weekId: p.row.weekId, role: "lead" as const, joinedAt: p.createdAt },
    ...p.members.map((m, i) => ({
      teamId: p.id,
      userId: m.id,
      weekId: p.row.weekId,
      role: "member" as const,
      joinedAt: between(p.createdAt, p.until, 0.1 + (0.6 * (i + 1)) / (p.members.length + 1)),
    })),
  ]);
  await tx.insert(teamMembers).values(memberRows);

  const requestRows: Array<typeof joinRequests.$inferInsert> = seeded.flatMap((p) => {
    const asks = (p.seed.requests ?? []).flatMap((r, i) => {
      const user = userOf(r.from);
      if (!user) return [];
      const createdAt = between(p.createdAt, p.until, 0.8 + 0.05 * i);
      return [
        {
          teamId: p.id,
          userId: user.id,
          weekId: p.row.weekId,
          kind: "request" as const,
          message: r.message,
          createdById: user.id,
          createdAt,
        },
      ];
    });
    const invites = (p.seed.invites ?? []).flatMap((r, i) => {
      const user = userOf(r.to);
      if (!user) return [];
      const createdAt = between(p.createdAt, p.until, 0.85 + 0.05 * i);
      return [
        {
          teamId: p.id,
          userId: user.id,
          weekId: p.row.weekId,
          kind: "invite" as const,
          message: r.message,
          createdById: p.lead.id,
          createdAt,
        },
      ];
    });
    return [...asks, ...invites];
  });
  if (requestRows.length > 0) await tx.insert(joinRequests).values(requestRows);

  // Mentors offer on their profile first (an existing offer is kept), then the leads ask them.
  const offers = MENTOR_OFFERS.flatMap((o) => {
    const user = userOf(o.who);
    return user ? [sql`(${user.id}::int, ${o.offer}::text, ${o.availability}::text)`] : [];
  });
  if (offers.length > 0) {
    await tx.execute(sql`
      update ${users} set mentor_offer = o.offer, mentor_availability = o.availability
      from (values ${sql.join(offers, sql`, `)}) as o(id, offer, availability)
      where ${users.id} = o.id and ${users.mentorOffer} = ''`);
  }
  const mentorRows: Array<typeof teamMentors.$inferInsert> = seeded.flatMap((p) =>
    (p.seed.mentors ?? []).flatMap((m) => {
      const user = userOf(m.by);
      if (!user) return [];
      const createdAt = between(p.createdAt, p.until, 0.5);
      return [
        {
          teamId: p.id,
          userId: user.id,
          status: m.status,
          message: m.message,
          requestedById: p.lead.id,
          createdAt,
          decidedAt: m.status === "pending" ? null : between(createdAt, p.until, 0.5),
        },
      ];
    }),
  );
  if (mentorRows.length > 0) await tx.insert(teamMentors).values(mentorRows);

  const journalRows: Array<typeof teamJournal.$inferInsert> = seeded.flatMap((p) =>
    (p.seed.journal ?? []).flatMap((entry, i) => {
      const author = userOf(entry.by);
      if (!author || (author.id !== p.lead.id && !p.members.some((m) => m.id === author.id))) {
        throw new Error(`Journal entry of ${p.seed.name} by ${entry.by}, who is not in the team`);
      }
      return [{ teamId: p.id, authorId: author.id, body: entry.body, createdAt: between(p.createdAt, p.until, 0.78 + 0.08 * i) }];
    }),
  );
  if (journalRows.length > 0) await tx.insert(teamJournal).values(journalRows);
}
