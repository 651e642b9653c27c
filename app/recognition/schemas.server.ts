import { z } from "zod";
import { KUDOS_ERRORS, KUDOS_MAX, NOMINATION_KINDS, NOMINATION_STATUSES, NOTE_MAX, REASON_MAX, REASON_MIN } from "./rules";

const optionalId = (message: string) =>
  z
    .string()
    .optional()
    .refine((v) => !v || /^\d{1,9}$/.test(v), message)
    .transform((v) => (v ? Number(v) : undefined))
    .refine((v) => v === undefined || v > 0, message);

const requiredId = (message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .pipe(z.number().int().positive(message));

export const reasonSchema = z
  .string({ error: "Say why you nominate them." })
  .transform((v) => v.trim())
  .pipe(
    z
      .string()
      .min(1, "Say why you nominate them.")
      .min(REASON_MIN, `Say a little more: at least ${REASON_MIN} characters.`)
      .max(REASON_MAX, `Keep the reason to ${REASON_MAX.toLocaleString("en")} characters.`),
  );

export const kindSchema = z.enum(NOMINATION_KINDS, { error: "Choose what you nominate them for." });

/** The nominate form: a person (with an optional week) or a team, the kind and the reason. */
export const NominateSchema = z
  .object({
    nomineeType: z.enum(["user", "team"], { error: "Choose a person or a team to nominate." }),
    userId: optionalId("Choose someone from the list."),
    teamId: optionalId("That team does not exist."),
    weekId: optionalId("Choose a week from the list."),
    kind: kindSchema,
    reason: reasonSchema,
  })
  .superRefine((v, ctx) => {
    if (v.nomineeType === "user" && !v.userId)
      ctx.addIssue({ code: "custom", path: ["userId"], message: "Choose someone to nominate." });
    if (v.nomineeType === "team" && !v.teamId)
      ctx.addIssue({ code: "custom", path: ["teamId"], message: "Choose a team to nominate." });
  });

export const DecisionSchema = z.object({
  intent: z.literal("decide"),
  nominationId: requiredId("That nomination does not exist."),
  toStatus: z.enum(NOMINATION_STATUSES, { error: "Choose what happens next." }),
  note: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().max(NOTE_MAX, `Keep the note to ${NOTE_MAX.toLocaleString("en")} characters.`)),
});

export const WithdrawSchema = z.object({
  intent: z.literal("withdraw"),
  nominationId: requiredId("That nomination does not exist."),
});

const filterEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.enum(values, { error: message }).optional());

/** The organisers' queue filters, from the URL: status (default new; "all" for every status), kind, week, page. */
export const QueueQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? "new" : v))
    .pipe(z.enum([...NOMINATION_STATUSES, "all"], { error: "Unknown status." })),
  kind: filterEnum(NOMINATION_KINDS, "Unknown kind of nomination."),
  week: optionalId("Unknown week."),
  page: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? "1" : v))
    .pipe(z.string().regex(/^\d{1,6}$/, "The page number must be a positive whole number."))
    .transform(Number)
    .pipe(z.number().min(1, "The page number must be a positive whole number.")),
});

/** Kudos text: trimmed, 1–280 characters; whitespace only counts as empty. */
export const kudosMessageSchema = z
  .string({ error: KUDOS_ERRORS.empty })
  .transform((v) => v.trim())
  .pipe(z.string().min(1, KUDOS_ERRORS.empty).max(KUDOS_MAX, KUDOS_ERRORS.long));

const targetKind = z.enum(["user", "team", "demo"], { error: KUDOS_ERRORS.invalid });

export const KudosActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("give"),
    targetKind,
    targetId: requiredId(KUDOS_ERRORS.invalid),
    message: kudosMessageSchema,
  }),
  z.object({ intent: z.literal("remove"), kudosId: requiredId(KUDOS_ERRORS.gone) }),
]);
