import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AssignmentInput, type AssignmentResult, assignJudges } from "~/voting/assignment";

const demos = (...ids: number[]) => ids.map((id, i) => ({ id, position: i + 1 }));
const judgesOf = (result: AssignmentResult, demoId: number) =>
  result.assignments.filter((a) => a.demoId === demoId).map((a) => a.judgeId);
const problemsOf = (result: AssignmentResult) => (result.ok ? [] : result.problems.map((p) => p.message));
const spread = (loads: Record<number, number>) => {
  const values = Object.values(loads);
  return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values);
};

describe("assignJudges: table cases", () => {
  it.each([
    { k: 1, judges: [1, 2, 3], demoIds: [10, 11, 12], loads: { 1: 1, 2: 1, 3: 1 } },
    // 6 demos × 2 = 12 slots over 4 judges: 3 each
    { k: 2, judges: [1, 2, 3, 4], demoIds: [10, 11, 12, 13, 14, 15], loads: { 1: 3, 2: 3, 3: 3, 4: 3 } },
    // 4 demos × 3 = 12 slots over 5 judges: 12 = 5·2 + 2, so two judges get 3 and three get 2
    { k: 3, judges: [1, 2, 3, 4, 5], demoIds: [10, 11, 12, 13], loads: null },
  ])(
    "k=$k with $judges.length judges and $demoIds.length demos: every demo gets k, loads even",
    ({ k, judges, demoIds, loads }) => {
      const result = assignJudges({ demos: demos(...demoIds), judges, conflicts: [], perDemo: k });
      expect(result.ok).toBe(true);
      for (const id of demoIds) expect(judgesOf(result, id)).toHaveLength(k);
      expect(result.assignments).toHaveLength(k * demoIds.length);
      if (loads) expect(result.loads).toEqual(loads);
      else expect(Object.values(result.loads).sort()).toEqual([2, 2, 2, 3, 3]);
    },
  );

  it("more judges than needed: some judges stay at 0, the rest at 1", () => {
    const result = assignJudges({ demos: demos(10, 11), judges: [1, 2, 3, 4, 5, 6], conflicts: [], perDemo: 1 });
    expect(result.ok).toBe(true);
    expect(Object.values(result.loads).sort()).toEqual([0, 0, 0, 0, 1, 1]);
    expect(Object.keys(result.loads).map(Number)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("fewer judges than k: each demo gets every judge there is, and the result says why it is short", () => {
    const result = assignJudges({ demos: demos(10, 11), judges: [1, 2], conflicts: [], perDemo: 3 });
    expect(result.ok).toBe(false);
    expect(problemsOf(result)).toEqual(["k=3 but only 2 judges"]);
    expect(judgesOf(result, 10)).toEqual([1, 2]);
    expect(judgesOf(result, 11)).toEqual([1, 2]);
    expect(result.loads).toEqual({ 1: 2, 2: 2 });
  });

  it("a conflict that leaves one eligible judge forces that judge", () => {
    const conflicts = [
      { judgeId: 1, demoId: 10 },
      { judgeId: 2, demoId: 10 },
    ];
    const result = assignJudges({ demos: demos(10, 11, 12), judges: [1, 2, 3], conflicts, perDemo: 1 });
    expect(result.ok).toBe(true);
    expect(judgesOf(result, 10)).toEqual([3]);
    expect(result.loads).toEqual({ 1: 1, 2: 1, 3: 1 });
  });

  it("a late demo whose only eligible judge a greedy pass would already have used still gets it, loads stay even", () => {
    // Demo 12 (last in running order) can only be judged by judge 1; running order greedy would give
    // demo 10 to judge 1 first and end with loads 2/1/0. The flow sees the whole picture.
    const conflicts = [2, 3].map((judgeId) => ({ judgeId, demoId: 12 }));
    const result = assignJudges({ demos: demos(10, 11, 12), judges: [1, 2, 3], conflicts, perDemo: 1 });
    expect(result.ok).toBe(true);
    expect(judgesOf(result, 12)).toEqual([1]);
    expect(judgesOf(result, 10)).not.toContain(1);
    expect(result.loads).toEqual({ 1: 1, 2: 1, 3: 1 });
  });

  it("k=2 with a heavily conflicted judge: the others absorb the work within one of each other", () => {
    // Judge 4 may only judge demo 10; 3 demos × 2 = 6 slots; balanced window is 1..2.
    const conflicts = [11, 12].map((demoId) => ({ judgeId: 4, demoId }));
    const result = assignJudges({ demos: demos(10, 11, 12), judges: [1, 2, 3, 4], conflicts, perDemo: 2 });
    expect(result.ok).toBe(true);
    expect(judgesOf(result, 10)).toContain(4);
    expect(spread(result.loads)).toBeLessThanOrEqual(1);
  });

  it.each([
    {
      name: "no judges",
      input: { demos: demos(10), judges: [], conflicts: [], perDemo: 1 },
      messages: ["no judges"],
    },
    {
      name: "a demo every judge is conflicted with",
      input: { demos: demos(10, 12), judges: [1, 2], conflicts: [1, 2].map((judgeId) => ({ judgeId, demoId: 12 })), perDemo: 1 },
      messages: ["Demo #12 has no judge without a conflict (needs 1)"],
    },
    {
      name: "a demo with one eligible judge where two are needed",
      input: {
        demos: demos(10, 12),
        judges: [1, 2, 3],
        conflicts: [2, 3].map((judgeId) => ({ judgeId, demoId: 12 })),
        perDemo: 2,
      },
      messages: ["Demo #12 has only 1 judge without a conflict (needs 2)"],
    },
    {
      name: "k above the judges and a conflict on top",
      input: { demos: demos(10, 12), judges: [1, 2], conflicts: [{ judgeId: 1, demoId: 12 }], perDemo: 3 },
      messages: ["k=3 but only 2 judges", "Demo #12 has only 1 judge without a conflict (needs 3)"],
    },
    {
      name: "a judge conflicted with every demo makes an even split impossible",
      input: { demos: demos(10, 11), judges: [1, 2], conflicts: [10, 11].map((demoId) => ({ judgeId: 2, demoId })), perDemo: 1 },
      messages: [
        "Judge loads range from 0 (judge #2) to 2 (judge #1); conflicts rule out a split where they differ by at most one",
      ],
    },
    {
      name: "k of 0",
      input: { demos: demos(10), judges: [1], conflicts: [], perDemo: 0 },
      messages: ["k must be a whole number of at least 1 (got 0)"],
    },
  ])("impossible: $name", ({ input, messages }) => {
    const result = assignJudges(input);
    expect(result.ok).toBe(false);
    expect(problemsOf(result)).toEqual(messages);
  });

  it("when conflicts rule out an even split, the judges who can take more share it within one of each other", () => {
    // Judges 1 and 2 may only judge demo 10; judges 3–5 share the other 7 demos (7 = 3 + 2 + 2).
    const ids = [10, 11, 12, 13, 14, 15, 16, 17];
    const conflicts = ids.slice(1).flatMap((demoId) => [1, 2].map((judgeId) => ({ judgeId, demoId })));
    const result = assignJudges({ demos: demos(...ids), judges: [1, 2, 3, 4, 5], conflicts, perDemo: 1 });
    expect(result.ok).toBe(false);
    expect(result.loads).toEqual({ 1: 1, 2: 0, 3: 3, 4: 2, 5: 2 });
    expect(problemsOf(result)).toEqual([
      "Judge loads range from 0 (judge #2) to 3 (judge #3); conflicts rule out a split where they differ by at most one",
    ]);
  });

  it("a short demo still gets as many judges as it can, and only the short demo is named", () => {
    const conflicts = [2, 3].map((judgeId) => ({ judgeId, demoId: 12 }));
    const result = assignJudges({ demos: demos(10, 11, 12), judges: [1, 2, 3], conflicts, perDemo: 2 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([{ demoId: 12, message: expect.stringContaining("Demo #12") }]);
    expect(judgesOf(result, 12)).toEqual([1]);
    expect(judgesOf(result, 10)).toHaveLength(2);
    expect(judgesOf(result, 11)).toHaveLength(2);
    expect(spread(result.loads)).toBeLessThanOrEqual(1); // 5 slots: 2/2/1
  });

  it("no demos is fine: nothing to assign, every judge at 0", () => {
    expect(assignJudges({ demos: [], judges: [2, 1], conflicts: [], perDemo: 2 })).toEqual({
      ok: true,
      assignments: [],
      loads: { 1: 0, 2: 0 },
    });
  });

  it("duplicated judges and demos in the input count once", () => {
    const result = assignJudges({
      demos: [...demos(10, 11), { id: 10, position: 5 }],
      judges: [1, 1, 2],
      conflicts: [],
      perDemo: 1,
    });
    expect(result).toEqual({ ok: true, assignments: expect.any(Array), loads: { 1: 1, 2: 1 } });
    expect(result.assignments).toHaveLength(2);
  });

  it("handles the largest expected week (300 demos × 50 judges, k=3) quickly and evenly", () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ id: i + 1, position: i + 1 }));
    const judges = Array.from({ length: 50 }, (_, i) => i + 1);
    const conflicts = many.flatMap((d) => [{ judgeId: (d.id % 50) + 1, demoId: d.id }]);
    const started = performance.now();
    const result = assignJudges({ demos: many, judges, conflicts, perDemo: 3 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.ok).toBe(true);
    expect(Object.values(result.loads).every((l) => l === 18)).toBe(true); // 900 slots / 50 judges
  });
});

// ---------- properties ----------

type Case = AssignmentInput;
const caseArb = (maxJudges: number, maxDemos: number, maxK: number): fc.Arbitrary<Case> =>
  fc
    .record({
      judgeCount: fc.integer({ min: 1, max: maxJudges }),
      demoCount: fc.integer({ min: 0, max: maxDemos }),
      perDemo: fc.integer({ min: 1, max: maxK }),
      conflictRate: fc.constantFrom(0, 0.1, 0.3, 0.6),
      seed: fc.integer(),
    })
    .map(({ judgeCount, demoCount, perDemo, conflictRate, seed }) => {
      const random = mulberry32(seed);
      const judges = Array.from({ length: judgeCount }, (_, i) => 100 + i * 7);
      const ds = Array.from({ length: demoCount }, (_, i) => ({ id: 1 + i * 3, position: Math.floor(random() * 50) }));
      const conflicts = ds.flatMap((d) =>
        judges.filter(() => random() < conflictRate).map((judgeId) => ({ judgeId, demoId: d.id })),
      );
      return { judges, demos: ds, conflicts, perDemo };
    });

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const eligibleCount = (input: Case, demoId: number) =>
  input.judges.filter((j) => !input.conflicts.some((c) => c.judgeId === j && c.demoId === demoId)).length;

describe("assignJudges: properties", () => {
  const arb = caseArb(12, 40, 4);

  it("never assigns a conflicted pair, never twice the same pair, and gives each demo min(k, eligible) judges", () => {
    fc.assert(
      fc.property(arb, (input) => {
        const result = assignJudges(input);
        const conflicted = new Set(input.conflicts.map((c) => `${c.judgeId}:${c.demoId}`));
        const pairs = result.assignments.map((a) => `${a.judgeId}:${a.demoId}`);
        expect(pairs.filter((p) => conflicted.has(p))).toEqual([]);
        expect(new Set(pairs).size).toBe(pairs.length);
        for (const d of input.demos) {
          expect(judgesOf(result, d.id)).toHaveLength(Math.min(input.perDemo, eligibleCount(input, d.id)));
        }
        const counted: Record<number, number> = Object.fromEntries(input.judges.map((j) => [j, 0]));
        for (const a of result.assignments) counted[a.judgeId] = (counted[a.judgeId] ?? 0) + 1;
        expect(result.loads).toEqual(counted);
      }),
      { numRuns: 300 },
    );
  });

  it("when ok, loads differ by at most one; when not ok, there is at least one problem", () => {
    fc.assert(
      fc.property(arb, (input) => {
        const result = assignJudges(input);
        if (result.ok) expect(spread(result.loads)).toBeLessThanOrEqual(1);
        else expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("shuffling the input arrays gives the identical output", () => {
    fc.assert(
      fc.property(arb, fc.integer(), (input, seed) => {
        const again = {
          ...input,
          demos: shuffled(input.demos, seed),
          judges: shuffled(input.judges, seed + 1),
          conflicts: shuffled(input.conflicts, seed + 2),
        };
        expect(assignJudges(again)).toEqual(assignJudges(input));
      }),
      { numRuns: 300 },
    );
  });

  it("is ok exactly when a full, balanced assignment exists, and always has the least Σ load² (brute force on small weeks)", () => {
    fc.assert(
      fc.property(caseArb(4, 4, 3), (input) => {
        const result = assignJudges(input);
        const best = bruteForce(input);
        expect(result.ok).toBe(best.balancedAndFull);
        expect(sumOfSquares(result.loads)).toBe(best.leastSumOfSquares);
      }),
      { numRuns: 400 },
    );
  });
});

const sumOfSquares = (loads: Record<number, number>) => Object.values(loads).reduce((s, l) => s + l * l, 0);

/** Tries every choice of min(k, eligible) judges per demo. */
function bruteForce(input: Case) {
  const options = input.demos.map((d) => {
    const eligible = input.judges.filter((j) => !input.conflicts.some((c) => c.judgeId === j && c.demoId === d.id));
    return subsets(eligible, Math.min(input.perDemo, eligible.length));
  });
  const full = input.demos.every((d) => eligibleCount(input, d.id) >= input.perDemo);
  let leastSumOfSquares = Number.POSITIVE_INFINITY;
  let balanced = false;
  const search = (d: number, loads: Map<number, number>) => {
    if (d === options.length) {
      const values = input.judges.map((j) => loads.get(j) ?? 0);
      leastSumOfSquares = Math.min(
        leastSumOfSquares,
        values.reduce((s, l) => s + l * l, 0),
      );
      if (values.length === 0 || Math.max(...values) - Math.min(...values) <= 1) balanced = true;
      return;
    }
    for (const choice of options[d] ?? []) {
      const next = new Map(loads);
      for (const j of choice) next.set(j, (next.get(j) ?? 0) + 1);
      search(d + 1, next);
    }
  };
  search(0, new Map());
  return { balancedAndFull: full && balanced, leastSumOfSquares };
}

function subsets(items: number[], size: number): number[][] {
  if (size === 0) return [[]];
  return items.flatMap((first, i) => subsets(items.slice(i + 1), size - 1).map((rest) => [first, ...rest]));
}
