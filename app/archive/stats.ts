import { OUTCOME_LABELS, OUTCOME_STATUSES, type OutcomeFilter } from "./vocabulary";

/**
 * A week's statistics, as the archive and the leadership dashboard show them. The definitions are
 * written on the pages too (STAT_DEFINITIONS), so readers know exactly what each number counts.
 */
export type OutcomeCounts = Record<OutcomeFilter, number>;

export type ImpactTotals = {
  /** Sum of the latest "hours saved per year" of every demo. */
  hoursSaved: number;
  /** Sum of the latest "people reached" of every demo. */
  peopleReached: number;
  /** Sum of the latest "money saved per year", per currency (never added across currencies), largest first. */
  money: Array<{ currency: string; amount: number }>;
  /** Custom metrics are listed, not summed: each demo's latest value of each. */
  custom: Array<{ demoId: number; demoTitle: string; metric: string; unit: string; value: number }>;
};

export type WeekStats = {
  weekId: number;
  slug: string;
  name: string;
  theme: string;
  /** When pitching opened (ISO), the week's place in time. */
  startsAt: string;
  participants: number;
  ideas: number;
  teams: number;
  demos: number;
  departments: number;
  crossDepartmentTeams: number;
  /** crossDepartmentTeams / teams, between 0 and 1; null when the week had no team. */
  crossDepartmentShare: number | null;
  stretchGoals: number;
  mentors: number;
  awards: number;
  outcomes: OutcomeCounts;
  impact: ImpactTotals;
};

/** Across weeks: people, departments and mentors are counted once however many weeks they took part in. */
export type ArchiveTotals = Omit<WeekStats, "weekId" | "slug" | "name" | "theme" | "startsAt"> & { weeks: number };

export const OUTCOME_ORDER: readonly OutcomeFilter[] = [...OUTCOME_STATUSES, "none"];

export const emptyOutcomes = (): OutcomeCounts => ({
  shipped: 0,
  continued: 0,
  prototype: 0,
  learning: 0,
  stopped: 0,
  none: 0,
});

export const emptyImpact = (): ImpactTotals => ({ hoursSaved: 0, peopleReached: 0, money: [], custom: [] });

export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** How every number is counted; shown under the statistics so nobody has to guess. */
export const STAT_DEFINITIONS: ReadonlyArray<{ term: string; definition: string }> = [
  {
    term: "Participants",
    definition: "distinct people who pitched a published idea or were a member of a team in the week.",
  },
  { term: "Ideas", definition: "published ideas (withdrawn ones are not counted)." },
  { term: "Teams", definition: "teams with at least one member." },
  { term: "Demos", definition: "demos the teams submitted." },
  { term: "Departments", definition: "distinct departments of the participants." },
  {
    term: "Cross-department share",
    definition: "teams whose members come from two or more departments, divided by all teams.",
  },
  {
    term: "Stretch goals",
    definition: "demo reflections in which a member declared a stretch goal they worked on.",
  },
  { term: "Mentors", definition: "distinct people who accepted to mentor one of the week's teams." },
  { term: "Awards", definition: "published award wins." },
  {
    term: "Outcomes",
    definition: "demos by their latest recorded outcome, including those with no outcome yet.",
  },
  {
    term: "Impact",
    definition:
      "the sum of each demo's latest measurement: hours saved per year, people reached, money saved per currency; custom metrics are listed, not added up.",
  },
];

export const formatNumber = (n: number) => Math.round(n).toLocaleString("en");

export function formatShare(value: number | null): string {
  return value === null ? "–" : `${Math.round(value * 100)}%`;
}

export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en", {
      style: "currency",
      currency,
      minimumFractionDigits: 0,
      maximumFractionDigits: 0,
    }).format(amount);
  } catch {
    return `${formatNumber(amount)} ${currency}`;
  }
}

function listSentence(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function impactPhrases(impact: ImpactTotals): string[] {
  const phrases: string[] = [];
  if (impact.hoursSaved > 0) phrases.push(`save ${formatNumber(impact.hoursSaved)} hours a year`);
  for (const m of impact.money) if (m.amount > 0) phrases.push(`save ${formatMoney(m.amount, m.currency)} a year`);
  if (impact.peopleReached > 0) phrases.push(`reach ${formatNumber(impact.peopleReached)} people`);
  return phrases;
}

/**
 * Sentences for leadership: "Projects from 2025 H1 now save 3,200 hours a year", one per week with
 * recorded impact (newest first), then the total across weeks.
 */
export function impactHeadlines(weeks: WeekStats[], totals?: ArchiveTotals): string[] {
  const lines: string[] = [];
  for (const w of [...weeks].sort((a, b) => b.startsAt.localeCompare(a.startsAt))) {
    const phrases = impactPhrases(w.impact);
    if (phrases.length) lines.push(`Projects from ${w.name} now ${listSentence(phrases)}.`);
  }
  if (totals && totals.weeks > 1) {
    const phrases = impactPhrases(totals.impact);
    if (phrases.length) lines.push(`Across ${totals.weeks} weeks, projects now ${listSentence(phrases)}.`);
  }
  return lines;
}

/** Sums per-week impact (money per currency, custom metrics concatenated). */
export function addImpact(items: ImpactTotals[]): ImpactTotals {
  const money = new Map<string, number>();
  const total = emptyImpact();
  for (const i of items) {
    total.hoursSaved += i.hoursSaved;
    total.peopleReached += i.peopleReached;
    for (const m of i.money) money.set(m.currency, (money.get(m.currency) ?? 0) + m.amount);
    total.custom.push(...i.custom);
  }
  total.hoursSaved = round2(total.hoursSaved);
  total.peopleReached = round2(total.peopleReached);
  total.money = [...money.entries()]
    .map(([currency, amount]) => ({ currency, amount: round2(amount) }))
    .sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency));
  return total;
}

/** Money and hours are stored with two decimals; sums of them are rounded back to cents. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

export function outcomeLabel(status: OutcomeFilter): string {
  return OUTCOME_LABELS[status];
}
