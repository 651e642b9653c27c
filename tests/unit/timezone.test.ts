import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  InvalidLocalTimeError,
  instantToZonedLocal,
  isValidTimeZone,
  resolveZonedLocal,
  timeZoneGroups,
  timeZoneList,
  zonedLocalToInstant,
} from "~/weeks/timezone";

const iso = (d: Date) => d.toISOString();

describe("zonedLocalToInstant", () => {
  it.each([
    ["Europe/Berlin winter (CET, +01:00)", "2026-01-15T09:00", "Europe/Berlin", "2026-01-15T08:00:00.000Z"],
    ["Europe/Berlin summer (CEST, +02:00)", "2026-07-15T09:00", "Europe/Berlin", "2026-07-15T07:00:00.000Z"],
    ["America/New_York winter (EST, -05:00)", "2026-01-15T09:00", "America/New_York", "2026-01-15T14:00:00.000Z"],
    ["America/New_York summer (EDT, -04:00)", "2026-07-15T09:00", "America/New_York", "2026-07-15T13:00:00.000Z"],
    ["UTC", "2026-03-29T02:30", "UTC", "2026-03-29T02:30:00.000Z"],
    ["Asia/Kolkata (+05:30, no DST)", "2026-03-29T02:30", "Asia/Kolkata", "2026-03-28T21:00:00.000Z"],
    ["midnight", "2026-01-01T00:00", "Europe/Berlin", "2025-12-31T23:00:00.000Z"],
    ["optional seconds", "2026-01-15T09:00:30", "Europe/Berlin", "2026-01-15T08:00:30.000Z"],
    ["just before the spring gap", "2026-03-29T01:59", "Europe/Berlin", "2026-03-29T00:59:00.000Z"],
    ["the first minute after the spring gap", "2026-03-29T03:00", "Europe/Berlin", "2026-03-29T01:00:00.000Z"],
  ])("%s: %s in %s → %s", (_case, local, zone, expected) => {
    expect(iso(zonedLocalToInstant(local, zone))).toBe(expected);
  });

  it("refuses a time inside Berlin's spring-forward gap (2026-03-29, 02:00 → 03:00) and says where the clocks jump", () => {
    const result = resolveZonedLocal("2026-03-29T02:30", "Europe/Berlin");
    expect(result).toEqual({
      ok: false,
      reason: "gap",
      message:
        "This time doesn't exist in Europe/Berlin: on 29 Mar 2026 the clocks jump from 02:00 to 03:00. Choose 03:00 or later.",
    });
    expect(() => zonedLocalToInstant("2026-03-29T02:30", "Europe/Berlin")).toThrow(InvalidLocalTimeError);
    expect(() => zonedLocalToInstant("2026-03-29T02:00", "Europe/Berlin")).toThrow(/clocks jump from 02:00 to 03:00/);
  });

  it("refuses New York's spring-forward gap (2026-03-08, 02:00 → 03:00)", () => {
    const result = resolveZonedLocal("2026-03-08T02:15", "America/New_York");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain("on 8 Mar 2026 the clocks jump from 02:00 to 03:00");
    expect(iso(zonedLocalToInstant("2026-03-08T03:15", "America/New_York"))).toBe("2026-03-08T07:15:00.000Z");
  });

  it("picks the earlier instant in Berlin's autumn overlap (2026-10-25, 02:30 happens twice)", () => {
    expect(resolveZonedLocal("2026-10-25T02:30", "Europe/Berlin")).toEqual({
      ok: true,
      instant: new Date("2026-10-25T00:30:00.000Z"),
      ambiguous: true,
    });
    // Either side of the repeated hour is unambiguous.
    expect(resolveZonedLocal("2026-10-25T01:59", "Europe/Berlin")).toMatchObject({ ok: true, ambiguous: false });
    expect(iso(zonedLocalToInstant("2026-10-25T03:00", "Europe/Berlin"))).toBe("2026-10-25T02:00:00.000Z");
  });

  it("picks the earlier instant in New York's autumn overlap (2026-11-01, 01:30 EDT not EST)", () => {
    expect(iso(zonedLocalToInstant("2026-11-01T01:30", "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
  });

  it.each([
    ["", "format"],
    ["2026-03-29", "format"],
    ["2026-03-29 09:00x", "format"],
    ["2026-02-30T09:00", "format"],
    ["2026-13-01T09:00", "format"],
    ["2026-01-01T24:00", "format"],
    ["2026-01-01T09:60", "format"],
    ["0050-01-01T09:00", "format"],
  ])("refuses the malformed %j", (local, reason) => {
    expect(resolveZonedLocal(local, "Europe/Berlin")).toMatchObject({ ok: false, reason });
  });

  it("refuses an unknown time zone", () => {
    expect(resolveZonedLocal("2026-01-15T09:00", "Mars/Olympus_Mons")).toMatchObject({ ok: false, reason: "timeZone" });
    expect(() => zonedLocalToInstant("2026-01-15T09:00", "Mars/Olympus_Mons")).toThrow(/not a known time zone/);
  });
});

describe("instantToZonedLocal", () => {
  it.each([
    ["2026-01-15T08:00:00.000Z", "Europe/Berlin", "2026-01-15T09:00"],
    ["2026-07-15T07:00:00.000Z", "Europe/Berlin", "2026-07-15T09:00"],
    ["2026-07-15T13:00:00.000Z", "America/New_York", "2026-07-15T09:00"],
    ["2026-07-15T13:00:00.000Z", "UTC", "2026-07-15T13:00"],
    ["2025-12-31T23:00:00.000Z", "Europe/Berlin", "2026-01-01T00:00"],
    ["2026-01-15T08:00:59.999Z", "Europe/Berlin", "2026-01-15T09:00"],
  ])("%s in %s → %s", (instant, zone, local) => {
    expect(instantToZonedLocal(new Date(instant), zone)).toBe(local);
  });

  it("shows both instants of an overlap as the same local time, which maps back to the earlier one", () => {
    const first = new Date("2026-10-25T00:30:00.000Z");
    const second = new Date("2026-10-25T01:30:00.000Z");
    expect(instantToZonedLocal(first, "Europe/Berlin")).toBe("2026-10-25T02:30");
    expect(instantToZonedLocal(second, "Europe/Berlin")).toBe("2026-10-25T02:30");
    expect(zonedLocalToInstant("2026-10-25T02:30", "Europe/Berlin")).toEqual(first);
  });

  it("round-trips instants across 2026 in several zones (sampled every 7 hours)", () => {
    for (const zone of ["Europe/Berlin", "America/New_York", "UTC", "Australia/Sydney", "Asia/Kolkata"]) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000) {
        const local = instantToZonedLocal(new Date(t), zone);
        expect(zonedLocalToInstant(local, zone).getTime(), `${zone} ${local}`).toBe(t);
      }
    }
  });

  it.each([
    ["Europe/Berlin", "2026-03-29T00:00:00Z", "2026-10-25T00:00:00Z"],
    ["America/New_York", "2026-03-08T06:00:00Z", "2026-11-01T04:00:00Z"],
  ])("on %s's transition days, only the second pass of the repeated hour fails to round-trip", (zone, spring, autumn) => {
    const mismatches = (from: string) => {
      const out: string[] = [];
      for (let t = new Date(from).getTime(); t < new Date(from).getTime() + 4 * 3_600_000; t += 15 * 60_000) {
        const back = zonedLocalToInstant(instantToZonedLocal(new Date(t), zone), zone).getTime();
        if (back !== t) {
          expect(back).toBe(t - 3_600_000);
          out.push(new Date(t).toISOString());
        }
      }
      return out;
    };
    expect(mismatches(spring)).toEqual([]);
    expect(mismatches(autumn)).toHaveLength(4);
  });
});

describe("time zone helpers", () => {
  it("knows real zones and rejects others", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidTimeZone(undefined)).toBe(false);
    expect(isValidTimeZone("Europe/Berlin".repeat(10))).toBe(false);
  });

  it("canonicalises spellings", () => {
    expect(canonicalTimeZone("utc")).toBe("UTC");
    expect(canonicalTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
  });

  it("lists the runtime's zones plus UTC, grouped by region, and adds a stored zone that is missing", () => {
    const list = timeZoneList();
    expect(list).toContain("Europe/Berlin");
    expect(list).toContain("America/New_York");
    expect(list).toContain("UTC");
    expect(list.length).toBeGreaterThan(300);
    const groups = timeZoneGroups();
    expect(groups.find((g) => g.group === "Europe")?.items).toContain("Europe/Berlin");
    expect(groups.at(-1)).toEqual({ group: "Other", items: ["UTC"] });
    const withExtra = timeZoneGroups("Etc/GMT+5");
    expect(withExtra.find((g) => g.group === "Etc")?.items).toContain("Etc/GMT+5");
  });
});
