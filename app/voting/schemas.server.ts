import { z } from "zod";
import { hasControlChars } from "~/lib/text";

/** Limits shared by the forms and the domain rules (judging.server.ts checks them again). */
export const CRITERION_NAME_MAX = 60;
export const CRITERION_DESCRIPTION_MAX = 300;
export const WEIGHT_MIN = 0.1;
export const WEIGHT_MAX = 10;
export const SCALE_RANGE_MAX = 20;
export const SCALE_LIMIT = 1000;
export const JUDGES_PER_DEMO_MAX = 10;
export const FEEDBACK_MAX = 5000;
export const ORGANISER_NOTE_MAX = 2000;
export const CONFLICT_REASON_MAX = 300;

const positiveId = (what: string) =>
  z
    .string({ error: `Choose a ${what}.` })
    .regex(/^\d{1,9}$/, `Choose a ${what}.`)
    .transform(Number)
    .pipe(z.number().int().positive(`Choose a ${what}.`));

const wholeNumber = (label: string) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .regex(/^-?\d{1,4}$/, `Enter ${label} as a whole number.`)
    .transform(Number);

const optionalText = (max: number, message: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().max(max, message));

export const CriterionSchema = z
  .object({
    name: z
      .string({ error: "Give the criterion a name." })
      .trim()
      .min(1, "Give the criterion a name.")
      .max(CRITERION_NAME_MAX, `Use at most ${CRITERION_NAME_MAX} characters.`)
      .refine((s) => !hasControlChars(s), "The name cannot contain control characters."),
    description: optionalText(CRITERION_DESCRIPTION_MAX, `Use at most ${CRITERION_DESCRIPTION_MAX} characters.`),
    weight: z
      .string({ error: "Enter a weight." })
      .trim()
      .regex(/^\d{1,2}(\.\d{1,2})?$/, `Enter a weight from ${WEIGHT_MIN} to ${WEIGHT_MAX}, like 1 or 1.5.`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(WEIGHT_MIN, `The weight must be at least ${WEIGHT_MIN}.`)
          .max(WEIGHT_MAX, `The weight can be at most ${WEIGHT_MAX}.`),
      ),
    scaleMin: wholeNumber("the lowest score"),
    scaleMax: wholeNumber("the highest score"),
  })
  .superRefine((v, ctx) => {
    if (v.scaleMin >= v.scaleMax)
      ctx.addIssue({ code: "custom", path: ["scaleMax"], message: "The highest score must be above the lowest." });
    else if (v.scaleMax - v.scaleMin > SCALE_RANGE_MAX)
      ctx.addIssue({ code: "custom", path: ["scaleMax"], message: `A scale can span at most ${SCALE_RANGE_MAX} points.` });
  });

export type CriterionInput = {
  name: string;
  description: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
};

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");

export const VotingAdminActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add-judge"),
    email: z
      .string({ error: "Enter the leader's email address." })
      .trim()
      .toLowerCase()
      .pipe(z.email("Enter a valid email address.")),
  }),
  z.object({ intent: z.literal("remove-judge"), userId: positiveId("judge") }),
  CriterionSchema.safeExtend({ intent: z.literal("create-criterion") }),
  CriterionSchema.safeExtend({ intent: z.literal("update-criterion"), criterionId: positiveId("criterion") }),
  z.object({ intent: z.literal("delete-criterion"), criterionId: positiveId("criterion") }),
  z.object({
    intent: z.literal("move-criterion"),
    criterionId: positiveId("criterion"),
    direction: z.enum(["up", "down"], { error: "Choose up or down." }),
  }),
  z.object({ intent: z.literal("default-criteria") }),
  z.object({
    intent: z.literal("settings"),
    judgesPerDemo: z
      .string({ error: "Enter how many judges each demo gets." })
      .trim()
      .regex(/^\d{1,2}$/, `Enter a whole number from 1 to ${JUDGES_PER_DEMO_MAX}.`)
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(1, `Enter a whole number from 1 to ${JUDGES_PER_DEMO_MAX}.`)
          .max(JUDGES_PER_DEMO_MAX, `Enter a whole number from 1 to ${JUDGES_PER_DEMO_MAX}.`),
      ),
    normalise: checkbox,
  }),
  z.object({ intent: z.literal("run-assignment") }),
]);

export type VotingAdminAction = z.output<typeof VotingAdminActionSchema>;

/**
 * A ballot form: `score-<criterionId>` fields (empty = not scored yet), feedback and the note.
 * Values are parsed loosely here (anything not a whole number becomes NaN) so that the domain
 * rule names the criterion and its scale in the message.
 */
export function parseBallotForm(raw: Record<string, string | string[]>): {
  demoId: number | null;
  scores: Record<number, number | null>;
  feedback: string;
  organiserNote: string;
} {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[v.length - 1] ?? "") : (v ?? ""));
  const scores: Record<number, number | null> = {};
  for (const [key, value] of Object.entries(raw)) {
    const m = /^score-(\d{1,9})$/.exec(key);
    if (!m) continue;
    const text = one(value).trim();
    scores[Number(m[1])] = text === "" ? null : /^-?\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  }
  const demo = one(raw.demoId);
  return {
    demoId: /^\d{1,9}$/.test(demo) ? Number(demo) : null,
    scores,
    feedback: one(raw.feedback).trim(),
    organiserNote: one(raw.organiserNote).trim(),
  };
}

export const ConflictSchema = z.object({
  intent: z.literal("conflict"),
  demoId: positiveId("demo"),
  reason: z
    .string({ error: "Say briefly why you have a conflict." })
    .trim()
    .min(3, "Say briefly why you have a conflict.")
    .max(CONFLICT_REASON_MAX, `Use at most ${CONFLICT_REASON_MAX} characters.`),
});

export const VoteSchema = z.object({
  intent: z.enum(["vote", "unvote"], { error: "Choose to vote or to withdraw your vote." }),
  demoId: positiveId("demo"),
  redirectTo: z.string().optional(),
});
