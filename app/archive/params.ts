import { z } from "zod";
import { normaliseTag, TAG_MAX } from "~/ideas/rules";
import { AWARD_NAME_MAX, GALLERY_SORTS, OUTCOME_STATUSES, Q_MAX } from "./vocabulary";

export * from "./vocabulary";

/**
 * The archive gallery's URL (`/archive/demos?q=…&week=…`): every parameter is optional and an empty one
 * means "any". Values that cannot be right (a page that is not a number, a sort or outcome that does not
 * exist, a slug with spaces) are refused with a message for people, never passed on to the database.
 */

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;

/** `undefined`, "" and whitespace all mean "not given". */
const optionalText = z
  .string()
  .optional()
  .transform((v) => {
    const t = (v ?? "").trim();
    return t === "" ? undefined : t;
  });

const slug = (what: string) => optionalText.pipe(z.string().regex(SLUG, `Choose a ${what} from the list.`).optional());

export const ArchiveGallerySchema = z.object({
  q: z
    .string()
    .optional()
    .transform((v) => (v ?? "").replace(/\s+/g, " ").trim())
    .pipe(
      z
        .string()
        .max(Q_MAX, `Search for at most ${Q_MAX} characters.`)
        .refine((s) => !s.includes("\u0000"), "The search cannot contain null characters."),
    ),
  week: slug("week"),
  department: slug("department"),
  award: optionalText.pipe(
    z
      .string()
      .max(AWARD_NAME_MAX, "Choose an award from the list.")
      .refine((s) => !/\p{Cc}/u.test(s), "Choose an award from the list.")
      .optional(),
  ),
  tag: optionalText.pipe(
    z
      .string()
      .max(TAG_MAX, "That tag is too long.")
      .transform((v) => normaliseTag(v) || undefined)
      .optional(),
  ),
  outcome: optionalText.pipe(z.enum([...OUTCOME_STATUSES, "none"], { error: "Choose an outcome from the list." }).optional()),
  sort: optionalText.pipe(z.enum(GALLERY_SORTS, { error: "Choose a sort order from the list." }).optional()),
  page: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? "1" : v.trim()))
    .pipe(z.string().regex(/^\d{1,6}$/, "The page number must be a positive whole number."))
    .transform(Number)
    .pipe(z.number().min(1, "The page number must be a positive whole number.")),
});

export type ArchiveGalleryQuery = z.output<typeof ArchiveGallerySchema>;

/** Reads the gallery's parameters from a URL (the first value of each wins, like a form's GET). */
export function parseArchiveGalleryQuery(url: URL) {
  const p = url.searchParams;
  const get = (name: string) => p.get(name) ?? undefined;
  return ArchiveGallerySchema.safeParse({
    q: get("q"),
    week: get("week"),
    department: get("department"),
    award: get("award"),
    tag: get("tag"),
    outcome: get("outcome"),
    sort: get("sort"),
    page: get("page"),
  });
}
