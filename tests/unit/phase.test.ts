import { describe, expect, it } from "vitest";
import { isVotingOpen, nextBoundary, type Phase, phaseAt, timeline, type WeekInstants } from "~/weeks/phase";

const at = (iso: string) => new Date(iso);
const minus1ms = (d: Date) => new Date(d.getTime() - 1);

// Distinct instants; demoDeadlineAt sits inside the demos phase and opens nothing.
const WEEK: WeekInstants = {
  pitchingOpensAt: at("2026-05-01T08:00:00.000Z"),
  teamFormationOpensAt: at("2026-05-08T08:00:00.000Z"),
  exploringStartsAt: at("2026-05-15T07:00:00.000Z"),
  exploringEndsAt: at("2026-05-20T16:00:00.000Z"),
  demoDeadlineAt: at("2026-05-20T22:00:00.000Z"),
  votingOpensAt: at("2026-05-21T07:00:00.000Z"),
  votingClosesAt: at("2026-05-23T07:00:00.000Z"),
  resultsPublishedAt: at("2026-05-24T09:00:00.000Z"),
  archivedAt: at("2026-06-30T00:00:00.000Z"),
};

// [boundary field, phase it opens, phase just before it]
const BOUNDARIES: Array<[keyof WeekInstants, Phase, Phase]> = [
  ["pitchingOpensAt", "pitching", "draft"],
  ["teamFormationOpensAt", "team_formation", "pitching"],
  ["exploringStartsAt", "exploring", "team_formation"],
  ["exploringEndsAt", "demos", "exploring"],
  ["votingOpensAt", "voting", "demos"],
  ["resultsPublishedAt", "results", "voting"],
  ["archivedAt", "archived", "results"],
];

describe("phaseAt", () => {
  it.each(BOUNDARIES)("at exactly %s the week is %s", (field, opens) => {
    expect(phaseAt(WEEK, WEEK[field])).toBe(opens);
  });

  it.each(BOUNDARIES)("1 ms before %s the week is still %s", (field, _opens, before) => {
    expect(phaseAt(WEEK, minus1ms(WEEK[field]))).toBe(before);
  });

  it.each<[string, Date, Phase]>([
    ["long before pitching", at("2020-01-01T00:00:00Z"), "draft"],
    ["mid pitching", at("2026-05-03T12:00:00Z"), "pitching"],
    ["mid team formation", at("2026-05-10T12:00:00Z"), "team_formation"],
    ["mid exploring", at("2026-05-17T12:00:00Z"), "exploring"],
    ["at the demo deadline (not a phase boundary)", WEEK.demoDeadlineAt, "demos"],
    ["while voting", at("2026-05-22T12:00:00Z"), "voting"],
    ["between voting closing and results", WEEK.votingClosesAt, "voting"],
    ["after results", at("2026-06-01T00:00:00Z"), "results"],
    ["long after archiving", at("2030-01-01T00:00:00Z"), "archived"],
  ])("%s → %s", (_label, when, phase) => {
    expect(phaseAt(WEEK, when)).toBe(phase);
  });

  it("skips phases of zero length: equal boundaries go straight to the later phase", () => {
    const squashed = { ...WEEK, teamFormationOpensAt: WEEK.exploringStartsAt };
    expect(phaseAt(squashed, WEEK.exploringStartsAt)).toBe("exploring");
    expect(phaseAt(squashed, minus1ms(WEEK.exploringStartsAt))).toBe("pitching");
  });
});

describe("isVotingOpen", () => {
  it.each<[string, Date, boolean]>([
    ["1 ms before opening", minus1ms(WEEK.votingOpensAt), false],
    ["at opening", WEEK.votingOpensAt, true],
    ["1 ms before closing", minus1ms(WEEK.votingClosesAt), true],
    ["at closing", WEEK.votingClosesAt, false],
  ])("%s → %s", (_label, when, open) => {
    expect(isVotingOpen(WEEK, when)).toBe(open);
  });
});

describe("nextBoundary", () => {
  it("in draft, the next boundary is pitching", () => {
    expect(nextBoundary(WEEK, at("2026-01-01T00:00:00Z"))).toEqual({ phase: "pitching", at: WEEK.pitchingOpensAt });
  });

  const FOLLOWING: Array<[keyof WeekInstants, keyof WeekInstants, Phase]> = [
    ["pitchingOpensAt", "teamFormationOpensAt", "team_formation"],
    ["teamFormationOpensAt", "exploringStartsAt", "exploring"],
    ["exploringStartsAt", "exploringEndsAt", "demos"],
    ["exploringEndsAt", "votingOpensAt", "voting"],
    ["votingOpensAt", "resultsPublishedAt", "results"],
    ["resultsPublishedAt", "archivedAt", "archived"],
  ];
  it.each(FOLLOWING)("at exactly %s the next boundary is %s (%s)", (field, nextField, nextPhase) => {
    expect(nextBoundary(WEEK, WEEK[field])).toEqual({ phase: nextPhase, at: WEEK[nextField] });
  });

  it.each(BOUNDARIES)("1 ms before %s the next boundary is that one (%s)", (field, opens) => {
    expect(nextBoundary(WEEK, minus1ms(WEEK[field]))).toEqual({ phase: opens, at: WEEK[field] });
  });

  it("after archiving there is no next boundary", () => {
    expect(nextBoundary(WEEK, WEEK.archivedAt)).toBeNull();
    expect(nextBoundary(WEEK, at("2031-01-01T00:00:00Z"))).toBeNull();
  });
});

describe("timeline", () => {
  it("lists every phase but draft and archived, each ending where the next begins", () => {
    const steps = timeline(WEEK, at("2026-05-17T12:00:00Z"));
    expect(steps.map((s) => [s.phase, s.label, s.startsAt.toISOString(), s.endsAt?.toISOString()])).toEqual([
      ["pitching", "Pitching", "2026-05-01T08:00:00.000Z", "2026-05-08T08:00:00.000Z"],
      ["team_formation", "Team formation", "2026-05-08T08:00:00.000Z", "2026-05-15T07:00:00.000Z"],
      ["exploring", "Exploring", "2026-05-15T07:00:00.000Z", "2026-05-20T16:00:00.000Z"],
      ["demos", "Demos", "2026-05-20T16:00:00.000Z", "2026-05-21T07:00:00.000Z"],
      ["voting", "Voting", "2026-05-21T07:00:00.000Z", "2026-05-24T09:00:00.000Z"],
      ["results", "Results", "2026-05-24T09:00:00.000Z", "2026-06-30T00:00:00.000Z"],
    ]);
  });

  it.each<[string, Date, string]>([
    ["draft: everything upcoming", at("2026-01-01T00:00:00Z"), "upcoming upcoming upcoming upcoming upcoming upcoming"],
    ["at pitchingOpensAt", WEEK.pitchingOpensAt, "current upcoming upcoming upcoming upcoming upcoming"],
    ["exploring", at("2026-05-17T12:00:00Z"), "past past current upcoming upcoming upcoming"],
    ["1 ms before voting", minus1ms(WEEK.votingOpensAt), "past past past current upcoming upcoming"],
    ["at votingOpensAt", WEEK.votingOpensAt, "past past past past current upcoming"],
    ["results", WEEK.resultsPublishedAt, "past past past past past current"],
    ["archived: everything past", WEEK.archivedAt, "past past past past past past"],
  ])("states when %s", (_label, when, states) => {
    expect(
      timeline(WEEK, when)
        .map((s) => s.state)
        .join(" "),
    ).toBe(states);
  });
});

describe("phases across a daylight-saving change (Europe/Berlin, 2026-03-29 01:00 UTC)", () => {
  // At 01:00 UTC Berlin jumps from 02:00 CET to 03:00 CEST: the wall clock skips an hour.
  const berlin = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Berlin",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const DST_WEEK: WeekInstants = {
    pitchingOpensAt: at("2026-03-20T08:00:00Z"),
    teamFormationOpensAt: at("2026-03-27T08:00:00Z"),
    // 01:30 CET, before the jump
    exploringStartsAt: at("2026-03-29T00:30:00Z"),
    // 03:30 CEST, after it: two wall-clock hours but one real hour later
    exploringEndsAt: at("2026-03-29T01:30:00Z"),
    demoDeadlineAt: at("2026-03-29T01:45:00Z"),
    votingOpensAt: at("2026-03-29T02:00:00Z"),
    votingClosesAt: at("2026-03-30T02:00:00Z"),
    resultsPublishedAt: at("2026-03-31T02:00:00Z"),
    archivedAt: at("2026-04-30T00:00:00Z"),
  };

  it("the fixture really straddles the change", () => {
    expect(berlin.format(DST_WEEK.exploringStartsAt)).toBe("01:30:00");
    expect(berlin.format(at("2026-03-29T00:59:59Z"))).toBe("01:59:59");
    expect(berlin.format(at("2026-03-29T01:00:00Z"))).toBe("03:00:00");
    expect(berlin.format(DST_WEEK.exploringEndsAt)).toBe("03:30:00");
  });

  it.each<[string, string, Phase]>([
    ["1 ms before exploring (01:29:59.999 CET)", "2026-03-29T00:29:59.999Z", "team_formation"],
    ["exploring starts (01:30 CET)", "2026-03-29T00:30:00.000Z", "exploring"],
    ["last instant before the jump (01:59:59.999 CET)", "2026-03-29T00:59:59.999Z", "exploring"],
    ["first instant after the jump (03:00 CEST)", "2026-03-29T01:00:00.000Z", "exploring"],
    // Wall-clock arithmetic (01:30 + 1 h = 02:30, a time that does not exist) would be wrong here.
    ["1 ms before exploring ends (03:29:59.999 CEST)", "2026-03-29T01:29:59.999Z", "exploring"],
    ["exploring ends (03:30 CEST)", "2026-03-29T01:30:00.000Z", "demos"],
    ["voting opens (04:00 CEST)", "2026-03-29T02:00:00.000Z", "voting"],
  ])("%s → %s", (_label, iso, phase) => {
    expect(phaseAt(DST_WEEK, at(iso))).toBe(phase);
  });

  it("the exploring phase lasts one real hour although the wall clock moves two", () => {
    const step = timeline(DST_WEEK, at("2026-03-29T01:00:00Z")).find((s) => s.phase === "exploring");
    expect(step?.state).toBe("current");
    expect((step?.endsAt?.getTime() ?? 0) - (step?.startsAt.getTime() ?? 0)).toBe(3_600_000);
    expect(nextBoundary(DST_WEEK, at("2026-03-29T00:59:59.999Z"))).toEqual({
      phase: "demos",
      at: at("2026-03-29T01:30:00Z"),
    });
  });

  it("the autumn change (2026-10-25, 02:30 happens twice) is decided by the instant, not the wall clock", () => {
    // 02:30 CEST = 00:30 UTC, 02:30 CET = 01:30 UTC; a boundary at 01:00 UTC (02:00 CET, the second 02:00).
    const autumn: WeekInstants = {
      ...DST_WEEK,
      pitchingOpensAt: at("2026-10-20T00:00:00Z"),
      teamFormationOpensAt: at("2026-10-25T01:00:00Z"),
      exploringStartsAt: at("2026-10-26T00:00:00Z"),
      exploringEndsAt: at("2026-10-27T00:00:00Z"),
      demoDeadlineAt: at("2026-10-27T00:00:00Z"),
      votingOpensAt: at("2026-10-28T00:00:00Z"),
      votingClosesAt: at("2026-10-29T00:00:00Z"),
      resultsPublishedAt: at("2026-10-30T00:00:00Z"),
      archivedAt: at("2026-11-30T00:00:00Z"),
    };
    const first = at("2026-10-25T00:30:00Z");
    const second = at("2026-10-25T01:30:00Z");
    expect(berlin.format(first)).toBe("02:30:00");
    expect(berlin.format(second)).toBe("02:30:00");
    expect(phaseAt(autumn, first)).toBe("pitching");
    expect(phaseAt(autumn, second)).toBe("team_formation");
  });
});
