/**
 * The scale seeder: a deterministic (seeded RNG) data set of a large organisation, loaded with
 * COPY ... FROM STDIN into a database that already has the app's migrations.
 *
 * At scale 1: 40 departments, 20,000 users, 20 weeks (19 archived with published results, the newest in
 * voting), 15,000 ideas (6,000 in the voting week), 3,000 teams, 2,500 demos with judges, assignments and
 * ballots, 100,000 follows, 50,000 comments, 40,000 people's-choice votes, outcomes and impact figures.
 * Scale 1/15 gives the same shape with 1,000 ideas (the growth check's small point).
 *
 * Constraints stay on (foreign keys, checks, unique indexes). The user triggers that maintain derived
 * columns (team member counts, demo search documents, latest outcomes) are disabled during the load and
 * their columns are computed in bulk instead, then the triggers are enabled again.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { hashPassword } from "../app/auth/password.server";
import { DEFAULT_CRITERIA } from "../app/voting/judging.server";
import { computeResults, replaceAwardWinners } from "../app/voting/results.server";
import { createPool } from "../db/client";
import { runMigrations } from "../db/migrate";
import { votingSettings } from "../db/schema";
import { recreateDatabase } from "./db";

/** Bump when the data set changes: `npm run bench` reseeds a database whose version differs. */
export const SEED_VERSION = 5;
export const BENCH_PASSWORD = "bench-password-1";
export const BENCH_DOMAIN = "bench.test";
export const VOTING_WEEK_SLUG = "bench-now";
export const BENCH_JUDGES = 8;
export const BENCH_VOTERS = 64;
/** Users 1..RESERVED are bench accounts (or spare) and never drawn at random into teams, judging or votes. */
const RESERVED = 100;

export type SeedReport = {
  scale: number;
  ms: number;
  counts: Record<string, number>;
};

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  some<T>(items: readonly T[], n: number): T[] {
    const out = new Set<T>();
    while (out.size < Math.min(n, items.length)) out.add(this.pick(items));
    return [...out];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
  words(n: number): string {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.pick(WORDS));
    return out.join(" ");
  }
  sentence(n: number): string {
    const text = this.words(n);
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }
  paragraph(sentences: number): string {
    return Array.from({ length: sentences }, () => this.sentence(this.int(8, 16))).join(" ");
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary. The scenarios' search terms are not in it: "latency" is put into 4% of the ideas' summaries
// (the board's search) and "onboarding" into 3% of the ideas' problems and 3% of the demos' learnings (the
// archive's search), so each search matches a realistic, known share of the documents.

const WORDS = `pipeline cache checkout search invoice mobile release flaky build deploy queue
retry timeout dashboard alert incident runbook customer support ticket refund payment ledger report export import
schema migration index query replica backup restore audit permission role token session login signup password
email notification webhook feed calendar schedule reminder translation locale currency tax shipping warehouse
inventory catalogue pricing discount coupon basket wishlist review rating recommendation ranking experiment
feature flag rollout canary metric trace log span sampling budget capacity forecast cost saving energy carbon
accessibility contrast keyboard screen reader caption design system component token theme layout grid chart
table filter sort page pagination scroll offline sync conflict merge branch review pull request test fixture mock
contract fuzz property benchmark profile memory leak garbage collector thread worker cluster container image
registry secret vault certificate rotation firewall network proxy gateway router balancer region zone failover
chaos drill postmortem toil automation script bot chat assistant summary classifier embedding model training
dataset label annotation privacy consent retention deletion archive compliance policy contract invoice vendor
procurement handbook wiki documentation glossary tutorial video walkthrough prototype sketch interview
survey persona journey funnel conversion churn retention cohort segment campaign newsletter landing seo content
editor upload thumbnail compression streaming player playlist subtitle download bandwidth edge cdn dns domain
status page uptime error budget objective escalation pager rota handover shift holiday leave expense travel
booking desk room badge visitor parking lunch kitchen coffee plant office remote hybrid meeting agenda minute
decision record proposal roadmap quarter goal initiative team guild mentor pairing workshop hackathon demo`
  .split(/\s+/)
  .filter(Boolean);

/** Puts `term` into `text` with probability `p`. */
function withTerm(rng: Rng, text: string, term: string, p: number): string {
  return rng.next() < p ? `${text} This is about ${term}.` : text;
}

const SKILLS = [
  "typescript",
  "react",
  "postgresql",
  "go",
  "kotlin",
  "swift",
  "python",
  "rust",
  "kubernetes",
  "terraform",
  "graphql",
  "design",
  "data-science",
  "machine-learning",
  "security",
  "accessibility",
  "observability",
  "testing",
  "sre",
  "android",
  "ios",
  "ux-research",
  "product",
  "sql",
  "java",
  "elixir",
  "aws",
  "kafka",
  "redis",
  "writing",
];

const TAGS = [
  "developer-experience",
  "customer-support",
  "performance",
  "first-week",
  "cost",
  "reliability",
  "security",
  "accessibility",
  "data",
  "automation",
  "mobile",
  "search",
  "payments",
  "internal-tools",
  "documentation",
  "testing",
  "observability",
  "sustainability",
  "hiring",
  "analytics",
];

const DEPARTMENT_NAMES = [
  "Platform Engineering",
  "Mobile",
  "Payments",
  "Checkout",
  "Search",
  "Data Platform",
  "Machine Learning",
  "Security",
  "Site Reliability",
  "Developer Experience",
  "Design",
  "User Research",
  "Customer Support Tools",
  "Billing",
  "Identity",
  "Growth",
  "Marketing Technology",
  "Finance Systems",
  "People Systems",
  "Logistics",
  "Warehouse Systems",
  "Catalogue",
  "Pricing",
  "Recommendations",
  "Messaging",
  "Notifications",
  "Localisation",
  "Accessibility",
  "Quality Engineering",
  "Infrastructure",
  "Networking",
  "Storage",
  "Analytics",
  "Partner Integrations",
  "Merchant Tools",
  "Fraud",
  "Compliance",
  "Internal Tools",
  "Web Platform",
  "Video",
];

const FIRST = `Ada Ben Lena Olga Sam Noah Mia Liam Emma Jonas Lea Finn Hannah Paul Clara Elias Sofia Felix Marie Leon Anna
Luca Nina Theo Ida Max Lotta Emil Frieda Oskar Greta Anton Mila Jakob Ella Moritz Lina Karl Zoe Henry Alma Arjun Priya
Wei Mei Kenji Yuki Omar Leila Diego Lucia Kofi Amara Ivan Olena Mateo Valentina`
  .split(/\s+/)
  .filter(Boolean);
const LAST = `Lovelace Hopper Turing Liskov Knuth Ritchie Thompson Kernighan Hamilton Goldberg Allen Backus Dijkstra Hoare
Lamport Milner Wirth Stroustrup Kay Engelbart Sutherland Berners-Lee Torvalds Stallman Wozniak Perlman Cerf Kahn
Shannon Neumann Babbage Noether Curie Meitner Franklin Lamarr Johnson Vaughan Jackson Keller Fischer Weber Wagner
Becker Schulz Hoffmann Koch Richter Klein Wolf Schröder Neumann Schwarz Braun Zimmermann Krüger Hartmann Lange`
  .split(/\s+/)
  .filter(Boolean);

// ---------------------------------------------------------------------------------------------
// COPY helpers

type Cell = string | number | boolean | Date | null | readonly string[];

function escapeText(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

function cell(value: Cell): string {
  if (value === null) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeText(`{${value.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`);
  if (typeof value === "boolean") return value ? "t" : "f";
  return escapeText(String(value));
}

async function copyRows(sql: postgres.Sql, table: string, columns: string[], rows: Cell[][]): Promise<void> {
  if (rows.length === 0) return;
  function* chunks() {
    for (let i = 0; i < rows.length; i += 2000) {
      let out = "";
      for (const row of rows.slice(i, i + 2000)) out += `${row.map(cell).join("\t")}\n`;
      yield out;
    }
  }
  const writable = await sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  await pipeline(Readable.from(chunks()), writable);
}

// ---------------------------------------------------------------------------------------------

type WeekPlan = {
  id: number;
  slug: string;
  current: boolean;
  ideas: number;
  teams: number;
  demos: number;
  judges: number;
  instants: Record<string, Date>;
};

function weekInstants(anchor: Date, current: boolean): Record<string, Date> {
  const at = (days: number) => new Date(anchor.getTime() + days * DAY);
  if (current) {
    // Voting has opened two days ago and stays open for 60 days, so a seeded database serves many runs.
    return {
      pitchingOpensAt: at(-20),
      teamFormationOpensAt: at(-15),
      exploringStartsAt: at(-10),
      exploringEndsAt: at(-5),
      demoDeadlineAt: at(-4),
      votingOpensAt: at(-2),
      votingClosesAt: at(60),
      resultsPublishedAt: at(61),
      archivedAt: at(90),
    };
  }
  return {
    pitchingOpensAt: at(-20),
    teamFormationOpensAt: at(-15),
    exploringStartsAt: at(-10),
    exploringEndsAt: at(-5),
    demoDeadlineAt: at(-4),
    votingOpensAt: at(-3),
    votingClosesAt: at(-1),
    resultsPublishedAt: at(0),
    archivedAt: at(30),
  };
}

/** Splits `total` over `n` parts deterministically (the remainder goes to the first parts). */
function split(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total - base * n ? 1 : 0));
}

export type SeedOptions = { url: string; scale: number; log?: (line: string) => void };

/** Recreates the database at `url`, applies the migrations and loads the data set. */
export async function seedScale(options: SeedOptions): Promise<SeedReport> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const s = options.scale;
  const rng = new Rng(20260707 + Math.round(s * 1000));
  await recreateDatabase(options.url);
  await runMigrations(options.url);
  const sql = postgres(options.url, { max: 1, onnotice: () => {} });
  const counts: Record<string, number> = {};
  const lap = (label: string, n: number) => {
    counts[label] = n;
    log(`  ${label.padEnd(22)} ${String(n).padStart(7)}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  try {
    // Midnight UTC of the seeding day: the voting week's dates stay put across runs on the same day.
    const now = new Date(Math.floor(Date.now() / DAY) * DAY);
    await sql`alter table team_members disable trigger user`;
    await sql`alter table demos disable trigger user`;
    await sql`alter table outcome_updates disable trigger user`;
    await sql`alter table ideas disable trigger user`;

    // Departments and users ---------------------------------------------------------------------
    await copyRows(
      sql,
      "departments",
      ["id", "name", "slug", "description"],
      DEPARTMENT_NAMES.map((name, i) => [i + 1, name, name.toLowerCase().replace(/[^a-z0-9]+/g, "-"), `The ${name} department.`]),
    );
    lap("departments", DEPARTMENT_NAMES.length);

    const userCount = Math.round(20_000 * s);
    const userDept: number[] = [0];
    const userRows: Cell[][] = [];
    const accountEmail = (id: number) => {
      if (id === 1) return `bench@${BENCH_DOMAIN}`;
      if (id <= 1 + BENCH_JUDGES) return `judge${id - 1}@${BENCH_DOMAIN}`;
      if (id <= 1 + BENCH_JUDGES + BENCH_VOTERS) return `voter${id - 1 - BENCH_JUDGES}@${BENCH_DOMAIN}`;
      return `user${id}@${BENCH_DOMAIN}`;
    };
    for (let id = 1; id <= userCount; id++) {
      const dept = ((id * 7919) % DEPARTMENT_NAMES.length) + 1;
      userDept.push(dept);
      const mentor = rng.next() < 0.05;
      userRows.push([
        id,
        accountEmail(id),
        `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
        dept,
        rng.pick(["Engineer", "Senior Engineer", "Staff Engineer", "Designer", "Product Manager", "Analyst"]),
        rng.sentence(12),
        rng.some(SKILLS, rng.int(2, 5)),
        rng.some(SKILLS, rng.int(0, 2)),
        mentor ? `I can mentor on ${rng.pick(SKILLS)}` : "",
        mentor ? "A few hours a week" : "",
        new Date(now.getTime() - rng.int(30, 3600) * DAY),
      ]);
    }
    await copyRows(
      sql,
      "users",
      [
        "id",
        "email",
        "name",
        "department_id",
        "title",
        "bio",
        "skills",
        "stretch_goals",
        "mentor_offer",
        "mentor_availability",
        "created_at",
      ],
      userRows,
    );
    // One argon2 hash for every bench account (hashing is deliberately slow).
    const hash = await hashPassword(BENCH_PASSWORD);
    await copyRows(
      sql,
      "password_credentials",
      ["user_id", "hash"],
      Array.from({ length: RESERVED }, (_, i) => [i + 1, hash]),
    );
    lap("users", userCount);

    // Weeks ---------------------------------------------------------------------------------------
    const totalIdeas = Math.round(15_000 * s);
    const totalTeams = Math.round(3_000 * s);
    const totalDemos = Math.round(2_500 * s);
    const currentIdeas = Math.round(totalIdeas * 0.4);
    const currentTeams = Math.round(totalTeams * 0.2);
    const currentDemos = Math.round(totalDemos * 0.2);
    const pastIdeas = split(totalIdeas - currentIdeas, 19);
    const pastTeams = split(totalTeams - currentTeams, 19);
    const pastDemos = split(totalDemos - currentDemos, 19);
    const plans: WeekPlan[] = [];
    for (let k = 19; k >= 1; k--) {
      plans.push({
        id: 20 - k,
        slug: `bench-${String(20 - k).padStart(2, "0")}`,
        current: false,
        ideas: pastIdeas[k - 1] ?? 0,
        teams: pastTeams[k - 1] ?? 0,
        demos: pastDemos[k - 1] ?? 0,
        judges: Math.max(6, Math.round(20 * Math.sqrt(s))),
        instants: weekInstants(new Date(now.getTime() - k * 182 * DAY), false),
      });
    }
    plans.push({
      id: 20,
      slug: VOTING_WEEK_SLUG,
      current: true,
      ideas: currentIdeas,
      teams: currentTeams,
      demos: currentDemos,
      judges: Math.max(BENCH_JUDGES + 4, Math.round(100 * s)),
      instants: weekInstants(now, true),
    });
    const instantColumns = [
      "pitching_opens_at",
      "team_formation_opens_at",
      "exploring_starts_at",
      "exploring_ends_at",
      "demo_deadline_at",
      "voting_opens_at",
      "voting_closes_at",
      "results_published_at",
      "archived_at",
    ];
    const instantKeys = [
      "pitchingOpensAt",
      "teamFormationOpensAt",
      "exploringStartsAt",
      "exploringEndsAt",
      "demoDeadlineAt",
      "votingOpensAt",
      "votingClosesAt",
      "resultsPublishedAt",
      "archivedAt",
    ];
    await copyRows(
      sql,
      "weeks",
      [
        "id",
        "name",
        "slug",
        "theme",
        "description",
        "time_zone",
        ...instantColumns,
        "team_size_min",
        "team_size_max",
        "min_departments_per_team",
        "peoples_choice_votes",
        "solo_teams_allowed",
      ],
      plans.map((p) => [
        p.id,
        p.current ? "Bench now" : `Bench ${p.slug.slice(-2)}`,
        p.slug,
        rng.words(3),
        rng.paragraph(3),
        "Europe/Berlin",
        ...instantKeys.map((k) => p.instants[k] as Date),
        2,
        6,
        1,
        3,
        false,
      ]),
    );
    lap("weeks", plans.length);

    // Ideas ---------------------------------------------------------------------------------------
    const pool = Array.from({ length: userCount - RESERVED }, (_, i) => i + RESERVED + 1);
    type Idea = { id: number; weekId: number; created: Date; published: boolean; title: string; tags: string[] };
    const ideas: Idea[] = [];
    const ideaRows: Cell[][] = [];
    let ideaId = 0;
    for (const p of plans) {
      const from = p.instants.pitchingOpensAt as Date;
      const span = (p.instants.exploringStartsAt as Date).getTime() - from.getTime();
      for (let i = 0; i < p.ideas; i++) {
        ideaId++;
        const author = rng.pick(pool);
        const created = new Date(from.getTime() + Math.floor(rng.next() * span));
        const published = rng.next() >= 0.02;
        const title = rng.sentence(rng.int(3, 7)).slice(0, -1);
        const tags = rng.some(TAGS, rng.int(1, 3));
        ideas.push({ id: ideaId, weekId: p.id, created, published, title, tags });
        ideaRows.push([
          ideaId,
          p.id,
          author,
          userDept[author] ?? 1,
          title,
          withTerm(rng, rng.paragraph(2), "latency", 0.04),
          withTerm(rng, rng.paragraph(3), "onboarding", 0.03),
          rng.paragraph(3),
          rng.sentence(10),
          rng.some(SKILLS, rng.int(1, 4)),
          tags,
          rng.int(0, 4),
          published ? "published" : "withdrawn",
          published ? null : new Date(created.getTime() + DAY),
          created,
          created,
        ]);
      }
    }

    // Follows and comments: counters are computed from the rows, as the app keeps them.
    const followers = new Map<number, number>();
    const followRows: Cell[][] = [];
    const seen = new Set<number>();
    const follows = Math.round(100_000 * s);
    while (followRows.length < follows) {
      const idea = rng.pick(ideas);
      const user = rng.int(1, userCount);
      const key = idea.id * 100_000 + user;
      if (seen.has(key)) continue;
      seen.add(key);
      followers.set(idea.id, (followers.get(idea.id) ?? 0) + 1);
      followRows.push([idea.id, user, new Date(idea.created.getTime() + rng.int(1, 200) * HOUR)]);
    }
    const comments = new Map<number, number>();
    const commentRows: Cell[][] = [];
    const commentCount = Math.round(50_000 * s);
    for (let id = 1; id <= commentCount; id++) {
      const idea = rng.pick(ideas);
      comments.set(idea.id, (comments.get(idea.id) ?? 0) + 1);
      commentRows.push([
        id,
        idea.id,
        rng.int(1, userCount),
        rng.paragraph(rng.int(1, 3)),
        new Date(idea.created.getTime() + rng.int(1, 300) * HOUR),
      ]);
    }
    for (const row of ideaRows) {
      const id = row[0] as number;
      row.splice(14, 0, followers.get(id) ?? 0, comments.get(id) ?? 0);
    }
    await copyRows(
      sql,
      "ideas",
      [
        "id",
        "week_id",
        "author_id",
        "department_id",
        "title",
        "summary",
        "problem",
        "proposal",
        "learning",
        "skills",
        "tags",
        "people_wanted",
        "status",
        "withdrawn_at",
        "follower_count",
        "comment_count",
        "created_at",
        "updated_at",
      ],
      ideaRows,
    );
    lap("ideas", ideaRows.length);
    await copyRows(sql, "idea_follows", ["idea_id", "user_id", "created_at"], followRows);
    lap("idea_follows", followRows.length);
    await copyRows(sql, "idea_comments", ["id", "idea_id", "author_id", "body", "created_at"], commentRows);
    lap("idea_comments", commentRows.length);

    // Teams, members, demos, judging, votes, per week ----------------------------------------------
    const teamRows: Cell[][] = [];
    const memberRows: Cell[][] = [];
    const demoRows: Cell[][] = [];
    const criterionRows: Cell[][] = [];
    const settingsRows: Cell[][] = [];
    const judgeRows: Cell[][] = [];
    const assignmentRows: Cell[][] = [];
    const ballotRows: Cell[][] = [];
    const scoreRows: Cell[][] = [];
    const voteRows: Cell[][] = [];
    const awardRows: Cell[][] = [];
    const outcomeRows: Cell[][] = [];
    const impactRows: Cell[][] = [];
    let teamId = 0;
    let demoId = 0;
    let criterionId = 0;
    let ballotId = 0;
    let awardId = 0;
    let outcomeId = 0;
    let impactId = 0;
    const totalVotes = Math.round(40_000 * s);
    const votesPerWeek = split(totalVotes, plans.length);
    for (const [w, p] of plans.entries()) {
      const people = rng.shuffle([...pool]);
      let next = 0;
      const weekIdeas = rng.shuffle(ideas.filter((i) => i.weekId === p.id && i.published)).slice(0, p.teams);
      const weekDemos: Array<{ id: number; teamId: number; members: number[] }> = [];
      for (const [t, idea] of weekIdeas.entries()) {
        teamId++;
        const size = rng.int(2, 5);
        const members = people.slice(next, next + size);
        next += size;
        const hasDemo = t < p.demos;
        teamRows.push([
          teamId,
          p.id,
          idea.id,
          members[0] ?? 1,
          `${idea.title.split(" ").slice(0, 3).join(" ")} crew ${teamId}`,
          rng.paragraph(1),
          rng.some(SKILLS, rng.int(0, 2)),
          6,
          members.length,
          hasDemo ? (p.instants.exploringStartsAt as Date) : null,
          new Date(idea.created.getTime() + DAY),
          new Date(idea.created.getTime() + DAY),
        ]);
        for (const [m, user] of members.entries()) {
          memberRows.push([teamId, user, p.id, m === 0 ? "lead" : "member", new Date(idea.created.getTime() + DAY)]);
        }
        if (hasDemo) {
          demoId++;
          weekDemos.push({ id: demoId, teamId, members });
          demoRows.push([
            demoId,
            p.id,
            teamId,
            idea.title,
            rng.paragraph(2),
            rng.paragraph(4),
            withTerm(rng, rng.paragraph(3), "onboarding", 0.03),
            idea.tags,
            t + 1,
            new Date((p.instants.demoDeadlineAt as Date).getTime() - rng.int(1, 48) * HOUR),
            p.instants.demoDeadlineAt as Date,
          ]);
        }
      }
      // Judges come after the members in this week's shuffle, so no judge is on a team they judge.
      const judges = p.current
        ? [...Array.from({ length: BENCH_JUDGES }, (_, i) => i + 2), ...people.slice(next, next + p.judges - BENCH_JUDGES)]
        : people.slice(next, next + p.judges);
      next += p.judges;
      for (const judge of judges) judgeRows.push([p.id, judge]);
      settingsRows.push([p.id, 3]);
      const weekCriteria: number[] = [];
      for (const [position, c] of DEFAULT_CRITERIA.entries()) {
        criterionId++;
        weekCriteria.push(criterionId);
        criterionRows.push([criterionId, p.id, c.name, c.description, c.weight, c.scaleMin, c.scaleMax, position]);
      }
      const votingOpens = p.instants.votingOpensAt as Date;
      for (const [d, demo] of weekDemos.entries()) {
        for (let r = 0; r < 3; r++) {
          const judge = judges[(d * 3 + r) % judges.length] as number;
          assignmentRows.push([p.id, judge, demo.id]);
          // Archived weeks: every ballot complete. The voting week: about half scored; bench judges start empty.
          const scored = p.current ? judge > 1 + BENCH_JUDGES && rng.next() < 0.5 : true;
          if (!scored) continue;
          ballotId++;
          const at = new Date(votingOpens.getTime() + rng.int(1, 20) * HOUR);
          ballotRows.push([ballotId, p.id, judge, demo.id, rng.sentence(14), at, at]);
          for (const c of weekCriteria) scoreRows.push([ballotId, c, rng.int(1, 5), at]);
        }
      }
      // People's choice: voters after the judges, three distinct demos each (the week's limit).
      let votes = votesPerWeek[w] ?? 0;
      while (votes > 0 && weekDemos.length >= 3 && next < people.length) {
        const voter = people[next++] as number;
        for (const demo of rng.some(weekDemos, Math.min(3, votes))) {
          voteRows.push([p.id, voter, demo.id, new Date(votingOpens.getTime() + rng.int(1, 40) * HOUR)]);
          votes--;
        }
      }
      if (!p.current) {
        awardRows.push([++awardId, p.id, "Best in show", "judged", null, 0]);
        awardRows.push([++awardId, p.id, "People's choice", "peoples_choice", null, 1]);
        awardRows.push([++awardId, p.id, "Best collaboration", "criterion", weekCriteria[3] ?? null, 2]);
        // Outcomes for about 40% of the demos, impact figures for 15%.
        const results = p.instants.resultsPublishedAt as Date;
        for (const demo of weekDemos) {
          const author = demo.members[0] ?? 1;
          if (rng.next() < 0.4) {
            const entries = rng.next() < 0.25 ? 2 : 1;
            for (let e = 0; e < entries; e++) {
              const status = rng.pick(["shipped", "continued", "prototype", "learning", "stopped"] as const);
              const day = new Date(results.getTime() + (e + 1) * rng.int(5, 60) * DAY);
              outcomeRows.push([
                ++outcomeId,
                demo.id,
                status,
                day.toISOString().slice(0, 10),
                rng.paragraph(2),
                status === "continued" ? `${rng.pick(DEPARTMENT_NAMES)} team` : "",
                status === "stopped" ? rng.paragraph(1) : "",
                author,
                day,
              ]);
            }
          }
          if (rng.next() < 0.15) {
            const day = new Date(results.getTime() + rng.int(30, 150) * DAY);
            impactRows.push([++impactId, demo.id, "hours_saved", rng.int(10, 3000), day.toISOString().slice(0, 10), author, day]);
          }
        }
      }
    }
    await copyRows(
      sql,
      "teams",
      [
        "id",
        "week_id",
        "idea_id",
        "lead_id",
        "name",
        "description",
        "open_roles",
        "capacity",
        "member_count",
        "confirmed_at",
        "created_at",
        "updated_at",
      ],
      teamRows,
    );
    lap("teams", teamRows.length);
    await copyRows(sql, "team_members", ["team_id", "user_id", "week_id", "role", "joined_at"], memberRows);
    lap("team_members", memberRows.length);
    await copyRows(
      sql,
      "demos",
      ["id", "week_id", "team_id", "title", "summary", "built", "learnings", "tags", "position", "submitted_at", "updated_at"],
      demoRows,
    );
    lap("demos", demoRows.length);
    await copyRows(
      sql,
      "criteria",
      ["id", "week_id", "name", "description", "weight", "scale_min", "scale_max", "position"],
      criterionRows,
    );
    await copyRows(sql, "voting_settings", ["week_id", "judges_per_demo"], settingsRows);
    await copyRows(sql, "judges", ["week_id", "user_id"], judgeRows);
    await copyRows(sql, "judge_assignments", ["week_id", "judge_id", "demo_id"], assignmentRows);
    lap("judge_assignments", assignmentRows.length);
    await copyRows(sql, "ballots", ["id", "week_id", "judge_id", "demo_id", "feedback", "created_at", "updated_at"], ballotRows);
    lap("ballots", ballotRows.length);
    await copyRows(sql, "ballot_scores", ["ballot_id", "criterion_id", "value", "updated_at"], scoreRows);
    lap("ballot_scores", scoreRows.length);
    await copyRows(sql, "peoples_choice_votes", ["week_id", "user_id", "demo_id", "created_at"], voteRows);
    lap("peoples_choice_votes", voteRows.length);
    await copyRows(sql, "awards", ["id", "week_id", "name", "kind", "criterion_id", "position"], awardRows);
    await copyRows(
      sql,
      "outcome_updates",
      ["id", "demo_id", "status", "happened_on", "note", "owning_team", "lessons", "author_id", "created_at"],
      outcomeRows,
    );
    lap("outcome_updates", outcomeRows.length);
    await copyRows(
      sql,
      "impact_measurements",
      ["id", "demo_id", "kind", "value", "measured_on", "author_id", "created_at"],
      impactRows,
    );

    // What the disabled triggers would have computed, in one statement each.
    await sql`update demos d set
      outcome_status = (select o.status from outcome_updates o where o.demo_id = d.id order by o.happened_on desc, o.id desc limit 1),
      archive_search = demo_archive_document(d)`;
    lap("archive documents", demoRows.length);
    for (const table of ["team_members", "demos", "outcome_updates", "ideas"]) {
      await sql.unsafe(`alter table ${table} enable trigger user`);
    }
    for (const table of [
      "departments",
      "users",
      "weeks",
      "ideas",
      "idea_comments",
      "teams",
      "demos",
      "criteria",
      "ballots",
      "awards",
      "outcome_updates",
      "impact_measurements",
    ]) {
      await sql.unsafe(`select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`);
    }
    await sql`analyze`;

    // Published results of the archived weeks: the app's own tally and award winners.
    const app = createPool(options.url, { max: 2 });
    try {
      for (const p of plans.filter((x) => !x.current)) {
        const publishedAt = p.instants.resultsPublishedAt as Date;
        const results = await computeResults(app.db, p.id, publishedAt);
        await app.db
          .update(votingSettings)
          .set({ publishedResults: results, publishedAt })
          .where(eq(votingSettings.weekId, p.id));
        await replaceAwardWinners(app.db, p.id, results);
      }
    } finally {
      await app.sql.end({ timeout: 2 });
    }
    lap("published results", plans.length - 1);
    // As autovacuum would after a bulk load: clears the dead rows the bulk recomputations left (the
    // archive's search documents are rewritten after loading) and sets the visibility map, so plans and
    // index-only scans are those of a settled production database.
    await sql`vacuum (analyze)`;
    lap("vacuum", 1);
    await sql`create table bench_meta (key text primary key, value text not null)`;
    const meta = {
      seed_version: String(SEED_VERSION),
      scale: String(s),
      seeded_at: new Date().toISOString(),
      voting_closes_at: weekInstants(now, true).votingClosesAt?.toISOString() ?? "",
    };
    for (const [key, value] of Object.entries(meta)) await sql`insert into bench_meta values (${key}, ${value})`;
  } finally {
    await sql.end({ timeout: 2 });
  }
  return { scale: s, ms: Date.now() - started, counts };
}

/** True when the database holds this seed version at this scale with the voting week still open. */
export async function isSeeded(url: string, scale: number): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    const rows = await sql<Array<{ key: string; value: string }>>`select key, value from bench_meta`;
    const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    return (
      meta.seed_version === String(SEED_VERSION) &&
      meta.scale === String(scale) &&
      new Date(meta.voting_closes_at ?? 0).getTime() > Date.now() + DAY
    );
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

// CLI: node --import tsx bench/seed.ts [scale]
if (import.meta.url === `file://${process.argv[1]}`) {
  const { openCluster } = await import("./db");
  const cluster = await openCluster();
  try {
    const scale = Number(process.argv[2] ?? 1);
    const report = await seedScale({
      url: scale === 1 ? cluster.url : cluster.smallUrl,
      scale,
      log: (line) => console.log(line),
    });
    console.log(`Seeded scale ${scale} in ${(report.ms / 1000).toFixed(1)} s`);
  } finally {
    await cluster.stop();
  }
}
