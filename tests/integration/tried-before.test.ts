import { beforeAll, describe, expect, it } from "vitest";
import { triedBefore } from "~/ideas/similar.server";
import { getDb } from "~db/client";
import { outcomeUpdates } from "~db/schema";
import {
  createDemo,
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type IdeaRow,
  uid,
  type WeekRow,
} from "../support/factories";

const db = getDb();

// Other files (and earlier runs on a kept database) pitch similar titles: a token only this run
// uses, in the query and in the titles, makes this run's ideas the closest ones.
const token = `zq${uid().replace(/\d/g, "")}`.slice(0, 12);
const QUERY = { title: `Self healing on-call runbook automation ${token}`, summary: "" };

let pastWeek: WeekRow;
let currentWeek: WeekRow;
let target: IdeaRow;
let runnerUp: IdeaRow;
let withdrawn: IdeaRow;
let unrelated: IdeaRow;

beforeAll(async () => {
  [pastWeek, currentWeek] = await Promise.all([createWeekInPhase(db, "archived"), createWeekInPhase(db, "pitching")]);
  const author = await createUser(db);
  target = await createIdea(db, {
    weekId: pastWeek.id,
    author,
    title: `Self-healing on-call runbooks ${token}`,
    summary: "Runbooks that fix the most common pages themselves",
  });
  runnerUp = await createIdea(db, {
    weekId: currentWeek.id,
    author,
    title: `Database failover drills ${token}`,
    summary: "Practise failovers with some runbook automation",
  });
  withdrawn = await createIdea(db, {
    weekId: currentWeek.id,
    author,
    title: `Self healing on-call runbook automation ${token}`,
    summary: "The exact same words, but withdrawn",
    status: "withdrawn",
    withdrawnAt: new Date(),
  });
  unrelated = await createIdea(db, {
    weekId: currentWeek.id,
    author,
    title: `Office plant watering robot ${uid()}`,
    summary: "Keeps the ferns alive during exploration week",
  });
});

describe("triedBefore", () => {
  it('puts "Self-healing on-call runbooks" first for "Self healing on-call runbook automation"', async () => {
    const found = await triedBefore(db, { ...QUERY, limit: 50 });
    expect(found[0]).toEqual({
      kind: "idea",
      id: target.id,
      title: target.title,
      summary: target.summary,
      weekName: pastWeek.name,
      weekSlug: pastWeek.slug,
      score: expect.any(Number),
      outcome: null,
    });
    expect(found[0]?.score).toBeGreaterThan(0);
    const byDefault = await triedBefore(db, QUERY);
    expect(byDefault.length).toBeLessThanOrEqual(5);
    expect(byDefault[0]?.id).toBe(target.id);
    const ids = found.map((f) => f.id);
    expect(ids).toContain(runnerUp.id);
    expect(ids.indexOf(target.id)).toBeLessThan(ids.indexOf(runnerUp.id));
    expect(ids).not.toContain(unrelated.id);
    // Scores come best first.
    const scores = found.map((f) => f.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("says what became of a past idea: a demo, and its latest outcome", async () => {
    const before = await triedBefore(db, QUERY);
    expect(before[0]?.outcome).toBeNull();
    const lead = await createUser(db);
    const team = await createTeam(db, { weekId: pastWeek.id, ideaId: target.id, leadId: lead.id });
    const demo = await createDemo(db, { weekId: pastWeek.id, teamId: team.id });
    expect((await triedBefore(db, QUERY))[0]?.outcome).toBe("Became a demo");
    await db.insert(outcomeUpdates).values({ demoId: demo.id, status: "shipped", happenedOn: "2025-01-01", authorId: lead.id });
    expect((await triedBefore(db, QUERY))[0]?.outcome).toBe("Became a demo, shipped");
  });

  it("searches ideas of every week, past and current", async () => {
    const found = await triedBefore(db, { title: `Failover drills ${token}`, summary: "" });
    expect(found[0]?.id).toBe(runnerUp.id);
    expect(found[0]?.weekSlug).toBe(currentWeek.slug);
  });

  it("finds a match from the summary alone", async () => {
    const found = await triedBefore(db, { title: "Fix pages", summary: `self-healing runbooks ${token}`, limit: 50 });
    expect(found.map((f) => f.id)).toContain(target.id);
  });

  it("never suggests withdrawn ideas, even an exact title match", async () => {
    const found = await triedBefore(db, { ...QUERY, limit: 50 });
    expect(found.map((f) => f.id)).not.toContain(withdrawn.id);
  });

  it("leaves out the idea being edited (excludeIdeaId)", async () => {
    const found = await triedBefore(db, { ...QUERY, excludeIdeaId: target.id, limit: 50 });
    expect(found.map((f) => f.id)).not.toContain(target.id);
    expect(found.map((f) => f.id)).toContain(runnerUp.id);
  });

  it("honours the limit", async () => {
    expect(await triedBefore(db, { ...QUERY, limit: 1 })).toHaveLength(1);
  });

  it("returns [] for very short input without asking the database", async () => {
    expect(await triedBefore(db, { title: "", summary: "" })).toEqual([]);
    expect(await triedBefore(db, { title: "ab", summary: "" })).toEqual([]);
    expect(await triedBefore(db, { title: "  a ", summary: " b  " })).toEqual([]);
  });

  it("copes with search-syntax characters and stop words", async () => {
    for (const title of ["!!! & | <-> :* ()", "'quoted' \"double\"", "the and of", "a:b & c|d", "\\\\ back\\slash"]) {
      await expect(triedBefore(db, { title, summary: "" })).resolves.toBeInstanceOf(Array);
    }
  });
});
