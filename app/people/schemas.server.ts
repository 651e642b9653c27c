import { z } from "zod";
import { normaliseTag, parseTags } from "~/ideas/rules";
import { hasControlChars } from "~/lib/text";

/** The profile form's limits; the form shows them and the schema enforces them. */
export const PROFILE_LIMITS = {
  name: 100,
  title: 100,
  bio: 2000,
  tags: 20,
  tag: 40,
  mentorOffer: 300,
  mentorAvailability: 200,
} as const;

/** Control characters other than newline (multi-line fields keep their line breaks). */
const hasControlCharsBesideNewline = (s: string) => hasControlChars(s.replace(/\n/g, ""));

const optionalLine = (label: string, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().max(max, `The ${label} can be at most ${max.toLocaleString("en")} characters.`))
    .refine((s) => !hasControlChars(s), `The ${label} cannot contain control characters.`);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(max, `The ${label} can be at most ${max.toLocaleString("en")} characters.`))
    .refine((s) => !hasControlCharsBesideNewline(s), `The ${label} cannot contain control characters.`);

const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

/** Comma-separated tags (or repeated fields), normalised like idea skills; `label` is singular. */
const tagList = (label: string, plural: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .superRefine((value, ctx) => {
      const raw = (Array.isArray(value) ? value : [value ?? ""]).flatMap((s) => s.split(/[,\n]/)).map((s) => s.trim());
      const tooLong = raw.find((t) => t.length > PROFILE_LIMITS.tag || normaliseTag(t).length > PROFILE_LIMITS.tag);
      if (tooLong) {
        ctx.addIssue({
          code: "custom",
          message: `Each ${label} can be at most ${PROFILE_LIMITS.tag} characters; “${clip(tooLong)}” is longer.`,
        });
      }
    })
    .transform((v) => parseTags(v))
    .superRefine((tags, ctx) => {
      if (tags.length > PROFILE_LIMITS.tags) {
        ctx.addIssue({
          code: "custom",
          message: `List at most ${PROFILE_LIMITS.tags} ${plural} (you have ${tags.length}).`,
        });
      }
    });

export const ProfileSchema = z
  .object({
    name: z
      .string({ error: "Enter your name." })
      .trim()
      .min(1, "Enter your name.")
      .max(PROFILE_LIMITS.name, `A name can be at most ${PROFILE_LIMITS.name} characters.`)
      .refine((s) => !hasControlChars(s), "A name cannot contain control characters."),
    title: optionalLine("job title", PROFILE_LIMITS.title),
    bio: optionalText("bio", PROFILE_LIMITS.bio),
    departmentId: z
      .string({ error: "Choose your department." })
      .regex(/^\d{1,9}$/, "Choose a department from the list.")
      .transform(Number)
      .pipe(z.number().int().positive("Choose a department from the list.")),
    skills: tagList("skill", "skills"),
    stretchGoals: tagList("stretch goal", "stretch goals"),
    mentorOffer: optionalText("mentoring offer", PROFILE_LIMITS.mentorOffer),
    mentorAvailability: optionalLine("availability", PROFILE_LIMITS.mentorAvailability),
  })
  .superRefine((v, ctx) => {
    if (v.mentorAvailability && !v.mentorOffer) {
      ctx.addIssue({
        code: "custom",
        path: ["mentorOffer"],
        message: "Say what you can mentor on, or leave availability empty.",
      });
    }
  });

export type ProfileInput = z.output<typeof ProfileSchema>;
