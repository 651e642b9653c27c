import { Badge, List, Text } from "@mantine/core";
import { LocalTime } from "~/components/LocalTime";
import type { NominationEvent } from "./nominations.server";
import { NOMINATION_STATUS_COLORS, NOMINATION_STATUS_LABELS, type NominationStatus } from "./rules";

export function StatusBadge({ status }: { status: NominationStatus }) {
  return (
    <Badge color={NOMINATION_STATUS_COLORS[status]} variant="light">
      {NOMINATION_STATUS_LABELS[status]}
    </Badge>
  );
}

/** Every step of a nomination, oldest first: who moved it where, with the organiser's note (plain text). */
export function NominationHistory({ events }: { events: NominationEvent[] }) {
  return (
    <List size="sm" spacing={4} aria-label="History">
      {events.map((e) => (
        <List.Item key={e.id}>
          <LocalTime iso={e.createdAt} /> —{" "}
          {e.fromStatus === null
            ? `nominated by ${e.actorName}`
            : e.fromStatus === e.toStatus
              ? `note from ${e.actorName}`
              : `${NOMINATION_STATUS_LABELS[e.fromStatus].toLowerCase()} → ${NOMINATION_STATUS_LABELS[e.toStatus].toLowerCase()} by ${e.actorName}`}
          {e.note ? (
            <Text span size="sm" style={{ whiteSpace: "pre-wrap" }}>
              : “{e.note}”
            </Text>
          ) : null}
        </List.Item>
      ))}
    </List>
  );
}
