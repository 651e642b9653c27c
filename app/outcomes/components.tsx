import { Button, Group, NativeSelect, Radio, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import { Form } from "react-router";
import { Hidden } from "~/components/Hidden";
import { useHydrated } from "~/lib/use-hydrated";
import { CURRENCIES } from "./display";
import {
  DEFAULT_CURRENCY,
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

type Values = Record<string, string | undefined>;
type Errors = Record<string, string[] | undefined>;

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
