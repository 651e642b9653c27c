import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ArchiveDemoRow, archiveFacets, archiveGallery, forgetArchiveFacets } from "~/archive/gallery.server";
import { HIGHLIGHT_START, HIGHLIGHT_STOP, headlineParts } from "~/archive/highlight";
import { type ArchiveGalleryQuery, effectiveSort, type OutcomeStatus } from "~/archive/params";
import { PAGE_SIZE } from "~/lib/pagination";
import type { Database } from "~db/client";
import {
  addAwardWinner,
  addPeoplesChoiceVotes,
  addScreenshot,
  createPastWeek,
  createProject,
  createVotingWeek,
  measureImpact,
  recordOutcome,
} from "../support/archive-factories";
import {
  createDepartment,
  createScratchDatabase,
  createUser,
  type DepartmentRow,
  type TestUser,
  tracedDatabase,
  type WeekRow,
} from "../support/factories";

/**
 * A fresh database with two past weeks and a week still voting; 30 demos described by SPECS, so every
 * expected result is computed from the specs, not read back from the app.
 */
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let db: Database;

type Spec = {
  index: number;
  week: 0 | 1; // 0: the older past week, 1: the newer one
  departments: number[]; // members' departments (the first is the lead's)
  tags: string[];
  outcomes: Array<{ status: OutcomeStatus; happenedOn: string; note?: string; lessons?: string }>;
  votes: number;
  hours: Array<{ value: number; measuredOn: string }>;
  award?: string;
  title?: string;
  summary?: string;
  learnings?: string;
  ideaProblem?: string;
};

const DEMO_COUNT = 30;
const SPECIAL: Record<number, Partial<Spec>> = {
  // Words that appear in exactly one place of exactly one demo:
  0: { learnings: "We learned that zeppelin scheduling beats cron for batch jobs." },
  1: { ideaProblem: "Our quokka pipeline drops events at night." },
  2: {
    outcomes: [
      { status: "prototype", happenedOn: "2025-03-01" },
      { status: "continued", happenedOn: "2025-05-01", note: "The marzipan service now runs the nightly export." },
    ],
  },
  3: { outcomes: [{ status: "stopped", happenedOn: "2025-04-01", lessons: "Kerfuffle: nobody owned the alerts." }] },
  // Relevance: "lighthouse" in one title (weight A) and in another's learnings (weight C).
  4: { title: "Lighthouse for deploys", summary: "A lighthouse that watches every deploy" },
  5: { learnings: "A lighthouse helps a little." },
};

const outcomeCycle: Array<Spec["outcomes"]> = [
  [],
  [{ status: "shipped", happenedOn: "2025-06-01" }],
  [{ status: "learning", happenedOn: "2025-06-01" }],
  [
    { status: "shipped", happenedOn: "2025-02-01" },
    { status: "prototype", happenedOn: "2025-07-01" },
  ],
];

const SPECS: Spec[] = Array.from({ length: DEMO_COUNT }, (_, i) => ({
  index: i,
  week: (i % 3 === 0 ? 0 : 1) as 0 | 1,
  departments: [[0], [0, 1], [1, 2], [2]][i % 4] ?? [0],
  tags: [["infra"], ["ml", "data"], [], ["infra", "data"], []][i % 5] ?? [],
  outcomes: outcomeCycle[i % 4] ?? [],
  votes: (i * 7) % 5,
  hours:
    i % 6 === 0
      ? []
      : [
          { value: 10_000 - i, measuredOn: "2025-01-01" }, // older and larger: must not count
          { value: (i * 37) % 500, measuredOn: "2025-08-01" },
        ],
  award: i === 7 ? "Best in Show" : i === 8 ? "People's Choice" : i === 10 ? "Best in show" : undefined,
  ...SPECIAL[i],
}));

let weeks: [WeekRow, WeekRow];
let votingWeek: WeekRow;
let deps: DepartmentRow[];
let unusedDepartment: DepartmentRow;
const demoIdOf = new Map<number, number>();
let hiddenDemoId: number;
let screenshotId: number;

const query = (overrides: Partial<ArchiveGalleryQuery> = {}): ArchiveGalleryQuery => ({ q: "", page: 1, ...overrides });
const idOf = (index: number) => demoIdOf.get(index) ?? -1;
const idsOf = (rows: ArchiveDemoRow[]) => rows.map((r) => r.id);
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const expectedIds = (keep: (s: Spec) => boolean) => sorted(SPECS.filter(keep).map((s) => idOf(s.index)));
const latestOutcome = (s: Spec) => [...s.outcomes].sort((a, b) => b.happenedOn.localeCompare(a.happenedOn))[0]?.status ?? null;
const latestHours = (s: Spec) => [...s.hours].sort((a, b) => b.measuredOn.localeCompare(a.measuredOn))[0]?.value ?? null;

async function allPages(q: Partial<ArchiveGalleryQuery>) {
  const rows: ArchiveDemoRow[] = [];
  let total = -1;
  for (let page = 1; page < 10; page++) {
    const result = await archiveGallery(db, query({ ...q, page }));
    if (total === -1) total = result.total;
    expect(result.total).toBe(total);
    expect(result.rows.length).toBeLessThanOrEqual(PAGE_SIZE);
    if (result.rows.length === 0) break;
    rows.push(...result.rows);
  }
  expect(rows).toHaveLength(total);
  return { rows, total };
}

beforeAll(async () => {
  scratch = await createScratchDatabase("archive_gallery");
  db = scratch.db;
  deps = [];
  for (const name of ["Payments", "Mobile", "Platform"]) {
    deps.push(await createDepartment(db, { name: `${name} ${Math.random()}`, slug: `${name.toLowerCase()}-dept` }));
  }
  unusedDepartment = await createDepartment(db, { slug: "nobody-here" });
  const recorder = await createUser(db, { departmentId: unusedDepartment.id });
  weeks = [
    await createPastWeek(db, { daysAgo: 200, overrides: { slug: "2025-h1", name: "2025 H1" } }),
    await createPastWeek(db, { daysAgo: 20, overrides: { slug: "2025-h2", name: "2025 H2" } }),
  ];
  votingWeek = await createVotingWeek(db);
  const voters: TestUser[] = [];
  for (let i = 0; i < 5; i++) voters.push(await createUser(db, { departmentId: unusedDepartment.id }));

  const base = Date.now() - 3_600_000;
  for (const spec of SPECS) {
    const week = weeks[spec.week];
    const people: TestUser[] = [];
    for (const d of spec.departments) people.push(await createUser(db, { departmentId: deps[d]?.id }));
    const [lead, ...members] = people as [TestUser, ...TestUser[]];
    const { demo } = await createProject(db, {
      week,
      lead,
      members,
      idea: {
        title: `Pitch number ${spec.index}`,
        summary: `An ordinary pitch, item ${spec.index}`,
        problem: spec.ideaProblem ?? "",
      },
      demo: {
        title: spec.title ?? `Filler demo number ${spec.index}`,
        summary: spec.summary ?? `Nothing remarkable, item ${spec.index}`,
        learnings: spec.learnings ?? "",
        tags: spec.tags,
        submittedAt: new Date(base + ((spec.index * 17) % DEMO_COUNT) * 1000), // not insertion order
      },
    });
    demoIdOf.set(spec.index, demo.id);
    for (const o of spec.outcomes) await recordOutcome(db, { demoId: demo.id, authorId: recorder.id, ...o });
    for (const h of spec.hours)
      await measureImpact(db, {
        demoId: demo.id,
        authorId: recorder.id,
        kind: "hours_saved",
        value: h.value,
        measuredOn: h.measuredOn,
      });
    await addPeoplesChoiceVotes(db, week.id, demo.id, voters.slice(0, spec.votes));
    if (spec.award) await addAwardWinner(db, { weekId: week.id, demoId: demo.id, name: spec.award });
  }
  screenshotId = await addScreenshot(db, idOf(4), "The lighthouse dashboard");

  // A demo of the week still voting that matches every search and filter: it must never show.
  const hidden = await createProject(db, {
    week: votingWeek,
    lead: await createUser(db, { departmentId: deps[0]?.id }),
    members: [await createUser(db, { departmentId: deps[1]?.id })],
    idea: { problem: "quokka quokka" },
    demo: {
      title: "Lighthouse zeppelin quokka marzipan kerfuffle",
      learnings: "zeppelin lighthouse",
      tags: ["infra", "ml", "data"],
    },
  });
  hiddenDemoId = hidden.demo.id;
  await recordOutcome(db, {
    demoId: hiddenDemoId,
    authorId: recorder.id,
    status: "shipped",
    happenedOn: "2025-09-01",
    note: "marzipan",
  });
  await addAwardWinner(db, { weekId: votingWeek.id, demoId: hiddenDemoId, name: "Best in Show" });
  await measureImpact(db, {
    demoId: hiddenDemoId,
    authorId: recorder.id,
    kind: "hours_saved",
    value: 99_999,
    measuredOn: "2025-09-01",
  });
});

afterAll(async () => {
  await scratch?.drop();
});

describe("archiveGallery: full-text search over demos, ideas, learnings and outcomes", () => {
  it.each<[string, string, number, string]>([
    ["a word only in a demo's learnings", "zeppelin", 0, "learnings"],
    ["a word only in the demo's idea", "quokka", 1, "idea"],
    ["a word only in an outcome note", "marzipan", 2, "outcome"],
    ["a word only in an outcome's lessons", "kerfuffle", 3, "outcome"],
  ])("finds %s (%s), says where it matched and highlights it", async (_what, word, index, source) => {
    const { rows, total } = await archiveGallery(db, query({ q: word }));
    expect(idsOf(rows)).toEqual([idOf(index)]);
    expect(total).toBe(1);
    expect(rows[0]?.matchedIn).toEqual([source]);
    const parts = headlineParts(rows[0]?.headline ?? "");
    expect(parts.filter((p) => p.match).map((p) => p.text.toLowerCase())).toContain(word);
    expect(rows[0]?.headline).toContain(`${HIGHLIGHT_START}`);
    expect(rows[0]?.headline).toContain(`${HIGHLIGHT_STOP}`);
  });

  it("stems words (zeppelins ~ zeppelin)", async () => {
    expect(idsOf((await archiveGallery(db, query({ q: "zeppelins" }))).rows)).toEqual([idOf(0)]);
  });

  it("ranks a title match above a learnings match", async () => {
    const { rows } = await archiveGallery(db, query({ q: "lighthouse" }));
    expect(idsOf(rows)).toEqual([idOf(4), idOf(5)]);
    expect(rows[0]?.matchedIn).toContain("demo");
    expect(rows[0]?.headline).toBeNull(); // found in the title and summary, which the card shows anyway
    expect(rows[1]?.matchedIn).toEqual(["learnings"]);
  });

  it("never shows a demo of a week whose results are not published", async () => {
    for (const q of ["zeppelin", "quokka", "marzipan", "kerfuffle", "lighthouse", ""]) {
      const { rows } = await allPages({ q });
      expect(idsOf(rows)).not.toContain(hiddenDemoId);
    }
    const { rows } = await allPages({ award: "any" });
    expect(idsOf(rows)).not.toContain(hiddenDemoId);
  });

  it("survives search syntax noise without an error", async () => {
    for (const q of ['"unterminated', "-", "!!! & | <-> :*", "(((", "' or 1=1 --", "the", '""']) {
      const result = await archiveGallery(db, query({ q }));
      expect(result.total).toBe(result.rows.length);
    }
  });

  it("a search without results past page 1 still counts them", async () => {
    const { rows, total } = await archiveGallery(db, query({ q: "zeppelin", page: 2 }));
    expect(rows).toEqual([]);
    expect(total).toBe(1);
  });
});

describe("archiveGallery: filters", () => {
  it.each<[string, Partial<ArchiveGalleryQuery>, (s: Spec) => boolean]>([
    ["everything in past weeks", {}, () => true],
    ["week (older)", { week: "2025-h1" }, (s) => s.week === 0],
    ["week (newer)", { week: "2025-h2" }, (s) => s.week === 1],
    ["a week that does not exist", { week: "1999-h1" }, () => false],
    ["department Payments (any member)", { department: "payments-dept" }, (s) => s.departments.includes(0)],
    ["department Mobile", { department: "mobile-dept" }, (s) => s.departments.includes(1)],
    ["a department nobody from took part", { department: "nobody-here" }, () => false],
    ["any award", { award: "any" }, (s) => s.award !== undefined],
    ["an award by name, any case", { award: "BEST IN SHOW" }, (s) => s.award?.toLowerCase() === "best in show"],
    ["another award", { award: "people's choice" }, (s) => s.award === "People's Choice"],
    ["tag", { tag: "infra" }, (s) => s.tags.includes("infra")],
    ["tag data", { tag: "data" }, (s) => s.tags.includes("data")],
    ["outcome shipped (latest only)", { outcome: "shipped" }, (s) => latestOutcome(s) === "shipped"],
    ["outcome prototype", { outcome: "prototype" }, (s) => latestOutcome(s) === "prototype"],
    ["no outcome yet", { outcome: "none" }, (s) => latestOutcome(s) === null],
    [
      "week + tag + department together",
      { week: "2025-h2", tag: "data", department: "platform-dept" },
      (s) => s.week === 1 && s.tags.includes("data") && s.departments.includes(2),
    ],
    [
      "search + outcome",
      { q: "lighthouse", outcome: "shipped" },
      (s) => [4, 5].includes(s.index) && latestOutcome(s) === "shipped",
    ],
  ])("%s", async (_name, filter, keep) => {
    const { rows } = await allPages(filter);
    expect(sorted(idsOf(rows))).toEqual(expectedIds(keep));
  });

  it("returns each row's week, team departments, outcome, awards, votes, latest hours and screenshot", async () => {
    const { rows } = await allPages({});
    for (const spec of SPECS) {
      const row = rows.find((r) => r.id === idOf(spec.index));
      expect(row, `demo ${spec.index}`).toMatchObject({
        weekSlug: weeks[spec.week].slug,
        weekName: weeks[spec.week].name,
        outcomeStatus: latestOutcome(spec),
        awards: spec.award ? [spec.award] : [],
        votes: spec.votes,
        hoursSaved: latestHours(spec),
        tags: spec.tags,
        matchedIn: [],
        headline: null,
      });
      expect(sorted(row?.departments.map((d) => d.id) ?? [])).toEqual(
        sorted([...new Set(spec.departments)].map((d) => deps[d]?.id ?? 0)),
      );
      expect(row?.image?.id ?? null).toBe(spec.index === 4 ? screenshotId : null);
    }
  });
});

describe("archiveGallery: sorting and pagination", () => {
  const newest = (a: Spec, b: Spec) =>
    b.week - a.week ||
    ((b.index * 17) % DEMO_COUNT) - ((a.index * 17) % DEMO_COUNT) || // submitted later first
    idOf(b.index) - idOf(a.index);

  it.each<[ArchiveGalleryQuery["sort"], (a: Spec, b: Spec) => number]>([
    [undefined, newest],
    ["newest", newest],
    ["relevance", newest], // without a search, relevance falls back to newest
    ["votes", (a, b) => b.votes - a.votes || newest(a, b)],
    ["hours", (a, b) => (latestHours(b) ?? -1) - (latestHours(a) ?? -1) || newest(a, b)],
  ])("sort %s orders every page", async (sort, compare) => {
    const { rows } = await allPages({ sort });
    expect(idsOf(rows)).toEqual([...SPECS].sort(compare).map((s) => idOf(s.index)));
  });

  it("sorts search results by another order when asked", async () => {
    const { rows } = await archiveGallery(db, query({ q: "lighthouse", sort: "votes" }));
    const [a, b] = [SPECS[4], SPECS[5]] as [Spec, Spec];
    const expected = [a, b].sort((x, y) => y.votes - x.votes || newest(x, y)).map((s) => idOf(s.index));
    expect(idsOf(rows)).toEqual(expected);
    expect(effectiveSort({ q: "lighthouse", sort: undefined })).toBe("relevance");
  });

  it(`shows ${PAGE_SIZE} demos a page, the rest on page 2, and nothing past the end`, async () => {
    const first = await archiveGallery(db, query({ page: 1 }));
    const second = await archiveGallery(db, query({ page: 2 }));
    const far = await archiveGallery(db, query({ page: 999_999 }));
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(second.rows).toHaveLength(DEMO_COUNT - PAGE_SIZE);
    expect(far.rows).toHaveLength(0);
    for (const page of [first, second, far]) expect(page.total).toBe(DEMO_COUNT);
    expect(sorted([...idsOf(first.rows), ...idsOf(second.rows)])).toEqual(expectedIds(() => true));
  });
});

describe("archiveFacets", () => {
  it("offers the past weeks (newest first), the departments that took part, the awards won and the tags", async () => {
    const facets = await archiveFacets(db);
    expect(facets.weeks).toEqual([
      { slug: "2025-h2", name: "2025 H2" },
      { slug: "2025-h1", name: "2025 H1" },
    ]);
    expect(facets.departments.map((d) => d.slug).sort()).toEqual(["mobile-dept", "payments-dept", "platform-dept"]);
    // "Best in Show" and "Best in show" are one filter; the award of the week still voting is not offered.
    expect(facets.awards.map((a) => a.toLowerCase())).toEqual(["best in show", "people's choice"]);
    const tagCounts = new Map<string, number>();
    for (const s of SPECS) for (const t of s.tags) tagCounts.set(t, (tagCounts.get(t) ?? 0) + 1);
    expect(facets.tags).toEqual([...tagCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t));
  });
});

describe("a constant number of queries whatever the page size", () => {
  it("archiveGallery issues 3 queries (page, count, facets) for 24 rows, for 6 and for a search; 2 while the facets are cached", async () => {
    const traced = tracedDatabase(scratch.url, { max: 1 });
    try {
      await traced.db.execute("select 1");
      const appQueries = () => traced.queries.filter((q) => !q.text.includes("pg_catalog.pg_type"));
      for (const [q, size] of [
        [query(), PAGE_SIZE],
        [query({ page: 2 }), DEMO_COUNT - PAGE_SIZE],
        [query({ q: "lighthouse", sort: "hours" }), 2],
        [query({ award: "any", outcome: "none", tag: "infra", department: "payments-dept", week: "2025-h2" }), -1],
      ] as const) {
        forgetArchiveFacets();
        traced.reset();
        const result = await archiveGallery(traced.db, q);
        expect(appQueries(), JSON.stringify(q)).toHaveLength(3);
        if (size >= 0) expect(result.rows).toHaveLength(size);
        traced.reset();
        const again = await archiveGallery(traced.db, q);
        expect(appQueries(), `${JSON.stringify(q)} again`).toHaveLength(2);
        expect(again.facets).toEqual(result.facets);
      }
    } finally {
      await traced.end();
    }
  });
});
