/**
 * Result tallies for leadership voting and people's choice (pure: no database, no framework).
 *
 * Determinism: every sum runs in a canonical order (judges, demos and criteria sorted by id or
 * position), so the same ballots give bit-identical results whatever order the arrays arrive in.
 * Equality of scores and means uses a tolerance, so floating-point noise never decides a rank.
 */

export type Criterion = {
  id: number;
  name: string;
  weight: number /* > 0 */;
  scaleMin: number;
  scaleMax: number;
  position: number;
};
export type Score = { judgeId: number; demoId: number; criterionId: number; value: number };
export type DemoInfo = { id: number; submittedAt: Date };

export type TallyInput = {
  demos: readonly DemoInfo[];
  criteria: readonly Criterion[];
  scores: readonly Score[];
  normalise: boolean;
  /** For a by-criterion award: rank on this criterion's value instead of the weighted score. */
  criterionId?: number;
};

export type TallyRow = {
  demoId: number;
  rank: number;
  /** Mean of the judges' (normalised) values; null when the demo has no complete ballot. */
  score: number | null;
  /** Mean of the judges' raw values (weighted score, or the award's criterion). */
  rawMean: number | null;
  /** Complete ballots counted for this demo. */
  judges: number;
  firstPlaces: number;
  /** Mean of the first criterion (lowest position) over the complete ballots. */
  firstCriterionMean: number | null;
  /** Which declared rule put the demo just above ahead of this one when their scores were equal. */
  tieBreak: string | null;
};

export type PeoplesChoiceRow = { demoId: number; rank: number; votes: number; tieBreak: string | null };

/** Relative tolerance: values this close count as equal. */
export const TOLERANCE = 1e-9;
const close = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

const sortedCriteria = (criteria: readonly Criterion[]) => [...criteria].sort((a, b) => a.position - b.position || a.id - b.id);
const mean = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length);

/** Values per criterion id, for one judge and demo. */
function valuesByCriterion(scores: readonly Score[]) {
  const byCriterion = new Map<number, number[]>();
  for (const s of scores) byCriterion.set(s.criterionId, [...(byCriterion.get(s.criterionId) ?? []), s.value]);
  return byCriterion;
}

/**
 * A complete ballot is one judge's scores for one demo with exactly one finite value for every
 * criterion of the week. Only complete ballots count in a tally: a half-filled ballot would weigh
 * the criteria differently from everyone else's (and a by-criterion award uses the same ballots).
 */
export function isCompleteBallot(scores: readonly Score[], criteria: readonly Criterion[]): boolean {
  const byCriterion = valuesByCriterion(scores);
  return (
    criteria.length > 0 &&
    criteria.every((c) => byCriterion.get(c.id)?.length === 1 && Number.isFinite(byCriterion.get(c.id)?.[0]))
  );
}

/**
 * Weighted mean Σ w·v / Σ w over the criteria scored in `scores` (one judge, one demo). Scores for
 * unknown criteria are ignored; null when nothing is scored or a criterion is scored twice or with
 * a non-number (the ballot is ambiguous).
 */
export function weightedScore(scores: readonly Score[], criteria: readonly Criterion[]): number | null {
  const byCriterion = valuesByCriterion(scores);
  let weighted = 0;
  let weights = 0;
  for (const c of sortedCriteria(criteria)) {
    const values = byCriterion.get(c.id);
    if (!values) continue;
    const [value] = values;
    if (values.length !== 1 || value === undefined || !Number.isFinite(value)) return null;
    weighted += c.weight * value;
    weights += c.weight;
  }
  return weights > 0 ? weighted / weights : null;
}

type Ballot = { judgeId: number; demoId: number; value: number; first: number };

export function tally(input: TallyInput): TallyRow[] {
  const criteria = sortedCriteria(input.criteria);
  for (const c of criteria) {
    if (!(Number.isFinite(c.weight) && c.weight > 0)) throw new RangeError(`Criterion #${c.id} needs a weight above 0`);
  }
  const award = input.criterionId === undefined ? undefined : criteria.find((c) => c.id === input.criterionId);
  if (input.criterionId !== undefined && !award)
    throw new RangeError(`Criterion #${input.criterionId} is not a criterion of this week`);
  const demos = [...input.demos].sort((a, b) => a.id - b.id);
  const demoIds = new Set(demos.map((d) => d.id));

  // Group scores into ballots, then keep only complete ones, in (judge, demo) order.
  const grouped = new Map<string, Score[]>();
  for (const s of input.scores) {
    if (!demoIds.has(s.demoId)) continue;
    const key = `${s.judgeId}:${s.demoId}`;
    grouped.set(key, [...(grouped.get(key) ?? []), s]);
  }
  const ballots: Ballot[] = [];
  for (const scores of grouped.values()) {
    if (!isCompleteBallot(scores, criteria)) continue;
    const byCriterion = valuesByCriterion(scores);
    const pick = (c: Criterion) => byCriterion.get(c.id)?.[0] as number;
    const value = award ? pick(award) : (weightedScore(scores, criteria) as number);
    const [{ judgeId, demoId }] = scores as [Score];
    ballots.push({ judgeId, demoId, value, first: pick(criteria[0] as Criterion) });
  }
  ballots.sort((a, b) => a.judgeId - b.judgeId || a.demoId - b.demoId);

  // Per judge: z-scores (so harsh and lenient judges count the same) and first places.
  const normalised = new Map<Ballot, number>();
  const firstPlaces = new Map<number, number>();
  for (const own of groupBy(ballots, (b) => b.judgeId).values()) {
    const values = own.map((b) => b.value);
    const mu = mean(values) as number;
    const sigma = Math.sqrt(values.reduce((s, v) => s + (v - mu) ** 2, 0) / values.length);
    // σ within noise of 0 (all equal, or a single demo): the judge expresses no preference.
    const flat = sigma <= TOLERANCE * Math.max(...values.map(Math.abs));
    for (const b of own) normalised.set(b, flat ? 0 : (b.value - mu) / sigma);
    const best = Math.max(...values);
    for (const b of own) if (close(b.value, best)) firstPlaces.set(b.demoId, (firstPlaces.get(b.demoId) ?? 0) + 1);
  }

  const byDemo = groupBy(ballots, (b) => b.demoId);
  const means = demos.map((demo) => {
    const own = byDemo.get(demo.id) ?? [];
    const rawMean = mean(own.map((b) => b.value));
    const score = input.normalise ? mean(own.map((b) => normalised.get(b) as number)) : rawMean;
    return {
      demo,
      score,
      rawMean,
      judges: own.length,
      firstPlaces: firstPlaces.get(demo.id) ?? 0,
      firstCriterionMean: mean(own.map((b) => b.first)),
    };
  });
  // Tolerant equality is not transitive, so each mean becomes a tie class first: a consistent total order.
  const scoreClass = tieClasses(means.map((r) => r.score));
  const rawClass = tieClasses(means.map((r) => r.rawMean));
  const firstClass = tieClasses(means.map((r) => r.firstCriterionMean));
  const rows = means.map((r, i) => ({
    ...r,
    scoreClass: scoreClass[i] ?? 0,
    rawClass: rawClass[i] ?? 0,
    firstClass: firstClass[i] ?? 0,
  }));
  type Row = (typeof rows)[number];

  // The declared tie-breaks, in order; each comparison is negative when `a` should rank above `b`.
  // Demos without a complete ballot share the last class; among them only the submission rules apply.
  type Rule = [string, (a: Row, b: Row) => number];
  const submissionRules: Rule[] = [
    ["earlier submission", (a, b) => a.demo.submittedAt.getTime() - b.demo.submittedAt.getTime()],
    ["lower demo id", (a, b) => a.demo.id - b.demo.id],
  ];
  const rules: Rule[] = [
    ["higher raw mean", (a, b) => a.rawClass - b.rawClass],
    ["more first places", (a, b) => b.firstPlaces - a.firstPlaces],
    [`higher mean on ${criteria[0]?.name ?? "the first criterion"}`, (a, b) => a.firstClass - b.firstClass],
    ...submissionRules,
  ];
  const deciding = (a: Row, b: Row) => {
    if (a.scoreClass !== b.scoreClass) return null;
    for (const [name, compare] of a.score === null ? submissionRules : rules) {
      const order = compare(a, b);
      if (order !== 0) return { name, order };
    }
    return null;
  };
  rows.sort((a, b) => a.scoreClass - b.scoreClass || (deciding(a, b)?.order ?? 0));

  return rows.map((r, i) => {
    const above = rows[i - 1];
    const rule = above ? deciding(above, r) : null;
    return {
      demoId: r.demo.id,
      rank: i + 1,
      score: r.score,
      rawMean: r.rawMean,
      judges: r.judges,
      firstPlaces: r.firstPlaces,
      firstCriterionMean: r.firstCriterionMean,
      tieBreak: rule ? `${r.score === null ? "No complete ballot" : "Tied on score"}; ${rule.name}` : null,
    };
  });
}

/**
 * Class per value, 0 for the highest: values within tolerance of their neighbour in sorted order
 * share a class; null (no ballot) gets the class after all numbers.
 */
function tieClasses(values: ReadonlyArray<number | null>): number[] {
  const order = values.map((v, i) => ({ v, i })).filter((x): x is { v: number; i: number } => x.v !== null);
  order.sort((a, b) => b.v - a.v || a.i - b.i);
  const classes = new Array<number>(values.length).fill(Number.MAX_SAFE_INTEGER);
  let cls = 0;
  order.forEach((x, n) => {
    const previous = order[n - 1];
    if (previous && !close(previous.v, x.v)) cls++;
    classes[x.i] = cls;
  });
  return classes;
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Distinct voters per demo, most votes first; ties by earlier submission, then lower demo id. */
export function peoplesChoice(
  votes: ReadonlyArray<{ userId: number; demoId: number }>,
  demos: readonly DemoInfo[],
): PeoplesChoiceRow[] {
  const voters = new Map<number, Set<number>>(demos.map((d) => [d.id, new Set<number>()]));
  for (const v of votes) voters.get(v.demoId)?.add(v.userId);
  const rows = [...demos]
    .filter((d, i, all) => all.findIndex((x) => x.id === d.id) === i)
    .map((demo) => ({ demo, votes: voters.get(demo.id)?.size ?? 0 }));
  type Row = (typeof rows)[number];
  const rules: Array<[string, (a: Row, b: Row) => number]> = [
    ["earlier submission", (a, b) => a.demo.submittedAt.getTime() - b.demo.submittedAt.getTime()],
    ["lower demo id", (a, b) => a.demo.id - b.demo.id],
  ];
  const deciding = (a: Row, b: Row) => {
    for (const [name, compare] of rules) if (compare(a, b) !== 0) return { name, order: compare(a, b) };
    return null;
  };
  rows.sort((a, b) => b.votes - a.votes || (deciding(a, b)?.order ?? 0));
  return rows.map((r, i) => {
    const above = rows[i - 1];
    const rule = above && above.votes === r.votes ? deciding(above, r) : null;
    return { demoId: r.demo.id, rank: i + 1, votes: r.votes, tieBreak: rule ? `Tied on votes; ${rule.name}` : null };
  });
}

/** The method in plain words, for the results page. */
export function explainMethod(normalise: boolean): string {
  const scoring = normalise
    ? "Each judge's scores are normalised before they are combined: for every judge we take the weighted score of each demo they scored, subtract that judge's average and divide by how widely that judge's scores spread (a judge who gave every demo the same score, or scored only one demo, counts as neutral). This way harsh and lenient judges count the same. A demo's score is the average of its judges' normalised scores."
    : "A demo's score is the average of its judges' weighted scores, as given (not normalised).";
  return [
    "Each judge scores a demo on every criterion; the judge's score for the demo is the weighted average of those criteria. Only complete ballots count: a judge who left a criterion unscored for a demo is not counted for that demo.",
    scoring,
    "When two demos have the same score (equal within a billionth, so rounding never decides), the tie is broken, in this order, by: 1. the higher average of the judges' weighted scores as given; 2. more judges who placed the demo first among the demos they scored (shared first places count for each); 3. the higher average on the first criterion; 4. the earlier submission; 5. the lower demo number.",
    "Demos without any complete ballot are listed last, in order of submission.",
  ].join("\n\n");
}
