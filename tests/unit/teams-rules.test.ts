import { describe, expect, it } from "vitest";
import {
  canChangeRoster,
  capacityProblem,
  confirmProblem,
  departmentRuleMet,
  openPlaces,
  rosterOpen,
  type WeekRules,
} from "~/teams/rules";
import { PHASES, type Phase } from "~/weeks/phase";

const RULES: WeekRules = { teamSizeMin: 2, teamSizeMax: 6, minDepartmentsPerTeam: 2, soloTeamsAllowed: false };
const SOLO: WeekRules = { teamSizeMin: 1, teamSizeMax: 5, minDepartmentsPerTeam: 1, soloTeamsAllowed: true };

describe("rosterOpen / canChangeRoster", () => {
  const participant: Record<Phase, boolean> = {
    draft: false,
    pitching: false,
    team_formation: true,
    exploring: false,
    demos: false,
    voting: false,
    results: false,
    archived: false,
  };

  it.each(PHASES)("participants change rosters in %s only during team formation", (phase) => {
    expect(rosterOpen(phase)).toBe(participant[phase]);
    expect(canChangeRoster(phase, false)).toBe(participant[phase]);
  });

  it.each(PHASES)("organisers change rosters in %s unless the week is archived", (phase) => {
    expect(canChangeRoster(phase, true)).toBe(phase !== "archived");
  });

  it("locks the roster for participants the moment exploring starts, while organisers can still move people", () => {
    expect(canChangeRoster("exploring", false)).toBe(false);
    expect(canChangeRoster("exploring", true)).toBe(true);
    expect(canChangeRoster("archived", true)).toBe(false);
  });
});

describe("capacityProblem", () => {
  it("accepts every capacity within the week's sizes", () => {
    for (let capacity = 2; capacity <= 6; capacity++) expect(capacityProblem(capacity, RULES), String(capacity)).toBeNull();
  });

  it("refuses a capacity below the minimum, naming the minimum", () => {
    expect(capacityProblem(1, RULES)).toBe("Teams in this week have at least 2 places.");
    expect(capacityProblem(0, RULES)).toBe("Teams in this week have at least 2 places.");
    expect(capacityProblem(2, { ...RULES, teamSizeMin: 3 })).toBe("Teams in this week have at least 3 places.");
  });

  it("refuses a capacity above the maximum, naming the maximum", () => {
    expect(capacityProblem(7, RULES)).toBe("Teams in this week have at most 6 people.");
    expect(capacityProblem(50, SOLO)).toBe("Teams in this week have at most 5 people.");
  });

  it("allows a one-person team only when solo teams are allowed", () => {
    expect(capacityProblem(1, SOLO)).toBeNull();
    expect(capacityProblem(1, { ...SOLO, soloTeamsAllowed: false })).toBe("Teams in this week have at least 2 places.");
    // Solo teams allowed does not lower a week's own minimum.
    expect(capacityProblem(1, { ...SOLO, teamSizeMin: 2 })).toBe("Teams in this week have at least 2 places.");
  });

  it("refuses a capacity below the current members", () => {
    expect(capacityProblem(3, RULES, 4)).toBe("The team already has 4 members; capacity cannot be lower.");
    expect(capacityProblem(4, RULES, 4)).toBeNull();
    expect(capacityProblem(5, RULES, 4)).toBeNull();
  });

  it("refuses a capacity that is not a whole number", () => {
    expect(capacityProblem(2.5, RULES)).toBe("Capacity must be a whole number.");
    expect(capacityProblem(Number.NaN, RULES)).toBe("Capacity must be a whole number.");
  });
});

describe("confirmProblem", () => {
  it("accepts a team that meets the size and department rules", () => {
    expect(confirmProblem({ memberCount: 2, departments: 2 }, RULES)).toBeNull();
    expect(confirmProblem({ memberCount: 6, departments: 3 }, RULES)).toBeNull();
  });

  it("refuses a team that is too small, naming both numbers", () => {
    expect(confirmProblem({ memberCount: 1, departments: 1 }, RULES)).toBe(
      "The team needs at least 2 members to be confirmed (it has 1).",
    );
    expect(confirmProblem({ memberCount: 2, departments: 2 }, { ...RULES, teamSizeMin: 3 })).toBe(
      "The team needs at least 3 members to be confirmed (it has 2).",
    );
  });

  it("refuses a team with too few departments, naming the rule and the team's count", () => {
    const message = confirmProblem({ memberCount: 4, departments: 1 }, RULES);
    expect(message).toBe("The team needs someone from another department: this week asks for 2 departments per team (it has 1).");
    expect(confirmProblem({ memberCount: 4, departments: 2 }, { ...RULES, minDepartmentsPerTeam: 3 })).toContain(
      "asks for 3 departments per team (it has 2)",
    );
  });

  it("checks the size before the departments", () => {
    expect(confirmProblem({ memberCount: 1, departments: 1 }, RULES)).toMatch(/at least 2 members/);
  });

  it("confirms a solo team when the week allows it", () => {
    expect(confirmProblem({ memberCount: 1, departments: 1 }, SOLO)).toBeNull();
    expect(confirmProblem({ memberCount: 0, departments: 0 }, SOLO)).toMatch(/\(it has 0\)/);
  });

  it("departmentRuleMet compares with the week's minimum", () => {
    expect(departmentRuleMet(1, RULES)).toBe(false);
    expect(departmentRuleMet(2, RULES)).toBe(true);
    expect(departmentRuleMet(1, SOLO)).toBe(true);
  });
});

describe("openPlaces", () => {
  it("is capacity minus members, never negative", () => {
    expect(openPlaces({ capacity: 5, memberCount: 1 })).toBe(4);
    expect(openPlaces({ capacity: 5, memberCount: 5 })).toBe(0);
    expect(openPlaces({ capacity: 3, memberCount: 4 })).toBe(0);
  });
});
