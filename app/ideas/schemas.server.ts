import { z } from "zod";
import { MARKDOWN_MAX } from "~/lib/markdown.server";
import { hasControlChars } from "~/lib/text";
import { parseTags, TAG_MAX, TAGS_MAX } from "./rules";

const singleLine = (label: string, max: number, min = 1) =>
  z
    .string({ error: `Enter a ${label}.` })
    .trim()
    .min(min, min === 1 ? `Enter a ${label}.` : `Use at least ${min} characters.`)
    .max(max, `Use at most ${max} characters (you have more).`)
    .refine((s) => !hasControlChars(s), `The ${label} cannot contain control characters.`);

const markdown = (label: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").replace(/\r\n/g, "\n"))
    .pipe(z.string().max(MARKDOWN_MAX, `The ${label} can be at most ${MARKDOWN_MAX.toLocaleString("en")} characters.`))
    .refine((s) => !s.includes("\u0000"), `The ${label} cannot contain null characters.`);

const tagList = (label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .superRefine((value, ctx) => {
      const raw = (Array.isArray(value) ? value : [value ?? ""]).flatMap((s) => s.split(/[,\n]/));
      const tooLong = raw.find((t) => t.trim().length > TAG_MAX);
      if (tooLong) ctx.addIssue({ code: "custom", message: `Each ${label} can be at most ${TAG_MAX} characters.` });
    })
    .transform((v) => parseTags(v))
    .pipe(z.array(z.string()).max(TAGS_MAX, `Use at most ${TAGS_MAX} ${label}s.`));

export const IdeaSchema = z.object({
  title: singleLine("title", 120, 3),
  summary: singleLine("one-line summary", 200, 10),
  problem: markdown("problem"),
  proposal: markdown("proposal"),
  learning: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.string().max(2000, "Use at most 2,000 characters."))
    .refine((s) => !s.includes("\u0000"), "This field cannot contain null characters."),
  skills: tagList("skill"),
  tags: tagList("theme"),
  peopleWanted: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? "0" : v.trim()))
    .transform(Number)
    .pipe(
      z.number({ error: "Enter a number." }).int("Enter a whole number.").min(0, "Use 0 or more.").max(50, "At most 50 people."),
    ),
});
export type IdeaInput = z.output<typeof IdeaSchema>;

export const CommentBodySchema = z
  .string({ error: "Write a comment first." })
  .trim()
  .min(1, "Write a comment first.")
  .max(5000, "A comment can be at most 5,000 characters.")
  .refine((s) => !s.includes("\u0000"), "A comment cannot contain null characters.");

const id = z.coerce.number().int().positive().max(2_147_483_647);

export const IdeaActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("follow") }),
  z.object({ intent: z.literal("unfollow") }),
  z.object({ intent: z.literal("comment"), body: CommentBodySchema }),
  z.object({ intent: z.literal("edit-comment"), commentId: id, body: CommentBodySchema }),
  z.object({ intent: z.literal("delete-comment"), commentId: id }),
  z.object({
    intent: z.literal("hide-comment"),
    commentId: id,
    reason: z
      .string()
      .trim()
      .min(3, "Give a reason (at least 3 characters).")
      .max(300, "Use at most 300 characters.")
      .refine((s) => !hasControlChars(s), "The reason cannot contain control characters."),
  }),
  z.object({ intent: z.literal("withdraw") }),
  z.object({ intent: z.literal("carry-over") }),
]);

export const SORTS = ["new", "followed", "discussed", "relevance"] as const;
export type BoardSort = (typeof SORTS)[number];

/** The board's URL state. Anything malformed is a 400, not a crash. */
export const BoardQuerySchema = z.object({
  q: z
    .string()
    .max(200, "Search for at most 200 characters.")
    .optional()
    .transform((v) => (v ?? "").trim()),
  skill: z
    .array(z.string().max(TAG_MAX))
    .max(TAGS_MAX)
    .transform((v) => parseTags(v)),
  tag: z
    .array(z.string().max(TAG_MAX))
    .max(TAGS_MAX)
    .transform((v) => parseTags(v)),
  department: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || /^\d{1,9}$/.test(v), "Choose a department from the list.")
    .transform((v) => (v ? Number(v) : undefined)),
  looking: z.enum(["1"]).optional(),
  team: z.enum(["yes", "no"]).optional(),
  sort: z.enum(SORTS).optional(),
  page: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? "1" : v))
    .pipe(z.string().regex(/^\d{1,6}$/, "The page number must be a positive whole number."))
    .transform(Number)
    .pipe(z.number().min(1, "The page number must be a positive whole number.")),
});
export type BoardQuery = z.output<typeof BoardQuerySchema>;

export function parseBoardQuery(url: URL) {
  const p = url.searchParams;
  return BoardQuerySchema.safeParse({
    q: p.get("q") ?? undefined,
    skill: p.getAll("skill"),
    tag: p.getAll("tag"),
    department: p.get("department") ?? undefined,
    looking: p.get("looking") || undefined,
    team: p.get("team") || undefined,
    sort: p.get("sort") || undefined,
    page: p.get("page") ?? undefined,
  });
}
