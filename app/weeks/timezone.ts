/**
 * Wall-clock times in a named IANA time zone, with Intl only (no date library).
 *
 * A week's boundaries are typed by organisers as local date-times ("2026-03-29T09:00") in the week's
 * own time zone and stored as instants. Two daylight-saving cases need a rule:
 *
 * - **gap** (clocks jump forward, e.g. Europe/Berlin 2026-03-29 02:00 → 03:00): a local time inside the
 *   gap never happens. It is refused with a message that says where the clocks jump.
 * - **overlap** (clocks go back, e.g. Europe/Berlin 2026-10-25 03:00 → 02:00): a local time inside the
 *   repeated hour happens twice. The **earlier** instant is chosen (02:30 → 00:30Z, still summer time),
 *   so a boundary never opens later than the organiser could have meant.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const MINUTE = 60_000;
const DAY = 86_400_000;

type Fields = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at `ms`, as if it were a UTC time (so offsets are plain subtraction). */
function wallClockMs(ms: number, timeZone: string): number {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  // Intl drops milliseconds; put them back so `wallClockMs(t) - t` is a whole offset.
  return Date.UTC(year, month - 1, day, hour % 24, minute, second) + (((ms % 1000) + 1000) % 1000);
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +7,200,000). */
function offsetAt(ms: number, timeZone: string): number {
  return wallClockMs(ms, timeZone) - ms;
}

function parseLocal(local: string): Fields | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second = 0] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const fields = { year, month, day, hour, minute, second } as Fields;
  // Years below 1000 would be read by Date.UTC as 19xx; no week is that old.
  if (fields.year < 1000 || fields.hour > 23 || fields.minute > 59 || fields.second > 59) return null;
  // Reject calendar dates that don't exist (2026-02-30) instead of letting Date roll them over.
  const check = new Date(Date.UTC(fields.year, fields.month - 1, fields.day));
  if (check.getUTCFullYear() !== fields.year || check.getUTCMonth() !== fields.month - 1 || check.getUTCDate() !== fields.day) {
    return null;
  }
  return fields;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function hhmm(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const DATE_WORDS = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== "string" || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's canonical spelling as this runtime knows it ("utc" → "UTC", "US/Eastern" → "America/New_York"). */
export function canonicalTimeZone(timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone }).resolvedOptions().timeZone;
}

export type ZonedLocalResult =
  | { ok: true; instant: Date; ambiguous: boolean }
  | { ok: false; reason: "format" | "timeZone" | "gap"; message: string };

/**
 * Resolves a local date-time ("YYYY-MM-DDTHH:MM", seconds optional) in `timeZone` to an instant.
 * Never throws: a malformed value, an unknown zone or a time inside a DST gap comes back as `ok: false`
 * with a message fit to show beside the field. Times inside a DST overlap resolve to the earlier instant
 * and carry `ambiguous: true`.
 */
export function resolveZonedLocal(local: string, timeZone: string): ZonedLocalResult {
  if (!isValidTimeZone(timeZone)) return { ok: false, reason: "timeZone", message: `"${timeZone}" is not a known time zone.` };
  const fields = parseLocal(local);
  if (!fields) return { ok: false, reason: "format", message: "Enter a date and time, like 2026-03-02 09:00." };
  const naive = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  // No zone changes its offset twice within two days, so the offsets a day either side are the only
  // ones this local time can have: one reading each, checked against the wall clock.
  const offsets = new Set([offsetAt(naive - DAY, timeZone), offsetAt(naive + DAY, timeZone)]);
  const candidates = [...offsets]
    .map((offset) => naive - offset)
    .filter((ms) => wallClockMs(ms, timeZone) === naive)
    .sort((a, b) => a - b);
  const [earliest] = candidates;
  if (earliest !== undefined) {
    return { ok: true, instant: new Date(earliest), ambiguous: new Set(candidates).size > 1 };
  }
  return { ok: false, reason: "gap", message: gapMessage(naive, timeZone) };
}

/** "… clocks jump from 02:00 to 03:00 on 29 Mar 2026 …": finds the transition to the minute. */
function gapMessage(naive: number, timeZone: string): string {
  const before = offsetAt(naive - DAY, timeZone);
  const after = offsetAt(naive + DAY, timeZone);
  // The transition lies between the two readings of `naive`; binary-search it to the minute.
  let lo = naive - Math.max(before, after);
  let hi = naive - Math.min(before, after);
  while (hi - lo > MINUTE) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  const fromWall = hi + before;
  const toWall = hi + after;
  const sameDay = Math.floor(fromWall / DAY) === Math.floor(toWall / DAY);
  if (sameDay) {
    return `This time doesn't exist in ${timeZone}: on ${DATE_WORDS.format(new Date(naive))} the clocks jump from ${hhmm(fromWall)} to ${hhmm(toWall)}. Choose ${hhmm(toWall)} or later.`;
  }
  const to = `${hhmm(toWall)} on ${DATE_WORDS.format(new Date(toWall))}`;
  return `This time doesn't exist in ${timeZone}: the clocks jump from ${hhmm(fromWall)} on ${DATE_WORDS.format(new Date(fromWall))} to ${to}. Choose ${to} or later.`;
}

/** Thrown by `zonedLocalToInstant` for a local time that can't be turned into an instant. */
export class InvalidLocalTimeError extends Error {
  constructor(
    message: string,
    readonly reason: "format" | "timeZone" | "gap",
  ) {
    super(message);
    this.name = "InvalidLocalTimeError";
  }
}

/**
 * `"2026-03-29T09:00"` in `"Europe/Berlin"` → the instant 07:00Z. Throws `InvalidLocalTimeError` for a
 * malformed value, an unknown zone, or a time inside a DST gap; picks the earlier instant in an overlap.
 */
export function zonedLocalToInstant(local: string, timeZone: string): Date {
  const result = resolveZonedLocal(local, timeZone);
  if (!result.ok) throw new InvalidLocalTimeError(result.message, result.reason);
  return result.instant;
}

/**
 * The instant as a local "YYYY-MM-DDTHH:MM" in `timeZone` — the value a `<input type="datetime-local">`
 * expects. Seconds are dropped. Both instants of a DST overlap give the same local time, which maps
 * back to the earlier one.
 */
export function instantToZonedLocal(instant: Date, timeZone: string): string {
  const d = new Date(wallClockMs(instant.getTime(), timeZone));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

let zoneList: string[] | undefined;

/** Every IANA zone this runtime knows (`Intl.supportedValuesOf`), plus "UTC", sorted. */
export function timeZoneList(): string[] {
  if (!zoneList) {
    const supported = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    zoneList = [...new Set([...supported, "UTC"])].sort((a, b) => a.localeCompare(b, "en"));
  }
  return zoneList;
}

export type TimeZoneGroup = { group: string; items: string[] };

/** The zone list grouped by region ("Europe", "America", …) for a select; `include` is added if missing. */
export function timeZoneGroups(include?: string): TimeZoneGroup[] {
  const zones = include && !timeZoneList().includes(include) ? [...timeZoneList(), include] : timeZoneList();
  const groups = new Map<string, string[]>();
  for (const zone of zones) {
    const region = zone.includes("/") ? (zone.split("/")[0] ?? "Other") : "Other";
    groups.set(region, [...(groups.get(region) ?? []), zone]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === "Other" ? 1 : b === "Other" ? -1 : a.localeCompare(b, "en")))
    .map(([group, items]) => ({ group, items: items.sort((a, b) => a.localeCompare(b, "en")) }));
}
