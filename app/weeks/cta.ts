import type { Phase } from "./phase";

export type CallToAction = { label: string; to: string; hint: string } | null;

/** The one action that matters now for this person in this phase of the week. */
export function callToAction(
  phase: Phase,
  week: { slug: string },
  person: { inTeam?: boolean; isJudge?: boolean } = {},
): CallToAction {
  const base = `/weeks/${week.slug}`;
  switch (phase) {
    case "draft":
      return { label: "Read about this week", to: base, hint: "Pitching has not opened yet." };
    case "pitching":
      return {
        label: "Pitch an idea",
        to: `${base}/ideas/new`,
        hint: "Pitch what you would love to explore, or follow ideas you like.",
      };
    case "team_formation":
      return person.inTeam
        ? {
            label: "Go to your team",
            to: `${base}/teams`,
            hint: "You have a team. Recruit people with the skills you need, and confirm it for demos.",
          }
        : { label: "Find a team", to: `${base}/teams`, hint: "Join a team, or start one around an idea." };
    case "exploring":
      return person.inTeam
        ? { label: "Prepare your demo", to: `${base}/demos`, hint: "Explore, then show what you found." }
        : { label: "Browse what teams are exploring", to: `${base}/teams`, hint: "Teams are building this week." };
    case "demos":
      return person.inTeam
        ? { label: "Submit your demo", to: `${base}/demos`, hint: "Submit before the demo deadline." }
        : { label: "See the demo schedule", to: `${base}/demos`, hint: "Demo day is coming." };
    case "voting":
      return person.isJudge
        ? { label: "Score your demos", to: `${base}/ballot`, hint: "Your ballot is open until voting closes." }
        : { label: "Vote for people's choice", to: `${base}/demos`, hint: "Pick the demos you liked best." };
    case "results":
      return { label: "See the results", to: `${base}/results`, hint: "Winners are published." };
    case "archived":
      return { label: "Browse the archive", to: "/archive", hint: "Every past week and what became of it." };
  }
}
