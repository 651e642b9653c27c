import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "~/auth/accounts.server";
import { normaliseTag } from "~/ideas/rules";
import { triedBefore } from "~/ideas/similar.server";
import { phaseAt } from "~/weeks/phase";
import { weeks } from "~db/schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from "~db/seed";
import { PEOPLE } from "~db/seed-data";
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
    expect(phases).toEqual({ "2025-h2": "archived", "2026-h1": "archived", "2026-h2": "team_formation" });
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
});
