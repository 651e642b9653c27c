import { z } from "zod";
import { hasControlChars } from "~/lib/text";
import {
  DEFAULT_CURRENCY,
  IMPACT_KINDS,
  type ImpactInput,
  impactProblems,
  isCalendarDate,
  METRIC_MAX,
  NOTE_MAX,
  OUTCOME_STATUSES,
  type OutcomeInput,
  OWNING_TEAM_MAX,
  outcomeProblem,
  UNIT_MAX,
} from "./rules";

const text = (max: number, label: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").replace(/\r\n/g, "\n").trim())
    .pipe(z.string().max(max, `Keep the ${label} to ${max.toLocaleString("en")} characters.`));

const singleLine = (max: number, label: string) =>
  text(max, label).refine((s) => !hasControlChars(s), `The ${label} cannot contain line breaks or control characters.`);

const calendarDate = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .superRefine((v, ctx) => {
      if (!v) ctx.addIssue({ code: "custom", message: `Enter the ${what}.` });
      else if (!isCalendarDate(v))
        ctx.addIssue({ code: "custom", message: `Enter the ${what} as a calendar date (YYYY-MM-DD).` });
    });

/** "1,234.5" and "1 234.5" are read as 1234.5; anything that is not a plain decimal number is refused. */
const figure = (label: string, required: boolean) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").replace(/[\s,_]/g, ""))
    .superRefine((v, ctx) => {
      if (v === "") {
        if (required) ctx.addIssue({ code: "custom", message: `Enter the ${label}.` });
        return;
      }
      if (!/^-?\d{1,16}(\.\d+)?$/.test(v))
        ctx.addIssue({ code: "custom", message: `Enter the ${label} as a number, like 1200 or 37.5.` });
    })
    // A malformed figure is already reported above; null keeps it from being reported twice.
    .transform((v) => (v === "" || !/^-?\d{1,16}(\.\d+)?$/.test(v) ? null : Number(v)));

const id = z.coerce
  .number({ error: "That entry does not exist." })
  .int()
  .positive("That entry does not exist.")
  .max(2_147_483_647, "That entry does not exist.");

const outcomeFields = {
  status: z.enum(OUTCOME_STATUSES, { error: "Choose what became of the demo." }),
  happenedOn: calendarDate("date it happened"),
  note: text(NOTE_MAX, "note"),
  owningTeam: singleLine(OWNING_TEAM_MAX, "owning team"),
  lessons: text(NOTE_MAX, "lessons"),
};

function checkOutcome(v: OutcomeInput, ctx: z.RefinementCtx) {
  const problem = outcomeProblem(v);
  if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
}

/** Only the field that belongs to the chosen status is kept (an owning team on "shipped" is dropped). */
const normaliseOutcome = <T extends OutcomeInput>(v: T): T => ({
  ...v,
  owningTeam: v.status === "continued" ? v.owningTeam : "",
  lessons: v.status === "stopped" ? v.lessons : "",
});

export const OutcomeSchema = z.object(outcomeFields).superRefine(checkOutcome).transform(normaliseOutcome);

const impactFields = {
  kind: z.enum(IMPACT_KINDS, { error: "Choose what kind of figure this is." }),
  metric: singleLine(METRIC_MAX, "name of the measure"),
  unit: singleLine(UNIT_MAX, "unit"),
  currency: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().toUpperCase()),
  baseline: figure("baseline", false),
  value: figure("measured value", true),
  measuredOn: calendarDate("date it was measured"),
  evidenceUrl: text(2000, "evidence link"),
  note: text(NOTE_MAX, "note"),
};

type RawImpact = {
  kind: ImpactInput["kind"];
  metric: string;
  unit: string;
  currency: string;
  baseline: number | null;
  value: number | null;
  measuredOn: string;
  evidenceUrl: string;
  note: string;
};

/** The form's fields as one measurement: the unit is the currency for money and fixed for hours and people. */
export function toImpactInput(raw: RawImpact): ImpactInput {
  return {
    kind: raw.kind,
    metric: raw.kind === "custom" ? raw.metric : "",
    unit: raw.kind === "custom" ? raw.unit : raw.kind === "money_saved" ? raw.currency || DEFAULT_CURRENCY : "",
    baseline: raw.baseline,
    value: raw.value ?? 0,
    measuredOn: raw.measuredOn,
    evidenceUrl: raw.evidenceUrl,
    note: raw.note,
  };
}

function checkImpact(input: RawImpact, ctx: z.RefinementCtx) {
  // A field that failed its own check arrives untransformed (a string): it is reported already.
  const figure = (v: unknown) => (typeof v === "number" ? v : null);
  const raw = { ...input, value: figure(input.value), baseline: figure(input.baseline) };
  const problems = impactProblems(toImpactInput(raw)).filter((p) => raw.value !== null || p.field !== "value");
  for (const problem of problems) {
    ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
  }
}

export const ImpactSchema = z.object(impactFields).superRefine(checkImpact).transform(toImpactInput);

/** Every form on the outcome page, told apart by `intent`. */
export const OutcomeActionSchema = z.discriminatedUnion("intent", [
  z
    .object({ intent: z.literal("outcome"), ...outcomeFields })
    .superRefine(checkOutcome)
    .transform(normaliseOutcome),
  z
    .object({ intent: z.literal("impact"), ...impactFields })
    .superRefine(checkImpact)
    .transform((v) => ({ intent: v.intent, ...toImpactInput(v) })),
  z
    .object({ intent: z.literal("correct-outcome"), id, ...outcomeFields })
    .superRefine(checkOutcome)
    .transform(normaliseOutcome),
  z
    .object({ intent: z.literal("correct-impact"), id, ...impactFields })
    .superRefine(checkImpact)
    .transform((v) => ({ intent: v.intent, id: v.id, ...toImpactInput(v) })),
  z.object({ intent: z.literal("delete-outcome"), id }),
  z.object({ intent: z.literal("delete-impact"), id }),
]);

export type OutcomeAction = z.output<typeof OutcomeActionSchema>;

/** The organisers' overview: an optional week and a page. */
export const OverdueQuerySchema = z.object({
  week: z
    .string()
    .optional()
    .refine((v) => !v || /^\d{1,9}$/.test(v), "Choose a week from the list.")
    .transform((v) => (v ? Number(v) : undefined)),
  page: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? "1" : v))
    .pipe(z.string().regex(/^\d{1,6}$/, "The page number must be a positive whole number."))
    .transform(Number)
    .pipe(z.number().min(1, "The page number must be a positive whole number.")),
});
