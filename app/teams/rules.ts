import type { Phase } from "~/weeks/phase";

/** Pure team rules, asked by the server and mirrored by the UI. */

export type WeekRules = { teamSizeMin: number; teamSizeMax: number; minDepartmentsPerTeam: number; soloTeamsAllowed: boolean };

/** Participants change rosters only during team formation; the roster locks when exploring starts. */
export const rosterOpen = (phase: Phase) => phase === "team_formation";

/** Organisers may move people at any phase until the week is archived. */
export const canChangeRoster = (phase: Phase, isOrganiser: boolean) => (isOrganiser ? phase !== "archived" : rosterOpen(phase));

/** A team's capacity must sit within the week's size rules (and hold its current members). */
export function capacityProblem(capacity: number, rules: WeekRules, members = 1): string | null {
  const min = Math.max(rules.soloTeamsAllowed ? 1 : 2, rules.teamSizeMin);
  if (!Number.isInteger(capacity)) return "Capacity must be a whole number.";
  if (capacity < min) return `Teams in this week have at least ${min} places.`;
  if (capacity > rules.teamSizeMax) return `Teams in this week have at most ${rules.teamSizeMax} people.`;
  if (capacity < members) return `The team already has ${members} members; capacity cannot be lower.`;
  return null;
}

export const departmentRuleMet = (departments: number, rules: Pick<WeekRules, "minDepartmentsPerTeam">) =>
  departments >= rules.minDepartmentsPerTeam;

/** Why a team cannot be confirmed for demos yet, or null when it can. */
export function confirmProblem(team: { memberCount: number; departments: number }, rules: WeekRules): string | null {
  const minSize = Math.max(rules.soloTeamsAllowed ? 1 : 2, rules.teamSizeMin);
  if (team.memberCount < minSize)
    return `The team needs at least ${minSize} members to be confirmed (it has ${team.memberCount}).`;
  if (!departmentRuleMet(team.departments, rules)) {
    return `The team needs someone from another department: this week asks for ${rules.minDepartmentsPerTeam} departments per team (it has ${team.departments}).`;
  }
  return null;
}

export const openPlaces = (team: { capacity: number; memberCount: number }) => Math.max(0, team.capacity - team.memberCount);
