import { hasControlChars } from "~/lib/text";

/**
 * Pure rules for outcomes, impact figures and follow-up checkpoints (no database). The server asks
 * them before every write; the schemas and the pages use the same words and limits.
 */

export const OUTCOME_STATUSES = ["shipped", "continued", "prototype", "learning", "stopped"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const OUTCOME_STATUS_INFO: Record<OutcomeStatus, { label: string; description: string; color: string }> = {
  shipped: { label: "Shipped / adopted", description: "In use: released to users or adopted by a team.", color: "teal" },
  continued: {
    label: "Continued on a roadmap",
    description: "A team has taken it on and plans it on their roadmap (say which team).",
    color: "blue",
  },
  prototype: { label: "Prototype", description: "A working prototype exists; nobody owns it yet.", color: "violet" },
  learning: { label: "Learning only", description: "The value was what people learned; nothing is carried on.", color: "gray" },
  stopped: { label: "Stopped", description: "Deliberately stopped (say what was learned).", color: "orange" },
};

export const IMPACT_KINDS = ["hours_saved", "money_saved", "people_reached", "custom"] as const;
export type ImpactKind = (typeof IMPACT_KINDS)[number];

/** Sane maximums per kind: above these a figure is a typo, not an achievement. The database caps at 1e12. */
export const IMPACT_KIND_INFO: Record<ImpactKind, { label: string; unit: string; max: number; whole: boolean; help: string }> = {
  hours_saved: {
    label: "Hours saved per year",
    unit: "hours/year",
    max: 10_000_000,
    whole: false,
    help: "Staff hours a year that no longer need to be spent.",
  },
  money_saved: {
    label: "Money saved per year",
    unit: "per year",
    max: 10_000_000_000,
    whole: false,
    help: "Costs avoided a year, in one currency.",
  },
  people_reached: {
    label: "People reached",
    unit: "people",
    max: 10_000_000,
    whole: true,
    help: "People who use it or benefit from it.",
  },
  custom: {
    label: "Another measure",
    unit: "",
    max: 1_000_000_000_000,
    whole: false,
    help: "Any other figure, with its own name and unit.",
  },
};

export const DEFAULT_CURRENCY = "EUR";
export const NOTE_MAX = 5000;
export const OWNING_TEAM_MAX = 120;
export const METRIC_MAX = 80;
export const UNIT_MAX = 30;
export const EVIDENCE_MAX = 2000;

export type Problem = { field: string; message: string } | null;

/** The week's window for dates: not before `earliest` (the week's start), not after `today` (YYYY-MM-DD each). */
export type DateWindow = { earliest: string; today: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD (so 2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Why a date cannot be used for an outcome or a measurement, or null. */
export function dateProblem(value: string, window: DateWindow, field: string, what = "date"): Problem {
  if (!isCalendarDate(value)) return { field, message: `Enter the ${what} as a calendar date (YYYY-MM-DD).` };
  if (value > window.today) return { field, message: `The ${what} cannot be in the future (today is ${window.today}).` };
  if (value < window.earliest) {
    return { field, message: `The ${what} cannot be before the week started (${window.earliest}).` };
  }
  return null;
}

export type OutcomeInput = { status: OutcomeStatus; happenedOn: string; note: string; owningTeam: string; lessons: string };

/** What an outcome update needs beyond its shape: "continued" names the owning team, "stopped" says what was learned. */
export function outcomeProblem(input: Pick<OutcomeInput, "status" | "owningTeam" | "lessons">): Problem {
  if (input.status === "continued" && !input.owningTeam.trim()) {
    return { field: "owningTeam", message: "Say which team owns it now on its roadmap." };
  }
  if (input.status === "stopped" && !input.lessons.trim()) {
    return { field: "lessons", message: "Say what was learned before it stopped: that is what others can reuse." };
  }
  return null;
}

/** Why an evidence link is refused, or null. Empty is allowed; otherwise an absolute http(s) URL. */
export function evidenceProblem(raw: string): string | null {
  const url = raw.trim();
  if (!url) return null;
  if (url.length > EVIDENCE_MAX) return `Use at most ${EVIDENCE_MAX.toLocaleString("en")} characters.`;
  if (/\s/.test(url) || hasControlChars(url)) return "A link cannot contain spaces or control characters.";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Enter a full address starting with https:// (or http://).";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    return "Only http:// and https:// links are allowed as evidence.";
  if (!parsed.hostname) return "Enter a full address starting with https:// (or http://).";
  if (parsed.username || parsed.password) return "Links cannot contain a user name or password.";
  return null;
}

export type ImpactInput = {
  kind: ImpactKind;
  /** "" for the standard kinds; the measure's name for custom ones. */
  metric: string;
  /** Money: an ISO currency code; custom: the unit; otherwise "". */
  unit: string;
  baseline: number | null;
  value: number;
  measuredOn: string;
  evidenceUrl: string;
  note: string;
};

const formatMax = (n: number) => n.toLocaleString("en");

/** Why a figure (the value or the baseline) is refused for `kind`, or null. */
export function figureProblem(kind: ImpactKind, n: number, field: "value" | "baseline"): Problem {
  const info = IMPACT_KIND_INFO[kind];
  const what = field === "value" ? "The measured value" : "The baseline";
  if (!Number.isFinite(n)) return { field, message: `${what} must be a number.` };
  if (n < 0) return { field, message: `${what} cannot be negative.` };
  if (n > info.max) {
    return { field, message: `${what} is implausibly large for ${info.label.toLowerCase()} (at most ${formatMax(info.max)}).` };
  }
  if (info.whole && !Number.isInteger(n)) return { field, message: `${what} must be a whole number of people.` };
  if (Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) {
    return { field, message: `${what} can have at most two decimal places.` };
  }
  return null;
}

type FieldProblem = { field: string; message: string };

/** Every rule an impact measurement must meet apart from its date: one problem per field at most. */
export function impactProblems(input: Omit<ImpactInput, "measuredOn">): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.kind === "custom") {
    if (!input.metric.trim()) problems.push({ field: "metric", message: "Name the measure (for example “Builds per day”)." });
    else if (input.metric.length > METRIC_MAX)
      problems.push({ field: "metric", message: `Use at most ${METRIC_MAX} characters.` });
    if (!input.unit.trim()) problems.push({ field: "unit", message: "Give the unit (for example “builds/day”)." });
    else if (input.unit.length > UNIT_MAX) problems.push({ field: "unit", message: `Use at most ${UNIT_MAX} characters.` });
  } else if (input.metric !== "") {
    problems.push({ field: "metric", message: "Only “another measure” has its own name." });
  }
  if (input.kind === "money_saved" && !/^[A-Z]{3}$/.test(input.unit)) {
    problems.push({ field: "currency", message: "Choose a three-letter currency code, such as EUR or USD." });
  }
  if ((input.kind === "hours_saved" || input.kind === "people_reached") && input.unit !== "") {
    problems.push({ field: "unit", message: "This kind of figure has a fixed unit." });
  }
  const value = figureProblem(input.kind, input.value, "value");
  if (value) problems.push(value);
  if (input.baseline !== null) {
    const baseline = figureProblem(input.kind, input.baseline, "baseline");
    if (baseline) problems.push(baseline);
  }
  const evidence = evidenceProblem(input.evidenceUrl);
  if (evidence) problems.push({ field: "evidenceUrl", message: evidence });
  if (input.note.length > NOTE_MAX)
    problems.push({ field: "note", message: `Keep the note to ${formatMax(NOTE_MAX)} characters.` });
  return problems;
}

/** The first problem of an impact measurement (apart from its date), or null. */
export const impactProblem = (input: Omit<ImpactInput, "measuredOn">): Problem => impactProblems(input)[0] ?? null;

/** The unit to show beside a figure: "hours/year", "EUR per year", "people", or the custom unit. */
export function unitLabel(kind: ImpactKind, unit: string): string {
  if (kind === "money_saved") return `${unit || DEFAULT_CURRENCY} per year`;
  if (kind === "custom") return unit;
  return IMPACT_KIND_INFO[kind].unit;
}

/** A figure's amount as pages and exports print it: "1,500", "25,000.5" (at most two decimals). */
export const formatAmount = (n: number) => n.toLocaleString("en", { maximumFractionDigits: 2 });

/** The series' title: the kind's label, or a custom measure's own name. */
export function seriesLabel(kind: ImpactKind, metric: string): string {
  return kind === "custom" ? metric : IMPACT_KIND_INFO[kind].label;
}

// ---------------------------------------------------------------------------------------------
// Follow-up checkpoints

export const CHECKPOINT_DAYS = [30, 90, 180] as const;
export type CheckpointDays = (typeof CHECKPOINT_DAYS)[number];
export type CheckpointState = "upcoming" | "due" | "overdue" | "done";

/** Activity this many days before a checkpoint's due date already counts for it. */
export const DONE_WINDOW_DAYS = 15;
/** A checkpoint nobody answered becomes overdue this many days after it fell due. */
export const OVERDUE_AFTER_DAYS = 14;

const DAY_MS = 86_400_000;

export const CHECKPOINT_STATE_LABELS: Record<CheckpointState, string> = {
  upcoming: "Upcoming",
  due: "Due now",
  overdue: "Overdue",
  done: "Done",
};

/** Checkpoint N falls due N days after the results were published. */
export function checkpointDueAt(publishedAt: Date, days: number): Date {
  return new Date(publishedAt.getTime() + days * DAY_MS);
}

/**
 * Where one checkpoint stands. Done when an outcome update or a measurement was recorded at or after
 * (due − 15 days); otherwise upcoming before it falls due, overdue from (due + 14 days), due in between.
 */
export function checkpointState(publishedAt: Date, days: number, now: Date, lastActivityAt: readonly Date[]): CheckpointState {
  const due = checkpointDueAt(publishedAt, days).getTime();
  const windowStart = due - DONE_WINDOW_DAYS * DAY_MS;
  if (lastActivityAt.some((at) => at.getTime() >= windowStart)) return "done";
  const t = now.getTime();
  if (t < due) return "upcoming";
  if (t >= due + OVERDUE_AFTER_DAYS * DAY_MS) return "overdue";
  return "due";
}

export type Checkpoint = { days: CheckpointDays; dueAt: Date; state: CheckpointState };

/** All three checkpoints of a demo whose results were published at `publishedAt`. */
export function checkpoints(publishedAt: Date, now: Date, lastActivityAt: readonly Date[]): Checkpoint[] {
  return CHECKPOINT_DAYS.map((days) => ({
    days,
    dueAt: checkpointDueAt(publishedAt, days),
    state: checkpointState(publishedAt, days, now, lastActivityAt),
  }));
}

/**
 * The checkpoint that matters now: the latest one that has fallen due (an older one left unanswered is
 * superseded by the next), or null before the first falls due.
 */
export function currentCheckpoint(list: readonly Checkpoint[], now: Date): Checkpoint | null {
  const fallen = list.filter((c) => c.dueAt.getTime() <= now.getTime());
  return fallen[fallen.length - 1] ?? null;
}

/** The calendar date of an instant in a time zone (YYYY-MM-DD); UTC when the zone is unknown. */
export function dateIn(at: Date, timeZone: string): string {
  const format = (tz: string) =>
    new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  try {
    return format(timeZone);
  } catch {
    return format("UTC");
  }
}
