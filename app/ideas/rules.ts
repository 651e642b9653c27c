import type { Phase } from "~/weeks/phase";

/** Pure rules for ideas, asked by the server (and mirrored by the UI). */

export const PITCH_PHASES: readonly Phase[] = ["pitching", "team_formation"];

export const canPitch = (phase: Phase) => PITCH_PHASES.includes(phase);

/** Authors edit and withdraw while pitching is open; organisers may always correct (audited). */
export function canEditIdea(phase: Phase, who: { isAuthor: boolean; isOrganiser: boolean }): boolean {
  if (who.isOrganiser) return true;
  return who.isAuthor && PITCH_PHASES.includes(phase);
}

/** Following and discussing stay open until the week is archived; archived weeks are read-only. */
export const canDiscuss = (phase: Phase, status: "published" | "withdrawn") => status === "published" && phase !== "archived";

/** A past idea may be carried into a week that accepts pitches, if it never became a demo. */
export function canCarryOver(source: { phase: Phase; hasDemo: boolean }, target: { phase: Phase } | null): boolean {
  if (!target || !canPitch(target.phase)) return false;
  return (source.phase === "results" || source.phase === "archived") && !source.hasDemo;
}

export const TAG_MAX = 40;
export const TAGS_MAX = 12;

/** "  Machine   Learning " → "machine-learning": lower case, single dashes, no punctuation at the ends. */
export function normaliseTag(raw: string): string {
  return raw
    .normalize("NFKC")
    .toLowerCase()
    .trim()
    .replace(/[\s_]+/g, "-")
    .replace(/[^\p{L}\p{M}\p{N}+#.-]/gu, "")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
}

/** Splits comma/newline separated input (or an array) into unique normalised tags, keeping order. */
export function parseTags(input: string | string[] | undefined): string[] {
  const parts = (Array.isArray(input) ? input : [input ?? ""]).flatMap((s) => s.split(/[,\n]/));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of parts) {
    const tag = normaliseTag(part);
    if (tag && !seen.has(tag)) {
      seen.add(tag);
      out.push(tag);
    }
  }
  return out;
}
