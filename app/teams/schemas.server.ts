import { z } from "zod";
import { parseTags, TAG_MAX } from "~/ideas/rules";
import { hasControlChars } from "~/lib/text";

const id = z.coerce
  .number({ error: "Choose someone from the list." })
  .int()
  .positive("Choose someone from the list.")
  .max(2_147_483_647, "Choose someone from the list.");
const message = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim())
  .pipe(z.string().max(500, "Keep the message to 500 characters."));

export const TeamSchema = z.object({
  name: z
    .string({ error: "Give the team a name." })
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(80, "Use at most 80 characters.")
    .refine((s) => !hasControlChars(s), "The name cannot contain control characters."),
  description: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().max(2000, "Use at most 2,000 characters.")),
  openRoles: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .refine(
      (v) => (Array.isArray(v) ? v : [v ?? ""]).flatMap((s) => s.split(",")).every((t) => t.trim().length <= TAG_MAX),
      `Each skill can be at most ${TAG_MAX} characters.`,
    )
    .transform((v) => parseTags(v))
    .pipe(z.array(z.string()).max(12, "List at most 12 skills.")),
  capacity: z
    .string({ error: "Enter how many people the team can take." })
    .regex(/^\d{1,3}$/, "Enter a whole number of people.")
    .transform(Number),
  leadId: z
    .string()
    .optional()
    .refine((v) => !v || /^[1-9]\d{0,8}$/.test(v), "Choose someone from the list.")
    .transform((v) => (v ? Number(v) : undefined)),
});

export const TeamActionSchema = z.discriminatedUnion("intent", [
  TeamSchema.omit({ leadId: true }).extend({ intent: z.literal("update") }),
  z.object({ intent: z.literal("request"), message }),
  z.object({
    intent: z.literal("invite"),
    userId: z
      .string()
      .optional()
      .refine((v) => !v || /^[1-9]\d{0,8}$/.test(v), "Choose someone from the list.")
      .transform((v) => (v ? Number(v) : undefined)),
    email: z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim().toLowerCase())
      .refine((v) => v === "" || z.email().safeParse(v).success, "Enter a valid email address."),
    message,
  }),
  z.object({ intent: z.literal("respond"), requestId: id, accept: z.enum(["true", "false"]).transform((v) => v === "true") }),
  z.object({ intent: z.literal("cancel"), requestId: id }),
  z.object({ intent: z.literal("leave") }),
  z.object({ intent: z.literal("hand-over"), userId: id }),
  z.object({
    intent: z.literal("move"),
    userId: id,
    toTeamId: z.union([z.literal("none"), z.coerce.number().int().positive().max(2_147_483_647)]),
  }),
  z.object({ intent: z.literal("confirm") }),
  z.object({ intent: z.literal("ask-mentor"), mentorId: id, message }),
  z.object({ intent: z.literal("answer-mentor"), accept: z.enum(["true", "false"]).transform((v) => v === "true") }),
  z.object({ intent: z.literal("leave-mentoring") }),
  z.object({
    intent: z.literal("journal"),
    body: z
      .string({ error: "Write something first." })
      .trim()
      .min(1, "Write something first.")
      .max(5000, "Keep an update to 5,000 characters."),
  }),
  z.object({ intent: z.literal("delete-journal"), entryId: id }),
]);

export const TeamListQuerySchema = z.object({
  open: z.enum(["1"]).optional(),
  mine: z.enum(["1"]).optional(),
  skill: z
    .array(z.string().max(TAG_MAX))
    .max(12)
    .transform((v) => parseTags(v)),
  page: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? "1" : v))
    .pipe(z.string().regex(/^\d{1,6}$/, "The page number must be a positive whole number."))
    .transform(Number)
    .pipe(z.number().min(1, "The page number must be a positive whole number.")),
});
