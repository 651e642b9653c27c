/**
 * The archive's words and URLs, shared by the server and the browser. Kept free of Zod so that the pages'
 * client code stays small; the URL schema itself is in ./params.
 */
export const OUTCOME_STATUSES = ["shipped", "continued", "prototype", "learning", "stopped"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];
/** The outcome filter: one of the statuses, or "none" for demos with no outcome recorded yet. */
export type OutcomeFilter = OutcomeStatus | "none";

export const OUTCOME_LABELS: Record<OutcomeFilter, string> = {
  shipped: "Shipped",
  continued: "Continued",
  prototype: "Prototype",
  learning: "Learning",
  stopped: "Stopped",
  none: "No outcome yet",
};

export const GALLERY_SORTS = ["relevance", "newest", "votes", "hours"] as const;
export type GallerySort = (typeof GALLERY_SORTS)[number];

export const SORT_LABELS: Record<GallerySort, string> = {
  relevance: "Best match",
  newest: "Newest",
  votes: "Most people's-choice votes",
  hours: "Most hours saved",
};

/** `award=any` means "won any award"; any other value is an award's name (matched case-insensitively). */
export const ANY_AWARD = "any";

export const Q_MAX = 200;
export const AWARD_NAME_MAX = 80;

export type ArchiveGalleryParams = {
  q: string;
  week?: string;
  department?: string;
  award?: string;
  tag?: string;
  outcome?: OutcomeFilter;
  sort?: GallerySort;
  page: number;
};

/** The order actually used: "relevance" needs a search, so it falls back to newest first without one. */
export function effectiveSort(query: Pick<ArchiveGalleryParams, "q" | "sort">): GallerySort {
  if (!query.sort) return query.q ? "relevance" : "newest";
  if (query.sort === "relevance" && !query.q) return "newest";
  return query.sort;
}

/** A gallery URL for the given parameters (empty ones left out, page 1 implied). */
export function archiveGalleryHref(params: Partial<Record<keyof ArchiveGalleryParams, string | number | undefined>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === "" || (key === "page" && Number(value) === 1)) continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `/archive/demos?${qs}` : "/archive/demos";
}
