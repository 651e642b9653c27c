import { Badge, Group, Text, Timeline } from "@mantine/core";
import type { PresentedWeek } from "~/weeks/present";
import { LocalTime } from "./LocalTime";

export function WeekTimeline({ week }: { week: PresentedWeek }) {
  const active = week.timeline.findIndex((s) => s.state === "current");
  return (
    <Timeline active={active} bulletSize={18} lineWidth={2} aria-label={`Phases of ${week.name}`}>
      {week.timeline.map((step) => (
        <Timeline.Item
          key={step.phase}
          title={
            <Group gap="xs">
              <Text fw={step.state === "current" ? 700 : 500}>{step.label}</Text>
              {step.state === "current" ? (
                <Badge size="sm" variant="filled" aria-label="current phase">
                  now
                </Badge>
              ) : null}
            </Group>
          }
          aria-current={step.state === "current" ? "step" : undefined}
        >
          <Text size="sm" c="dimmed">
            <LocalTime iso={step.startsAt} fallbackTimeZone={week.timeZone} />
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
