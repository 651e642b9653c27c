import { describe, expect, it } from "vitest";
import {
  CHECKPOINT_DAYS,
  checkpointDueAt,
  checkpointState,
  checkpoints,
  currentCheckpoint,
  dateIn,
  dateProblem,
  evidenceProblem,
  figureProblem,
  IMPACT_KIND_INFO,
  type ImpactInput,
  impactProblem,
  impactProblems,
  isCalendarDate,
  outcomeProblem,
  seriesLabel,
  unitLabel,
} from "~/outcomes/rules";
import { ImpactSchema, OutcomeActionSchema, OutcomeSchema } from "~/outcomes/schemas.server";

const DAY = 86_400_000;
const MS = 1;
const published = new Date("2026-01-10T15:00:00.000Z");
const due30 = new Date(published.getTime() + 30 * DAY);

describe("checkpointState at its exact boundaries", () => {
  it("is due exactly N days after results, upcoming one millisecond before", () => {
    expect(checkpointDueAt(published, 30)).toEqual(due30);
    expect(checkpointState(published, 30, new Date(due30.getTime() - MS), [])).toBe("upcoming");
    expect(checkpointState(published, 30, due30, [])).toBe("due");
  });

  it("becomes overdue exactly 14 days after it fell due", () => {
    const overdueAt = due30.getTime() + 14 * DAY;
    expect(checkpointState(published, 30, new Date(overdueAt - MS), [])).toBe("due");
    expect(checkpointState(published, 30, new Date(overdueAt), [])).toBe("overdue");
  });

  it("is done by activity at or after (due − 15 days), not one millisecond earlier", () => {
    const windowStart = due30.getTime() - 15 * DAY;
    const now = new Date(due30.getTime() + 20 * DAY);
    expect(checkpointState(published, 30, now, [new Date(windowStart)])).toBe("done");
    expect(checkpointState(published, 30, now, [new Date(windowStart - MS)])).toBe("overdue");
    // Done even before it falls due, once inside the window.
    expect(checkpointState(published, 30, new Date(due30.getTime() - DAY), [new Date(windowStart + DAY)])).toBe("done");
  });

  it("any one recent activity counts; older ones do not", () => {
    const now = new Date(due30.getTime() + DAY);
    expect(checkpointState(published, 30, now, [new Date(published.getTime()), new Date(due30.getTime() - 2 * DAY)])).toBe(
      "done",
    );
    expect(checkpointState(published, 30, now, [new Date(published.getTime())])).toBe("due");
  });

  it("lists the three checkpoints and picks the latest fallen due as the current one", () => {
    expect(CHECKPOINT_DAYS).toEqual([30, 90, 180]);
    const now = new Date(published.getTime() + 100 * DAY);
    const list = checkpoints(published, now, []);
    expect(list.map((c) => [c.days, c.state])).toEqual([
      [30, "overdue"],
      [90, "due"],
      [180, "upcoming"],
    ]);
    expect(currentCheckpoint(list, now)?.days).toBe(90);
    expect(
      currentCheckpoint(checkpoints(published, new Date(published.getTime() + DAY), []), new Date(published.getTime() + DAY)),
    ).toBeNull();
  });
});

describe("outcome rules", () => {
  it("continued needs an owning team; stopped needs lessons", () => {
    expect(outcomeProblem({ status: "continued", owningTeam: " ", lessons: "" })?.field).toBe("owningTeam");
    expect(outcomeProblem({ status: "continued", owningTeam: "Payments", lessons: "" })).toBeNull();
    expect(outcomeProblem({ status: "stopped", owningTeam: "", lessons: "" })?.field).toBe("lessons");
    expect(outcomeProblem({ status: "stopped", owningTeam: "", lessons: "Too slow" })).toBeNull();
    expect(outcomeProblem({ status: "shipped", owningTeam: "", lessons: "" })).toBeNull();
  });

  it("dates must be real, not in the future and not before the week", () => {
    const window = { earliest: "2026-03-02", today: "2026-06-01" };
    expect(isCalendarDate("2026-02-30")).toBe(false);
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(dateProblem("2026-02-30", window, "happenedOn")?.message).toMatch(/calendar date/);
    expect(dateProblem("2026-06-02", window, "happenedOn")?.message).toMatch(/future/);
    expect(dateProblem("2026-06-01", window, "happenedOn")).toBeNull();
    expect(dateProblem("2026-03-02", window, "happenedOn")).toBeNull();
    expect(dateProblem("2026-03-01", window, "happenedOn")?.message).toMatch(/before the week/);
  });

  it("dateIn gives the calendar date in the week's zone", () => {
    const lateUtc = new Date("2026-06-01T23:30:00Z");
    expect(dateIn(lateUtc, "UTC")).toBe("2026-06-01");
    expect(dateIn(lateUtc, "Europe/Berlin")).toBe("2026-06-02");
    expect(dateIn(lateUtc, "Not/AZone")).toBe("2026-06-01");
  });
});

const base: Omit<ImpactInput, "measuredOn"> = {
  kind: "hours_saved",
  metric: "",
  unit: "",
  baseline: null,
  value: 100,
  evidenceUrl: "",
  note: "",
};

describe("impact rules", () => {
  it("refuses negative and absurd figures at the kind's maximum + 1", () => {
    expect(figureProblem("hours_saved", -0.01, "value")?.message).toMatch(/negative/);
    expect(figureProblem("hours_saved", 0, "value")).toBeNull();
    expect(figureProblem("hours_saved", 10_000_000, "value")).toBeNull();
    expect(figureProblem("hours_saved", 10_000_000.01, "value")?.message).toMatch(/implausibly large/);
    expect(figureProblem("money_saved", 10_000_000_000, "value")).toBeNull();
    expect(figureProblem("money_saved", 10_000_000_001, "value")?.message).toMatch(/implausibly/);
    expect(figureProblem("people_reached", 10_000_001, "value")?.message).toMatch(/implausibly/);
    expect(figureProblem("people_reached", 2.5, "value")?.message).toMatch(/whole number/);
    expect(figureProblem("custom", 1e12, "value")).toBeNull();
    expect(figureProblem("custom", 1e12 + 1, "value")?.message).toMatch(/implausibly/);
    expect(figureProblem("hours_saved", 1.005, "value")?.message).toMatch(/two decimal/);
    expect(figureProblem("hours_saved", 12.34, "value")).toBeNull();
    expect(figureProblem("hours_saved", -1, "baseline")).toEqual({
      field: "baseline",
      message: "The baseline cannot be negative.",
    });
    expect(figureProblem("hours_saved", Number.NaN, "value")?.message).toMatch(/number/);
    expect(IMPACT_KIND_INFO.custom.max).toBe(1e12);
  });

  it("evidence must be an absolute http(s) link without credentials", () => {
    expect(evidenceProblem("")).toBeNull();
    expect(evidenceProblem("https://wiki.example.com/page")).toBeNull();
    expect(evidenceProblem("http://example.com")).toBeNull();
    expect(evidenceProblem("javascript:alert(1)")).toMatch(/http/);
    expect(evidenceProblem("ftp://example.com/file")).toMatch(/http/);
    expect(evidenceProblem("www.example.com")).toMatch(/full address/);
    expect(evidenceProblem("https://user:pw@example.com")).toMatch(/user name/);
    expect(evidenceProblem("https://exa mple.com")).toMatch(/spaces/);
  });

  it("custom measures need a name and unit; money a currency; standard kinds no name", () => {
    expect(impactProblem({ ...base, kind: "custom" })?.field).toBe("metric");
    expect(impactProblems({ ...base, kind: "custom" }).map((p) => p.field)).toEqual(["metric", "unit"]);
    expect(impactProblem({ ...base, kind: "custom", metric: "Builds per day", unit: "builds/day" })).toBeNull();
    expect(impactProblem({ ...base, kind: "money_saved", unit: "euro" })?.field).toBe("currency");
    expect(impactProblem({ ...base, kind: "money_saved", unit: "EUR" })).toBeNull();
    expect(impactProblem({ ...base, metric: "x" })?.field).toBe("metric");
    expect(impactProblem({ ...base, unit: "h" })?.field).toBe("unit");
    expect(impactProblem({ ...base, evidenceUrl: "file:///etc/passwd" })?.field).toBe("evidenceUrl");
  });

  it("labels units and series", () => {
    expect(unitLabel("money_saved", "USD")).toBe("USD per year");
    expect(unitLabel("hours_saved", "")).toBe("hours/year");
    expect(unitLabel("custom", "builds/day")).toBe("builds/day");
    expect(seriesLabel("custom", "Builds per day")).toBe("Builds per day");
    expect(seriesLabel("people_reached", "")).toBe("People reached");
  });
});

describe("outcome and impact schemas", () => {
  it("put each problem beside its field", () => {
    const r = OutcomeSchema.safeParse({ status: "continued", happenedOn: "2026-01-02", owningTeam: "" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["owningTeam"]);
    const s = OutcomeSchema.safeParse({ status: "stopped", happenedOn: "2026-13-02" });
    expect(s.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["happenedOn", "lessons"]);
    const t = OutcomeSchema.safeParse({ status: "stopped", happenedOn: "2026-01-02" });
    expect(t.error?.issues.map((i) => i.path.join("."))).toEqual(["lessons"]);
  });

  it("drops fields that do not belong to the chosen status", () => {
    const r = OutcomeSchema.parse({ status: "shipped", happenedOn: "2026-01-02", owningTeam: "X", lessons: "Y" });
    expect(r).toMatchObject({ owningTeam: "", lessons: "" });
  });

  it("reads figures with thousands separators, refuses words and reports every bad field", () => {
    const ok = ImpactSchema.parse({
      kind: "money_saved",
      currency: "usd",
      value: "1,200.50",
      baseline: "",
      measuredOn: "2026-01-02",
    });
    expect(ok).toMatchObject({ unit: "USD", value: 1200.5, baseline: null, metric: "" });
    const bad = ImpactSchema.safeParse({
      kind: "hours_saved",
      value: "-3",
      baseline: "lots",
      measuredOn: "2026-01-02",
      evidenceUrl: "ftp://x",
    });
    expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["baseline", "evidenceUrl", "value"]);
    const bad2 = ImpactSchema.safeParse({ kind: "hours_saved", value: "-3", measuredOn: "2026-01-02", evidenceUrl: "ftp://x" });
    expect(bad2.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["evidenceUrl", "value"]);
    const missing = ImpactSchema.safeParse({ kind: "hours_saved", value: "", measuredOn: "" });
    expect(missing.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["measuredOn", "value"]);
  });

  it("money defaults to EUR; custom keeps its own unit", () => {
    expect(ImpactSchema.parse({ kind: "money_saved", value: "5", measuredOn: "2026-01-02" }).unit).toBe("EUR");
    expect(
      ImpactSchema.parse({
        kind: "custom",
        metric: "Deploys",
        unit: "per week",
        currency: "USD",
        value: "5",
        measuredOn: "2026-01-02",
      }),
    ).toMatchObject({ metric: "Deploys", unit: "per week" });
  });

  it("tells the page's forms apart by intent", () => {
    expect(OutcomeActionSchema.parse({ intent: "delete-impact", id: "7" })).toEqual({ intent: "delete-impact", id: 7 });
    expect(OutcomeActionSchema.safeParse({ intent: "delete-impact", id: "x" }).success).toBe(false);
    expect(OutcomeActionSchema.safeParse({ intent: "nope" }).success).toBe(false);
    const corrected = OutcomeActionSchema.parse({
      intent: "correct-impact",
      id: "3",
      kind: "people_reached",
      value: "12",
      measuredOn: "2026-01-02",
    });
    expect(corrected).toMatchObject({ intent: "correct-impact", id: 3, value: 12, unit: "" });
  });
});
