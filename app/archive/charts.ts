import { OUTCOME_ORDER, type WeekStats } from "./stats";
import { OUTCOME_LABELS } from "./vocabulary";

/**
 * A chart described as data, so the same description draws the chart (StatsCharts, loaded lazily in the
 * browser) and the table that stands in for it (server-rendered, and always one click away).
 */
export type ChartSpec = {
  id: string;
  title: string;
  /** One sentence saying what the chart shows, read by screen readers with the chart. */
  description: string;
  kind: "line" | "bar" | "stacked";
  /** The category of each row (the x axis), e.g. the week's name. */
  categoryKey: string;
  categoryLabel: string;
  rows: Array<Record<string, string | number | null>>;
  series: Array<{ name: string; label: string; color: string }>;
  /** How values read: plain numbers, or a share shown as a percentage (values are 0–100). */
  format?: "number" | "percent";
  height?: number;
};

export function formatChartValue(value: number | string | null | undefined, format: ChartSpec["format"]): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "string") return value;
  if (format === "percent") return `${Math.round(value)}%`;
  return value.toLocaleString("en", { maximumFractionDigits: 2 });
}

export const OUTCOME_CHART_COLORS: Record<(typeof OUTCOME_ORDER)[number], string> = {
  shipped: "green.7",
  continued: "teal.6",
  prototype: "blue.6",
  learning: "violet.6",
  stopped: "gray.6",
  none: "gray.3",
};

/** The dashboard's charts over weeks (oldest first, so time runs left to right). */
export function trendCharts(weeks: WeekStats[]): ChartSpec[] {
  const byWeek = (pick: (w: WeekStats) => Record<string, number | null>) => weeks.map((w) => ({ week: w.name, ...pick(w) }));
  return [
    {
      id: "chart-participation",
      title: "Participation per week",
      description: "Participants, ideas, teams and demos of each past week.",
      kind: "line",
      categoryKey: "week",
      categoryLabel: "Week",
      rows: byWeek((w) => ({ participants: w.participants, ideas: w.ideas, teams: w.teams, demos: w.demos })),
      series: [
        { name: "participants", label: "Participants", color: "indigo.6" },
        { name: "ideas", label: "Ideas", color: "teal.6" },
        { name: "teams", label: "Teams", color: "orange.6" },
        { name: "demos", label: "Demos", color: "grape.6" },
      ],
    },
    {
      id: "chart-cross-department",
      title: "Cross-department teams",
      description: "The share of each week's teams whose members came from two or more departments.",
      kind: "bar",
      categoryKey: "week",
      categoryLabel: "Week",
      rows: byWeek((w) => ({
        share: w.crossDepartmentShare === null ? null : Math.round(w.crossDepartmentShare * 1000) / 10,
      })),
      series: [{ name: "share", label: "Teams spanning 2+ departments", color: "indigo.6" }],
      format: "percent",
    },
    {
      id: "chart-outcomes",
      title: "Outcomes by status",
      description: "Each week's demos by what became of them, including those with no outcome recorded yet.",
      kind: "stacked",
      categoryKey: "week",
      categoryLabel: "Week",
      rows: byWeek((w) => ({ ...w.outcomes })),
      series: OUTCOME_ORDER.map((s) => ({ name: s, label: OUTCOME_LABELS[s], color: OUTCOME_CHART_COLORS[s] })),
    },
    {
      id: "chart-impact",
      title: "Hours saved per year",
      description: "The latest hours-saved-per-year figures of each week's demos, added up per week.",
      kind: "bar",
      categoryKey: "week",
      categoryLabel: "Week",
      rows: byWeek((w) => ({ hours: w.impact.hoursSaved })),
      series: [{ name: "hours", label: "Hours saved per year", color: "green.7" }],
    },
  ];
}

/** One week's small chart: its demos by outcome. */
export function weekOutcomeChart(stats: WeekStats): ChartSpec {
  return {
    id: `chart-week-${stats.weekId}-outcomes`,
    title: "What became of the demos",
    description: `The ${stats.demos} demos of ${stats.name} by their latest outcome.`,
    kind: "bar",
    categoryKey: "status",
    categoryLabel: "Outcome",
    rows: OUTCOME_ORDER.map((s) => ({ status: OUTCOME_LABELS[s], demos: stats.outcomes[s] })),
    series: [{ name: "demos", label: "Demos", color: "indigo.6" }],
    height: 220,
  };
}
