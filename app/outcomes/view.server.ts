import { renderMarkdown } from "~/lib/markdown.server";
import type { DemoOutcome } from "./outcomes.server";
import { CHECKPOINT_STATE_LABELS, OUTCOME_STATUS_INFO, unitLabel } from "./rules";

/**
 * A demo's outcome as plain JSON for a page: dates as ISO strings, notes rendered (sanitised
 * Markdown), labels attached. Shared by the demo page and the outcome page.
 */
export function outcomeView(o: DemoOutcome) {
  return {
    status: o.status,
    statusLabel: o.status ? OUTCOME_STATUS_INFO[o.status].label : null,
    publishedAt: o.publishedAt?.toISOString() ?? null,
    timeZone: o.week.timeZone,
    dates: o.dates,
    viewer: o.viewer,
    timeline: o.timeline.map((t) => ({
      id: t.id,
      status: t.status,
      statusLabel: OUTCOME_STATUS_INFO[t.status].label,
      happenedOn: t.happenedOn,
      note: t.note,
      noteHtml: renderMarkdown(t.note),
      owningTeam: t.owningTeam,
      lessons: t.lessons,
      lessonsHtml: renderMarkdown(t.lessons),
      authorId: t.authorId,
      authorName: t.authorName,
      createdAt: t.createdAt.toISOString(),
      corrected: t.updatedAt.getTime() - t.createdAt.getTime() > 1000,
    })),
    series: o.series.map((s) => ({
      key: s.key,
      kind: s.kind,
      metric: s.metric,
      label: s.label,
      latestId: s.latest.id,
      history: s.history.map((m) => ({
        id: m.id,
        kind: m.kind,
        metric: m.metric,
        unit: m.unit,
        unitLabel: unitLabel(m.kind, m.unit),
        baseline: m.baseline,
        value: m.value,
        measuredOn: m.measuredOn,
        evidenceUrl: m.evidenceUrl,
        note: m.note,
        authorId: m.authorId,
        authorName: m.authorName,
        createdAt: m.createdAt.toISOString(),
      })),
    })),
    checkpoints:
      o.checkpoints?.map((c) => ({
        days: c.days,
        dueAt: c.dueAt.toISOString(),
        state: c.state,
        stateLabel: CHECKPOINT_STATE_LABELS[c.state],
      })) ?? null,
    currentCheckpoint: o.currentCheckpoint
      ? { days: o.currentCheckpoint.days, state: o.currentCheckpoint.state, dueAt: o.currentCheckpoint.dueAt.toISOString() }
      : null,
  };
}

export type OutcomeView = ReturnType<typeof outcomeView>;
