/** Demo-day running order: pure rules shared by the schedule editor, the schedule page and the feed. */

export type OrderItem = { id: number; departmentIds: number[] };

const MINUTE = 60_000;

/** Limits of a demo slot and of the change-over between two demos, in minutes. */
export const SLOT_MINUTES = { min: 1, max: 60, default: 3 } as const;
export const CHANGEOVER_MINUTES = { min: 0, max: 30, default: 1 } as const;

/**
 * An order in which consecutive demos share no department wherever that is possible.
 *
 * Greedy, like the classic "no two neighbours alike" rearrangement: at each step it takes, among the
 * demos that share no department with the one just placed, the demo whose departments still have the
 * most demos waiting (so the largest groups are spread out first, before they can only end up side by
 * side). Ties go to the higher total over all its departments, then to the earlier position in the
 * input, so the result is deterministic. When every remaining demo clashes, the same rule picks among
 * all of them.
 */
export function interleaveDepartments<T extends OrderItem>(demos: readonly T[]): T[] {
  const remaining = demos.map((demo, index) => ({ demo, index, departments: [...new Set(demo.departmentIds)] }));
  const waiting = new Map<number, number>();
  for (const r of remaining) for (const d of r.departments) waiting.set(d, (waiting.get(d) ?? 0) + 1);

  const out: T[] = [];
  let previous = new Set<number>();
  while (remaining.length > 0) {
    const clashFree = remaining.filter((r) => !r.departments.some((d) => previous.has(d)));
    const pool = clashFree.length > 0 ? clashFree : remaining;
    let best = pool[0];
    let bestKey: [number, number, number] = [-1, -1, 0];
    for (const r of pool) {
      const counts = r.departments.map((d) => waiting.get(d) ?? 0);
      const key: [number, number, number] = [Math.max(0, ...counts), counts.reduce((a, b) => a + b, 0), -r.index];
      if (
        key[0] > bestKey[0] ||
        (key[0] === bestKey[0] && (key[1] > bestKey[1] || (key[1] === bestKey[1] && key[2] > bestKey[2])))
      ) {
        best = r;
        bestKey = key;
      }
    }
    if (!best) break;
    remaining.splice(remaining.indexOf(best), 1);
    for (const d of best.departments) waiting.set(d, (waiting.get(d) ?? 1) - 1);
    out.push(best.demo);
    previous = new Set(best.departments);
  }
  return out;
}

/** How many neighbouring pairs share a department (0 when the order is fully interleaved). */
export function departmentClashes(order: readonly OrderItem[]): number {
  let clashes = 0;
  for (let i = 1; i < order.length; i++) {
    const before = new Set(order[i - 1]?.departmentIds ?? []);
    if (order[i]?.departmentIds.some((d) => before.has(d))) clashes++;
  }
  return clashes;
}

export type Timing = { startsAt: Date; slotMinutes: number; changeoverMinutes: number };
export type Slot = { id: number; startsAt: Date; endsAt: Date };

/** Back-to-back slots: each demo gets `slotMinutes`, then `changeoverMinutes` before the next one starts. */
export function slots(order: ReadonlyArray<{ id: number }>, timing: Timing): Slot[] {
  const start = timing.startsAt.getTime();
  const step = (timing.slotMinutes + timing.changeoverMinutes) * MINUTE;
  return order.map((demo, i) => {
    const startsAt = new Date(start + i * step);
    return { id: demo.id, startsAt, endsAt: new Date(startsAt.getTime() + timing.slotMinutes * MINUTE) };
  });
}

/** The order with `id` swapped with the demo before it (unchanged when it is first or absent). */
export function moveUp(order: readonly number[], id: number): number[] {
  const out = [...order];
  const i = out.indexOf(id);
  if (i > 0) [out[i - 1], out[i]] = [id, out[i - 1] as number];
  return out;
}

/** The order with `id` swapped with the demo after it (unchanged when it is last or absent). */
export function moveDown(order: readonly number[], id: number): number[] {
  const out = [...order];
  const i = out.indexOf(id);
  if (i >= 0 && i < out.length - 1) [out[i + 1], out[i]] = [id, out[i + 1] as number];
  return out;
}

/** The end of the slot of the demo presenting now: it runs `slotMinutes` from when it actually started. */
export function presentingEndsAt(since: Date, slotMinutes: number): Date {
  return new Date(since.getTime() + slotMinutes * MINUTE);
}
