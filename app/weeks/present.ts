import { nextBoundary, PHASE_LABELS, phaseAt, timeline } from "./phase";
import type { Week } from "./weeks.server";

/** A week as pages receive it: instants as ISO strings, its phase and timeline computed on the server. */
export function presentWeek(week: Week, now: Date) {
  const phase = phaseAt(week, now);
  const next = nextBoundary(week, now);
  return {
    id: week.id,
    name: week.name,
    slug: week.slug,
    theme: week.theme,
    timeZone: week.timeZone,
    phase,
    phaseLabel: PHASE_LABELS[phase],
    next: next ? { phase: next.phase, label: PHASE_LABELS[next.phase], at: next.at.toISOString() } : null,
    timeline: timeline(week, now).map((s) => ({
      phase: s.phase,
      label: s.label,
      state: s.state,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt?.toISOString() ?? null,
    })),
  };
}
export type PresentedWeek = ReturnType<typeof presentWeek>;
