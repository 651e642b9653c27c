import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { weekStatistics } from "~/archive/stats.server";
import { signIn } from "~/auth/accounts.server";
import { imageSize, sniffImageType } from "~/demos/images.server";
import { normaliseTag } from "~/ideas/rules";
import { triedBefore } from "~/ideas/similar.server";
import { capacityProblem, confirmProblem } from "~/teams/rules";
import { DEFAULT_CRITERIA } from "~/voting/judging.server";
import { computeResults, type Results } from "~/voting/results.server";
import { phaseAt } from "~/weeks/phase";
import { weeks } from "~db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from "~db/seed";
import { PEOPLE } from "~db/seed-data";
import { MENTOR_OFFERS } from "~db/seed-teams";
import { createScratchDatabase, uniqueIp } from "../support/factories";

const TABLES = [
  "departments",
  "users",
  "password_credentials",
  "user_roles",
  "weeks",
  "ideas",
  "idea_follows",
  "idea_comments",
  "notifications",
  "audit_log",
  "teams",
  "team_members",
  "join_requests",
  "team_mentors",
  "team_journal",
  "demos",
  "demo_reflections",
  "demo_images",
  "demo_schedules",
  "criteria",
  "voting_settings",
  "judges",
  "judge_assignments",
  "ballots",
  "ballot_scores",
  "peoples_choice_votes",
  "awards",
  "award_winners",
  "outcome_updates",
  "impact_measurements",
  "checkpoint_reminders",
  "nominations",
  "nomination_events",
  "kudos",
] as const;

type IdeaRow = {
  id: number;
  week: string;
  author_email: string;
  author_department_id: number;
  department_id: number;
  title: string;
  summary: string;
  problem: string;
  proposal: string;
  learning: string;
  skills: string[];
  tags: string[];
  people_wanted: number;
  status: "published" | "withdrawn";
  withdrawn_at: Date | null;
  carried_from_id: number | null;
  follower_count: number;
  comment_count: number;
  follows: number;
  visible_comments: number;
  all_comments: number;
  created_at: Date;
  pitching_opens_at: Date;
  exploring_starts_at: Date;
};

/** Seeding writes fixed slugs and emails, so it runs in a fresh database of its own. */
describe("seedDemoData (own database)", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  const counts: Array<Record<string, number>> = [];
  const durations: number[] = [];
  let all: IdeaRow[] = [];
  const inWeek = (slug: string) => all.filter((i) => i.week === slug);

  async function countAll() {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await scratch.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
      out[table] = row?.n ?? -1;
    }
    return out;
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase("seed");
    for (let run = 0; run < 2; run++) {
      const started = performance.now();
      await seedDemoData(scratch.db);
      durations.push(performance.now() - started);
      counts.push(await countAll());
    }
    all = [
      ...(await scratch.db.execute<IdeaRow>(sql`
        select i.id, w.slug as week, u.email as author_email, u.department_id as author_department_id, i.department_id,
          i.title, i.summary, i.problem, i.proposal, i.learning, i.skills, i.tags, i.people_wanted, i.status::text as status,
          i.withdrawn_at, i.carried_from_id, i.follower_count, i.comment_count, i.created_at,
          w.pitching_opens_at, w.exploring_starts_at,
          (select count(*)::int from idea_follows f where f.idea_id = i.id) as follows,
          (select count(*)::int from idea_comments c where c.idea_id = i.id and c.deleted_at is null and c.hidden_at is null) as visible_comments,
          (select count(*)::int from idea_comments c where c.idea_id = i.id) as all_comments
        from ideas i join weeks w on w.id = i.week_id join users u on u.id = i.author_id
        order by i.id`)),
    ].map((r) => ({
      ...r,
      created_at: new Date(r.created_at),
      pitching_opens_at: new Date(r.pitching_opens_at),
      exploring_starts_at: new Date(r.exploring_starts_at),
      withdrawn_at: r.withdrawn_at ? new Date(r.withdrawn_at) : null,
    }));
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it("is idempotent: a second run adds nothing", () => {
    expect(counts[0]?.users).toBeGreaterThan(0);
    expect(counts[0]?.ideas).toBeGreaterThan(0);
    expect(counts[1]).toEqual(counts[0]);
  });

  it("stays fast, password hashing included", () => {
    // The budget is 1.5 s on a developer machine; leave headroom for a busy CI runner.
    expect(durations[0]).toBeLessThan(5_000);
  });

  it("creates at least 6 departments and 40 people with skills and stretch goals", async () => {
    expect(counts[0]?.departments).toBeGreaterThanOrEqual(6);
    const [row] = await scratch.db.execute<{ n: number }>(
      sql`select count(*)::int as n from users where cardinality(skills) > 0 and cardinality(stretch_goals) > 0`,
    );
    expect(row?.n).toBeGreaterThanOrEqual(40);
    // Every seeded person can sign in with a password.
    expect(counts[0]?.password_credentials).toBe(counts[0]?.users);
  });

  it("grants exactly one admin and one organiser", async () => {
    const rows = await scratch.db.execute<{ email: string; role: string }>(
      sql`select u.email, r.role::text as role from user_roles r join users u on u.id = r.user_id order by r.role`,
    );
    expect(rows.map((r) => [r.role, r.email])).toEqual([
      ["organiser", "olga@expedition.test"],
      ["admin", "sam@expedition.test"],
    ]);
  });

  it('puts the current week "2026-h2" in team formation and the past weeks in the archive', async () => {
    const now = new Date();
    const all = await scratch.db.select().from(weeks);
    const phases = Object.fromEntries(all.map((w) => [w.slug, phaseAt(w, now)]));
    expect(phases).toEqual({
      "2025-h1": "archived",
      "2025-h2": "archived",
      "2026-h1": "archived",
      "2026-h2": "team_formation",
    });
    const [current] = await scratch.db.select().from(weeks).where(eq(weeks.slug, "2026-h2"));
    expect(current?.timeZone).toBe("Europe/Berlin");
  });

  it("lists 5 demo accounts that sign in with DEMO_PASSWORD", async () => {
    expect(DEMO_ACCOUNTS).toHaveLength(5);
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.email)).size).toBe(5);
    const ip = uniqueIp();
    for (const account of DEMO_ACCOUNTS) {
      const result = await signIn(scratch.db, { email: account.email, password: DEMO_PASSWORD }, { ip });
      expect(result.ok, account.email).toBe(true);
    }
    const wrong = await signIn(scratch.db, { email: DEMO_ACCOUNTS[0]?.email ?? "", password: `${DEMO_PASSWORD}x` }, { ip });
    expect(wrong).toMatchObject({ ok: false, status: 401 });
  });

  describe("ideas", () => {
    const skillsOfPeople = new Set(PEOPLE.flatMap((p) => p.skills));

    it("seeds at least 28 ideas in 2026-h2, 14 in 2026-h1 and 8 in 2025-h2", () => {
      expect(inWeek("2026-h2").length).toBeGreaterThanOrEqual(28);
      expect(inWeek("2026-h1").length).toBeGreaterThanOrEqual(14);
      expect(inWeek("2025-h2").length).toBeGreaterThanOrEqual(8);
    });

    it("writes well-formed pitches with normalised skills that people have", () => {
      for (const idea of all) {
        const label = `${idea.week}: ${idea.title}`;
        expect(idea.title.length, label).toBeLessThanOrEqual(120);
        expect(idea.summary.length, label).toBeGreaterThanOrEqual(10);
        expect(idea.summary.length, label).toBeLessThanOrEqual(200);
        expect(idea.summary, label).not.toContain("\n");
        expect(idea.problem.length, label).toBeGreaterThan(50);
        expect(idea.proposal.length, label).toBeGreaterThan(50);
        expect(idea.learning.length, label).toBeGreaterThan(20);
        expect(idea.skills.length, label).toBeGreaterThanOrEqual(2);
        expect(idea.skills.length, label).toBeLessThanOrEqual(5);
        expect(idea.tags.length, label).toBeGreaterThanOrEqual(1);
        expect(idea.tags.length, label).toBeLessThanOrEqual(3);
        for (const tag of [...idea.skills, ...idea.tags]) expect(normaliseTag(tag), label).toBe(tag);
        for (const skill of idea.skills) expect(skillsOfPeople.has(skill), `${label}: skill ${skill}`).toBe(true);
        expect(idea.people_wanted, label).toBeGreaterThanOrEqual(0);
        expect(idea.people_wanted, label).toBeLessThanOrEqual(5);
        // Links in the Markdown are https only.
        for (const [, href] of `${idea.problem}\n${idea.proposal}`.matchAll(/\]\(([^)]*)\)/g)) {
          expect(href, label).toMatch(/^https:\/\//);
        }
      }
      // Some pitches use Markdown lists and links.
      const current = inWeek("2026-h2");
      expect(current.filter((i) => /^(- |1\. )/m.test(`${i.problem}\n${i.proposal}`)).length).toBeGreaterThanOrEqual(20);
      expect(current.filter((i) => /\]\(https:\/\//.test(i.proposal)).length).toBeGreaterThanOrEqual(5);
    });

    it("files each idea under its author's department, with authors from at least 6 departments in 2026-h2", () => {
      for (const idea of all) expect(idea.department_id, idea.title).toBe(idea.author_department_id);
      expect(new Set(inWeek("2026-h2").map((i) => i.department_id)).size).toBeGreaterThanOrEqual(6);
    });

    it("gives Ada at least 2 and Ben at least 1 current idea, and has one withdrawn by someone else", () => {
      const current = inWeek("2026-h2");
      const by = (email: string) => current.filter((i) => i.author_email === email && i.status === "published");
      expect(by("ada@expedition.test").length).toBeGreaterThanOrEqual(2);
      expect(by("ben@expedition.test").length).toBeGreaterThanOrEqual(1);
      const withdrawn = current.filter((i) => i.status === "withdrawn");
      expect(withdrawn).toHaveLength(1);
      expect(withdrawn[0]?.withdrawn_at).toBeInstanceOf(Date);
      expect(["ada@expedition.test", "ben@expedition.test"]).not.toContain(withdrawn[0]?.author_email);
      for (const idea of all) expect(idea.withdrawn_at === null, idea.title).toBe(idea.status === "published");
    });

    it("keeps follower_count and comment_count equal to the follow rows and visible comments of every idea", () => {
      expect(all.length).toBeGreaterThan(0);
      for (const idea of all) {
        expect(idea.follower_count, idea.title).toBe(idea.follows);
        expect(idea.comment_count, idea.title).toBe(idea.visible_comments);
      }
    });

    it("has follows (0–12 each, 120+ in 2026-h2) and comments (0–6 each, 60+ in 2026-h2)", async () => {
      for (const idea of all) {
        expect(idea.follows, idea.title).toBeLessThanOrEqual(12);
        expect(idea.all_comments, idea.title).toBeLessThanOrEqual(6);
      }
      const current = inWeek("2026-h2");
      const sum = (list: IdeaRow[], pick: (i: IdeaRow) => number) => list.reduce((n, i) => n + pick(i), 0);
      expect(sum(current, (i) => i.follows)).toBeGreaterThanOrEqual(120);
      expect(sum(current, (i) => i.visible_comments)).toBeGreaterThanOrEqual(60);
      for (const slug of ["2026-h1", "2025-h2"]) {
        expect(
          sum(inWeek(slug), (i) => i.follows),
          slug,
        ).toBeGreaterThan(0);
        expect(
          sum(inWeek(slug), (i) => i.visible_comments),
          slug,
        ).toBeGreaterThan(0);
      }
      // Authors answer questions on their own ideas, but nobody follows their own idea.
      const [own] = await scratch.db.execute<{ n: number }>(
        sql`select count(*)::int as n from idea_follows f join ideas i on i.id = f.idea_id where f.user_id = i.author_id`,
      );
      expect(own?.n).toBe(0);
    });

    it("has one comment deleted by its author and one hidden by the organiser, neither counted", async () => {
      const rows = await scratch.db.execute<{
        kind: string;
        hidden_by: string | null;
        hidden_reason: string | null;
        week: string;
      }>(sql`
        select case when c.deleted_at is not null then 'deleted' else 'hidden' end as kind,
          hb.email as hidden_by, c.hidden_reason, w.slug as week
        from idea_comments c
        join ideas i on i.id = c.idea_id join weeks w on w.id = i.week_id
        left join users hb on hb.id = c.hidden_by_id
        where c.deleted_at is not null or c.hidden_at is not null
        order by kind`);
      expect(rows.map((r) => [r.kind, r.week, r.hidden_by])).toEqual([
        ["deleted", "2026-h2", null],
        ["hidden", "2026-h2", "olga@expedition.test"],
      ]);
      expect(rows[1]?.hidden_reason?.length).toBeGreaterThan(10);
      const [audit] = await scratch.db.execute<{ n: number }>(
        sql`select count(*)::int as n from audit_log where action = 'comment.hidden'`,
      );
      expect(audit?.n).toBe(1);
    });

    it("spreads ideas, follows and comments over each week's pitching period", async () => {
      const now = new Date();
      const ends = new Map(all.map((i) => [i.id, Math.min(now.getTime(), i.exploring_starts_at.getTime())]));
      for (const idea of all) {
        expect(idea.created_at.getTime(), idea.title).toBeGreaterThanOrEqual(idea.pitching_opens_at.getTime());
        expect(idea.created_at.getTime(), idea.title).toBeLessThanOrEqual(ends.get(idea.id) ?? 0);
      }
      const current = inWeek("2026-h2").map((i) => i.created_at.getTime());
      const span = Math.max(...current) - Math.min(...current);
      expect(span).toBeGreaterThan(7 * 24 * 3_600_000);
      const activity = await scratch.db.execute<{ idea_id: number; at: Date; idea_at: Date }>(sql`
        select f.idea_id, f.created_at as at, i.created_at as idea_at from idea_follows f join ideas i on i.id = f.idea_id
        union all
        select c.idea_id, c.created_at, i.created_at from idea_comments c join ideas i on i.id = c.idea_id`);
      for (const row of activity) {
        const at = new Date(row.at).getTime();
        expect(at).toBeGreaterThanOrEqual(new Date(row.idea_at).getTime());
        expect(at).toBeLessThanOrEqual(ends.get(row.idea_id) ?? 0);
      }
    });

    it("carries 3 ideas of 2026-h1 over into 2026-h2 with the same author and their followers", async () => {
      const byId = new Map(all.map((i) => [i.id, i]));
      const carried = all.filter((i) => i.carried_from_id !== null);
      expect(carried).toHaveLength(3);
      for (const idea of carried) {
        const source = byId.get(idea.carried_from_id ?? 0);
        expect(idea.week).toBe("2026-h2");
        expect(source?.week).toBe("2026-h1");
        expect(source?.author_email).toBe(idea.author_email);
        expect(source?.title).toBe(idea.title);
        expect(idea.status).toBe("published");
      }
      const [missing] = await scratch.db.execute<{ n: number }>(sql`
        select count(*)::int as n from ideas i join idea_follows old on old.idea_id = i.carried_from_id
        where not exists (select 1 from idea_follows f where f.idea_id = i.id and f.user_id = old.user_id)`);
      expect(missing?.n).toBe(0);
      // The e2e tests carry this one over through the UI.
      const selfHealing = inWeek("2026-h1").find((i) => i.title === "Self-healing on-call runbooks");
      expect(selfHealing?.status).toBe("published");
      expect(selfHealing?.summary).toMatch(/on-call/i);
      expect(carried.map((i) => i.carried_from_id)).not.toContain(selfHealing?.id);
    });

    it('finds "Self-healing on-call runbooks" first for a title close to it ("Have we tried this before?")', async () => {
      const similar = await triedBefore(scratch.db, { title: "Self healing on-call runbook automation", summary: "" });
      expect(similar[0]?.title).toBe("Self-healing on-call runbooks");
      expect(similar[0]?.weekSlug).toBe("2026-h1");
    });

    it("gives Ada 3 unread notifications about real rows, and nobody else any", async () => {
      const rows = await scratch.db.execute<{
        email: string;
        kind: string;
        link: string;
        message: string;
        read_at: Date | null;
      }>(sql`
        select u.email, n.kind, n.link, n.message, n.read_at from notifications n join users u on u.id = n.user_id order by n.id`);
      expect(rows).toHaveLength(3);
      for (const n of rows) {
        expect(n.email).toBe("ada@expedition.test");
        expect(n.read_at).toBeNull();
        expect(["idea_commented", "idea_followed"]).toContain(n.kind);
        const match = /^\/ideas\/(\d+)(?:#comment-(\d+))?$/.exec(n.link);
        expect(match, n.link).not.toBeNull();
        const idea = all.find((i) => i.id === Number(match?.[1]));
        expect(idea?.author_email).toBe("ada@expedition.test");
        expect(idea?.week).toBe("2026-h2");
        expect(n.message).toContain(`“${idea?.title}”`);
        if (n.kind === "idea_commented") {
          expect(match?.[2]).toBeDefined();
          const [comment] = await scratch.db.execute<{ idea_id: number; name: string; visible: boolean }>(sql`
            select c.idea_id, u.name, (c.deleted_at is null and c.hidden_at is null) as visible
            from idea_comments c join users u on u.id = c.author_id where c.id = ${Number(match?.[2])}`);
          expect(comment?.idea_id).toBe(idea?.id);
          expect(comment?.visible).toBe(true);
          expect(n.message).toBe(`${comment?.name} commented on your idea “${idea?.title}”.`);
        } else {
          expect(match?.[2]).toBeUndefined();
          expect(n.message).toMatch(/ followed your idea “/);
        }
      }
      expect(rows.some((n) => n.message.startsWith("Ben Okafor commented on your idea"))).toBe(true);
    });
  });

  describe("teams", () => {
    type TeamRow = {
      id: number;
      week: string;
      name: string;
      description: string;
      open_roles: string[];
      capacity: number;
      member_count: number;
      rows: number;
      departments: number;
      lead_email: string;
      lead_role: string | null;
      idea_author_email: string;
      idea_week: string;
      idea_status: string;
      confirmed_at: Date | null;
      created_at: Date;
      first_join: Date;
      last_join: Date;
      team_formation_opens_at: Date;
      exploring_starts_at: Date;
      team_size_min: number;
      team_size_max: number;
      min_departments_per_team: number;
      solo_teams_allowed: boolean;
    };
    let teamRows: TeamRow[] = [];
    const teamsIn = (slug: string) => teamRows.filter((t) => t.week === slug);
    const rulesOf = (t: TeamRow) => ({
      teamSizeMin: t.team_size_min,
      teamSizeMax: t.team_size_max,
      minDepartmentsPerTeam: t.min_departments_per_team,
      soloTeamsAllowed: t.solo_teams_allowed,
    });
    const E2E_PEOPLE = ["ada", "ben", "lena", "olga", "sam"].map((h) => `${h}@expedition.test`);

    beforeAll(async () => {
      teamRows = (
        await scratch.db.execute<TeamRow>(sql`
          select t.id, w.slug as week, t.name, t.description, t.open_roles, t.capacity, t.member_count,
            (select count(*)::int from team_members m where m.team_id = t.id) as rows,
            (select count(distinct u.department_id)::int from team_members m join users u on u.id = m.user_id where m.team_id = t.id) as departments,
            lu.email as lead_email,
            (select m.role::text from team_members m where m.team_id = t.id and m.user_id = t.lead_id) as lead_role,
            au.email as idea_author_email, iw.slug as idea_week, i.status::text as idea_status,
            t.confirmed_at, t.created_at,
            (select min(m.joined_at) from team_members m where m.team_id = t.id) as first_join,
            (select max(m.joined_at) from team_members m where m.team_id = t.id) as last_join,
            w.team_formation_opens_at, w.exploring_starts_at,
            w.team_size_min, w.team_size_max, w.min_departments_per_team, w.solo_teams_allowed
          from teams t join weeks w on w.id = t.week_id join users lu on lu.id = t.lead_id
          join ideas i on i.id = t.idea_id join users au on au.id = i.author_id join weeks iw on iw.id = i.week_id
          order by t.id`)
      ).map((t) => ({
        ...t,
        confirmed_at: t.confirmed_at ? new Date(t.confirmed_at) : null,
        created_at: new Date(t.created_at),
        first_join: new Date(t.first_join),
        last_join: new Date(t.last_join),
        team_formation_opens_at: new Date(t.team_formation_opens_at),
        exploring_starts_at: new Date(t.exploring_starts_at),
      }));
    });

    it("forms 12+ teams in 2026-h2 and 6–8 in each past week, around published ideas of the same week led by their authors", () => {
      expect(teamsIn("2026-h2").length).toBeGreaterThanOrEqual(12);
      for (const slug of ["2026-h1", "2025-h2"]) {
        expect(teamsIn(slug).length, slug).toBeGreaterThanOrEqual(6);
        expect(teamsIn(slug).length, slug).toBeLessThanOrEqual(8);
      }
      for (const t of teamRows) {
        expect(t.idea_week, t.name).toBe(t.week);
        expect(t.idea_status, t.name).toBe("published");
        expect(t.lead_email, t.name).toBe(t.idea_author_email);
        expect(t.lead_role, t.name).toBe("lead");
        expect(t.name.length, t.name).toBeGreaterThanOrEqual(2);
        expect(t.name.length, t.name).toBeLessThanOrEqual(80);
        expect(t.description.length, t.name).toBeGreaterThan(20);
        for (const role of t.open_roles) expect(normaliseTag(role), t.name).toBe(role);
      }
    });

    it("keeps Ada, Ben, Lena, Olga and Sam out of every team, and starts no team around Ada's or Ben's ideas", async () => {
      const [row] = await scratch.db.execute<{ n: number }>(sql`
        select count(*)::int as n from team_members m join users u on u.id = m.user_id
        where lower(u.email) in (${sql.join(
          E2E_PEOPLE.map((e) => sql`${e}`),
          sql`, `,
        )})`);
      expect(row?.n).toBe(0);
      for (const t of teamRows) expect(["ada@expedition.test", "ben@expedition.test"], t.name).not.toContain(t.idea_author_email);
    });

    it("keeps member_count equal to the rows and every team within its week's size rules", async () => {
      for (const t of teamRows) {
        expect(t.member_count, t.name).toBe(t.rows);
        expect(t.member_count, t.name).toBeLessThanOrEqual(t.capacity);
        expect(capacityProblem(t.capacity, rulesOf(t), t.member_count), t.name).toBeNull();
      }
      const [twice] = await scratch.db.execute<{ n: number }>(sql`
        select count(*)::int as n from (select 1 from team_members group by week_id, user_id having count(*) > 1) x`);
      expect(twice?.n).toBe(0);
    });

    it("mixes departments in 2026-h2, with exactly 2 teams short of the week's department rule, some teams open and some full", () => {
      const current = teamsIn("2026-h2");
      const rule = current[0]?.min_departments_per_team ?? 1;
      const short = current.filter((t) => t.departments < Math.max(rule, 2));
      expect(short).toHaveLength(2);
      expect(current.filter((t) => t.departments >= 2 && t.departments <= 3).length).toBeGreaterThan(current.length / 2);
      expect(current.filter((t) => t.member_count < t.capacity).length).toBeGreaterThanOrEqual(4);
      expect(current.filter((t) => t.member_count === t.capacity).length).toBeGreaterThanOrEqual(2);
      expect(current.filter((t) => t.open_roles.length > 0).length).toBeGreaterThanOrEqual(6);
      // Past rosters mix departments too.
      for (const slug of ["2026-h1", "2025-h2"])
        expect(teamsIn(slug).filter((t) => t.departments >= 2).length, slug).toBeGreaterThanOrEqual(5);
    });

    it("confirms 3 current teams and every past team, each meeting its week's rules", () => {
      const confirmed = teamsIn("2026-h2").filter((t) => t.confirmed_at);
      expect(confirmed).toHaveLength(3);
      for (const slug of ["2026-h1", "2025-h2"])
        expect(
          teamsIn(slug).every((t) => t.confirmed_at),
          slug,
        ).toBe(true);
      for (const t of teamRows.filter((x) => x.confirmed_at)) {
        expect(confirmProblem({ memberCount: t.member_count, departments: t.departments }, rulesOf(t)), t.name).toBeNull();
      }
    });

    it("dates teams, joins and confirmations within each week's team formation, in order", () => {
      const now = Date.now();
      for (const t of teamRows) {
        const end = Math.min(now, t.exploring_starts_at.getTime());
        expect(t.created_at.getTime(), t.name).toBeGreaterThanOrEqual(t.team_formation_opens_at.getTime());
        expect(t.created_at.getTime(), t.name).toBeLessThanOrEqual(end);
        expect(t.first_join.getTime(), t.name).toBe(t.created_at.getTime());
        expect(t.last_join.getTime(), t.name).toBeLessThanOrEqual(end);
        if (t.confirmed_at) {
          expect(t.confirmed_at.getTime(), t.name).toBeGreaterThanOrEqual(t.last_join.getTime());
          expect(t.confirmed_at.getTime(), t.name).toBeLessThanOrEqual(end);
        }
      }
    });

    it("has 6+ pending requests and 3+ pending invites in 2026-h2, from and to people without a team, for teams with places", async () => {
      const rows = await scratch.db.execute<{
        kind: string;
        status: string;
        week: string;
        in_team: boolean;
        full: boolean;
        by_self: boolean;
        by_lead: boolean;
        message: string;
      }>(sql`
        select r.kind::text as kind, r.status::text as status, w.slug as week,
          exists (select 1 from team_members m where m.user_id = r.user_id and m.week_id = r.week_id) as in_team,
          t.member_count >= t.capacity as full, r.created_by_id = r.user_id as by_self, r.created_by_id = t.lead_id as by_lead, r.message
        from join_requests r join teams t on t.id = r.team_id join weeks w on w.id = r.week_id`);
      const pending = rows.filter((r) => r.status === "pending");
      expect(pending.every((r) => r.week === "2026-h2")).toBe(true);
      expect(pending.filter((r) => r.kind === "request").length).toBeGreaterThanOrEqual(6);
      expect(pending.filter((r) => r.kind === "invite").length).toBeGreaterThanOrEqual(3);
      for (const r of pending) {
        expect(r.in_team).toBe(false);
        expect(r.full).toBe(false);
        expect(r.kind === "request" ? r.by_self : r.by_lead).toBe(true);
        expect(r.message.length).toBeGreaterThan(10);
      }
      const [e2e] = await scratch.db.execute<{ n: number }>(sql`
        select count(*)::int as n from join_requests r join users u on u.id = r.user_id
        where lower(u.email) in (${sql.join(
          E2E_PEOPLE.map((e) => sql`${e}`),
          sql`, `,
        )})`);
      expect(e2e?.n).toBe(0);
    });

    it("has people offering to mentor (Lena among them), 2 accepted and 1 pending mentor now and 2 in 2025-h1, none a member of the team", async () => {
      const offering = await scratch.db.execute<{ email: string; offer: string; availability: string }>(sql`
        select email, mentor_offer as offer, mentor_availability as availability from users where mentor_offer <> '' order by email`);
      expect(offering.length).toBeGreaterThanOrEqual(3);
      expect(offering.length).toBe(MENTOR_OFFERS.length);
      expect(offering.find((o) => o.email === "lena@expedition.test")?.offer).toBe("Payments architecture, leading teams");
      for (const o of offering) expect(o.availability.length, o.email).toBeGreaterThan(10);

      const mentors = await scratch.db.execute<{
        status: string;
        offers: boolean;
        member: boolean;
        by_lead: boolean;
        decided: boolean;
        week: string;
      }>(sql`
        select tm.status::text as status, u.mentor_offer <> '' as offers, w.slug as week,
          exists (select 1 from team_members m where m.team_id = tm.team_id and m.user_id = tm.user_id) as member,
          tm.requested_by_id = t.lead_id as by_lead, tm.decided_at is not null as decided
        from team_mentors tm join users u on u.id = tm.user_id join teams t on t.id = tm.team_id join weeks w on w.id = t.week_id`);
      const current = mentors.filter((m) => m.week === "2026-h2");
      expect(current.filter((m) => m.status === "accepted")).toHaveLength(2);
      expect(current.filter((m) => m.status === "pending")).toHaveLength(1);
      expect(mentors.filter((m) => m.week === "2025-h1").map((m) => m.status)).toEqual(["accepted", "accepted"]);
      expect(mentors.every((m) => m.week === "2026-h2" || m.week === "2025-h1")).toBe(true);
      for (const m of mentors) {
        expect(m).toMatchObject({ offers: true, member: false, by_lead: true, decided: m.status !== "pending" });
      }
    });

    it("has journal entries on a few current teams, written by their members", async () => {
      const entries = await scratch.db.execute<{ team_id: number; member: boolean; week: string; body: string }>(sql`
        select j.team_id, w.slug as week, j.body,
          exists (select 1 from team_members m where m.team_id = j.team_id and m.user_id = j.author_id) as member
        from team_journal j join teams t on t.id = j.team_id join weeks w on w.id = t.week_id`);
      expect(new Set(entries.map((e) => e.team_id)).size).toBeGreaterThanOrEqual(3);
      for (const e of entries) {
        expect(e.member).toBe(true);
        expect(e.week).toBe("2026-h2");
        expect(e.body.length).toBeGreaterThan(20);
      }
    });
  });

  describe("demos and voting", () => {
    const PAST = ["2025-h1", "2025-h2", "2026-h1"] as const;
    type WeekRow = typeof weeks.$inferSelect;
    let weekBySlug = new Map<string, WeekRow>();
    const weekId = (slug: string) => weekBySlug.get(slug)?.id ?? -1;

    beforeAll(async () => {
      weekBySlug = new Map((await scratch.db.select().from(weeks)).map((w) => [w.slug, w]));
    });

    it("gives every confirmed past team one demo, in running order 1..n, submitted before the deadline", async () => {
      const rows = await scratch.db.execute<{
        week: string;
        confirmed: number;
        demos: number;
        positions: number[];
        late: number;
        overridden: number;
      }>(sql`
        select w.slug as week,
          (select count(*)::int from teams t where t.week_id = w.id and t.confirmed_at is not null) as confirmed,
          (select count(*)::int from demos d where d.week_id = w.id) as demos,
          coalesce((select array_agg(d.position order by d.position) from demos d where d.week_id = w.id), '{}') as positions,
          (select count(*)::int from demos d where d.week_id = w.id and d.submitted_at >= w.demo_deadline_at) as late,
          (select count(*)::int from demos d where d.week_id = w.id and d.deadline_override_at is not null) as overridden
        from weeks w order by w.slug`);
      const byWeek = new Map(rows.map((r) => [r.week, r]));
      for (const slug of PAST) {
        const r = byWeek.get(slug);
        // The first edition (2025-h1) was small: four teams.
        expect(r?.confirmed, slug).toBeGreaterThanOrEqual(slug === "2025-h1" ? 4 : 6);
        expect(r?.demos, slug).toBe(r?.confirmed);
        expect(r?.positions, slug).toEqual(Array.from({ length: r?.demos ?? 0 }, (_, i) => i + 1));
        expect(r?.late, slug).toBe(0);
        expect(r?.overridden, slug).toBe(0);
      }
      // The current week is in team formation: no demos, ballots, votes, awards or results yet.
      expect(byWeek.get("2026-h2")?.demos).toBe(0);
      const [current] = await scratch.db.execute<{ n: number }>(sql`
        select (select count(*) from ballots where week_id = ${weekId("2026-h2")})
          + (select count(*) from judge_assignments where week_id = ${weekId("2026-h2")})
          + (select count(*) from peoples_choice_votes where week_id = ${weekId("2026-h2")})
          + (select count(*) from awards where week_id = ${weekId("2026-h2")})
          + (select count(*) from demo_schedules where week_id = ${weekId("2026-h2")}) as n`);
      expect(Number(current?.n)).toBe(0);
      // Demo day is laid out for every past week, between the deadline and the opening of voting.
      const schedules = await scratch.db.execute<{ week: string; ok: boolean }>(sql`
        select w.slug as week, s.starts_at > w.demo_deadline_at and s.starts_at < w.voting_opens_at as ok
        from demo_schedules s join weeks w on w.id = s.week_id order by w.slug`);
      expect(schedules.map((s) => [s.week, s.ok])).toEqual([
        ["2025-h1", true],
        ["2025-h2", true],
        ["2026-h1", true],
      ]);
    });

    it("writes realistic demos: Markdown, https links, normalised tags, 1–2 screenshots, a reflection per member", async () => {
      const rows = await scratch.db.execute<{
        title: string;
        summary: string;
        built: string;
        learnings: string;
        links: Array<{ kind: string; url: string }>;
        tags: string[];
        images: number;
        members: number;
        reflections: number;
        foreign_goals: number;
        non_members: number;
      }>(sql`
        select d.title, d.summary, d.built, d.learnings, d.links, d.tags,
          (select count(*)::int from demo_images i where i.demo_id = d.id) as images,
          (select count(*)::int from team_members m where m.team_id = d.team_id) as members,
          (select count(*)::int from demo_reflections r where r.demo_id = d.id) as reflections,
          (select count(*)::int from demo_reflections r join users u on u.id = r.user_id
            where r.demo_id = d.id and not (r.stretch_goal = any(u.stretch_goals))) as foreign_goals,
          (select count(*)::int from demo_reflections r where r.demo_id = d.id
            and not exists (select 1 from team_members m where m.team_id = d.team_id and m.user_id = r.user_id)) as non_members
        from demos d order by d.id`);
      expect(rows.length).toBeGreaterThanOrEqual(12);
      for (const d of rows) {
        expect(d.title.length, d.title).toBeGreaterThanOrEqual(3);
        expect(d.title.length, d.title).toBeLessThanOrEqual(120);
        expect(d.summary.length, d.title).toBeGreaterThanOrEqual(10);
        expect(d.summary.length, d.title).toBeLessThanOrEqual(300);
        expect(d.summary, d.title).not.toContain("\n");
        expect(d.built, d.title).toMatch(/^(- |\d\. )/m);
        expect(d.learnings.length, d.title).toBeGreaterThan(40);
        expect(d.links.length, d.title).toBeGreaterThanOrEqual(1);
        for (const link of d.links) {
          expect(link.url, d.title).toMatch(/^https:\/\/[^/\s]+/);
          expect(["video", "repository", "slides", "other"], d.title).toContain(link.kind);
        }
        for (const [, href] of `${d.built}\n${d.learnings}`.matchAll(/\]\(([^)]*)\)/g))
          expect(href, d.title).toMatch(/^https:\/\//);
        expect(d.tags.length, d.title).toBeGreaterThanOrEqual(1);
        for (const tag of d.tags) expect(normaliseTag(tag), d.title).toBe(tag);
        expect(d.images, d.title).toBeGreaterThanOrEqual(1);
        expect(d.images, d.title).toBeLessThanOrEqual(2);
        expect(d.reflections, d.title).toBe(d.members);
        expect(d.foreign_goals, d.title).toBe(0);
        expect(d.non_members, d.title).toBe(0);
      }
    });

    it("stores screenshots that pass the upload checks, each in a colour of its own", async () => {
      const images = await scratch.db.execute<{
        demo_id: number;
        content_type: string;
        bytes: Buffer;
        byte_size: number;
        width: number;
        height: number;
        sha256: string;
        alt: string;
      }>(sql`select demo_id, content_type, bytes, byte_size, width, height, sha256, alt from demo_images order by id`);
      expect(images.length).toBeGreaterThanOrEqual(16);
      for (const img of images) {
        const bytes = new Uint8Array(img.bytes);
        const type = sniffImageType(bytes);
        expect(type).toBe("image/png");
        expect(img.content_type).toBe(type);
        expect(imageSize(bytes, "image/png")).toEqual({ width: img.width, height: img.height });
        expect(img.byte_size).toBe(bytes.length);
        expect(img.byte_size).toBeLessThanOrEqual(5 * 1024 * 1024);
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(img.sha256);
        expect(img.alt.length).toBeGreaterThan(10);
      }
      expect(new Set(images.map((i) => i.sha256)).size).toBe(images.length);
    });

    it("configures the default criteria, 3–4 leaders as judges and voting settings in all three weeks", async () => {
      for (const slug of [...PAST, "2026-h2"]) {
        const id = weekId(slug);
        const rows = await scratch.db.execute<{ name: string; weight: number; scale_min: number; scale_max: number }>(
          sql`select name, weight, scale_min, scale_max from criteria where week_id = ${id} order by position`,
        );
        expect(
          rows.map((c) => ({ name: c.name, weight: c.weight, scaleMin: c.scale_min, scaleMax: c.scale_max })),
          slug,
        ).toEqual(DEFAULT_CRITERIA.map((c) => ({ name: c.name, weight: c.weight, scaleMin: c.scaleMin, scaleMax: c.scaleMax })));
        const judgeRows = await scratch.db.execute<{ email: string; title: string }>(
          sql`select u.email, u.title from judges j join users u on u.id = j.user_id where j.week_id = ${id}`,
        );
        expect(judgeRows.length, slug).toBeGreaterThanOrEqual(3);
        expect(judgeRows.length, slug).toBeLessThanOrEqual(4);
        expect(
          judgeRows.map((j) => j.email),
          slug,
        ).toContain("lena@expedition.test");
        for (const j of judgeRows) expect(j.title, j.email).toMatch(/Director|Head|Manager/);
        const [settings] = await scratch.db.execute<{ judges_per_demo: number; normalise: boolean }>(
          sql`select judges_per_demo, normalise from voting_settings where week_id = ${id}`,
        );
        expect(settings, slug).toEqual({ judges_per_demo: 2, normalise: true });
      }
      expect((await scratch.db.execute(sql`select 1 from judges where week_id = ${weekId("2026-h2")}`)).length).toBe(3);
    });

    it("assigns 2 judges to every past demo, balanced, and never a judge to a team they belong to or mentor", async () => {
      for (const slug of PAST) {
        const perDemo = await scratch.db.execute<{ n: number }>(sql`
          select (select count(*)::int from judge_assignments a where a.demo_id = d.id) as n
          from demos d where d.week_id = ${weekId(slug)}`);
        expect(
          perDemo.every((d) => d.n === 2),
          slug,
        ).toBe(true);
        const loads = await scratch.db.execute<{ n: number }>(sql`
          select count(a.demo_id)::int as n from judges j
          left join judge_assignments a on a.judge_id = j.user_id and a.week_id = j.week_id
          where j.week_id = ${weekId(slug)} group by j.user_id`);
        const counts = loads.map((l) => l.n);
        expect(Math.max(...counts) - Math.min(...counts), slug).toBeLessThanOrEqual(1);
      }
      const [conflicted] = await scratch.db.execute<{ n: number }>(sql`
        select count(*)::int as n from judge_assignments a join demos d on d.id = a.demo_id
        where exists (select 1 from team_members m where m.team_id = d.team_id and m.user_id = a.judge_id)
           or exists (select 1 from team_mentors tm where tm.team_id = d.team_id and tm.user_id = a.judge_id)
           or not exists (select 1 from judges j where j.week_id = a.week_id and j.user_id = a.judge_id)`);
      expect(conflicted?.n).toBe(0);
      // One judge of 2025-h2 is in a team that week: the assignment kept them off its demo.
      const [member] = await scratch.db.execute<{ n: number }>(sql`
        select count(*)::int as n from judges j join team_members m on m.user_id = j.user_id and m.week_id = j.week_id
        where j.week_id = ${weekId("2025-h2")}`);
      expect(member?.n).toBe(1);
    });

    it("has a full set of ballots: every assigned judge scored every criterion within its scale, with feedback", async () => {
      const [row] = await scratch.db.execute<{
        assignments: number;
        ballots: number;
        unassigned: number;
        incomplete: number;
        out_of_scale: number;
        no_feedback: number;
        outside_window: number;
      }>(sql`
        select
          (select count(*)::int from judge_assignments) as assignments,
          (select count(*)::int from ballots) as ballots,
          (select count(*)::int from ballots b where not exists
            (select 1 from judge_assignments a where a.judge_id = b.judge_id and a.demo_id = b.demo_id)) as unassigned,
          (select count(*)::int from ballots b where
            (select count(*) from ballot_scores s join criteria c on c.id = s.criterion_id and c.week_id = b.week_id where s.ballot_id = b.id)
            <> (select count(*) from criteria c where c.week_id = b.week_id)) as incomplete,
          (select count(*)::int from ballot_scores s join criteria c on c.id = s.criterion_id
            where s.value < c.scale_min or s.value > c.scale_max) as out_of_scale,
          (select count(*)::int from ballots where length(btrim(feedback)) < 20) as no_feedback,
          (select count(*)::int from ballots b join weeks w on w.id = b.week_id
            where b.created_at < w.voting_opens_at or b.updated_at >= w.voting_closes_at) as outside_window`);
      expect(row?.assignments).toBeGreaterThanOrEqual(24);
      expect(row).toMatchObject({
        ballots: row?.assignments,
        unassigned: 0,
        incomplete: 0,
        out_of_scale: 0,
        no_feedback: 0,
        outside_window: 0,
      });
    });

    it("has people's-choice votes from 20+ people per past week, within the limit and never for their own team", async () => {
      for (const slug of PAST) {
        const [row] = await scratch.db.execute<{ voters: number; max: number; limit: number; own: number; outside: number }>(sql`
          select count(distinct v.user_id)::int as voters,
            coalesce(max((select count(*) from peoples_choice_votes o where o.user_id = v.user_id and o.week_id = v.week_id)), 0)::int as max,
            min(w.peoples_choice_votes)::int as limit,
            count(*) filter (where exists (select 1 from demos d join team_members m on m.team_id = d.team_id
              where d.id = v.demo_id and m.user_id = v.user_id))::int as own,
            count(*) filter (where v.created_at < w.voting_opens_at or v.created_at >= w.voting_closes_at)::int as outside
          from peoples_choice_votes v join weeks w on w.id = v.week_id where w.slug = ${slug}`);
        expect(row?.voters, slug).toBeGreaterThanOrEqual(20);
        expect(row?.max, slug).toBeLessThanOrEqual(row?.limit ?? 0);
        expect(row?.own, slug).toBe(0);
        expect(row?.outside, slug).toBe(0);
      }
      const [wrongWeek] = await scratch.db.execute<{ n: number }>(
        sql`select count(*)::int as n from peoples_choice_votes v join demos d on d.id = v.demo_id where d.week_id <> v.week_id`,
      );
      expect(wrongWeek?.n).toBe(0);
    });

    it("gives each past week best in show, best cross-department collaboration, people's choice and a jury award", async () => {
      for (const slug of PAST) {
        const rows = await scratch.db.execute<{
          name: string;
          kind: string;
          criterion: string | null;
          demo_week: number | null;
          citation: string;
        }>(sql`
          select a.name, a.kind::text as kind, c.name as criterion, d.week_id as demo_week, a.citation
          from awards a left join criteria c on c.id = a.criterion_id left join demos d on d.id = a.manual_demo_id
          where a.week_id = ${weekId(slug)} order by a.position`);
        expect(rows.map((a) => [a.name, a.kind, a.criterion]).slice(0, 3), slug).toEqual([
          ["Best in show", "judged", null],
          ["Best cross-department collaboration", "criterion", "Cross-department collaboration"],
          ["People's choice", "peoples_choice", null],
        ]);
        const jury = rows[3];
        expect(jury?.kind, slug).toBe("manual");
        expect(jury?.demo_week, slug).toBe(weekId(slug));
        expect(jury?.citation.length, slug).toBeGreaterThan(40);
        expect(rows, slug).toHaveLength(4);
      }
    });

    it("publishes the past weeks' results as the app would, by Olga, with the winners computeResults finds", async () => {
      for (const slug of PAST) {
        const week = weekBySlug.get(slug);
        const [row] = await scratch.db.execute<{
          published_results: Results | null;
          published_at: Date | null;
          publisher: string | null;
        }>(sql`
          select s.published_results, s.published_at, u.email as publisher
          from voting_settings s left join users u on u.id = s.published_by_id where s.week_id = ${weekId(slug)}`);
        expect(row?.publisher, slug).toBe("olga@expedition.test");
        expect(new Date(row?.published_at ?? 0).getTime(), slug).toBe(week?.resultsPublishedAt.getTime());
        const snapshot = row?.published_results;
        const fresh = await computeResults(scratch.db, weekId(slug), week?.resultsPublishedAt);
        expect(snapshot?.overall[0]?.demoId, slug).toBeDefined();
        expect(snapshot?.overall[0]?.demoId, slug).toBe(fresh.overall[0]?.demoId);
        // The whole frozen snapshot is what publishing at that instant would have frozen.
        expect(snapshot, slug).toEqual(JSON.parse(JSON.stringify(fresh)));
        for (const award of fresh.awards) expect(award.winners.length, `${slug}: ${award.name}`).toBe(1);
        expect(fresh.overall.every((r) => r.judges === 2)).toBe(true);
      }
      const [audit] = await scratch.db.execute<{ n: number }>(
        sql`select count(*)::int as n from audit_log where action = 'results.published'`,
      );
      expect(audit?.n).toBe(PAST.length);
      const [current] = await scratch.db.execute<{ published_at: Date | null }>(
        sql`select published_at from voting_settings where week_id = ${weekId("2026-h2")}`,
      );
      expect(current?.published_at).toBeNull();
    });

    it("notifies nobody about demos or voting", async () => {
      const [row] = await scratch.db.execute<{ n: number }>(
        sql`select count(*)::int as n from notifications where kind not in ('idea_commented', 'idea_followed')`,
      );
      expect(row?.n).toBe(0);
    });
  });

  describe("the archive: outcomes, impact, reminders, nominations and kudos", () => {
    const count = async (query: ReturnType<typeof sql>) => {
      const [row] = await scratch.db.execute<{ n: number }>(query);
      return Number(row?.n);
    };

    it("records one award winner row per published winner, in every past week", async () => {
      const rows = await scratch.db.execute<{ slug: string; winners: number; awards: number }>(sql`
        select w.slug, (select count(*)::int from award_winners a where a.week_id = w.id) as winners,
          (select count(*)::int from awards a where a.week_id = w.id) as awards
        from weeks w order by w.slug`);
      expect(rows.map((r) => [r.slug, r.winners === r.awards && r.awards >= 3])).toEqual([
        ["2025-h1", true],
        ["2025-h2", true],
        ["2026-h1", true],
        ["2026-h2", false],
      ]);
    });

    it("gives past demos outcomes at different stages, and keeps demos.outcome_status at the latest update", async () => {
      const rows = await scratch.db.execute<{ slug: string; status: string | null; latest: string | null }>(sql`
        select w.slug, d.outcome_status::text as status,
          (select o.status::text from outcome_updates o where o.demo_id = d.id order by o.happened_on desc, o.id desc limit 1) as latest
        from demos d join weeks w on w.id = d.week_id`);
      for (const r of rows) expect(r.status, r.slug).toBe(r.latest);
      const statuses = new Set(rows.map((r) => r.status));
      for (const s of ["shipped", "continued", "prototype", "learning", "stopped"]) expect(statuses.has(s), s).toBe(true);
      // Some demos of the newest past week have no outcome yet: the organisers' overdue list is not empty.
      expect(rows.filter((r) => r.slug === "2026-h1" && r.status === null).length).toBeGreaterThanOrEqual(2);
      // No update is dated in the future or before its week's results.
      const bad = await count(sql`select count(*)::int as n from outcome_updates o join demos d on d.id = o.demo_id
        join voting_settings s on s.week_id = d.week_id where o.happened_on > current_date or o.happened_on < s.published_at::date`);
      expect(bad).toBe(0);
    });

    it("keeps impact history: several series have more than one measurement, and values are sane", async () => {
      const withHistory = await count(sql`select count(*)::int as n from (select demo_id, kind, metric from impact_measurements
        group by 1, 2, 3 having count(*) > 1) h`);
      expect(withHistory).toBeGreaterThanOrEqual(4);
      const kinds = await scratch.db.execute<{ kind: string }>(sql`select distinct kind::text from impact_measurements`);
      expect(kinds.map((k) => k.kind).sort()).toEqual(["custom", "hours_saved", "money_saved", "people_reached"]);
      const latestHours = await count(
        sql`select coalesce(sum(value), 0)::int as n from impact_latest where kind = 'hours_saved'`,
      );
      const allHours = await count(
        sql`select coalesce(sum(value), 0)::int as n from impact_measurements where kind = 'hours_saved'`,
      );
      expect(latestHours).toBeGreaterThan(0);
      expect(latestHours).toBeLessThan(allHours);
    });

    it("makes outcome notes and learnings searchable through demos.archive_search", async () => {
      const hit = async (word: string) =>
        scratch.db.execute<{ title: string }>(
          sql`select title from demos where archive_search @@ websearch_to_tsquery('english', ${word})`,
        );
      // "kill switches" is only in Flag Day's learnings; "Airflow 3" only in an outcome's lessons.
      expect((await hit("kill switches")).map((r) => r.title)).toEqual(["Flag Day: 412 dead feature flags removed"]);
      expect((await hit("upstream roadmaps")).map((r) => r.title)).toEqual([expect.stringMatching(/backfill/i)]);
    });

    it("has already sent the reminders of every checkpoint that has passed, and none of the future ones", async () => {
      const wrong = await count(sql`select count(*)::int as n from checkpoint_reminders r join demos d on d.id = r.demo_id
        join voting_settings s on s.week_id = d.week_id
        where r.due_at <> s.published_at + make_interval(days => r.days) or r.due_at > now()`);
      expect(wrong).toBe(0);
      const missing = await count(sql`select count(*)::int as n from demos d join voting_settings s on s.week_id = d.week_id
        cross join (values (30), (90), (180)) c(days)
        where s.published_at + make_interval(days => c.days) <= now()
          and not exists (select 1 from checkpoint_reminders r where r.demo_id = d.id and r.days = c.days)`);
      expect(missing).toBe(0);
    });

    it("has nominations in every status, each with its history, none of oneself or one's own team", async () => {
      const rows = await scratch.db.execute<{ status: string; n: number }>(
        sql`select status::text, count(*)::int as n from nominations group by 1 order by 1`,
      );
      expect(rows.map((r) => r.status)).toEqual(["accepted", "declined", "done", "new"]);
      const withoutHistory = await count(sql`select count(*)::int as n from nominations n
        where (select e.to_status from nomination_events e where e.nomination_id = n.id order by e.created_at desc, e.id desc limit 1) <> n.status`);
      expect(withoutHistory).toBe(0);
      const ownTeam = await count(sql`select count(*)::int as n from nominations n
        join team_members m on m.team_id = n.nominee_team_id and m.user_id = n.nominator_id`);
      expect(ownTeam).toBe(0);
      // Lena (a demo account) has made nominations and can see what became of them.
      const lena = await count(sql`select count(*)::int as n from nominations n join users u on u.id = n.nominator_id
        where u.email = 'lena@expedition.test'`);
      expect(lena).toBeGreaterThanOrEqual(2);
    });

    it("has kudos on people, teams and demos, never to oneself or one's own team", async () => {
      const [row] = await scratch.db.execute<{ people: number; teams: number; demos: number }>(sql`
        select count(user_id)::int as people, count(team_id)::int as teams, count(demo_id)::int as demos from kudos`);
      expect(row?.people).toBeGreaterThanOrEqual(2);
      expect(row?.teams).toBeGreaterThanOrEqual(2);
      expect(row?.demos).toBeGreaterThanOrEqual(2);
      const own = await count(sql`select count(*)::int as n from kudos k
        left join demos d on d.id = k.demo_id
        join team_members m on m.team_id = coalesce(k.team_id, d.team_id) and m.user_id = k.author_id`);
      expect(own).toBe(0);
    });
  });

  describe("statistics on the seeded archive, computed independently from the raw rows", () => {
    type Row = Record<string, unknown>;
    const all = async (table: string) => [...(await scratch.db.execute<Row>(sql.raw(`select * from ${table}`)))];
    /** Dates and instants as milliseconds, whether the driver returns a Date or a string. */
    const ms = (value: unknown) => new Date(value as string).getTime();

    it("match weekStatistics for every past week and the 2025 H1 headline", async () => {
      const [
        weekRows,
        ideaRows,
        teamRows,
        memberRows,
        userRows,
        demoRows,
        reflectionRows,
        mentorRows,
        winnerRows,
        updateRows,
        measurementRows,
      ] = await Promise.all([
        all("weeks"),
        all("ideas"),
        all("teams"),
        all("team_members"),
        all("users"),
        all("demos"),
        all("demo_reflections"),
        all("team_mentors"),
        all("award_winners"),
        all("outcome_updates"),
        all("impact_measurements"),
      ]);
      const departmentOf = new Map(userRows.map((u) => [u.id, u.department_id]));
      for (const slug of ["2025-h1", "2025-h2", "2026-h1"]) {
        const week = weekRows.find((w) => w.slug === slug);
        const weekId = week?.id;
        const ideasOfWeek = ideaRows.filter((i) => i.week_id === weekId && i.status === "published");
        const members = memberRows.filter((m) => m.week_id === weekId);
        const teamsOfWeek = teamRows.filter((t) => t.week_id === weekId && members.some((m) => m.team_id === t.id));
        const demosOfWeek = demoRows.filter((d) => d.week_id === weekId);
        const demoIds = new Set(demosOfWeek.map((d) => d.id));
        const participants = new Set([...ideasOfWeek.map((i) => i.author_id), ...members.map((m) => m.user_id)]);
        const cross = teamsOfWeek.filter(
          (t) => new Set(members.filter((m) => m.team_id === t.id).map((m) => departmentOf.get(m.user_id))).size >= 2,
        ).length;
        // The latest outcome update of each demo, and the latest measurement of each series.
        const latestStatus = new Map<unknown, Row>();
        for (const u of updateRows.filter((u) => demoIds.has(u.demo_id))) {
          const seen = latestStatus.get(u.demo_id);
          if (
            !seen ||
            ms(u.happened_on) > ms(seen.happened_on) ||
            (ms(u.happened_on) === ms(seen.happened_on) && Number(u.id) > Number(seen.id))
          )
            latestStatus.set(u.demo_id, u);
        }
        const latest = new Map<string, Row>();
        for (const m of measurementRows.filter((m) => demoIds.has(m.demo_id))) {
          const key = `${m.demo_id}/${m.kind}/${m.metric}`;
          const seen = latest.get(key);
          if (
            !seen ||
            ms(m.measured_on) > ms(seen.measured_on) ||
            (ms(m.measured_on) === ms(seen.measured_on) && Number(m.id) > Number(seen.id))
          )
            latest.set(key, m);
        }
        const sumOf = (kind: string) =>
          [...latest.values()].filter((m) => m.kind === kind).reduce((sum, m) => sum + Number(m.value), 0);
        const outcomes: Record<string, number> = { shipped: 0, continued: 0, prototype: 0, learning: 0, stopped: 0, none: 0 };
        for (const d of demosOfWeek) {
          const status = latestStatus.get(d.id)?.status;
          outcomes[typeof status === "string" ? status : "none"] =
            (outcomes[typeof status === "string" ? status : "none"] ?? 0) + 1;
        }

        const stats = await weekStatistics(scratch.db, Number(weekId));
        expect(stats, slug).toMatchObject({
          participants: participants.size,
          ideas: ideasOfWeek.length,
          teams: teamsOfWeek.length,
          demos: demosOfWeek.length,
          departments: new Set([...participants].map((p) => departmentOf.get(p))).size,
          crossDepartmentTeams: cross,
          stretchGoals: reflectionRows.filter((r) => demoIds.has(r.demo_id) && String(r.stretch_goal).trim() !== "").length,
          mentors: new Set(
            mentorRows
              .filter((m) => m.status === "accepted" && teamsOfWeek.some((t) => t.id === m.team_id))
              .map((m) => m.user_id),
          ).size,
          awards: winnerRows.filter((w) => w.week_id === weekId).length,
          outcomes,
        });
        expect(stats?.impact.hoursSaved, slug).toBe(sumOf("hours_saved"));
        expect(stats?.impact.peopleReached, slug).toBe(sumOf("people_reached"));
      }
      // The README's example: the first edition's projects now save 1,200 + 3,200 hours a year.
      const h1 = weekRows.find((w) => w.slug === "2025-h1");
      expect((await weekStatistics(scratch.db, Number(h1?.id)))?.impact.hoursSaved).toBe(4400);
    });
  });
});
