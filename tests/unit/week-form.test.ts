import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms.server";
import {
  BOUNDARIES,
  describeRules,
  firstOutOfOrder,
  newWeekFormValues,
  slugFromName,
  WeekFormSchema,
  weekFormSchema,
  weekToFormValues,
} from "~/weeks/week-form.server";

/** A valid submission in Europe/Berlin: every boundary distinct and in order, in summer time. */
const VALID: Record<string, string> = {
  name: "2026 H2",
  slug: "2026-h2",
  theme: "Closer to the customer",
  description: "## Rules\r\n- Teams of **2 to 6**\r\n",
  timeZone: "Europe/Berlin",
  pitchingOpensAt: "2026-06-01T09:00",
  teamFormationOpensAt: "2026-06-15T09:00",
  exploringStartsAt: "2026-06-22T09:00",
  exploringEndsAt: "2026-06-26T17:00",
  demoDeadlineAt: "2026-06-26T23:59",
  votingOpensAt: "2026-06-29T09:00",
  votingClosesAt: "2026-07-01T17:00",
  resultsPublishedAt: "2026-07-02T12:00",
  archivedAt: "2026-08-01T00:00",
  teamSizeMin: "2",
  teamSizeMax: "6",
  minDepartmentsPerTeam: "2",
  peoplesChoiceVotes: "3",
};

function form(values: Record<string, string | undefined>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) if (v !== undefined) fd.append(k, v);
  return fd;
}

function parse(overrides: Record<string, string | undefined> = {}, schema = WeekFormSchema) {
  return parseForm(form({ ...VALID, ...overrides }), schema);
}

function errorsOf(overrides: Record<string, string | undefined>) {
  const result = parse(overrides);
  if (result.ok) throw new Error("expected the form to be refused");
  return result.errors;
}

describe("WeekFormSchema: a valid week", () => {
  it("parses every field and turns local date-times into instants in the week's zone", () => {
    const result = parse();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toEqual({
      name: "2026 H2",
      slug: "2026-h2",
      theme: "Closer to the customer",
      description: "## Rules\n- Teams of **2 to 6**",
      timeZone: "Europe/Berlin",
      pitchingOpensAt: new Date("2026-06-01T07:00:00Z"),
      teamFormationOpensAt: new Date("2026-06-15T07:00:00Z"),
      exploringStartsAt: new Date("2026-06-22T07:00:00Z"),
      exploringEndsAt: new Date("2026-06-26T15:00:00Z"),
      demoDeadlineAt: new Date("2026-06-26T21:59:00Z"),
      votingOpensAt: new Date("2026-06-29T07:00:00Z"),
      votingClosesAt: new Date("2026-07-01T15:00:00Z"),
      resultsPublishedAt: new Date("2026-07-02T10:00:00Z"),
      archivedAt: new Date("2026-07-31T22:00:00Z"),
      teamSizeMin: 2,
      teamSizeMax: 6,
      minDepartmentsPerTeam: 2,
      peoplesChoiceVotes: 3,
      soloTeamsAllowed: false,
    });
  });

  it("interprets the same local times in another zone", () => {
    const result = parse({ timeZone: "America/New_York" });
    expect(result.ok && result.data.pitchingOpensAt).toEqual(new Date("2026-06-01T13:00:00Z"));
  });

  it("allows equal boundaries", () => {
    const at = "2026-06-22T09:00";
    const result = parse({ teamFormationOpensAt: at, exploringStartsAt: at, exploringEndsAt: "2026-06-22T09:00" });
    expect(result.ok).toBe(true);
  });

  it("fills an empty slug from the name and trims text", () => {
    const result = parse({ name: "  Été 2026 — Paper cuts!  ", slug: "" });
    expect(result.ok && result.data).toMatchObject({ name: "Été 2026 — Paper cuts!", slug: "ete-2026-paper-cuts" });
  });

  it("accepts solo teams with a minimum size of 1 and 1 department", () => {
    const result = parse({ soloTeamsAllowed: "on", teamSizeMin: "1", minDepartmentsPerTeam: "1" });
    expect(result.ok && result.data.soloTeamsAllowed).toBe(true);
  });

  it("accepts the limits: 50 people, 10 departments, 0 and 20 votes", () => {
    expect(parse({ teamSizeMin: "10", teamSizeMax: "50", minDepartmentsPerTeam: "10", peoplesChoiceVotes: "0" }).ok).toBe(true);
    expect(parse({ peoplesChoiceVotes: "20" }).ok).toBe(true);
  });
});

describe("WeekFormSchema: boundaries", () => {
  it("puts the error on the first boundary that is earlier than the one before it, naming that one", () => {
    const errors = errorsOf({ exploringStartsAt: "2026-06-10T09:00" });
    expect(errors).toEqual({ exploringStartsAt: ["Must be on or after Team formation opens."] });
  });

  it("flags only the first disorder, not every boundary after it", () => {
    // Voting closes before voting opens, and results before that: only votingClosesAt is named.
    const errors = errorsOf({ votingClosesAt: "2026-06-28T09:00" });
    expect(errors).toEqual({ votingClosesAt: ["Must be on or after Voting opens."] });
  });

  it("a boundary one minute early is out of order", () => {
    const errors = errorsOf({ teamFormationOpensAt: "2026-06-01T08:59" });
    expect(errors.teamFormationOpensAt).toEqual(["Must be on or after Pitching opens."]);
  });

  it("compares instants, not text: the last boundary before midnight of the next day is fine", () => {
    expect(parse({ demoDeadlineAt: "2026-06-26T17:00" }).ok).toBe(true);
  });

  it("asks for every missing boundary beside its field", () => {
    const errors = errorsOf({ pitchingOpensAt: "", archivedAt: undefined });
    expect(errors.pitchingOpensAt).toEqual(["Enter a date and time."]);
    expect(errors.archivedAt).toEqual(["Enter a date and time."]);
  });

  it("skips a missing boundary when checking order and compares with the one before it", () => {
    const errors = errorsOf({ exploringStartsAt: "", exploringEndsAt: "2026-06-14T09:00" });
    expect(errors.exploringStartsAt).toEqual(["Enter a date and time."]);
    expect(errors.exploringEndsAt).toEqual(["Must be on or after Team formation opens."]);
  });

  it("refuses a malformed date-time and a time in a DST gap", () => {
    const errors = errorsOf({
      pitchingOpensAt: "2026-03-29T02:30",
      teamFormationOpensAt: "2026-06-31T09:00",
    });
    expect(errors.pitchingOpensAt?.[0]).toMatch(/doesn't exist in Europe\/Berlin.*from 02:00 to 03:00/);
    expect(errors.teamFormationOpensAt).toEqual(["Enter a date and time, like 2026-03-02 09:00."]);
  });

  it("takes the earlier instant of an autumn overlap", () => {
    const result = parse({
      pitchingOpensAt: "2026-10-01T09:00",
      teamFormationOpensAt: "2026-10-25T02:30",
      exploringStartsAt: "2026-11-01T09:00",
      exploringEndsAt: "2026-11-05T17:00",
      demoDeadlineAt: "2026-11-05T23:00",
      votingOpensAt: "2026-11-06T09:00",
      votingClosesAt: "2026-11-08T09:00",
      resultsPublishedAt: "2026-11-09T09:00",
      archivedAt: "2026-12-01T00:00",
    });
    expect(result.ok && result.data.teamFormationOpensAt).toEqual(new Date("2026-10-25T00:30:00Z"));
  });

  it("keeps a stored instant when its local time was not changed (the second 02:30 of an autumn night)", () => {
    const secondPass = new Date("2026-10-25T01:30:00Z");
    const previous = {
      timeZone: "Europe/Berlin",
      pitchingOpensAt: new Date("2026-10-01T07:00:00Z"),
      teamFormationOpensAt: secondPass,
      exploringStartsAt: new Date("2026-11-01T08:00:00Z"),
      exploringEndsAt: new Date("2026-11-05T16:00:00Z"),
      demoDeadlineAt: new Date("2026-11-05T22:00:00Z"),
      votingOpensAt: new Date("2026-11-06T08:00:00Z"),
      votingClosesAt: new Date("2026-11-08T08:00:00Z"),
      resultsPublishedAt: new Date("2026-11-09T08:00:00Z"),
      archivedAt: new Date("2026-11-30T23:00:00.123Z"),
    };
    const stored = { ...previous, ...parsedRules(), name: "W", slug: "w", theme: "", description: "" };
    const values = weekToFormValues(stored);
    expect(values.teamFormationOpensAt).toBe("2026-10-25T02:30");
    const result = parseForm(form(values), weekFormSchema({ previous }));
    expect(result.ok && result.data.teamFormationOpensAt).toEqual(secondPass);
    expect(result.ok && result.data.archivedAt).toEqual(previous.archivedAt);
    // In another zone, or once changed, the typed value counts.
    const moved = parseForm(form({ ...values, archivedAt: "2026-12-01T01:00" }), weekFormSchema({ previous }));
    expect(moved.ok && moved.data.archivedAt).toEqual(new Date("2026-12-01T00:00:00Z"));
    const rezoned = parseForm(form({ ...values, timeZone: "UTC" }), weekFormSchema({ previous }));
    expect(rezoned.ok && rezoned.data.teamFormationOpensAt).toEqual(new Date("2026-10-25T02:30:00Z"));
  });
});

function parsedRules() {
  return { teamSizeMin: 2, teamSizeMax: 6, minDepartmentsPerTeam: 2, peoplesChoiceVotes: 3, soloTeamsAllowed: false };
}

describe("WeekFormSchema: rules", () => {
  it("refuses a smallest team size above the largest, on the largest", () => {
    expect(errorsOf({ teamSizeMin: "7", teamSizeMax: "6" })).toEqual({
      teamSizeMax: ["Must be at least the smallest team size (7)."],
    });
  });

  it("refuses more required departments than people in the largest team", () => {
    expect(errorsOf({ minDepartmentsPerTeam: "4", teamSizeMax: "3" })).toEqual({
      minDepartmentsPerTeam: ["A team of at most 3 people can't span 4 departments; use 3 or fewer."],
    });
  });

  it.each([
    ["teamSizeMin", "abc", "Enter a whole number from 1 to 50."],
    ["teamSizeMin", "2.5", "Enter a whole number from 1 to 50."],
    ["teamSizeMin", "-1", "Enter a whole number from 1 to 50."],
    ["teamSizeMax", "51", "Use a number from 1 to 50."],
    ["teamSizeMin", "0", "Use a number from 1 to 50."],
    ["minDepartmentsPerTeam", "0", "Use a number from 1 to 10."],
    ["minDepartmentsPerTeam", "11", "Use a number from 1 to 10."],
    ["peoplesChoiceVotes", "21", "Use a number from 0 to 20."],
    ["peoplesChoiceVotes", "", "Enter the number of people's-choice votes."],
    ["teamSizeMax", " ", "Enter the largest team size."],
  ])("%s = %j → %s", (field, value, message) => {
    expect(errorsOf({ [field]: value })[field]).toEqual([message]);
  });

  it("a non-numeric size does not also trigger the cross-field checks", () => {
    expect(errorsOf({ teamSizeMax: "six" })).toEqual({ teamSizeMax: ["Enter a whole number from 1 to 50."] });
  });

  it("ties solo teams to a minimum size of 1 and a minimum of 1 department", () => {
    expect(errorsOf({ soloTeamsAllowed: "on", teamSizeMin: "2", minDepartmentsPerTeam: "2" })).toEqual({
      teamSizeMin: ["Solo teams are allowed, so the smallest team is 1 person. Use 1, or untick solo teams."],
      minDepartmentsPerTeam: ["A solo explorer is one department, so with solo teams allowed this must be 1."],
    });
    expect(errorsOf({ teamSizeMin: "1", minDepartmentsPerTeam: "1" })).toEqual({
      teamSizeMin: ["A team of 1 is a solo team: tick \u201cSolo teams allowed\u201d, or use 2 or more."],
    });
  });
});

describe("WeekFormSchema: text fields and time zone", () => {
  it.each(["Bad Slug", "2026_h2", "-2026-h2", "2026-h2-", "2026--h2", "ÄÖÜ", "UPPER"])("refuses the slug %j", (slug) => {
    expect(errorsOf({ slug }).slug?.[0]).toMatch(/^Use lower-case letters, digits and single dashes only/);
  });

  it("refuses a slug when the name has nothing to suggest one from", () => {
    expect(errorsOf({ name: "!!!", slug: "" })).toEqual({
      slug: ["Enter a slug: the name has no letters or digits to suggest one from."],
    });
  });

  it("refuses an unknown time zone, without also flagging every date", () => {
    expect(errorsOf({ timeZone: "Mars/Olympus_Mons" })).toEqual({ timeZone: ["Choose a time zone from the list."] });
    expect(errorsOf({ timeZone: "" })).toEqual({ timeZone: ["Choose a time zone."] });
  });

  it("canonicalises the zone's spelling", () => {
    const result = parse({ timeZone: "utc" });
    expect(result.ok && result.data.timeZone).toBe("UTC");
  });

  it("refuses over-long fields with the limit in the message", () => {
    const errors = errorsOf({
      name: "n".repeat(81),
      slug: "s".repeat(61),
      theme: "t".repeat(201),
      description: "d".repeat(20_001),
    });
    expect(errors).toEqual({
      name: ["Use at most 80 characters."],
      slug: ["Use at most 60 characters."],
      theme: ["Use at most 200 characters."],
      description: ["Use at most 20,000 characters (this has 20,001)."],
    });
    expect(
      parse({ name: "n".repeat(80), slug: "s".repeat(60), theme: "t".repeat(200), description: "d".repeat(20_000) }).ok,
    ).toBe(true);
  });

  it("refuses control characters in one-line fields", () => {
    expect(errorsOf({ name: "2026\u0007H2" }).name).toEqual(["A name cannot contain control characters."]);
    expect(errorsOf({ theme: "one\nline" }).theme).toEqual(["A theme cannot contain control characters or line breaks."]);
  });

  it("reports every missing field of an empty form at once", () => {
    const result = parseForm(new FormData(), WeekFormSchema);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      name: ["Enter a name, like 2026 H2."],
      timeZone: ["Choose a time zone."],
      teamSizeMin: ["Enter the smallest team size."],
      teamSizeMax: ["Enter the largest team size."],
      minDepartmentsPerTeam: ["Enter the minimum number of departments."],
      peoplesChoiceVotes: ["Enter the number of people's-choice votes."],
    });
    for (const { key } of BOUNDARIES) expect(result.errors[key]).toEqual(["Enter a date and time."]);
    // Nothing typed, nothing lost: the echo is empty, not an error.
    expect(result.values).toEqual({});
  });

  it("echoes everything typed back on failure", () => {
    const result = parse({ exploringStartsAt: "2026-06-10T09:00", name: "n".repeat(81) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.values).toMatchObject({ exploringStartsAt: "2026-06-10T09:00", theme: "Closer to the customer" });
  });
});

describe("helpers", () => {
  it("firstOutOfOrder returns null for ordered and equal instants", () => {
    const t = new Date("2026-01-01T00:00:00Z");
    expect(firstOutOfOrder({ pitchingOpensAt: t, teamFormationOpensAt: t })).toBeNull();
  });

  it("slugFromName keeps to 60 characters without a trailing dash", () => {
    expect(slugFromName(`${"a".repeat(59)} b`)).toBe("a".repeat(59));
    expect(slugFromName("2026 H2")).toBe("2026-h2");
  });

  it("newWeekFormValues starts from the usual rules", () => {
    expect(newWeekFormValues("Europe/Berlin")).toEqual({
      timeZone: "Europe/Berlin",
      teamSizeMin: "2",
      teamSizeMax: "6",
      minDepartmentsPerTeam: "1",
      peoplesChoiceVotes: "3",
    });
  });

  it.each([
    [
      { teamSizeMin: 2, teamSizeMax: 6, minDepartmentsPerTeam: 2, peoplesChoiceVotes: 3, soloTeamsAllowed: false },
      "Teams of 2–6 people from at least 2 departments; 3 people's-choice votes each.",
    ],
    [
      { teamSizeMin: 1, teamSizeMax: 5, minDepartmentsPerTeam: 1, peoplesChoiceVotes: 1, soloTeamsAllowed: true },
      "Teams of 1–5 people (solo explorers welcome); 1 people's-choice vote each.",
    ],
    [
      { teamSizeMin: 4, teamSizeMax: 4, minDepartmentsPerTeam: 3, peoplesChoiceVotes: 0, soloTeamsAllowed: false },
      "Teams of exactly 4 people from at least 3 departments; no people's-choice vote.",
    ],
    [
      { teamSizeMin: 1, teamSizeMax: 1, minDepartmentsPerTeam: 1, peoplesChoiceVotes: 2, soloTeamsAllowed: true },
      "Everyone explores solo; 2 people's-choice votes each.",
    ],
  ])("describeRules(%j)", (rules, text) => {
    expect(describeRules(rules)).toBe(text);
  });
});
