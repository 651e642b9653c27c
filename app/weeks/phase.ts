/** Where a week stands. Derived from its instants only; every server rule asks `phaseAt`. */
export const PHASES = ["draft", "pitching", "team_formation", "exploring", "demos", "voting", "results", "archived"] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  draft: "Draft",
  pitching: "Pitching",
  team_formation: "Team formation",
  exploring: "Exploring",
  demos: "Demos",
  voting: "Voting",
  results: "Results",
  archived: "Archived",
};

export type WeekInstants = {
  pitchingOpensAt: Date;
  teamFormationOpensAt: Date;
  exploringStartsAt: Date;
  exploringEndsAt: Date;
  demoDeadlineAt: Date;
  votingOpensAt: Date;
  votingClosesAt: Date;
  resultsPublishedAt: Date;
  archivedAt: Date;
};

/** The instant each phase (after draft) begins. Demos run from the end of exploring until voting opens. */
export function phaseStarts(week: WeekInstants): Array<{ phase: Phase; at: Date }> {
  return [
    { phase: "pitching", at: week.pitchingOpensAt },
    { phase: "team_formation", at: week.teamFormationOpensAt },
    { phase: "exploring", at: week.exploringStartsAt },
    { phase: "demos", at: week.exploringEndsAt },
    { phase: "voting", at: week.votingOpensAt },
    { phase: "results", at: week.resultsPublishedAt },
    { phase: "archived", at: week.archivedAt },
  ];
}

/** A boundary belongs to the phase it opens: at exactly `pitchingOpensAt` the week is pitching. */
export function phaseAt(week: WeekInstants, at: Date): Phase {
  let phase: Phase = "draft";
  const t = at.getTime();
  for (const start of phaseStarts(week)) {
    if (t >= start.at.getTime()) phase = start.phase;
    else break;
  }
  return phase;
}

export function nextBoundary(week: WeekInstants, at: Date): { phase: Phase; at: Date } | null {
  return phaseStarts(week).find((s) => s.at.getTime() > at.getTime()) ?? null;
}

export type TimelineStep = {
  phase: Phase;
  label: string;
  startsAt: Date;
  endsAt: Date | null;
  state: "past" | "current" | "upcoming";
};

export function timeline(week: WeekInstants, at: Date): TimelineStep[] {
  const starts = phaseStarts(week).filter((s) => s.phase !== "archived");
  const current = phaseAt(week, at);
  const currentIndex = PHASES.indexOf(current);
  return starts.map((s, i) => {
    const index = PHASES.indexOf(s.phase);
    return {
      phase: s.phase,
      label: PHASE_LABELS[s.phase],
      startsAt: s.at,
      endsAt: starts[i + 1]?.at ?? week.archivedAt,
      state: index < currentIndex ? "past" : index === currentIndex ? "current" : "upcoming",
    };
  });
}

export const isVotingOpen = (week: WeekInstants, at: Date) =>
  at.getTime() >= week.votingOpensAt.getTime() && at.getTime() < week.votingClosesAt.getTime();
