import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Criterion,
  type DemoInfo,
  explainMethod,
  isCompleteBallot,
  peoplesChoice,
  type Score,
  type TallyInput,
  type TallyRow,
  tally,
  weightedScore,
} from "~/voting/tally";

const OVERALL: Criterion[] = [{ id: 1, name: "Overall", weight: 1, scaleMin: 1, scaleMax: 10, position: 1 }];
const IMPACT: Criterion = { id: 1, name: "Impact", weight: 1, scaleMin: 1, scaleMax: 5, position: 1 };
const EXECUTION: Criterion = { id: 2, name: "Execution", weight: 1, scaleMin: 1, scaleMax: 5, position: 2 };

const at = (minute: number) => new Date(Date.UTC(2026, 5, 12, 15, minute));
const demo = (id: number, minute = id): DemoInfo => ({ id, submittedAt: at(minute) });
/** One judge's ballot for one demo: values in the criteria's order. */
const ballot = (judgeId: number, demoId: number, criteria: Criterion[], ...values: number[]): Score[] =>
  values.map((value, i) => ({ judgeId, demoId, criterionId: (criteria[i] as Criterion).id, value }));
const order = (rows: TallyRow[]) => rows.map((r) => r.demoId);
const row = (rows: TallyRow[], demoId: number) => rows.find((r) => r.demoId === demoId) as TallyRow;

describe("weightedScore and complete ballots", () => {
  const criteria = [
    { ...IMPACT, weight: 2 },
    { ...EXECUTION, weight: 1 },
  ];

  it("is Σ w·v / Σ w over the scored criteria", () => {
    // (2·4 + 1·1) / (2 + 1) = 9 / 3 = 3
    expect(weightedScore(ballot(1, 1, criteria, 4, 1), criteria)).toBe(3);
    // only Execution scored: 1·1 / 1 = 1
    expect(weightedScore([{ judgeId: 1, demoId: 1, criterionId: 2, value: 1 }], criteria)).toBe(1);
  });

  it("is null for nothing scored or an ambiguous ballot, and ignores unknown criteria", () => {
    expect(weightedScore([], criteria)).toBeNull();
    expect(
      weightedScore([...ballot(1, 1, criteria, 4, 1), { judgeId: 1, demoId: 1, criterionId: 1, value: 5 }], criteria),
    ).toBeNull();
    expect(weightedScore(ballot(1, 1, criteria, Number.NaN, 1), criteria)).toBeNull();
    expect(
      weightedScore([...ballot(1, 1, criteria, 4, 1), { judgeId: 1, demoId: 1, criterionId: 99, value: 100 }], criteria),
    ).toBe(3);
  });

  it("calls a ballot complete only with exactly one number for every criterion", () => {
    expect(isCompleteBallot(ballot(1, 1, criteria, 4, 1), criteria)).toBe(true);
    expect(isCompleteBallot(ballot(1, 1, criteria, 4), criteria)).toBe(false);
    expect(isCompleteBallot([...ballot(1, 1, criteria, 4, 1), ...ballot(1, 1, criteria, 3)], criteria)).toBe(false);
    expect(isCompleteBallot(ballot(1, 1, criteria, 4, Number.POSITIVE_INFINITY), criteria)).toBe(false);
    expect(isCompleteBallot([], [])).toBe(false);
  });
});

describe("tally: hand-computed cases", () => {
  // Judges 1 and 2 are lenient, judge 3 harsh; each demo has 2 or 3 judges (one criterion, weight 1).
  //   judge 1: d1=10 d2=8 d3=8 d4=6  mean 8,   σ=√((4+0+0+4)/4)=√2  z: √2, 0, 0, −√2
  //   judge 2: d1=9  d3=8            mean 8.5, σ=0.5                z: +1, −1
  //   judge 3: d2=3  d4=2            mean 2.5, σ=0.5                z: +1, −1
  // raw means:  d1 (10+9)/2=9.5  d2 (8+3)/2=5.5  d3 (8+8)/2=8  d4 (6+2)/2=4   → d1, d3, d2, d4
  // normalised: d1 (√2+1)/2≈1.2071  d2 (0+1)/2=0.5  d3 (0−1)/2=−0.5  d4 (−√2−1)/2≈−1.2071 → d1, d2, d3, d4
  // d2 sinks in the raw ranking only because the harsh judge scored it.
  const harsh: TallyInput = {
    demos: [demo(1), demo(2), demo(3), demo(4)],
    criteria: OVERALL,
    scores: [
      ...ballot(1, 1, OVERALL, 10),
      ...ballot(1, 2, OVERALL, 8),
      ...ballot(1, 3, OVERALL, 8),
      ...ballot(1, 4, OVERALL, 6),
      ...ballot(2, 1, OVERALL, 9),
      ...ballot(2, 3, OVERALL, 8),
      ...ballot(3, 2, OVERALL, 3),
      ...ballot(3, 4, OVERALL, 2),
    ],
    normalise: true,
  };

  it("normalises a harsh judge away: raw and normalised rankings differ", () => {
    const normalised = tally(harsh);
    expect(order(normalised)).toEqual([1, 2, 3, 4]);
    expect(row(normalised, 1).score).toBeCloseTo((Math.SQRT2 + 1) / 2, 12);
    expect(row(normalised, 2).score).toBeCloseTo(0.5, 12);
    expect(row(normalised, 3).score).toBeCloseTo(-0.5, 12);
    expect(row(normalised, 4).score).toBeCloseTo(-(Math.SQRT2 + 1) / 2, 12);
    expect(normalised.map((r) => [r.rawMean, r.judges, r.firstPlaces])).toEqual([
      [9.5, 2, 2], // first for judges 1 (10) and 2 (9)
      [5.5, 2, 1], // first for judge 3 (3)
      [8, 2, 0],
      [4, 2, 0],
    ]);
    expect(normalised.every((r) => r.tieBreak === null)).toBe(true);

    const raw = tally({ ...harsh, normalise: false });
    expect(order(raw)).toEqual([1, 3, 2, 4]);
    expect(raw.map((r) => r.score)).toEqual([9.5, 8, 5.5, 4]);
    expect(raw.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });

  it("counts a judge who gave every demo the same score (σ=0) as neutral: z=0, not NaN", () => {
    // judge 1: d1=d2=d3=5 → σ=0 → z 0, 0, 0; judge 2: d1=2 d2=4 → mean 3, σ 1 → z −1, +1
    // d1 (0−1)/2=−0.5   d2 (0+1)/2=0.5   d3 0/1=0   → d2, d3, d1
    const rows = tally({
      demos: [demo(1), demo(2), demo(3)],
      criteria: OVERALL,
      scores: [
        ...ballot(1, 1, OVERALL, 5),
        ...ballot(1, 2, OVERALL, 5),
        ...ballot(1, 3, OVERALL, 5),
        ...ballot(2, 1, OVERALL, 2),
        ...ballot(2, 2, OVERALL, 4),
      ],
      normalise: true,
    });
    expect(rows.map((r) => [r.demoId, r.score])).toEqual([
      [2, 0.5],
      [3, 0],
      [1, -0.5],
    ]);
    // judge 1 ties for first on all three demos; judge 2 places d2 first
    expect(rows.map((r) => r.firstPlaces)).toEqual([2, 1, 1]);
  });

  it("counts a judge who scored a single demo as neutral", () => {
    // judge 1: only d1=1 → z 0; judge 2: d1=3 d2=5 → z −1, +1
    // d1 (0−1)/2=−0.5   d2 +1/1=1
    const rows = tally({
      demos: [demo(1), demo(2)],
      criteria: OVERALL,
      scores: [...ballot(1, 1, OVERALL, 1), ...ballot(2, 1, OVERALL, 3), ...ballot(2, 2, OVERALL, 5)],
      normalise: true,
    });
    expect(rows.map((r) => [r.demoId, r.score, r.judges])).toEqual([
      [2, 1, 1],
      [1, -0.5, 2],
    ]);
  });

  // In each tie-break case the winner is demo 2, submitted after demo 1, so only the rule named can
  // have put it first (the last two rules would favour demo 1).
  it("tie-break 1: higher raw mean", () => {
    // judge 1: d2=10 d1=2 → z +1, −1; judge 2: d2=4 d1=6 → z −1, +1; both scores (1−1)/2 = 0
    // raw: d2 (10+4)/2=7 > d1 (2+6)/2=4; first places 1 each
    const rows = tally({
      demos: [demo(1), demo(2)],
      criteria: OVERALL,
      scores: [
        ...ballot(1, 2, OVERALL, 10),
        ...ballot(1, 1, OVERALL, 2),
        ...ballot(2, 2, OVERALL, 4),
        ...ballot(2, 1, OVERALL, 6),
      ],
      normalise: true,
    });
    expect(rows.map((r) => [r.demoId, r.score, r.rawMean, r.tieBreak])).toEqual([
      [2, 0, 7, null],
      [1, 0, 4, "Tied on score; higher raw mean"],
    ]);
  });

  it("tie-break 2: more first places", () => {
    // judge 1: d2=8 d1=4 → z +1, −1; judge 2: d2=4 d1=8 → z −1, +1; judge 3: d2=6 only → z 0
    // scores: d2 (1−1+0)/3=0, d1 (−1+1)/2=0; raw: d2 (8+4+6)/3=6, d1 (4+8)/2=6
    // first places: d2 by judges 1 and 3 = 2, d1 by judge 2 = 1
    const rows = tally({
      demos: [demo(1), demo(2)],
      criteria: OVERALL,
      scores: [
        ...ballot(1, 2, OVERALL, 8),
        ...ballot(1, 1, OVERALL, 4),
        ...ballot(2, 2, OVERALL, 4),
        ...ballot(2, 1, OVERALL, 8),
        ...ballot(3, 2, OVERALL, 6),
      ],
      normalise: true,
    });
    expect(rows.map((r) => [r.demoId, r.rawMean, r.firstPlaces, r.tieBreak])).toEqual([
      [2, 6, 2, null],
      [1, 6, 1, "Tied on score; more first places"],
    ]);
  });

  it("tie-break 3: higher mean on the first criterion (lowest position)", () => {
    // judge 1: d2 (Impact 6, Execution 4) → 5; d1 (4, 6) → 5; σ=0 → z 0, 0; raw 5 = 5; one first place each
    // Impact mean: d2 6 > d1 4. Criteria listed out of order to show position, not array order, decides.
    const criteria = [EXECUTION, IMPACT];
    const rows = tally({
      demos: [demo(1), demo(2)],
      criteria,
      scores: [...ballot(1, 2, [IMPACT, EXECUTION], 6, 4), ...ballot(1, 1, [IMPACT, EXECUTION], 4, 6)],
      normalise: true,
    });
    expect(rows.map((r) => [r.demoId, r.firstCriterionMean, r.tieBreak])).toEqual([
      [2, 6, null],
      [1, 4, "Tied on score; higher mean on Impact"],
    ]);
  });

  it("tie-break 4: earlier submission", () => {
    // judge 1: d1=5 d2=5 → everything equal; d2 was submitted at :01, d1 at :09
    const rows = tally({
      demos: [demo(1, 9), demo(2, 1)],
      criteria: OVERALL,
      scores: [...ballot(1, 1, OVERALL, 5), ...ballot(1, 2, OVERALL, 5)],
      normalise: true,
    });
    expect(rows.map((r) => [r.demoId, r.tieBreak])).toEqual([
      [2, null],
      [1, "Tied on score; earlier submission"],
    ]);
  });

  it("tie-break 5: lower demo id", () => {
    const rows = tally({
      demos: [demo(2, 5), demo(1, 5)],
      criteria: OVERALL,
      scores: [...ballot(1, 1, OVERALL, 5), ...ballot(1, 2, OVERALL, 5)],
      normalise: false,
    });
    expect(rows.map((r) => [r.demoId, r.tieBreak])).toEqual([
      [1, null],
      [2, "Tied on score; lower demo id"],
    ]);
  });

  it("never lets floating-point noise decide: equal weighted means within 1e-9 are a tie", () => {
    // weights 0.3 and 0.6: d1 (2, 5) → (0.6+3)/0.9 = 4.000000000000001 in floating point;
    // d2 (4, 4) → 3.6/0.9 = 4 exactly. Mathematically both are 4, so the tie goes to the declared
    // rules: raw mean tied, one first place each, Impact mean d2 4 > d1 2.
    const criteria = [
      { ...IMPACT, weight: 0.3 },
      { ...EXECUTION, weight: 0.6 },
    ];
    const scores = [...ballot(1, 1, criteria, 2, 5), ...ballot(1, 2, criteria, 4, 4)];
    expect(weightedScore(ballot(1, 1, criteria, 2, 5), criteria)).not.toBe(4); // the noise is real
    for (const normalise of [false, true]) {
      const rows = tally({ demos: [demo(1), demo(2)], criteria, scores, normalise });
      expect(rows.map((r) => [r.demoId, r.firstPlaces, r.tieBreak])).toEqual([
        [2, 1, null],
        [1, 1, "Tied on score; higher mean on Impact"],
      ]);
    }
  });

  it("ranks a by-criterion award on that criterion alone", () => {
    // Impact weight 3, Execution weight 1
    //   judge 1: d1 (5, 1) → 16/4=4;   d2 (2, 4) → 10/4=2.5  → weighted z: d1 +1, d2 −1
    //   judge 2: d1 (4, 2) → 14/4=3.5; d2 (3, 5) → 14/4=3.5  → weighted σ=0: 0, 0
    // overall: d1 (1+0)/2=0.5, d2 −0.5 → d1 first
    // Execution only: judge 1 d1=1 d2=4 → −1, +1; judge 2 d1=2 d2=5 → −1, +1 → d2 1, d1 −1; raw d2 4.5, d1 1.5
    const criteria = [{ ...IMPACT, weight: 3 }, EXECUTION];
    const input: TallyInput = {
      demos: [demo(1), demo(2)],
      criteria,
      scores: [
        ...ballot(1, 1, criteria, 5, 1),
        ...ballot(1, 2, criteria, 2, 4),
        ...ballot(2, 1, criteria, 4, 2),
        ...ballot(2, 2, criteria, 3, 5),
      ],
      normalise: true,
    };
    expect(tally(input).map((r) => [r.demoId, r.score])).toEqual([
      [1, 0.5],
      [2, -0.5],
    ]);
    const execution = tally({ ...input, criterionId: EXECUTION.id });
    expect(execution.map((r) => [r.demoId, r.score, r.rawMean, r.firstPlaces])).toEqual([
      [2, 1, 4.5, 2],
      [1, -1, 1.5, 0],
    ]);
    expect(() => tally({ ...input, criterionId: 99 })).toThrow(RangeError);
  });

  it("ignores incomplete ballots, for the demo and for the judge's normalisation", () => {
    // judge 1: d1 (4,4)=4, d2 only Impact=5 (incomplete, ignored), d3 (2,2)=2 → z over d1, d3: +1, −1
    // judge 2: d2 (3,3)=3, d3 (1,1)=1 → z +1, −1
    // d1 1 (1 judge), d2 1 (1 judge), d3 (−1−1)/2=−1; d1 and d2 tie at 1, raw 4 > 3 → d1 first
    // (had the half ballot counted, judge 1's z-scores would shift and d2 would get 2 judges)
    const criteria = [IMPACT, EXECUTION];
    const rows = tally({
      demos: [demo(1), demo(2), demo(3)],
      criteria,
      scores: [
        ...ballot(1, 1, criteria, 4, 4),
        ...ballot(1, 2, criteria, 5),
        ...ballot(1, 3, criteria, 2, 2),
        ...ballot(2, 2, criteria, 3, 3),
        ...ballot(2, 3, criteria, 1, 1),
      ],
      normalise: true,
    });
    expect(rows.map((r) => [r.demoId, r.score, r.judges, r.tieBreak])).toEqual([
      [1, 1, 1, null],
      [2, 1, 1, "Tied on score; higher raw mean"],
      [3, -1, 2, null],
    ]);
  });

  it("puts demos without a complete ballot last, in submission order", () => {
    // d4 and d1 have ballots; d2 (submitted :30) and d3 (:20) have none, d5 only half a ballot (:25)
    const criteria = [IMPACT, EXECUTION];
    const rows = tally({
      demos: [demo(1), demo(2, 30), demo(3, 20), demo(4), demo(5, 25)],
      criteria,
      scores: [...ballot(1, 4, criteria, 5, 5), ...ballot(1, 1, criteria, 3, 3), ...ballot(1, 5, criteria, 4)],
      normalise: true,
    });
    expect(rows.map((r) => [r.demoId, r.rank, r.score, r.judges, r.tieBreak])).toEqual([
      [4, 1, 1, 1, null],
      [1, 2, -1, 1, null],
      [3, 3, null, 0, null],
      [5, 4, null, 0, "No complete ballot; earlier submission"],
      [2, 5, null, 0, "No complete ballot; earlier submission"],
    ]);
    expect(tally({ demos: [], criteria, scores: [], normalise: true })).toEqual([]);
  });

  it("ignores scores for demos that are not in the list and rejects a weight of 0", () => {
    const rows = tally({
      demos: [demo(1)],
      criteria: OVERALL,
      scores: [...ballot(1, 1, OVERALL, 4), ...ballot(1, 7, OVERALL, 9)],
      normalise: true,
    });
    expect(rows).toEqual([
      { demoId: 1, rank: 1, score: 0, rawMean: 4, judges: 1, firstPlaces: 1, firstCriterionMean: 4, tieBreak: null },
    ]);
    expect(() => tally({ demos: [demo(1)], criteria: [{ ...IMPACT, weight: 0 }], scores: [], normalise: true })).toThrow(
      RangeError,
    );
  });
});

describe("peoplesChoice", () => {
  it("counts distinct voters per demo, most first, ties by earlier submission then lower id", () => {
    const votes = [
      { userId: 1, demoId: 3 },
      { userId: 1, demoId: 3 }, // the same vote twice counts once
      { userId: 2, demoId: 3 },
      { userId: 3, demoId: 1 },
      { userId: 4, demoId: 2 },
      { userId: 5, demoId: 99 }, // not a demo of this week
    ];
    // d1 and d2: one vote each; d2 submitted earlier. d4 and d5: none, same minute → lower id.
    const rows = peoplesChoice(votes, [demo(1, 10), demo(2, 5), demo(3), demo(5, 40), demo(4, 40)]);
    expect(rows).toEqual([
      { demoId: 3, rank: 1, votes: 2, tieBreak: null },
      { demoId: 2, rank: 2, votes: 1, tieBreak: null },
      { demoId: 1, rank: 3, votes: 1, tieBreak: "Tied on votes; earlier submission" },
      { demoId: 4, rank: 4, votes: 0, tieBreak: null },
      { demoId: 5, rank: 5, votes: 0, tieBreak: "Tied on votes; lower demo id" },
    ]);
  });
});

describe("explainMethod", () => {
  it("states the method and the tie-breaks in order, with and without normalisation", () => {
    const on = explainMethod(true);
    const off = explainMethod(false);
    expect(on).toMatch(/normalised/);
    expect(on).toMatch(/harsh and lenient/);
    expect(off).toMatch(/not normalised/);
    for (const text of [on, off]) {
      const rules = [
        "1. the higher average",
        "2. more judges who placed",
        "3. the higher average on the first",
        "4. the earlier submission",
        "5. the lower demo",
      ];
      const positions = rules.map((r) => text.indexOf(r));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(text).toMatch(/complete ballots/i);
    }
  });
});

// ---------- properties ----------

const weekArb = fc
  .record({
    criterionCount: fc.integer({ min: 1, max: 3 }),
    weights: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
    minutes: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }),
    ballots: fc.uniqueArray(
      fc.record({
        judgeId: fc.integer({ min: 1, max: 5 }),
        demoIndex: fc.nat(7),
        values: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
        complete: fc.integer({ min: 0, max: 9 }).map((n) => n > 0), // 1 in 10 ballots is half-filled
      }),
      { selector: (b) => `${b.judgeId}:${b.demoIndex}`, maxLength: 30 },
    ),
    normalise: fc.boolean(),
  })
  .map(({ criterionCount, weights, minutes, ballots, normalise }): TallyInput => {
    const criteria = Array.from({ length: criterionCount }, (_, i) => ({
      id: 10 + i,
      name: `C${i}`,
      weight: weights[i] ?? 1,
      scaleMin: 1,
      scaleMax: 5,
      position: criterionCount - i, // position order differs from id order on purpose
    }));
    const demos = minutes.map((m, i) => demo(3 * i + 1, m));
    const scores = ballots
      .filter((b) => b.demoIndex < demos.length)
      .flatMap((b) =>
        criteria.slice(0, b.complete ? criterionCount : criterionCount - 1).map((c, i) => ({
          judgeId: b.judgeId,
          demoId: (demos[b.demoIndex] as DemoInfo).id,
          criterionId: c.id,
          value: b.values[i] ?? 1,
        })),
      );
    return { demos, criteria, scores, normalise };
  });

function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe("tally: properties", () => {
  it("gives the identical result for the same ballots in any order", () => {
    fc.assert(
      fc.property(weekArb, fc.integer(), (input, seed) => {
        const again = {
          ...input,
          scores: shuffled(input.scores, seed),
          demos: shuffled(input.demos, seed + 1),
          criteria: shuffled(input.criteria, seed + 2),
        };
        expect(tally(again)).toEqual(tally(input));
      }),
      { numRuns: 300 },
    );
  });

  it("lists every demo exactly once with ranks 1..n, unscored demos last", () => {
    fc.assert(
      fc.property(weekArb, (input) => {
        const rows = tally(input);
        expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
        expect([...rows.map((r) => r.demoId)].sort((a, b) => a - b)).toEqual(input.demos.map((d) => d.id).sort((a, b) => a - b));
        const firstUnscored = rows.findIndex((r) => r.score === null);
        if (firstUnscored >= 0) expect(rows.slice(firstUnscored).every((r) => r.score === null && r.judges === 0)).toBe(true);
        if (!input.normalise) for (const r of rows) expect(r.score).toBe(r.rawMean);
      }),
      { numRuns: 300 },
    );
  });

  it("normalised scores ignore a shift or positive rescaling of one judge's values (the scale is not assumed)", () => {
    fc.assert(
      fc.property(
        weekArb,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: -50, max: 50 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (week, judgeId, shift, factor) => {
          const input = { ...week, normalise: true };
          const moved = {
            ...input,
            scores: input.scores.map((s) => (s.judgeId === judgeId ? { ...s, value: s.value * factor + shift } : s)),
          };
          const before = tally(input);
          const after = tally(moved);
          const scoreOf = (rows: TallyRow[]) => new Map(rows.map((r) => [r.demoId, r.score]));
          const a = scoreOf(before);
          const b = scoreOf(after);
          for (const [id, score] of a) {
            const other = b.get(id);
            if (score === null || other === null || other === undefined) expect(other).toBe(score);
            else expect(Math.abs(score - other)).toBeLessThan(1e-9);
          }
          // Demos that differ on score keep their order. (Among demos tied on score the declared
          // tie-breaks use raw values, which a rescale legitimately changes.)
          const rankOf = (rows: TallyRow[]) => new Map(rows.map((r) => [r.demoId, r.rank]));
          const ra = rankOf(before);
          const rb = rankOf(after);
          for (const x of before)
            for (const y of before) {
              if (x.score === null || y.score === null || Math.abs(x.score - y.score) < 1e-6) continue;
              expect(Math.sign((ra.get(x.demoId) ?? 0) - (ra.get(y.demoId) ?? 0))).toBe(
                Math.sign((rb.get(x.demoId) ?? 0) - (rb.get(y.demoId) ?? 0)),
              );
            }
          const scored = before.filter((r) => r.score !== null);
          const noTies = scored.every((x, i) =>
            scored.every((y, j) => i === j || Math.abs((x.score ?? 0) - (y.score ?? 0)) >= 1e-6),
          );
          if (noTies) expect(order(after)).toEqual(order(before));
        },
      ),
      { numRuns: 300 },
    );
  });
});
