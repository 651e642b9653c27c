import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BoardRow, boardFacets, boardPage } from "~/ideas/board.server";
import type { BoardQuery } from "~/ideas/schemas.server";
import { PAGE_SIZE } from "~/lib/pagination";
import { getDb, type Queryable } from "~db/client";
import { ideaFollows, teams } from "~db/schema";
import {
  createDepartment,
  createIdea,
  createUser,
  createWeekInPhase,
  type DepartmentRow,
  type IdeaRow,
  type TestUser,
  tracedDatabase,
  uid,
  type WeekRow,
} from "../support/factories";

const db = getDb();

/** Titles and bodies that the search tests aim at; every other idea is filler that matches none of them. */
const SPECIAL: Record<number, { title: string; summary?: string; problem?: string }> = {
  0: { title: "Runbook automation for on-call", summary: "Self-healing runbooks that fix the common pages" },
  1: {
    title: "Incident timeline builder",
    summary: "Collects chat and alerts",
    problem: "Later we could add runbook automation too.",
  },
  2: { title: "Automation of release notes", summary: "Drafts notes from merged pull requests" },
  3: { title: "Blameless incident review assistant", summary: "Prepares the postmortem document" },
  4: { title: "Review every incident faster", summary: "Triage bot for the pager queue" },
  5: { title: "Dashboard for build health", summary: "Shows flaky tests per repository" },
  6: { title: "Grafana dashboard templates", summary: "Shared panels for every service" },
};

type Spec = {
  index: number;
  title: string;
  summary: string;
  problem: string;
  department: number; // index into departments
  skills: string[];
  tags: string[];
  peopleWanted: number;
  followerCount: number;
  commentCount: number;
  createdAt: Date;
};

const IDEA_COUNT = 30;
const base = Date.now() - 3_600_000;
const SPECS: Spec[] = Array.from({ length: IDEA_COUNT }, (_, i) => ({
  index: i,
  title: SPECIAL[i]?.title ?? `Filler pitch number ${i}`,
  summary: SPECIAL[i]?.summary ?? `Nothing remarkable, item ${i}`,
  problem: SPECIAL[i]?.problem ?? "",
  department: i % 3,
  skills: [["go"], ["rust", "sql"], ["python"], []][i % 4] ?? [],
  tags: [["infra"], ["ml", "data"], [], [], []][i % 5] ?? [],
  peopleWanted: i % 3 === 0 ? 0 : (i % 7) + 1,
  followerCount: (i * 7) % 13,
  commentCount: (i * 5) % 11,
  createdAt: new Date(base + ((i * 17) % IDEA_COUNT) * 1000), // creation order differs from insertion order
}));
const TEAM_INDEXES = [4, 10];

let week: WeekRow;
let departments: DepartmentRow[];
let withdrawnOnlyDepartment: DepartmentRow;
let viewer: TestUser;
let created: Array<{ spec: Spec; row: IdeaRow }>;
let withdrawnIds: number[];

const query = (overrides: Partial<BoardQuery> = {}): BoardQuery => ({
  q: "",
  skill: [],
  tag: [],
  department: undefined,
  page: 1,
  ...overrides,
});
const idsOf = (rows: BoardRow[]) => rows.map((r) => r.id);
const idOf = (index: number) => {
  const found = created.find((c) => c.spec.index === index);
  if (!found) throw new Error(`no idea ${index}`);
  return found.row.id;
};
const expectedIds = (keep: (spec: Spec) => boolean) =>
  created
    .filter((c) => keep(c.spec))
    .map((c) => c.row.id)
    .sort((a, b) => a - b);

/** Every page of a query until an empty one, checking each page's total. */
async function allPages(q: Partial<BoardQuery>, on: Queryable = db) {
  const rows: BoardRow[] = [];
  let total = -1;
  for (let page = 1; page < 10; page++) {
    const result = await boardPage(on, week.id, query({ ...q, page }), viewer.id);
    if (total === -1) total = result.total;
    expect(result.total).toBe(total);
    expect(result.rows.length).toBeLessThanOrEqual(PAGE_SIZE);
    if (result.rows.length === 0) break;
    rows.push(...result.rows);
  }
  expect(new Set(idsOf(rows)).size).toBe(rows.length);
  expect(rows.length).toBe(total);
  return { rows, total };
}

beforeAll(async () => {
  week = await createWeekInPhase(db, "team_formation");
  departments = await Promise.all([0, 1, 2].map(() => createDepartment(db)));
  withdrawnOnlyDepartment = await createDepartment(db);
  const authors = await Promise.all(departments.map((d) => createUser(db, { departmentId: d.id })));
  const withdrawnAuthor = await createUser(db, { departmentId: withdrawnOnlyDepartment.id });
  viewer = await createUser(db);

  created = [];
  for (const spec of SPECS) {
    const author = authors[spec.department];
    if (!author) throw new Error("no author");
    const { index: _index, department: _department, ...values } = spec;
    created.push({ spec, row: await createIdea(db, { weekId: week.id, author, ...values }) });
  }
  // Withdrawn ideas that would match every filter, search and sort if they leaked.
  withdrawnIds = [];
  for (const author of [authors[0], withdrawnAuthor]) {
    if (!author) throw new Error("no author");
    const row = await createIdea(db, {
      weekId: week.id,
      author,
      title: "Runbook automation runbook automation dashboard incident review",
      summary: "Runbook automation everywhere",
      skills: ["go", "rust", "python", "cobol"],
      tags: ["infra", "ml", "legacy"],
      peopleWanted: 9,
      followerCount: 999,
      commentCount: 999,
      createdAt: new Date(base + 3_600_000),
      status: "withdrawn",
      withdrawnAt: new Date(),
    });
    withdrawnIds.push(row.id);
    await db.insert(teams).values({ weekId: week.id, ideaId: row.id, leadId: author.id, name: `Team ${uid()}`, capacity: 4 });
  }
  for (const index of TEAM_INDEXES) {
    await db
      .insert(teams)
      .values({ weekId: week.id, ideaId: idOf(index), leadId: viewer.id, name: `Team ${uid()}`, capacity: 5 });
  }
  await db.insert(ideaFollows).values([{ ideaId: idOf(2), userId: viewer.id }]);
});

describe("boardPage: search", () => {
  it("ranks the best match first (title beats body) and leaves out ideas missing a word", async () => {
    const { rows, total } = await boardPage(db, week.id, query({ q: "runbook automation" }), viewer.id);
    expect(idsOf(rows)).toEqual([idOf(0), idOf(1)]);
    expect(total).toBe(2);
  });

  it("stems words (runbooks ~ runbook, automating ~ automation)", async () => {
    const { rows } = await boardPage(db, week.id, query({ q: "runbooks automating" }), viewer.id);
    expect(idsOf(rows)).toEqual([idOf(0), idOf(1)]);
  });

  it('matches a quoted phrase only where its words are adjacent ("incident review")', async () => {
    const { rows, total } = await boardPage(db, week.id, query({ q: '"incident review"' }), viewer.id);
    expect(idsOf(rows)).toEqual([idOf(3)]);
    expect(total).toBe(1);
    const loose = await boardPage(db, week.id, query({ q: "incident review" }), viewer.id);
    expect(idsOf(loose.rows).sort((a, b) => a - b)).toEqual([idOf(3), idOf(4)].sort((a, b) => a - b));
  });

  it("excludes a -word (dashboard -grafana)", async () => {
    const { rows, total } = await boardPage(db, week.id, query({ q: "dashboard -grafana" }), viewer.id);
    expect(idsOf(rows)).toEqual([idOf(5)]);
    expect(total).toBe(1);
  });

  it("supports OR and searches skills and tags too", async () => {
    const either = await allPages({ q: "grafana or flaky" });
    expect(idsOf(either.rows).sort((a, b) => a - b)).toEqual([idOf(5), idOf(6)].sort((a, b) => a - b));
    const bySkill = await allPages({ q: "python" });
    expect(idsOf(bySkill.rows).sort((a, b) => a - b)).toEqual(expectedIds((s) => s.skills.includes("python")));
  });

  it("survives search syntax noise without an error", async () => {
    for (const q of ['"unterminated', "-", "!!! & | <-> :*", "(((", "' or 1=1 --", "runbook -", '""']) {
      const result = await boardPage(db, week.id, query({ q }), viewer.id);
      expect(result.total).toBe(result.rows.length);
    }
  });

  it("sorts search results by another order when asked", async () => {
    const { rows } = await boardPage(db, week.id, query({ q: "runbook automation", sort: "new" }), viewer.id);
    const byNew = [0, 1].sort((a, b) => (SPECS[b]?.createdAt.getTime() ?? 0) - (SPECS[a]?.createdAt.getTime() ?? 0)).map(idOf);
    expect(idsOf(rows)).toEqual(byNew);
  });
});

describe("boardPage: filters", () => {
  it.each<[string, Partial<BoardQuery>, (s: Spec) => boolean]>([
    ["one skill", { skill: ["go"] }, (s) => s.skills.includes("go")],
    ["skills overlap (any of)", { skill: ["go", "sql"] }, (s) => s.skills.includes("go") || s.skills.includes("sql")],
    ["a skill nobody has", { skill: ["haskell"] }, () => false],
    ["one tag", { tag: ["infra"] }, (s) => s.tags.includes("infra")],
    ["tags overlap", { tag: ["data", "infra"] }, (s) => s.tags.includes("data") || s.tags.includes("infra")],
    ["looking for people", { looking: "1" }, (s) => s.peopleWanted > 0],
    ["has a team", { team: "yes" }, (s) => TEAM_INDEXES.includes(s.index)],
    ["has no team", { team: "no" }, (s) => !TEAM_INDEXES.includes(s.index)],
    [
      "skill and tag together (all filters apply)",
      { skill: ["go"], tag: ["infra"] },
      (s) => s.skills.includes("go") && s.tags.includes("infra"),
    ],
    ["looking and no team", { looking: "1", team: "no" }, (s) => s.peopleWanted > 0 && !TEAM_INDEXES.includes(s.index)],
  ])("%s", async (_name, filter, keep) => {
    const { rows } = await allPages(filter);
    expect(idsOf(rows).sort((a, b) => a - b)).toEqual(expectedIds(keep));
  });

  it("filters by department", async () => {
    for (const [i, department] of departments.entries()) {
      const { rows } = await allPages({ department: department.id });
      expect(idsOf(rows).sort((a, b) => a - b)).toEqual(expectedIds((s) => s.department === i));
      expect(rows.every((r) => r.department === department.name)).toBe(true);
    }
    expect((await allPages({ department: withdrawnOnlyDepartment.id })).total).toBe(0);
  });

  it("combines search with filters", async () => {
    const { rows } = await allPages({ q: "runbook automation", skill: ["go"] });
    expect(idsOf(rows)).toEqual([idOf(0)]);
  });

  it("marks ideas with a team and the ones the viewer follows", async () => {
    const { rows } = await allPages({});
    for (const row of rows) {
      expect(row.hasTeam, `hasTeam of ${row.id}`).toBe(TEAM_INDEXES.map(idOf).includes(row.id));
      expect(row.following, `following of ${row.id}`).toBe(row.id === idOf(2));
    }
  });
});

describe("boardPage: sorting and pagination", () => {
  const order = (key: (s: Spec) => number) =>
    [...created].sort((a, b) => key(b.spec) - key(a.spec) || b.row.id - a.row.id).map((c) => c.row.id);

  it.each<[BoardQuery["sort"], (s: Spec) => number]>([
    [undefined, (s) => s.createdAt.getTime()],
    ["new", (s) => s.createdAt.getTime()],
    ["followed", (s) => s.followerCount],
    ["discussed", (s) => s.commentCount],
    ["relevance", (s) => s.createdAt.getTime()], // without a search, relevance falls back to newest first
  ])("sort %s orders every page, ties broken by newest id", async (sort, key) => {
    const { rows } = await allPages({ sort });
    expect(idsOf(rows)).toEqual(order(key));
  });

  it(`shows ${PAGE_SIZE} ideas a page, the rest on page 2, and nothing past the end`, async () => {
    const first = await boardPage(db, week.id, query({ page: 1 }), viewer.id);
    const second = await boardPage(db, week.id, query({ page: 2 }), viewer.id);
    const third = await boardPage(db, week.id, query({ page: 3 }), viewer.id);
    const far = await boardPage(db, week.id, query({ page: 999_999 }), viewer.id);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(second.rows).toHaveLength(IDEA_COUNT - PAGE_SIZE);
    expect(third.rows).toHaveLength(0);
    expect(far.rows).toHaveLength(0);
    for (const page of [first, second, third, far]) expect(page.total).toBe(IDEA_COUNT);
    const seen = new Set([...idsOf(first.rows), ...idsOf(second.rows)]);
    expect(seen.size).toBe(IDEA_COUNT);
    expect([...seen].sort((a, b) => a - b)).toEqual(expectedIds(() => true));
  });

  it("never shows withdrawn ideas, whatever the query", async () => {
    const queries: Array<Partial<BoardQuery>> = [
      {},
      { sort: "followed" },
      { sort: "discussed" },
      { q: "runbook automation" },
      { skill: ["cobol"] },
      { tag: ["legacy"] },
      { team: "yes" },
      { looking: "1" },
    ];
    for (const q of queries) {
      const { rows } = await allPages(q);
      for (const id of withdrawnIds) expect(idsOf(rows), JSON.stringify(q)).not.toContain(id);
    }
  });

  it("returns the author, department and counters of each row", async () => {
    const { rows } = await boardPage(db, week.id, query({ q: '"incident review"' }), viewer.id);
    const spec = SPECS[3];
    expect(rows[0]).toMatchObject({
      title: spec?.title,
      summary: spec?.summary,
      skills: spec?.skills,
      tags: spec?.tags,
      peopleWanted: spec?.peopleWanted,
      followerCount: spec?.followerCount,
      commentCount: spec?.commentCount,
      department: departments[spec?.department ?? -1]?.name,
      carriedFromId: null,
      hasTeam: false,
      following: false,
    });
    expect(rows[0]?.createdAt).toEqual(spec?.createdAt);
  });
});

describe("boardFacets", () => {
  it("lists the skills, tags (most used first) and departments that published ideas use", async () => {
    const facets = await boardFacets(db, week.id);
    const tally = (pick: (s: Spec) => string[]) => {
      const counts = new Map<string, number>();
      for (const s of SPECS) for (const t of pick(s)) counts.set(t, (counts.get(t) ?? 0) + 1);
      return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
    };
    expect(facets.skills).toEqual(tally((s) => s.skills));
    expect(facets.tags).toEqual(tally((s) => s.tags));
    expect(facets.skills).not.toContain("cobol");
    expect(facets.tags).not.toContain("legacy");
    expect(facets.departments).toEqual(
      [...departments].sort((a, b) => (a.name < b.name ? -1 : 1)).map((d) => ({ id: d.id, name: d.name })),
    );
  });

  it("is empty for a week without ideas", async () => {
    const empty = await createWeekInPhase(db, "pitching");
    expect(await boardFacets(db, empty.id)).toEqual({ skills: [], tags: [], departments: [] });
  });
});

describe("a constant number of queries whatever the page size", () => {
  const traced = tracedDatabase(process.env.DATABASE_URL, { max: 1 });
  afterAll(() => traced.end());

  /** Statements the app sent (not postgres.js's own array-type lookup on connect). */
  const appQueries = () => traced.queries.filter((q) => !q.text.includes("pg_catalog.pg_type"));

  it("boardPage issues 2 queries for 5 ideas and for 30; boardFacets 1", async () => {
    const small = await createWeekInPhase(db, "pitching");
    const author = await createUser(db);
    for (let i = 0; i < 5; i++) await createIdea(db, { weekId: small.id, author, skills: ["go"], tags: ["infra"] });
    await traced.db.select().from(teams).limit(1); // open the connection first

    for (const [weekId, size] of [
      [small.id, 5],
      [week.id, PAGE_SIZE],
    ] as const) {
      for (const q of [
        query(),
        query({ q: "runbook", skill: ["go"], tag: ["infra"], team: "no", looking: "1", sort: "followed" }),
      ]) {
        traced.reset();
        const result = await boardPage(traced.db, weekId, q, viewer.id);
        expect(appQueries(), JSON.stringify(q)).toHaveLength(2);
        expect(appQueries().every((x) => x.text.includes('"ideas"'))).toBe(true);
        if (!q.q) expect(result.rows).toHaveLength(size);
      }
      traced.reset();
      await boardFacets(traced.db, weekId);
      expect(appQueries()).toHaveLength(1);
    }
  });
});
