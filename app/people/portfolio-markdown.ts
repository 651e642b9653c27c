import { formatAmount, type IMPACT_KIND_INFO, OUTCOME_STATUS_INFO, seriesLabel, unitLabel } from "~/outcomes/rules";
import { NOMINATION_KIND_LABELS, NOMINATION_STATUS_LABELS } from "~/recognition/rules";
import type { Portfolio } from "./portfolio.server";

/** Escapes what Markdown would read as markup, so names and titles print as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]{}<>#|!~]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

/** Multi-line text as a blockquote, escaped line by line. */
function quote(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => (line.trim() ? `> ${escapeMarkdown(line)}` : ">"))
    .join("\n");
}

/** "1,200 hours/year (baseline 0), measured 2026-03-01". */
export function figureLine(f: {
  kind: keyof typeof IMPACT_KIND_INFO;
  metric: string;
  unit: string;
  baseline: number | null;
  value: number;
  measuredOn: string;
}): string {
  const unit = unitLabel(f.kind, f.unit);
  const baseline = f.baseline === null ? "" : ` (baseline ${formatAmount(f.baseline)})`;
  return `${escapeMarkdown(seriesLabel(f.kind, f.metric))}: ${formatAmount(f.value)} ${escapeMarkdown(unit)}${baseline}, measured ${f.measuredOn}`;
}

/**
 * A person's exploration portfolio as Markdown, for a performance review: plain headings and lists
 * that paste cleanly into any document. Links are absolute so they work outside the portal.
 */
export function portfolioMarkdown(p: Portfolio, origin: string): string {
  const link = (path: string) => `${origin}${path}`;
  const out: string[] = [];
  out.push(`# Exploration portfolio: ${escapeMarkdown(p.person.name)}`, "");
  out.push(`${escapeMarkdown([p.person.title, p.person.department].filter(Boolean).join(", "))}`, "");
  if (p.person.skills.length) out.push(`**Skills:** ${p.person.skills.map(escapeMarkdown).join(", ")}  `);
  if (p.person.stretchGoals.length) out.push(`**Stretch goals:** ${p.person.stretchGoals.map(escapeMarkdown).join(", ")}  `);
  out.push(`**Profile:** ${link(`/people/${p.person.id}`)}`, "");

  if (p.weeks.length === 0) out.push("No exploration weeks yet.", "");
  for (const w of p.weeks) {
    out.push(`## ${escapeMarkdown(w.week.name)}`, "");
    if (w.team) {
      out.push(
        `- **Team:** [${escapeMarkdown(w.team.name)}](${link(`/teams/${w.team.id}`)}) (${w.team.role === "lead" ? "lead" : "member"}), working on “${escapeMarkdown(w.team.ideaTitle)}”`,
      );
    }
    for (const idea of w.ideas) {
      out.push(
        `- **Idea pitched:** [${escapeMarkdown(idea.title)}](${link(`/ideas/${idea.id}`)})${idea.status === "withdrawn" ? " (withdrawn)" : ""}`,
      );
    }
    if (w.demo) {
      out.push(`- **Demo:** [${escapeMarkdown(w.demo.title)}](${link(`/demos/${w.demo.id}`)})`);
      if (w.demo.awards.length) out.push(`  - Awards: ${w.demo.awards.map(escapeMarkdown).join(", ")}`);
      out.push(`  - Outcome: ${w.demo.outcomeStatus ? OUTCOME_STATUS_INFO[w.demo.outcomeStatus].label : "not recorded yet"}`);
      for (const f of w.demo.impact) out.push(`  - Impact: ${figureLine(f)}`);
    }
    if (w.reflection) {
      out.push(`- **Stretch goal:** ${escapeMarkdown(w.reflection.stretchGoal || "(none named)")}`, "", quote(w.reflection.text));
    }
    for (const m of w.mentoring) out.push(`- **Mentored:** [${escapeMarkdown(m.name)}](${link(`/teams/${m.id}`)})`);
    out.push("");
  }

  if (p.nominations.length) {
    out.push("## Nominations", "");
    for (const n of p.nominations) {
      const about = n.nominee.type === "team" ? ` (team ${escapeMarkdown(n.nominee.name)})` : "";
      const week = n.weekName ? `, ${escapeMarkdown(n.weekName)}` : "";
      out.push(
        `- **${NOMINATION_KIND_LABELS[n.kind]}**${about}${week}: nominated by ${escapeMarkdown(n.nominatorName)}, ${NOMINATION_STATUS_LABELS[n.status].toLowerCase()}`,
        "",
        quote(n.reason),
        "",
      );
    }
  }
  if (p.kudos.length) {
    out.push("## Kudos", "");
    for (const k of p.kudos) {
      const on = k.target.kind === "user" ? "" : ` on ${escapeMarkdown(k.target.name)}`;
      out.push(`- “${escapeMarkdown(k.message)}”: ${escapeMarkdown(k.authorName)}${on}, ${k.createdAt.slice(0, 10)}`);
    }
    out.push("");
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
