import { z } from "zod";
import { hasControlChars } from "~/lib/text";
import type { WeekInstants } from "./phase";
import { canonicalTimeZone, instantToZonedLocal, isValidTimeZone, resolveZonedLocal, timeZoneGroups } from "./timezone";

/** The nine boundaries in the order they must happen, with the words the form and its messages use. */
export const BOUNDARIES = [
  { key: "pitchingOpensAt", label: "Pitching opens" },
  { key: "teamFormationOpensAt", label: "Team formation opens" },
  { key: "exploringStartsAt", label: "Exploring starts" },
  { key: "exploringEndsAt", label: "Exploring ends" },
  { key: "demoDeadlineAt", label: "Demo deadline" },
  { key: "votingOpensAt", label: "Voting opens" },
  { key: "votingClosesAt", label: "Voting closes" },
  { key: "resultsPublishedAt", label: "Results published" },
  { key: "archivedAt", label: "Archived" },
] as const satisfies ReadonlyArray<{ key: keyof WeekInstants; label: string }>;

export type BoundaryKey = (typeof BOUNDARIES)[number]["key"];

export const WEEK_LIMITS = {
  name: 80,
  slug: 60,
  theme: 200,
  description: 20_000,
  teamSize: { min: 1, max: 50 },
  departments: { min: 1, max: 10 },
  votes: { min: 0, max: 20 },
} as const;

/** What the form component needs from the server: labels, limits and the zones to choose from. */
export function weekFormMeta(currentTimeZone?: string) {
  return { boundaries: BOUNDARIES, limits: WEEK_LIMITS, timeZones: timeZoneGroups(currentTimeZone) };
}
export type WeekFormMeta = ReturnType<typeof weekFormMeta>;

export type WeekInput = WeekInstants & {
  name: string;
  slug: string;
  theme: string;
  description: string;
  timeZone: string;
  teamSizeMin: number;
  teamSizeMax: number;
  minDepartmentsPerTeam: number;
  peoplesChoiceVotes: number;
  soloTeamsAllowed: boolean;
};

/** The week as it is stored, for keeping instants the organiser did not touch (see `weekFormSchema`). */
export type PreviousWeek = WeekInstants & { timeZone: string };

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "2026 H2 — Closer to the customer!" → "2026-h2-closer-to-the-customer". */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, WEEK_LIMITS.slug)
    .replace(/-+$/, "");
}

const field = () =>
  z
    .string({ error: "Enter a value." })
    .optional()
    .transform((v) => v ?? "");

const trimmed = () => field().transform((v) => v.trim());

/** A whole number typed into a form field; range errors name the bounds. */
function count(what: string, { min, max }: { min: number; max: number }) {
  return trimmed()
    .refine((v) => v !== "", `Enter the ${what}.`)
    .refine((v) => v === "" || /^\d+$/.test(v), `Enter a whole number from ${min} to ${max}.`)
    .transform(Number)
    .refine((n) => Number.isNaN(n) || (n >= min && n <= max), `Use a number from ${min} to ${max}.`);
}

const wholeIn = (v: unknown, { min, max }: { min: number; max: number }): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

const BaseSchema = z.object({
  name: trimmed()
    .refine((v) => v.length > 0, "Enter a name, like 2026 H2.")
    .refine((v) => v.length <= WEEK_LIMITS.name, `Use at most ${WEEK_LIMITS.name} characters.`)
    .refine((v) => !hasControlChars(v), "A name cannot contain control characters."),
  slug: trimmed()
    .refine((v) => v.length <= WEEK_LIMITS.slug, `Use at most ${WEEK_LIMITS.slug} characters.`)
    .refine(
      (v) => v === "" || SLUG.test(v),
      "Use lower-case letters, digits and single dashes only, like 2026-h2 (no dash at either end).",
    ),
  theme: trimmed()
    .refine((v) => v.length <= WEEK_LIMITS.theme, `Use at most ${WEEK_LIMITS.theme} characters.`)
    .refine((v) => !hasControlChars(v), "A theme cannot contain control characters or line breaks."),
  description: field()
    .transform((v) => v.replace(/\r\n?/g, "\n").trimEnd())
    .superRefine((v, ctx) => {
      if (v.length <= WEEK_LIMITS.description) return;
      const max = WEEK_LIMITS.description.toLocaleString("en");
      ctx.addIssue({ code: "custom", message: `Use at most ${max} characters (this has ${v.length.toLocaleString("en")}).` });
    }),
  timeZone: trimmed()
    .refine((v) => v !== "", "Choose a time zone.")
    .refine((v) => v === "" || isValidTimeZone(v), "Choose a time zone from the list."),
  ...(Object.fromEntries(BOUNDARIES.map((b) => [b.key, trimmed()])) as Record<BoundaryKey, ReturnType<typeof trimmed>>),
  teamSizeMin: count("smallest team size", WEEK_LIMITS.teamSize),
  teamSizeMax: count("largest team size", WEEK_LIMITS.teamSize),
  minDepartmentsPerTeam: count("minimum number of departments", WEEK_LIMITS.departments),
  peoplesChoiceVotes: count("number of people's-choice votes", WEEK_LIMITS.votes),
  soloTeamsAllowed: field().transform((v) => v === "on" || v === "true"),
});

type Base = z.output<typeof BaseSchema>;

type Resolved = { instants: Partial<Record<BoundaryKey, Date>>; errors: Array<{ key: BoundaryKey; message: string }> };

/**
 * Turns the nine local date-times into instants in `timeZone`. A local time equal to what `previous`
 * shows for that boundary (same zone) keeps the stored instant exactly, so saving an untouched form
 * never moves a boundary (seconds, or the second 02:30 of an autumn night, survive an edit).
 */
function resolveBoundaries(values: Record<BoundaryKey, string>, timeZone: string, previous?: PreviousWeek): Resolved {
  const instants: Resolved["instants"] = {};
  const errors: Resolved["errors"] = [];
  const zoneOk = isValidTimeZone(timeZone);
  for (const { key } of BOUNDARIES) {
    const local = values[key];
    if (!local) {
      errors.push({ key, message: "Enter a date and time." });
      continue;
    }
    if (!zoneOk) continue;
    if (previous && previous.timeZone === timeZone && instantToZonedLocal(previous[key], timeZone) === local) {
      instants[key] = previous[key];
      continue;
    }
    const result = resolveZonedLocal(local, timeZone);
    if (result.ok) instants[key] = result.instant;
    else errors.push({ key, message: result.message });
  }
  return { instants, errors };
}

/** The first boundary earlier than the nearest valid boundary before it; the message names that one. */
export function firstOutOfOrder(instants: Partial<Record<BoundaryKey, Date>>): { key: BoundaryKey; message: string } | null {
  let before: { label: string; at: Date } | null = null;
  for (const { key, label } of BOUNDARIES) {
    const at = instants[key];
    if (!at) continue;
    if (before && at.getTime() < before.at.getTime()) return { key, message: `Must be on or after ${before.label}.` };
    before = { label, at };
  }
  return null;
}

/**
 * The week form. Every field is checked at once, so every problem shows beside its field in one go:
 * text lengths, slug shape, time zone, each date-time (missing, malformed, inside a daylight-saving gap),
 * the order of the boundaries, and the rules:
 *
 * - team size min ≤ max, both 1–50;
 * - minimum departments per team 1–10 and ≤ the largest team (a team can't span more departments than people);
 * - **solo teams**: a team of one is a solo team, so "solo teams allowed" goes with a minimum team size of 1
 *   (and 1 is only allowed with it ticked), and a solo explorer is one department, so it also needs a
 *   minimum of 1 department.
 *
 * An empty slug is filled from the name. Pass the stored week as `previous` when editing.
 */
export function weekFormSchema(options: { previous?: PreviousWeek } = {}) {
  return BaseSchema.superRefine((v: Base, ctx) => {
    const issue = (path: keyof Base, message: string) => ctx.addIssue({ code: "custom", path: [path], message });

    if (v.slug === "" && v.name !== "" && slugFromName(v.name) === "") {
      issue("slug", "Enter a slug: the name has no letters or digits to suggest one from.");
    }

    const { instants, errors } = resolveBoundaries(v, v.timeZone, options.previous);
    for (const e of errors) issue(e.key, e.message);
    const disorder = firstOutOfOrder(instants);
    if (disorder) issue(disorder.key, disorder.message);

    const { teamSize, departments } = WEEK_LIMITS;
    const min = wholeIn(v.teamSizeMin, teamSize) ? v.teamSizeMin : null;
    const max = wholeIn(v.teamSizeMax, teamSize) ? v.teamSizeMax : null;
    const depts = wholeIn(v.minDepartmentsPerTeam, departments) ? v.minDepartmentsPerTeam : null;
    if (min !== null && max !== null && min > max) {
      issue("teamSizeMax", `Must be at least the smallest team size (${min}).`);
    }
    if (depts !== null && max !== null && depts > max) {
      issue(
        "minDepartmentsPerTeam",
        `A team of at most ${max} ${max === 1 ? "person" : "people"} can't span ${depts} departments; use ${max} or fewer.`,
      );
    }
    if (v.soloTeamsAllowed) {
      if (min !== null && min !== 1)
        issue("teamSizeMin", "Solo teams are allowed, so the smallest team is 1 person. Use 1, or untick solo teams.");
      if (depts !== null && depts !== 1) {
        issue("minDepartmentsPerTeam", "A solo explorer is one department, so with solo teams allowed this must be 1.");
      }
    } else if (min === 1) {
      issue("teamSizeMin", "A team of 1 is a solo team: tick \u201cSolo teams allowed\u201d, or use 2 or more.");
    }
  }).transform((v): WeekInput => {
    const timeZone = canonicalTimeZone(v.timeZone);
    const { instants } = resolveBoundaries(v, v.timeZone, options.previous);
    const all = Object.fromEntries(BOUNDARIES.map(({ key }) => [key, instants[key] as Date])) as WeekInstants;
    return {
      name: v.name,
      slug: v.slug || slugFromName(v.name),
      theme: v.theme,
      description: v.description,
      timeZone,
      ...all,
      teamSizeMin: v.teamSizeMin,
      teamSizeMax: v.teamSizeMax,
      minDepartmentsPerTeam: v.minDepartmentsPerTeam,
      peoplesChoiceVotes: v.peoplesChoiceVotes,
      soloTeamsAllowed: v.soloTeamsAllowed,
    };
  });
}

export const WeekFormSchema = weekFormSchema();

type StoredWeek = WeekInput;

/** A stored week as the form's string values, its instants as local date-times in its own zone. */
export function weekToFormValues(week: StoredWeek): Record<string, string> {
  const values: Record<string, string> = {
    name: week.name,
    slug: week.slug,
    theme: week.theme,
    description: week.description,
    timeZone: week.timeZone,
    teamSizeMin: String(week.teamSizeMin),
    teamSizeMax: String(week.teamSizeMax),
    minDepartmentsPerTeam: String(week.minDepartmentsPerTeam),
    peoplesChoiceVotes: String(week.peoplesChoiceVotes),
  };
  for (const { key } of BOUNDARIES) values[key] = instantToZonedLocal(week[key], week.timeZone);
  if (week.soloTeamsAllowed) values.soloTeamsAllowed = "on";
  return values;
}

/** A new week's starting values: the usual rules, dates left for the organiser. */
export function newWeekFormValues(timeZone: string): Record<string, string> {
  return { timeZone, teamSizeMin: "2", teamSizeMax: "6", minDepartmentsPerTeam: "1", peoplesChoiceVotes: "3" };
}

/**
 * The rules in plain words: "Teams of 2–6 people from at least 2 departments; 3 people's-choice votes each."
 */
export function describeRules(
  week: Pick<WeekInput, "teamSizeMin" | "teamSizeMax" | "minDepartmentsPerTeam" | "peoplesChoiceVotes" | "soloTeamsAllowed">,
): string {
  const { teamSizeMin: min, teamSizeMax: max, minDepartmentsPerTeam: depts, peoplesChoiceVotes: votes } = week;
  let size: string;
  if (max === 1) size = "Everyone explores solo";
  else if (min === max) size = `Teams of exactly ${max} people`;
  else size = `Teams of ${min}–${max} people`;
  if (week.soloTeamsAllowed && max > 1) size += " (solo explorers welcome)";
  const from = depts > 1 ? ` from at least ${depts} departments` : "";
  const vote = votes === 0 ? "no people's-choice vote" : `${votes} people's-choice ${votes === 1 ? "vote" : "votes"} each`;
  return `${size}${from}; ${vote}.`;
}
