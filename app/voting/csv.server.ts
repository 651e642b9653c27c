import { stringify } from "csv-stringify/sync";
import { asc, eq } from "drizzle-orm";
import type { Queryable } from "~db/client";
import { ballotScores, ballots, criteria, demos, teams, users } from "~db/schema";
import type { RankedRow, Results } from "./results.server";

/**
 * CSV exports. The results and people's-choice files are built from the published snapshot, the same
 * data the results page shows, so they always agree with it; the scores file reads the live ballots.
 * RFC 4180 (CRLF, quotes where needed) with a UTF-8 byte-order mark so spreadsheet apps pick the encoding.
 */

export const EXPORT_KINDS = ["scores.csv", "peoples-choice.csv", "results.csv"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const BOM = "\uFEFF";

/** Numbers as the results page shows them. */
export const formatScore = (n: number | null) => (n === null ? "" : n.toFixed(3));

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe.
 * Only for free text typed by people: numbers are written as numbers.
 */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csv(header: string[], rows: Array<Array<string | number>>): string {
  return BOM + stringify([header, ...rows], { record_delimiter: "windows" });
}

export const SCORES_HEADER = ["Judge", "Judge email", "Demo", "Team", "Criterion", "Value", "Saved at"];

/** Every score of every ballot in the week (complete or not), for organisers. */
export async function scoresCsv(db: Queryable, weekId: number): Promise<string> {
  const rows = await db
    .select({
      judge: users.name,
      email: users.email,
      demo: demos.title,
      team: teams.name,
      criterion: criteria.name,
      value: ballotScores.value,
      savedAt: ballotScores.updatedAt,
    })
    .from(ballotScores)
    .innerJoin(ballots, eq(ballots.id, ballotScores.ballotId))
    .innerJoin(users, eq(users.id, ballots.judgeId))
    .innerJoin(demos, eq(demos.id, ballots.demoId))
    .innerJoin(teams, eq(teams.id, demos.teamId))
    .innerJoin(criteria, eq(criteria.id, ballotScores.criterionId))
    .where(eq(ballots.weekId, weekId))
    .orderBy(asc(users.name), asc(users.id), asc(demos.title), asc(demos.id), asc(criteria.position), asc(criteria.id));
  return csv(
    SCORES_HEADER,
    rows.map((r) => [
      safeText(r.judge),
      safeText(r.email),
      safeText(r.demo),
      safeText(r.team),
      safeText(r.criterion),
      r.value,
      r.savedAt.toISOString(),
    ]),
  );
}

export const PEOPLES_CHOICE_HEADER = ["Rank", "Demo", "Team", "Votes", "Tie-break"];

export function peoplesChoiceRows(results: Results): Array<Array<string | number>> {
  return results.peoplesChoice.map((r) => [r.rank, safeText(r.title), safeText(r.team), r.votes ?? 0, r.tieBreak ?? ""]);
}

export function peoplesChoiceCsv(results: Results): string {
  return csv(PEOPLES_CHOICE_HEADER, peoplesChoiceRows(results));
}

export const RESULTS_HEADER = [
  "Award",
  "Kind",
  "Rank",
  "Winner",
  "Demo",
  "Team",
  "Score",
  "Raw mean",
  "Judges",
  "Votes",
  "Tie-break",
  "Citation",
];

const KIND_LABEL: Record<string, string> = {
  judged: "judged",
  criterion: "judged on one criterion",
  peoples_choice: "people's choice",
  manual: "given by hand",
  overall: "full ranking",
};

/**
 * One row per demo per award (its full ranking; a hand-given award has one row), then the full
 * overall ranking under "Full ranking". "Winner" marks the rows the results page names as winners.
 */
export function resultsRows(results: Results): Array<Array<string | number>> {
  const row = (award: string, kind: string, r: RankedRow, winner: boolean, citation: string) => [
    safeText(award),
    KIND_LABEL[kind] ?? kind,
    r.rank,
    winner ? "yes" : "",
    safeText(r.title),
    safeText(r.team),
    formatScore(r.score),
    formatScore(r.rawMean),
    r.judges ?? "",
    r.votes ?? "",
    r.tieBreak ?? "",
    safeText(citation),
  ];
  const out: Array<Array<string | number>> = [];
  for (const award of results.awards) {
    const winners = new Set(award.winners.map((w) => w.demoId));
    for (const r of award.ranking) out.push(row(award.name, award.kind, r, winners.has(r.demoId), award.citation));
  }
  for (const r of results.overall) out.push(row("Full ranking", "overall", r, false, ""));
  return out;
}

export function resultsCsv(results: Results): string {
  return csv(RESULTS_HEADER, resultsRows(results));
}
