import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconExternalLink } from "@tabler/icons-react";
import { useState } from "react";
import { Form, Link } from "react-router";
import { Hidden } from "~/components/Hidden";
import { Markdown } from "~/components/Markdown";
import { useHydrated } from "~/lib/use-hydrated";
import {
  type CheckpointState,
  DEFAULT_CURRENCY,
  formatAmount,
  IMPACT_KIND_INFO,
  IMPACT_KINDS,
  type ImpactKind,
  METRIC_MAX,
  NOTE_MAX,
  OUTCOME_STATUS_INFO,
  OUTCOME_STATUSES,
  type OutcomeStatus,
  OWNING_TEAM_MAX,
  UNIT_MAX,
} from "./rules";
import type { OutcomeView } from "./view.server";

type Values = Record<string, string | undefined>;
type Errors = Record<string, string[] | undefined>;

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

/**
 * The fields of an outcome update. Without JavaScript every field shows (each says when it is
 * needed); with it, only the ones the chosen status needs.
 */
export function OutcomeFields({
  values,
  errors,
  dates,
  idPrefix,
}: {
  values: Values;
  errors: Errors;
  dates: { earliest: string; today: string };
  idPrefix: string;
}) {
  const hydrated = useHydrated();
  const [status, setStatus] = useState(values.status ?? "");
  const show = (needed: OutcomeStatus) =>
    !hydrated || status === needed || Boolean(errors[needed === "continued" ? "owningTeam" : "lessons"]);
  return (
    <Stack gap="sm">
      <Radio.Group
        name="status"
        label="What became of it?"
        required
        value={status}
        onChange={setStatus}
        error={errors.status?.[0]}
        id={`${idPrefix}-status`}
      >
        <Stack gap={6} mt={6}>
          {OUTCOME_STATUSES.map((s) => (
            <Radio key={s} value={s} label={OUTCOME_STATUS_INFO[s].label} description={OUTCOME_STATUS_INFO[s].description} />
          ))}
        </Stack>
      </Radio.Group>
      <TextInput
        type="date"
        name="happenedOn"
        label="When did it happen?"
        required
        min={dates.earliest}
        max={dates.today}
        defaultValue={values.happenedOn ?? dates.today}
        error={errors.happenedOn?.[0]}
        id={`${idPrefix}-happenedOn`}
      />
      {show("continued") ? (
        <TextInput
          name="owningTeam"
          label="Owning team"
          description="Needed for “continued”: the team that has it on its roadmap now."
          maxLength={OWNING_TEAM_MAX}
          defaultValue={values.owningTeam ?? ""}
          error={errors.owningTeam?.[0]}
          id={`${idPrefix}-owningTeam`}
        />
      ) : null}
      {show("stopped") ? (
        <Textarea
          name="lessons"
          label="Lessons"
          description="Needed for “stopped”: what was learned, so others can reuse it (Markdown)."
          autosize
          minRows={2}
          maxLength={NOTE_MAX}
          defaultValue={values.lessons ?? ""}
          error={errors.lessons?.[0]}
          id={`${idPrefix}-lessons`}
        />
      ) : null}
      <Textarea
        name="note"
        label="What happened"
        description="Markdown; links to release notes, roadmaps or write-ups are welcome."
        autosize
        minRows={3}
        maxLength={NOTE_MAX}
        defaultValue={values.note ?? ""}
        error={errors.note?.[0]}
        id={`${idPrefix}-note`}
      />
    </Stack>
  );
}

/** The fields of an impact measurement; like OutcomeFields, the kind-specific ones hide once JavaScript runs. */
export function ImpactFields({
  values,
  errors,
  dates,
  idPrefix,
}: {
  values: Values;
  errors: Errors;
  dates: { earliest: string; today: string };
  idPrefix: string;
}) {
  const hydrated = useHydrated();
  const [kind, setKind] = useState<string>(values.kind ?? "hours_saved");
  const isCustom = !hydrated || kind === "custom" || Boolean(errors.metric || errors.unit);
  const isMoney = !hydrated || kind === "money_saved" || Boolean(errors.currency);
  const currency = values.currency || DEFAULT_CURRENCY;
  return (
    <Stack gap="sm">
      <NativeSelect
        name="kind"
        label="Kind of figure"
        required
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value)}
        data={IMPACT_KINDS.map((k) => ({ value: k, label: IMPACT_KIND_INFO[k].label }))}
        description={IMPACT_KIND_INFO[(kind as ImpactKind) in IMPACT_KIND_INFO ? (kind as ImpactKind) : "hours_saved"].help}
        error={errors.kind?.[0]}
        id={`${idPrefix}-kind`}
      />
      {isCustom ? (
        <Group grow align="flex-start">
          <TextInput
            name="metric"
            label="Name of the measure"
            description="For “another measure” only, e.g. Builds per day."
            maxLength={METRIC_MAX}
            defaultValue={values.metric ?? ""}
            error={errors.metric?.[0]}
            id={`${idPrefix}-metric`}
          />
          <TextInput
            name="unit"
            label="Unit"
            description="For “another measure” only, e.g. builds/day."
            maxLength={UNIT_MAX}
            defaultValue={values.unit ?? ""}
            error={errors.unit?.[0]}
            id={`${idPrefix}-unit`}
          />
        </Group>
      ) : null}
      {isMoney ? (
        <NativeSelect
          name="currency"
          label="Currency"
          description="For money saved only."
          defaultValue={currency}
          data={CURRENCIES.includes(currency) ? CURRENCIES : [currency, ...CURRENCIES]}
          error={errors.currency?.[0]}
          id={`${idPrefix}-currency`}
        />
      ) : null}
      <Group grow align="flex-start">
        <TextInput
          name="baseline"
          label="Baseline (before)"
          description="Optional: the figure before the demo existed."
          inputMode="decimal"
          defaultValue={values.baseline ?? ""}
          error={errors.baseline?.[0]}
          id={`${idPrefix}-baseline`}
        />
        <TextInput
          name="value"
          label="Measured value"
          required
          inputMode="decimal"
          defaultValue={values.value ?? ""}
          error={errors.value?.[0]}
          id={`${idPrefix}-value`}
        />
      </Group>
      <TextInput
        type="date"
        name="measuredOn"
        label="Measured on"
        required
        min={dates.earliest}
        max={dates.today}
        defaultValue={values.measuredOn ?? dates.today}
        error={errors.measuredOn?.[0]}
        id={`${idPrefix}-measuredOn`}
      />
      <TextInput
        type="url"
        name="evidenceUrl"
        label="Evidence link"
        description="A dashboard, report or write-up that backs the figure (https://…)."
        defaultValue={values.evidenceUrl ?? ""}
        error={errors.evidenceUrl?.[0]}
        id={`${idPrefix}-evidenceUrl`}
      />
      <Textarea
        name="note"
        label="Note"
        description="How it was measured, in a sentence or two."
        autosize
        minRows={2}
        maxLength={NOTE_MAX}
        defaultValue={values.note ?? ""}
        error={errors.note?.[0]}
        id={`${idPrefix}-impact-note`}
      />
    </Stack>
  );
}

/** A small organiser-only form posting one intent for one entry (delete), confirmed in the browser when JavaScript runs. */
export function EntryButton({
  intent,
  id,
  label,
  confirmText,
}: {
  intent: string;
  id: number;
  label: string;
  confirmText: string;
}) {
  return (
    <Form
      method="post"
      onSubmit={(event) => {
        if (!window.confirm(confirmText)) event.preventDefault();
      }}
    >
      <Hidden name="intent" value={intent} />
      <Hidden name="id" value={id} />
      <Button type="submit" size="compact-xs" variant="subtle" color="red">
        {label}
      </Button>
    </Form>
  );
}

/**
 * An organiser's controls on one entry: a "Correct …" disclosure with the entry's form (open again after a
 * refused correction, so the message and what was typed stay in view) and a Delete button.
 */
export function CorrectEntry({
  id,
  what,
  correctIntent,
  deleteIntent,
  deleteConfirm,
  open,
  children,
}: {
  id: number;
  /** "measurement" or "update": the noun in "Correct this …". */
  what: string;
  /** What the browser asks before deleting. */
  deleteConfirm: string;
  correctIntent: string;
  deleteIntent: string;
  open: boolean;
  /** The entry's fields (OutcomeFields or ImpactFields). */
  children: React.ReactNode;
}) {
  return (
    <Group gap="xs" align="flex-start">
      <details open={open}>
        <summary>
          <Text span size="xs">
            Correct this {what}
          </Text>
        </summary>
        <Form method="post">
          <Hidden name="intent" value={correctIntent} />
          <Hidden name="id" value={id} />
          <Stack gap="xs" mt="xs">
            {children}
            <Button type="submit" size="xs" variant="default">
              Save the correction
            </Button>
          </Stack>
        </Form>
      </details>
      <EntryButton intent={deleteIntent} id={id} label="Delete" confirmText={deleteConfirm} />
    </Group>
  );
}
