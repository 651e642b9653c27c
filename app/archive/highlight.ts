/** Where a search word was found, for "matched in …" under a result. */
export type MatchSource = "demo" | "learnings" | "idea" | "outcome";

/** The two characters ts_headline puts around matched words (private-use code points: never in real text). */
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_STOP = "\uE001";

/** Splits a headline into plain and highlighted parts for rendering (no HTML is ever built from it). */
export function headlineParts(headline: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = [];
  let rest = headline;
  while (rest.length > 0) {
    const start = rest.indexOf(HIGHLIGHT_START);
    if (start === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const stop = rest.indexOf(HIGHLIGHT_STOP, start + 1);
    const end = stop === -1 ? rest.length : stop;
    if (end > start + 1) parts.push({ text: rest.slice(start + 1, end), match: true });
    rest = stop === -1 ? "" : rest.slice(stop + 1);
  }
  return parts;
}
