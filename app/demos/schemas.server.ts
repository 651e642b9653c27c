import { z } from "zod";
import { parseTags, TAG_MAX, TAGS_MAX } from "~/ideas/rules";
import type { FieldErrors } from "~/lib/forms.server";
import { MARKDOWN_MAX } from "~/lib/markdown.server";
import { hasControlChars } from "~/lib/text";
import type { DemoLink } from "~db/schema";
import type { ReflectionInput } from "./demos.server";

export const LINK_KINDS = ["video", "repository", "slides", "other"] as const;
export const LINK_LABELS: Record<DemoLink["kind"], string> = {
  video: "Video",
  repository: "Repository",
  slides: "Slides",
  other: "Other",
};
export const MAX_LINKS = 8;
export const URL_MAX = 2000;
export const REFLECTION_MAX = 2000;

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

const tagList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .superRefine((value, ctx) => {
    const raw = (Array.isArray(value) ? value : [value ?? ""]).flatMap((s) => s.split(/[,\n]/));
    if (raw.some((t) => t.trim().length > TAG_MAX)) {
      ctx.addIssue({ code: "custom", message: `Each tag can be at most ${TAG_MAX} characters.` });
    }
  })
  .transform((v) => parseTags(v))
  .pipe(z.array(z.string()).max(TAGS_MAX, `Use at most ${TAGS_MAX} tags.`));

export const DemoFieldsSchema = z.object({
  title: singleLine("title", 120, 3),
  summary: singleLine("summary", 300, 10),
  built: markdown("problem and what you built"),
  learnings: markdown("learnings"),
  tags: tagList,
});

/** Why a demo link is refused, or null. Only absolute http(s) URLs without credentials. */
export function linkProblem(raw: string): string | null {
  const url = raw.trim();
  if (url.length > URL_MAX) return `Use at most ${URL_MAX.toLocaleString("en")} characters.`;
  if (hasControlChars(url) || /\s/.test(url)) return "A link cannot contain spaces or control characters.";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Enter a full address starting with https:// (or http://).";
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return "Only http:// and https:// links are allowed.";
  }
  if (!parsed.hostname) return "Enter a full address starting with https:// (or http://).";
  if (parsed.username || parsed.password) return "Links cannot contain a user name or password.";
  return null;
}

/**
 * Link rows (`linkKind` / `linkUrl`, repeated, same order). Empty rows are skipped; a bad row is
 * reported beside itself as `linkUrl.<row>` / `linkKind.<row>`.
 */
export function parseLinks(kinds: string[], urls: string[]): { links: DemoLink[]; errors: FieldErrors } {
  const links: DemoLink[] = [];
  const errors: FieldErrors = {};
  const rows = Math.max(kinds.length, urls.length);
  for (let i = 0; i < rows; i++) {
    const url = (urls[i] ?? "").trim();
    if (!url) continue;
    const kind = kinds[i] ?? "other";
    if (!(LINK_KINDS as readonly string[]).includes(kind)) {
      errors[`linkKind.${i}`] = ["Choose video, repository, slides or other."];
      continue;
    }
    const problem = linkProblem(url);
    if (problem) {
      errors[`linkUrl.${i}`] = [problem];
      continue;
    }
    links.push({ kind: kind as DemoLink["kind"], url: new URL(url).toString() });
  }
  if (links.length + Object.keys(errors).length > MAX_LINKS) errors.links = [`Add at most ${MAX_LINKS} links.`];
  return { links, errors };
}

const ID = /^\d{1,9}$/;

export type DemoForm = {
  title: string;
  summary: string;
  built: string;
  learnings: string;
  tags: string[];
  links: DemoLink[];
  reflections: ReflectionInput[];
  remove: number[];
  alt: Array<{ id: number; alt: string }>;
};

/**
 * Everything but the files: the fields, link rows, reflections (`reflection-<userId>` with
 * `stretchGoal-<userId>`), screenshots to remove (`removeImage`) and alt texts (`alt-<imageId>`).
 */
export function parseDemoForm(formData: FormData): { ok: true; data: DemoForm } | { ok: false; errors: FieldErrors } {
  const text = (key: string) => {
    const v = formData.get(key);
    return typeof v === "string" ? v : undefined;
  };
  const texts = (key: string) => formData.getAll(key).filter((v): v is string => typeof v === "string");
  const errors: FieldErrors = {};

  for (const [key, value] of formData) {
    if (typeof value === "string" && value.includes("\u0000")) errors[key] = ["This field contains a null character; remove it."];
  }

  const fields = DemoFieldsSchema.safeParse({
    title: text("title"),
    summary: text("summary"),
    built: text("built"),
    learnings: text("learnings"),
    tags: texts("tags"),
  });
  if (!fields.success) {
    for (const issue of fields.error.issues) {
      const field = String(issue.path[0] ?? "title");
      errors[field] = [...(errors[field] ?? []), issue.message];
    }
  }

  const links = parseLinks(texts("linkKind"), texts("linkUrl"));
  Object.assign(errors, links.errors);

  const reflections: ReflectionInput[] = [];
  for (const [key, value] of formData) {
    const match = /^reflection-(\d{1,9})$/.exec(key);
    if (!match?.[1] || typeof value !== "string") continue;
    const userId = Number(match[1]);
    const reflection = value.replace(/\r\n/g, "\n").trim();
    const stretchGoal = (text(`stretchGoal-${userId}`) ?? "").trim();
    if (reflection.length > REFLECTION_MAX) errors[key] = [`Use at most ${REFLECTION_MAX.toLocaleString("en")} characters.`];
    if (stretchGoal.length > 200) errors[`stretchGoal-${userId}`] = ["Use at most 200 characters."];
    else if (hasControlChars(stretchGoal))
      errors[`stretchGoal-${userId}`] = ["The stretch goal cannot contain control characters."];
    reflections.push({ userId, reflection, stretchGoal });
  }

  const remove = texts("removeImage")
    .filter((v) => ID.test(v))
    .map(Number);
  const alt: Array<{ id: number; alt: string }> = [];
  for (const [key, value] of formData) {
    const match = /^alt-(\d{1,9})$/.exec(key);
    if (!match?.[1] || typeof value !== "string") continue;
    const altText = value.trim();
    if (altText.length > 300 || hasControlChars(altText)) {
      errors[key] = ["Describe the screenshot in at most 300 characters, on one line."];
      continue;
    }
    alt.push({ id: Number(match[1]), alt: altText });
  }

  if (Object.keys(errors).length > 0 || !fields.success) return { ok: false, errors };
  return { ok: true, data: { ...fields.data, links: links.links, reflections, remove, alt } };
}

export const GalleryQuerySchema = z.object({
  q: z
    .string()
    .max(200, "Search for at most 200 characters.")
    .optional()
    .transform((v) => (v ?? "").trim()),
  tag: z
    .string()
    .max(TAG_MAX, "That tag is too long.")
    .optional()
    .transform((v) => parseTags(v ?? "")[0]),
  department: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || /^\d{1,9}$/.test(v), "Choose a department from the list.")
    .transform((v) => (v ? Number(v) : undefined)),
  page: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? "1" : v))
    .pipe(z.string().regex(/^\d{1,6}$/, "The page number must be a positive whole number."))
    .transform(Number)
    .pipe(z.number().min(1, "The page number must be a positive whole number.")),
});

export function parseGalleryQuery(url: URL) {
  const p = url.searchParams;
  return GalleryQuerySchema.safeParse({
    q: p.get("q") ?? undefined,
    tag: p.get("tag") ?? undefined,
    department: p.get("department") ?? undefined,
    page: p.get("page") ?? undefined,
  });
}

export const ExtendSchema = z.object({
  intent: z.literal("extend"),
  until: z.string({ error: "Choose a date and time." }).trim().min(1, "Choose a date and time."),
});
