import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { departmentClashes, interleaveDepartments, moveDown, moveUp, presentingEndsAt, slots } from "~/demoday/order";

const demo = (id: number, ...departmentIds: number[]) => ({ id, departmentIds });
const ids = (list: Array<{ id: number }>) => list.map((d) => d.id);

describe("interleaveDepartments", () => {
  it("separates demos of the same department", () => {
    const input = [demo(1, 10), demo(2, 10), demo(3, 10), demo(4, 20), demo(5, 20)];
    const out = interleaveDepartments(input);
    expect(ids(out)).toEqual([1, 4, 2, 5, 3]);
    expect(departmentClashes(out)).toBe(0);
  });

  it("spreads the largest group first so it never has to end up side by side", () => {
    // Taking input order would leave the three 10s for last; most-remaining first avoids that.
    const input = [demo(1, 20), demo(2, 30), demo(3, 10), demo(4, 10), demo(5, 10)];
    const out = interleaveDepartments(input);
    expect(departmentClashes(out)).toBe(0);
    expect(ids(out)[0]).toBe(3);
  });

  it("handles demos with several departments", () => {
    const input = [demo(1, 1, 2), demo(2, 2, 3), demo(3, 3, 4), demo(4, 4, 1), demo(5, 5)];
    const out = interleaveDepartments(input);
    expect(departmentClashes(out)).toBe(0);
    expect([...ids(out)].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("keeps clashes to the unavoidable ones when one department dominates", () => {
    const input = [demo(1, 1), demo(2, 1), demo(3, 1), demo(4, 1), demo(5, 2)];
    const out = interleaveDepartments(input);
    // Four of department 1 and one other: at best 1,2,1,1,1 → two clashes.
    expect(departmentClashes(out)).toBe(2);
    expect(ids(out)).toEqual([1, 5, 2, 3, 4]);
  });

  it("is deterministic, keeps every demo once, and handles empty and duplicate departments", () => {
    expect(interleaveDepartments([])).toEqual([]);
    expect(ids(interleaveDepartments([demo(7), demo(8, 3, 3)]))).toEqual([8, 7]);
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }), { maxLength: 25 }), (departments) => {
        const input = departments.map((d, i) => demo(i + 1, ...d));
        const a = interleaveDepartments(input);
        const b = interleaveDepartments(input);
        expect(ids(a)).toEqual(ids(b));
        expect([...ids(a)].sort((x, y) => x - y)).toEqual(ids(input));
      }),
    );
  });

  it("finds a clash-free order whenever single-department demos allow one", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 30 }), (departments) => {
        const input = departments.map((d, i) => demo(i + 1, d));
        const counts = new Map<number, number>();
        for (const d of departments) counts.set(d, (counts.get(d) ?? 0) + 1);
        const largest = Math.max(...counts.values());
        const possible = largest <= Math.ceil(departments.length / 2);
        const clashes = departmentClashes(interleaveDepartments(input));
        if (possible) expect(clashes).toBe(0);
        else expect(clashes).toBe(largest - 1 - (departments.length - largest));
      }),
    );
  });
});

describe("slots", () => {
  it("gives back-to-back slots with change-over between them", () => {
    const startsAt = new Date("2026-07-03T13:00:00Z");
    const out = slots([{ id: 5 }, { id: 2 }, { id: 9 }], { startsAt, slotMinutes: 3, changeoverMinutes: 1 });
    expect(out.map((s) => [s.id, s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      [5, "2026-07-03T13:00:00.000Z", "2026-07-03T13:03:00.000Z"],
      [2, "2026-07-03T13:04:00.000Z", "2026-07-03T13:07:00.000Z"],
      [9, "2026-07-03T13:08:00.000Z", "2026-07-03T13:11:00.000Z"],
    ]);
  });

  it("allows no change-over and an empty order", () => {
    const startsAt = new Date("2026-07-03T13:00:00Z");
    expect(slots([], { startsAt, slotMinutes: 3, changeoverMinutes: 1 })).toEqual([]);
    const out = slots([{ id: 1 }, { id: 2 }], { startsAt, slotMinutes: 10, changeoverMinutes: 0 });
    expect(out[1]?.startsAt.toISOString()).toBe("2026-07-03T13:10:00.000Z");
  });

  it("ends the slot of the demo presenting now slotMinutes after it started", () => {
    expect(presentingEndsAt(new Date("2026-07-03T13:01:30Z"), 3).toISOString()).toBe("2026-07-03T13:04:30.000Z");
  });
});

describe("moveUp / moveDown", () => {
  it("swaps with the neighbour", () => {
    expect(moveUp([1, 2, 3], 3)).toEqual([1, 3, 2]);
    expect(moveDown([1, 2, 3], 1)).toEqual([2, 1, 3]);
  });

  it("leaves the ends and unknown ids alone, without mutating the input", () => {
    const order = [1, 2, 3];
    expect(moveUp(order, 1)).toEqual([1, 2, 3]);
    expect(moveDown(order, 3)).toEqual([1, 2, 3]);
    expect(moveUp(order, 42)).toEqual([1, 2, 3]);
    expect(moveDown(order, 42)).toEqual([1, 2, 3]);
    moveUp(order, 2);
    expect(order).toEqual([1, 2, 3]);
  });
});
