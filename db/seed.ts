import { and, eq, inArray, sql } from "drizzle-orm";
import { hashPassword } from "../app/auth/password.server";
import { normaliseTag } from "../app/ideas/rules";
import type { Database, Transaction } from "./client";
import {
  auditLog,
  departments,
  ideaComments,
  ideaFollows,
  ideas,
  notifications,
  passwordCredentials,
  userRoles,
  users,
  weeks,
} from "./schema";
import { seedArchive } from "./seed-archive";
import { DEPARTMENTS, PEOPLE, type PersonSeed } from "./seed-data";
import { type CommentSeed, IDEAS, type IdeaSeed, isCarried, type WeekSlug } from "./seed-ideas";
import { seedTeams } from "./seed-teams";
import { seedVoting } from "./seed-voting";

export const DEMO_PASSWORD = "expedition-demo";

/** Extra roles; participant is implicit and judges are chosen per week. */
const ROLE_GRANTS: Array<{ email: string; role: "organiser" | "admin" }> = [
  { email: "olga@expedition.test", role: "organiser" },
  { email: "sam@expedition.test", role: "admin" },
];

function demoAccount(role: string, email: string) {
  const person = PEOPLE.find((p) => p.email === email);
  const department = DEPARTMENTS.find((d) => d.slug === person?.department);
  if (!person || !department) throw new Error(`Demo account ${email} is missing from the seed data`);
  return { role, email, name: person.name, department: department.name };
}

/** The accounts to sign in with, all with DEMO_PASSWORD (listed in the README). */
export const DEMO_ACCOUNTS: Array<{ role: string; email: string; name: string; department: string }> = [
  demoAccount("participant", "ada@expedition.test"),
  demoAccount("participant", "ben@expedition.test"),
  demoAccount("leader / judge", "lena@expedition.test"),
  demoAccount("organiser", "olga@expedition.test"),
  demoAccount("admin", "sam@expedition.test"),
];

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * The current week's boundaries, in hours from `base`, chosen so the week is in team formation at seed
 * time. Past weeks reuse the same rhythm shifted back by half a year, so they are always archived.
 */
const SCHEDULE = {
  pitchingOpensAt: -14 * 24,
  teamFormationOpensAt: -2 * 24,
  exploringStartsAt: 5 * 24,
  exploringEndsAt: 10 * 24,
  demoDeadlineAt: 10 * 24 + 18,
  votingOpensAt: 11 * 24,
  votingClosesAt: 13 * 24,
  resultsPublishedAt: 14 * 24,
  archivedAt: 45 * 24,
} as const;

type Instants = { [K in keyof typeof SCHEDULE]: Date };

function scheduleFrom(base: Date): Instants {
  const entries = Object.entries(SCHEDULE).map(([key, hours]) => [key, new Date(base.getTime() + hours * HOUR)]);
  return Object.fromEntries(entries) as Instants;
}

function demoWeeks(now: Date): Array<typeof weeks.$inferInsert> {
  const base = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
  const halfYearsAgo = (n: number) => new Date(base.getTime() - n * 182 * DAY);
  return [
    {
      name: "2025 H1",
      slug: "2025-h1",
      theme: "Try something new",
      timeZone: "Europe/Berlin",
      description: [
        "Our first exploration week. For five days, work on something that is not on your roadmap,",
        "with people you do not usually work with, and show what you found on Friday.",
        "",
        "- any team size from 1 to 5",
        "- pick a stretch goal: something you want to learn",
      ].join("\n"),
      ...scheduleFrom(halfYearsAgo(3)),
      teamSizeMin: 1,
      teamSizeMax: 5,
      minDepartmentsPerTeam: 1,
      peoplesChoiceVotes: 3,
      soloTeamsAllowed: true,
    },
    {
      name: "2025 H2",
      slug: "2025-h2",
      theme: "Paper cuts",
      timeZone: "Europe/Berlin",
      description: [
        "Fix the small annoyances that cost all of us a few minutes every day.",
        "",
        "## What counts as a paper cut",
        "- a flaky test or a slow build step you have learned to live with",
        "- a manual step in a runbook that could be a button",
        "- a confusing screen that support explains ten times a week",
        "",
        "Teams of **2 to 5**; solo explorers welcome this time.",
      ].join("\n"),
      ...scheduleFrom(halfYearsAgo(2)),
      teamSizeMin: 1,
      teamSizeMax: 5,
      minDepartmentsPerTeam: 1,
      peoplesChoiceVotes: 3,
      soloTeamsAllowed: true,
    },
    {
      name: "2026 H1",
      slug: "2026-h1",
      theme: "From toil to tools",
      timeZone: "Europe/Berlin",
      description: [
        "Last year one exploration project automated a chunk of on-call work and now saves over",
        "1,500 hours a year. This edition asks: **what else do we do by hand that a tool could do?**",
        "",
        "## Rules",
        "1. Teams of 2 to 6 people from **at least two departments**.",
        "2. Every team submits a demo by the deadline: a short video or a live walkthrough.",
        "3. Judges score impact, ingenuity, execution, collaboration and growth.",
        "",
        "Pick a stretch goal when you join a team: something you want to learn, not something you know.",
      ].join("\n"),
      ...scheduleFrom(halfYearsAgo(1)),
      teamSizeMin: 2,
      teamSizeMax: 6,
      minDepartmentsPerTeam: 2,
      peoplesChoiceVotes: 3,
      soloTeamsAllowed: false,
    },
    {
      name: "2026 H2",
      slug: "2026-h2",
      theme: "Closer to the customer",
      timeZone: "Europe/Berlin",
      description: [
        "Spend a week on a problem our customers, or the colleagues who talk to them, feel every day.",
        "",
        "## Where to start",
        "- read a day of support tickets with the **Customer Support Tools** team",
        "- watch a recorded user interview from the research repository",
        "- look for the slowest page in checkout or onboarding",
        "",
        "## Rules",
        "- Teams of 2 to 6 people from **at least two departments**; mentors do not take a place.",
        "- One team per person; join or pitch before exploring starts.",
        "- Demos are due on the last evening; voting opens the next morning.",
      ].join("\n"),
      ...scheduleFrom(base),
      teamSizeMin: 2,
      teamSizeMax: 6,
      minDepartmentsPerTeam: 2,
      peoplesChoiceVotes: 3,
      soloTeamsAllowed: false,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Ideas, follows, comments and a few notifications

type SeedUser = { id: number; email: string; departmentId: number; name: string };
type IdeaRow = typeof ideas.$inferInsert;
type CommentRow = typeof ideaComments.$inferInsert;
type FollowRow = typeof ideaFollows.$inferInsert;

const MINUTE = 60 * 1000;

/** FNV-1a: a stable 32-bit seed from a string. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded generator, so every run of the seed makes the same choices. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const handleOf = (person: PersonSeed) => person.email.split("@")[0] ?? person.email;
const emailOf = (handle: string) => `${handle}@expedition.test`;
const PEOPLE_BY_HANDLE = new Map(PEOPLE.map((p) => [handleOf(p), p]));

/**
 * Picks `count` followers for an idea: people whose skills or stretch goals match it, people who
 * commented and the author's colleagues are likelier; the author and `exclude` never.
 */
function pickFollowers(idea: IdeaSeed, comments: CommentSeed[], count: number, exclude: Set<string>, random: () => number) {
  const author = PEOPLE_BY_HANDLE.get(idea.author);
  const commenters = new Set(comments.map((c) => c.by));
  const candidates = PEOPLE.map(handleOf)
    .filter((h) => h !== idea.author && !exclude.has(h))
    .map((handle) => {
      const person = PEOPLE_BY_HANDLE.get(handle);
      const skills = idea.skills.filter((s) => person?.skills.includes(s)).length;
      const goals = idea.skills.filter((s) => person?.stretchGoals.includes(s)).length;
      const weight =
        1 + 3 * skills + 2 * goals + (commenters.has(handle) ? 6 : 0) + (person?.department === author?.department ? 1 : 0);
      return { handle, weight };
    });
  const picked: string[] = [];
  while (picked.length < count && candidates.length > 0) {
    const total = candidates.reduce((sum, c) => sum + c.weight, 0);
    let roll = random() * total;
    let index = candidates.findIndex((c) => {
      roll -= c.weight;
      return roll < 0;
    });
    if (index < 0) index = candidates.length - 1;
    const [chosen] = candidates.splice(index, 1);
    if (chosen) picked.push(chosen.handle);
  }
  return picked;
}

/** An instant `fraction` of the way from `from` to `to`. */
const between = (from: Date, to: Date, fraction: number) =>
  new Date(from.getTime() + Math.round((to.getTime() - from.getTime()) * fraction));

/**
 * Seeds the demo ideas of every demo week that has no ideas yet (so a second run adds nothing), with
 * their follows and comments spread over the week's pitching period. Counters are recounted from the
 * rows at the end. Seeded activity notifies nobody, except three unread notifications for Ada so the
 * bell shows something on first sign-in.
 */
async function seedIdeas(tx: Transaction, now: Date, usersByEmail: Map<string, SeedUser>): Promise<void> {
  const userOf = (handle: string) => usersByEmail.get(emailOf(handle));
  const slugs = Object.keys(IDEAS) as WeekSlug[];
  const weekRows = await tx
    .select({ id: weeks.id, slug: weeks.slug, opens: weeks.pitchingOpensAt, exploring: weeks.exploringStartsAt })
    .from(weeks)
    .where(inArray(weeks.slug, slugs));
  const withIdeas = await tx
    .selectDistinct({ weekId: ideas.weekId })
    .from(ideas)
    .where(
      inArray(
        ideas.weekId,
        weekRows.map((w) => w.id),
      ),
    );
  const skip = new Set(withIdeas.map((w) => w.weekId));
  // Oldest week first, so carry-overs find their source ideas already planned.
  const pendingWeeks = slugs.flatMap((slug) => weekRows.filter((w) => w.slug === slug && !skip.has(w.id)));
  if (pendingWeeks.length === 0) return;

  /** Every seeded idea of this run, by key, with what its follows and comments need. */
  type Planned = {
    key: string;
    week: (typeof weekRows)[number];
    seed: IdeaSeed;
    row: IdeaRow;
    /** The end of its activity: when it was withdrawn, or the end of the week's pitching period. */
    until: Date;
    comments: CommentSeed[];
    follows: number;
    /** Set for carry-overs: the key of the source idea. */
    from?: string;
    id?: number;
  };
  const planned = new Map<string, Planned>();
  const sources = new Map<string, IdeaSeed>(
    Object.values(IDEAS)
      .flat()
      .flatMap((s) => (isCarried(s) ? [] : [[s.key, s] as const])),
  );

  for (const week of pendingWeeks) {
    const seeds = IDEAS[week.slug as WeekSlug];
    // Pitching runs until exploring starts; for the current week, until now.
    const end = new Date(Math.min(now.getTime(), week.exploring.getTime()) - 15 * MINUTE);
    seeds.forEach((entry, index) => {
      const random = seededRandom(hashString(`${week.slug}/${entry.key}`));
      const seed = isCarried(entry) ? sources.get(entry.from) : entry;
      if (!seed) throw new Error(`Seed idea ${entry.key} carries over unknown idea ${isCarried(entry) ? entry.from : ""}`);
      const author = userOf(seed.author);
      if (!author) return;
      const createdAt = between(week.opens, end, (0.85 * (index + 0.15 + 0.7 * random())) / seeds.length);
      const withdrawnAt = !isCarried(entry) && entry.withdrawn ? between(createdAt, end, 0.6) : null;
      planned.set(entry.key, {
        key: entry.key,
        week,
        seed,
        until: withdrawnAt ?? end,
        comments: entry.comments,
        follows: entry.follows,
        from: isCarried(entry) ? entry.from : undefined,
        row: {
          weekId: week.id,
          authorId: author.id,
          departmentId: author.departmentId,
          title: seed.title,
          summary: seed.summary,
          problem: seed.problem,
          proposal: seed.proposal,
          learning: seed.learning,
          skills: [...new Set(seed.skills.map(normaliseTag))],
          tags: [...new Set(seed.tags.map(normaliseTag))],
          peopleWanted: seed.peopleWanted,
          status: withdrawnAt ? "withdrawn" : "published",
          withdrawnAt,
          createdAt,
          updatedAt: withdrawnAt ?? createdAt,
        },
      });
    });
  }

  // Fresh ideas first, then carry-overs pointing at them (or at an earlier run's rows).
  const fresh = [...planned.values()].filter((p) => !p.from);
  const carried = [...planned.values()].filter((p) => p.from);
  const insertIdeas = async (list: Planned[]) => {
    if (list.length === 0) return;
    const rows = await tx
      .insert(ideas)
      .values(list.map((p) => p.row))
      .returning({ id: ideas.id, weekId: ideas.weekId, title: ideas.title });
    const ids = new Map(rows.map((r) => [`${r.weekId}/${r.title}`, r.id]));
    for (const p of list) p.id = ids.get(`${p.row.weekId}/${p.row.title}`);
  };
  await insertIdeas(fresh);

  const sourceIds = new Map<string, number>();
  const unresolved = carried.filter((p) => {
    const source = p.from ? planned.get(p.from) : undefined;
    if (source?.id !== undefined) sourceIds.set(p.key, source.id);
    return source?.id === undefined;
  });
  if (unresolved.length > 0) {
    // The source week was seeded by an earlier run: find its ideas by title and author.
    const earlier = await tx
      .select({ id: ideas.id, weekId: ideas.weekId, title: ideas.title, authorId: ideas.authorId })
      .from(ideas)
      .innerJoin(weeks, eq(weeks.id, ideas.weekId))
      .where(
        and(
          inArray(
            ideas.title,
            unresolved.map((p) => p.row.title),
          ),
          inArray(weeks.slug, slugs),
        ),
      );
    for (const p of unresolved) {
      const match = earlier.find((e) => e.title === p.row.title && e.authorId === p.row.authorId && e.weekId !== p.row.weekId);
      if (match) sourceIds.set(p.key, match.id);
    }
  }
  for (const p of carried) p.row.carriedFromId = sourceIds.get(p.key) ?? null;
  await insertIdeas(carried);

  const seeded = [...planned.values()].filter((p): p is Planned & { id: number } => p.id !== undefined);
  if (seeded.length === 0) return;

  // Follows: picked per idea; a carry-over keeps its source's followers and gains a few more.
  const followers = new Map<string, string[]>();
  const followRows: FollowRow[] = [];
  for (const p of seeded) {
    const random = seededRandom(hashString(`follows/${p.week.slug}/${p.key}`));
    const inherited = p.from ? (followers.get(p.from) ?? []) : [];
    const picked = pickFollowers(p.seed, p.comments, p.follows, new Set(inherited), random);
    followers.set(p.key, [...inherited, ...picked]);
    for (const handle of picked) {
      const user = userOf(handle);
      if (user)
        followRows.push({ ideaId: p.id, userId: user.id, createdAt: between(p.row.createdAt as Date, p.until, random()) });
    }
  }
  if (followRows.length > 0) await tx.insert(ideaFollows).values(followRows).onConflictDoNothing();
  const carriedPairs = seeded.flatMap((p) =>
    p.row.carriedFromId ? [{ from: p.row.carriedFromId, to: p.id, at: p.row.createdAt as Date }] : [],
  );
  if (carriedPairs.length > 0) {
    const pairs = sql.join(
      carriedPairs.map((c) => sql`(${c.from}::int, ${c.to}::int, ${c.at.toISOString()}::timestamptz)`),
      sql`, `,
    );
    await tx.execute(sql`
      insert into idea_follows (idea_id, user_id, created_at)
      select m.to_id, f.user_id, m.at
      from idea_follows f join (values ${pairs}) as m(from_id, to_id, at) on f.idea_id = m.from_id
      on conflict do nothing`);
  }

  // Comments, in the order written, spread between the idea's creation and the end of its activity.
  const commentRows: CommentRow[] = [];
  for (const p of seeded) {
    const random = seededRandom(hashString(`comments/${p.week.slug}/${p.key}`));
    p.comments.forEach((comment, index) => {
      const author = userOf(comment.by);
      if (!author) return;
      const createdAt = between(p.row.createdAt as Date, p.until, (index + 0.2 + 0.6 * random()) / p.comments.length);
      // Deleted or hidden a little later, and always before the end of the idea's activity.
      const later = (minutes: number) =>
        new Date(createdAt.getTime() + Math.min(minutes * MINUTE, (p.until.getTime() - createdAt.getTime()) / 2));
      const hiddenBy = comment.hidden ? userOf(comment.hidden.by) : undefined;
      commentRows.push({
        ideaId: p.id,
        authorId: author.id,
        body: comment.body,
        createdAt,
        deletedAt: comment.deleted ? later(20) : null,
        hiddenAt: hiddenBy ? later(180) : null,
        hiddenById: hiddenBy?.id ?? null,
        hiddenReason: hiddenBy ? (comment.hidden?.reason ?? null) : null,
      });
    });
  }
  const comments =
    commentRows.length === 0
      ? []
      : await tx.insert(ideaComments).values(commentRows).returning({
          id: ideaComments.id,
          ideaId: ideaComments.ideaId,
          authorId: ideaComments.authorId,
          body: ideaComments.body,
          createdAt: ideaComments.createdAt,
          deletedAt: ideaComments.deletedAt,
          hiddenAt: ideaComments.hiddenAt,
          hiddenById: ideaComments.hiddenById,
          hiddenReason: ideaComments.hiddenReason,
        });

  // Counters from the rows themselves: followers, and comments neither deleted nor hidden.
  await tx
    .update(ideas)
    .set({
      followerCount: sql`(select count(*)::int from ${ideaFollows} where ${ideaFollows.ideaId} = ${ideas.id})`,
      commentCount: sql`(select count(*)::int from ${ideaComments} where ${ideaComments.ideaId} = ${ideas.id} and ${ideaComments.deletedAt} is null and ${ideaComments.hiddenAt} is null)`,
    })
    .where(
      inArray(
        ideas.id,
        seeded.map((p) => p.id),
      ),
    );

  // Hiding a comment is audited, as it is in the app.
  const hidden = comments.filter((c) => c.hiddenAt && c.hiddenById);
  if (hidden.length > 0) {
    await tx.insert(auditLog).values(
      hidden.map((c) => ({
        actorId: c.hiddenById,
        action: "comment.hidden",
        targetType: "comment",
        targetId: String(c.id),
        summary: {
          before: { body: c.body.slice(0, 500), authorId: c.authorId },
          after: { hidden: true },
          note: c.hiddenReason ?? undefined,
        },
        createdAt: c.hiddenAt ?? undefined,
      })),
    );
  }

  const current = seeded.filter((p) => p.week.slug === "2026-h2" && p.row.status === "published");
  await seedBell(tx, userOf("ada"), current, comments, followRows, usersByEmail);
}

/**
 * Three unread notifications for Ada about her current ideas (Ben's comment first, then the latest
 * other comment and follow), so the bell has something to show on first sign-in.
 */
async function seedBell(
  tx: Transaction,
  ada: SeedUser | undefined,
  current: Array<{ id: number; row: IdeaRow }>,
  comments: Array<{
    id: number;
    ideaId: number;
    authorId: number;
    createdAt: Date;
    deletedAt: Date | null;
    hiddenAt: Date | null;
  }>,
  follows: FollowRow[],
  usersByEmail: Map<string, SeedUser>,
): Promise<void> {
  if (!ada) return;
  const titles = new Map(current.filter((p) => p.row.authorId === ada.id).map((p) => [p.id, p.row.title]));
  const names = new Map([...usersByEmail.values()].map((u) => [u.id, u.name]));
  const ben = usersByEmail.get(emailOf("ben"));
  const latestFirst = (a: { createdAt?: Date }, b: { createdAt?: Date }) =>
    (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0);
  const onHerIdeas = comments
    .filter((c) => titles.has(c.ideaId) && c.authorId !== ada.id && !c.deletedAt && !c.hiddenAt)
    .sort((a, b) => Number(b.authorId === ben?.id) - Number(a.authorId === ben?.id) || latestFirst(a, b));
  const follow = follows.filter((f) => titles.has(f.ideaId)).sort(latestFirst)[0];
  const rows: Array<typeof notifications.$inferInsert> = onHerIdeas.slice(0, 2).map((c) => ({
    userId: ada.id,
    kind: "idea_commented",
    actorId: c.authorId,
    link: `/ideas/${c.ideaId}#comment-${c.id}`,
    message: `${names.get(c.authorId) ?? "Someone"} commented on your idea “${titles.get(c.ideaId)}”.`,
    data: { ideaId: c.ideaId, commentId: c.id },
    createdAt: c.createdAt,
  }));
  if (follow) {
    rows.push({
      userId: ada.id,
      kind: "idea_followed",
      actorId: follow.userId,
      link: `/ideas/${follow.ideaId}`,
      message: `${names.get(follow.userId) ?? "Someone"} followed your idea “${titles.get(follow.ideaId)}”.`,
      data: { ideaId: follow.ideaId },
      createdAt: follow.createdAt,
    });
  }
  if (rows.length > 0) await tx.insert(notifications).values(rows);
}

/**
 * Fills the database with demo departments, people, accounts and weeks. Idempotent: existing rows
 * (matched by slug or lower-case email) are left as they are, so it is safe to run more than once.
 */
export async function seedDemoData(db: Database): Promise<void> {
  // Argon2 is deliberately slow: hash once, outside the transaction, and share the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();

  await db.transaction(async (tx) => {
    // Serialises concurrent seeds from several instances starting at once.
    await tx.execute(sql`select pg_advisory_xact_lock(727275)`);

    await tx.insert(departments).values(DEPARTMENTS).onConflictDoNothing();
    const departmentSlugs = DEPARTMENTS.map((d) => d.slug);
    const departmentRows = await tx
      .select({ id: departments.id, slug: departments.slug })
      .from(departments)
      .where(inArray(departments.slug, departmentSlugs));
    const departmentIds = new Map(departmentRows.map((d) => [d.slug, d.id]));

    const userValues = PEOPLE.map(({ department, email, ...person }) => {
      const departmentId = departmentIds.get(department);
      if (departmentId === undefined) throw new Error(`Unknown department ${department} for ${email}`);
      return { ...person, email: email.toLowerCase(), departmentId };
    });
    // The unique index is on lower(email): no conflict target, so any duplicate is skipped.
    await tx.insert(users).values(userValues).onConflictDoNothing();
    const emails = userValues.map((u) => u.email);
    const userRows = await tx
      .select({ id: users.id, email: sql<string>`lower(${users.email})`, departmentId: users.departmentId, name: users.name })
      .from(users)
      .where(inArray(sql`lower(${users.email})`, emails));
    const userIds = new Map(userRows.map((u) => [u.email, u.id]));

    await tx
      .insert(passwordCredentials)
      .values(userRows.map((u) => ({ userId: u.id, hash: passwordHash })))
      .onConflictDoNothing();

    const grants = ROLE_GRANTS.flatMap(({ email, role }) => {
      const userId = userIds.get(email);
      return userId === undefined ? [] : [{ userId, role }];
    });
    if (grants.length > 0) await tx.insert(userRoles).values(grants).onConflictDoNothing();

    await tx.insert(weeks).values(demoWeeks(now)).onConflictDoNothing({ target: weeks.slug });

    await seedIdeas(tx, now, new Map(userRows.map((u) => [u.email, u])));

    await seedTeams(tx, now, new Map(userRows.map((u) => [u.email, u])));

    await seedVoting(tx, now, new Map(userRows.map((u) => [u.email, u])));

    await seedArchive(tx, now, new Map(userRows.map((u) => [u.email, u])));
  });
}
