/**
 * Balanced judge assignment for leadership voting (pure: no database, no framework).
 *
 * Formulation: a flow network source → demo (capacity min(k, eligible judges)) → judge (capacity 1
 * unless conflicted) → sink, where a judge's n-th demo costs 2n−1 (so a load L costs L²). We solve it
 * as a min-cost flow by successive shortest augmenting paths: every demo gets min(k, eligible) judges
 * (always possible — judges have no hard cap), and among all such assignments the result has the least
 * Σ load². With the total fixed, the load vectors of least Σ load² are exactly those whose max − min ≤ 1,
 * so whenever a split with loads within one of each other exists, that is what we return; otherwise the
 * result is as even as conflicts allow and says why.
 *
 * Deterministic: demos are sorted by running order then id, judges by id, conflicts become a set, and
 * every search visits them in that order, ties going to the lower judge id — shuffled input arrays give
 * the identical result.
 */

export type AssignmentInput = {
  demos: ReadonlyArray<{ id: number; position: number /* running order */ }>;
  judges: readonly number[];
  conflicts: ReadonlyArray<{ judgeId: number; demoId: number }>;
  /** k: judges per demo. */
  perDemo: number;
};

export type Assignment = { judgeId: number; demoId: number };
export type AssignmentProblem = { demoId?: number; message: string };
export type AssignmentResult =
  | { ok: true; assignments: Assignment[]; loads: Record<number, number> }
  | { ok: false; problems: AssignmentProblem[]; assignments: Assignment[]; loads: Record<number, number> };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function assignJudges(input: AssignmentInput): AssignmentResult {
  const k = input.perDemo;
  const demos = canonicalDemos(input.demos);
  const judges = [...new Set(input.judges)].sort((a, b) => a - b);
  const conflicted = new Set(input.conflicts.map((c) => `${c.judgeId}:${c.demoId}`));
  const loads: Record<number, number> = Object.fromEntries(judges.map((j) => [j, 0]));
  const problems: AssignmentProblem[] = [];

  if (!Number.isInteger(k) || k < 1) {
    return { ok: false, problems: [{ message: `k must be a whole number of at least 1 (got ${k})` }], assignments: [], loads };
  }
  if (demos.length === 0) return { ok: true, assignments: [], loads };
  if (judges.length === 0) return { ok: false, problems: [{ message: "no judges" }], assignments: [], loads };
  if (k > judges.length) problems.push({ message: `k=${k} but only ${plural(judges.length, "judge")}` });

  // Eligible judges per demo, as indexes into `judges` (ascending, so ties go to lower ids).
  const eligible = demos.map((d) => judges.flatMap((j, i) => (conflicted.has(`${j}:${d.id}`) ? [] : [i])));
  demos.forEach((demo, d) => {
    const count = eligible[d]?.length ?? 0;
    // When k exceeds the number of judges the message above already says why; name only the demos
    // that conflicts leave short of what the judges could give.
    if (count >= Math.min(k, judges.length)) return;
    const have = count === 0 ? "no judge" : `only ${plural(count, "judge")}`;
    problems.push({ demoId: demo.id, message: `Demo #${demo.id} has ${have} without a conflict (needs ${k})` });
  });

  const chosen = balancedPlan(eligible, judges.length, k);
  const assignments: Assignment[] = [];
  demos.forEach((demo, d) => {
    for (const i of chosen[d] ?? []) {
      const judgeId = judges[i] as number;
      assignments.push({ judgeId, demoId: demo.id });
      loads[judgeId] = (loads[judgeId] ?? 0) + 1;
    }
  });

  const values = judges.map((j) => loads[j] ?? 0);
  const max = Math.max(...values);
  const min = Math.min(...values);
  if (max - min > 1) {
    const most = judges[values.indexOf(max)];
    const least = judges[values.indexOf(min)];
    problems.push({
      message: `Judge loads range from ${min} (judge #${least}) to ${max} (judge #${most}); conflicts rule out a split where they differ by at most one`,
    });
  }
  return problems.length === 0 ? { ok: true, assignments, loads } : { ok: false, problems, assignments, loads };
}

/** One entry per demo id (the earliest slot if listed twice), in running order then id. */
function canonicalDemos(demos: AssignmentInput["demos"]) {
  const byId = new Map<number, { id: number; position: number }>();
  for (const d of demos) {
    const seen = byId.get(d.id);
    if (!seen || d.position < seen.position) byId.set(d.id, { id: d.id, position: d.position });
  }
  return [...byId.values()].sort((a, b) => a.position - b.position || a.id - b.id);
}

/**
 * Chooses min(k, eligible) judges per demo (indexes into the sorted judges), least Σ load² overall.
 *
 * Each step gives one more judge to one demo along a shortest augmenting path. In this network the
 * only costs sit on judge → sink edges, so the shortest path from a demo ends at the least-loaded judge
 * reachable by an alternating path: demo → eligible judge not yet on it → another demo that judge is
 * on → … . Moving along the path hands each demo on it over to the next judge, and only the last judge
 * gains a demo. Augmenting along shortest paths keeps the flow min-cost for its value, so no later
 * swap could lower Σ load².
 */
function balancedPlan(eligible: number[][], judgeCount: number, k: number): number[][] {
  const demoCount = eligible.length;
  const assigned = eligible.map(() => new Array<boolean>(judgeCount).fill(false));
  const load = new Array<number>(judgeCount).fill(0);

  eligible.forEach((judges, start) => {
    for (let slot = 0; slot < Math.min(k, judges.length); slot++) {
      // Breadth-first over alternating paths; parents let us walk the chosen path back.
      const judgeFrom = new Array<number>(judgeCount).fill(-1); // demo that reaches the judge
      const demoFrom = new Array<number>(demoCount).fill(-1); // judge that reaches the demo
      demoFrom[start] = judgeCount; // marks the start as visited
      const queue = [start];
      let best = -1;
      for (let head = 0; head < queue.length; head++) {
        const demo = queue[head] as number;
        for (const j of eligible[demo] ?? []) {
          if (assigned[demo]?.[j] || judgeFrom[j] !== -1) continue;
          judgeFrom[j] = demo;
          if (best === -1 || (load[j] ?? 0) < (load[best] ?? 0) || ((load[j] ?? 0) === (load[best] ?? 0) && j < best)) best = j;
          for (let other = 0; other < demoCount; other++) {
            if (assigned[other]?.[j] && demoFrom[other] === -1) {
              demoFrom[other] = j;
              queue.push(other);
            }
          }
        }
      }
      // `start` still has an eligible judge it lacks (it holds fewer than min(k, eligible)), so best ≥ 0.
      load[best] = (load[best] ?? 0) + 1;
      for (let judge = best; ; ) {
        const demo = judgeFrom[judge] as number;
        (assigned[demo] as boolean[])[judge] = true;
        if (demo === start) break;
        const previous = demoFrom[demo] as number;
        (assigned[demo] as boolean[])[previous] = false;
        judge = previous;
      }
    }
  });
  return assigned.map((row) => row.flatMap((on, j) => (on ? [j] : [])));
}
