import { Badge } from "@mantine/core";
import { OUTCOME_LABELS, type OutcomeFilter, type OutcomeStatus } from "~/archive/vocabulary";
import type { BadgeColor } from "~/components/plain/Plain";
import classes from "./archive.module.css";

export const OUTCOME_COLORS: Record<OutcomeFilter, BadgeColor> = {
  shipped: "green",
  continued: "teal",
  prototype: "blue",
  learning: "violet",
  stopped: "gray",
  none: "gray",
};

/** What became of a demo: its latest outcome, or "No outcome yet". */
export function OutcomeBadge({ status, size = "sm" }: { status: OutcomeStatus | null; size?: "xs" | "sm" | "md" }) {
  const key: OutcomeFilter = status ?? "none";
  return (
    <Badge className={classes.contrast} size={size} color={OUTCOME_COLORS[key]} variant={status ? "light" : "outline"}>
      <span className="visually-hidden">Outcome: </span>
      {OUTCOME_LABELS[key]}
    </Badge>
  );
}
