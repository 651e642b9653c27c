/**
 * How outcomes and impact figures read: badges, figures, the timeline and the checkpoints. Kept apart from
 * the forms (components.tsx) so pages that only show outcomes — the demo page, the organisers' list — do
 * not download the form controls.
 */
import { Anchor, Badge, Group, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { IconExternalLink } from "@tabler/icons-react";
import { Link } from "react-router";
import { Markdown } from "~/components/Markdown";
import { type CheckpointState, formatAmount, OUTCOME_STATUS_INFO, type OutcomeStatus } from "./rules";
import type { OutcomeView } from "./view.server";

const CHECKPOINT_COLORS: Record<CheckpointState, string> = { upcoming: "gray", due: "yellow", overdue: "red", done: "teal" };
export const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "JPY", "CAD", "AUD", "INR"];

export function OutcomeStatusBadge({ status, size = "md" }: { status: OutcomeStatus | null; size?: "sm" | "md" | "lg" }) {
  if (!status) {
    return (
      <Badge variant="outline" color="gray" size={size}>
        No outcome yet
      </Badge>
    );
  }
  const info = OUTCOME_STATUS_INFO[status];
  return (
    <Badge variant="light" color={info.color} size={size} title={info.description}>
      {info.label}
    </Badge>
  );
}

export function CheckpointBadge({ state, label }: { state: CheckpointState; label: string }) {
  return (
    <Badge variant="light" color={CHECKPOINT_COLORS[state]} size="sm">
      {label}
    </Badge>
  );
}

/** "1,500 hours/year", "25,000.5 USD per year", "40 builds/day". */
export function formatFigure(value: number, unitLabel: string): string {
  return `${formatAmount(value)} ${unitLabel}`.trim();
}

function dateLabel(iso: string) {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${iso}T12:00:00Z`),
  );
}

type Measurement = OutcomeView["series"][number]["history"][number];

function Evidence({ url }: { url: string }) {
  if (!url)
    return (
      <Text span size="sm" c="dimmed">
        no evidence link
      </Text>
    );
  return (
    <Anchor href={url} target="_blank" rel="noopener noreferrer nofollow" size="sm" underline="always">
      evidence <IconExternalLink size={12} aria-label="(opens in a new tab)" />
    </Anchor>
  );
}

/** Baseline → value, the date measured and the evidence link. */
export function FigureLine({ m }: { m: Measurement }) {
  return (
    <Text size="sm">
      {m.baseline !== null ? (
        <>
          {formatFigure(m.baseline, m.unitLabel)} → <strong>{formatFigure(m.value, m.unitLabel)}</strong>
        </>
      ) : (
        <strong>{formatFigure(m.value, m.unitLabel)}</strong>
      )}{" "}
      · measured {dateLabel(m.measuredOn)} · <Evidence url={m.evidenceUrl} />
    </Text>
  );
}

/** The latest figure of every series, each with its history behind a disclosure (works without JavaScript). */
export function ImpactSeriesList({
  series,
  renderControls,
}: {
  series: OutcomeView["series"];
  renderControls?: (m: Measurement) => React.ReactNode;
}) {
  if (series.length === 0) return <Text c="dimmed">No impact figures recorded yet.</Text>;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {series.map((s) => {
        const latest = s.history[0];
        if (!latest) return null;
        return (
          <Stack
            key={s.key}
            gap={4}
            component="article"
            aria-label={s.label}
            p="sm"
            style={{ border: "1px solid var(--mantine-color-default-border)", borderRadius: 8 }}
          >
            <Text fw={600}>{s.label}</Text>
            <FigureLine m={latest} />
            {latest.note ? (
              <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                {latest.note}
              </Text>
            ) : null}
            {renderControls ? renderControls(latest) : null}
            {s.history.length > 1 || renderControls ? (
              <details>
                <summary>
                  <Text span size="sm">
                    History ({s.history.length} measurement{s.history.length === 1 ? "" : "s"})
                  </Text>
                </summary>
                <Stack gap={6} mt={6} component="ol" style={{ paddingLeft: "1.2rem" }}>
                  {s.history.map((m) => (
                    <li key={m.id}>
                      <FigureLine m={m} />
                      <Text size="xs" c="dimmed">
                        by {m.authorName}
                        {m.note ? ` · ${m.note}` : ""}
                      </Text>
                      {renderControls && m.id !== latest.id ? renderControls(m) : null}
                    </li>
                  ))}
                </Stack>
              </details>
            ) : null}
          </Stack>
        );
      })}
    </SimpleGrid>
  );
}

type Entry = OutcomeView["timeline"][number];

/** The dated outcome updates, newest first. */
export function OutcomeTimeline({
  entries,
  renderControls,
}: {
  entries: Entry[];
  renderControls?: (e: Entry) => React.ReactNode;
}) {
  if (entries.length === 0) return <Text c="dimmed">No outcome updates yet.</Text>;
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label="Outcome timeline">
      {entries.map((e) => (
        <li key={e.id}>
          <Stack gap={4} pl="sm" style={{ borderLeft: "3px solid var(--mantine-color-default-border)" }}>
            <Group gap="xs">
              <Text fw={600} size="sm">
                {dateLabel(e.happenedOn)}
              </Text>
              <OutcomeStatusBadge status={e.status} size="sm" />
              {e.corrected ? (
                <Text size="xs" c="dimmed">
                  (corrected by an organiser)
                </Text>
              ) : null}
            </Group>
            {e.owningTeam ? <Text size="sm">Owned by: {e.owningTeam}</Text> : null}
            <Markdown html={e.noteHtml} />
            {e.lessonsHtml ? (
              <Stack gap={2}>
                <Text size="sm" fw={600}>
                  Lessons
                </Text>
                <Markdown html={e.lessonsHtml} />
              </Stack>
            ) : null}
            <Text size="xs" c="dimmed">
              Recorded by{" "}
              <Anchor component={Link} to={`/people/${e.authorId}`} size="xs">
                {e.authorName}
              </Anchor>
            </Text>
            {renderControls ? renderControls(e) : null}
          </Stack>
        </li>
      ))}
    </Stack>
  );
}

export function CheckpointTable({ checkpoints }: { checkpoints: NonNullable<OutcomeView["checkpoints"]> }) {
  return (
    <Table withTableBorder maw={520}>
      <Table.Caption>Follow-up checkpoints after the results</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Checkpoint</Table.Th>
          <Table.Th>Due</Table.Th>
          <Table.Th>State</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {checkpoints.map((c) => (
          <Table.Tr key={c.days}>
            <Table.Td>{c.days} days</Table.Td>
            <Table.Td>{dateLabel(c.dueAt.slice(0, 10))}</Table.Td>
            <Table.Td>
              <CheckpointBadge state={c.state} label={c.stateLabel} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
