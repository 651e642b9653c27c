/**
 * Demo data for demos and voting: the past weeks (2025-h1, 2025-h2, 2026-h1) get a demo for every confirmed
 * team (with member reflections, screenshots and a demo-day schedule), the default criteria, judges,
 * a balanced assignment, a full set of ballots, people's-choice votes, awards and published results;
 * the current week (2026-h2) gets its judges, criteria and voting settings only.
 *
 * People are named by the local part of their email, as in seed-ideas.ts and seed-teams.ts. Scores and
 * votes are not listed: they follow from each demo's `quality` and `appeal`, each judge's leniency and
 * a seeded random generator, so every run makes the same choices.
 */
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { normaliseTag } from "../app/ideas/rules";
import { assignJudges } from "../app/voting/assignment";
import { conflictsFor, DEFAULT_CRITERIA } from "../app/voting/judging.server";
import { computeResults, replaceAwardWinners } from "../app/voting/results.server";
import type { Transaction } from "./client";
import {
  auditLog,
  awards,
  ballotScores,
  ballots,
  criteria,
  type DemoLink,
  demoImages,
  demoReflections,
  demoSchedules,
  demos,
  judgeAssignments,
  judges,
  peoplesChoiceVotes,
  teamMembers,
  teams,
  users,
  votingSettings,
  weeks,
} from "./schema";

type SeedUser = { id: number; email: string; departmentId: number; name: string };
type PastSlug = "2025-h1" | "2025-h2" | "2026-h1";

/** Scores out of 5 the judges would agree on, per criterion (before leniency and noise). */
type Quality = { impact: number; ingenuity: number; execution: number; collaboration: number; growth: number };

export type DemoSeed = {
  /** Name of the confirmed team (in the same week) that presents it. */
  team: string;
  title: string;
  summary: string;
  built: string;
  learnings: string;
  links: DemoLink[];
  tags: string[];
  /** Each member's stretch goal (one of their own) and what they made of it. */
  reflections: Array<{ by: string; goal: string; text: string }>;
  /** 1–2 screenshots; the seed draws them in the demo's own colour. */
  screenshots: string[];
  quality: Quality;
  /** How much people like it: the weight of people's-choice votes. */
  appeal: number;
  /** One line of feedback per judge (in the order judges are assigned). */
  feedback: [string, string, ...string[]];
};

export type VotingSeed = {
  judges: string[];
  /** Past weeks only. */
  juryAward?: { name: string; team: string; citation: string };
};

/** How generous each judge is, in points on a 1–5 scale (normalisation evens this out). */
const LENIENCY: Record<string, number> = {
  lena: -0.45,
  "marcus.johnson": 0.5,
  "nadia.rahman": 0.1,
  "maya.patel": 0.3,
  "jonas.eriksson": -0.2,
};

const md = (lines: string[]) => lines.join("\n");

export const VOTING: Record<PastSlug | "2026-h2", VotingSeed> = {
  "2025-h1": {
    judges: ["lena", "marcus.johnson", "nadia.rahman"],
    juryAward: {
      name: "Bravest first try",
      team: "Penny Pinchers",
      citation:
        "A data engineer, an analytics engineer and a cloud security engineer took on the warehouse bill in the very first exploration week, and put a number on every query.",
    },
  },
  // Maya is in "One Word" this week: the assignment keeps her off that demo.
  "2025-h2": {
    judges: ["lena", "marcus.johnson", "maya.patel"],
    juryAward: {
      name: "Smallest fix, biggest thanks",
      team: "Draft Keepers",
      citation:
        "Forty lines of code, and 180 support agents stopped losing replies. The jury wanted to recognise a paper cut fixed so well that nobody will remember it was ever there.",
    },
  },
  "2026-h1": {
    judges: ["lena", "marcus.johnson", "nadia.rahman", "jonas.eriksson"],
    juryAward: {
      name: "Furthest stretch",
      team: "Notebook Express",
      citation:
        "An engineering manager who had never trained a model, a platform engineer new to GPUs and a tools engineer new to notebooks shipped a self-service GPU environment in four days, and wrote down everything they learned on the way.",
    },
  },
  "2026-h2": { judges: ["lena", "marcus.johnson", "jonas.eriksson"] },
};

export const DEMOS: Record<PastSlug, DemoSeed[]> = {
  "2025-h1": [
    {
      team: "Flag Day",
      title: "Flag Day: 412 dead feature flags removed",
      summary:
        "Dead feature flags found from the flag service's audit log and code search, removed by pull requests their owners approved.",
      built: md([
        "We joined the flag service's audit log with code search and found **1,023** flags fully on or off and untouched for a year.",
        "",
        "- a script opens one pull request per repository that removes the dead branch and the flag",
        "- a deny list keeps security kill switches out of it",
        "- a weekly digest tells each team about its newly stale flags",
        "",
        "412 flags were gone by Friday; the rest wait for their owners.",
      ]),
      learnings: md([
        "- Owners approve a small, boring pull request within a day; a spreadsheet of flags gets ignored for months.",
        "- Half the work was the deny list: some flags look dead but are kill switches.",
        "- Deleting code is the most satisfying thing we did all year.",
      ]),
      links: [
        { kind: "repository", url: "https://git.expedition.test/payments/flag-reaper", label: "flag-reaper" },
        { kind: "video", url: "https://video.expedition.test/2025-h1/flag-day", label: "Demo recording" },
      ],
      tags: ["tech-debt", "feature-flags"],
      reflections: [
        {
          by: "mei.chen",
          goal: "security",
          text: "Writing the deny list with Viktor taught me how our kill switches work, and why they must never be cleaned up.",
        },
        { by: "viktor.novak", goal: "kubernetes", text: "I ran the script as a Kubernetes job for the first time." },
        {
          by: "kwame.mensah",
          goal: "rust",
          text: "I rewrote the code-search matcher in Rust on Wednesday night. It was faster and I was slower.",
        },
      ],
      screenshots: ["Pull requests removing dead flags, grouped by repository"],
      quality: { impact: 4.5, ingenuity: 3.6, execution: 4.4, collaboration: 4.0, growth: 3.7 },
      appeal: 5,
      feedback: [
        "Real numbers and real code deleted. Please keep the weekly digest running.",
        "The deny list is the clever part. Document it for the next team that cleans up flags.",
      ],
    },
    {
      team: "Macro Finder",
      title: "Macro Finder: describe the problem, get the right reply",
      summary: "Agents describe the customer's problem in their own words and get the three best macros, found by meaning.",
      built: md([
        "We embedded 2,400 macros and 10,000 answered tickets and search them with pgvector.",
        "",
        "- a search box in the agent console: describe the problem, get three macros",
        "- measured on a held-out week of tickets: the right macro is in the top three **81%** of the time, against 34% for title search",
      ]),
      learnings: md([
        "- Watching two agents for one morning changed our design more than any metric.",
        "- A held-out week of real tickets is the only honest test set.",
        "- Embeddings are easy; deciding what to embed (the macro, or the tickets it answered) is not.",
      ]),
      links: [{ kind: "video", url: "https://video.expedition.test/2025-h1/macro-finder", label: "Demo recording" }],
      tags: ["support", "search", "llm"],
      reflections: [
        {
          by: "tariq.hussain",
          goal: "llm",
          text: "I learned what embeddings can and cannot do, and when keyword search still wins.",
        },
        {
          by: "aiko.watanabe",
          goal: "llm",
          text: "I set up the evaluation. Top-3 accuracy was the number the agents understood.",
        },
        {
          by: "carmen.ortiz",
          goal: "llm",
          text: "I built the search box and learned to read a similarity score without trusting it blindly.",
        },
      ],
      screenshots: ["Macro search results for a described customer problem", "Accuracy against title search"],
      quality: { impact: 4.6, ingenuity: 4.3, execution: 4.0, collaboration: 4.4, growth: 4.2 },
      appeal: 7,
      feedback: [
        "Measured properly and built with the agents, not for them. Best demo of the day.",
        "81% top-3 is a strong start. Talk to the support platform team about running it for real.",
      ],
    },
    {
      team: "Notes From the Field",
      title: "Release notes from pull requests, in our voice",
      summary: "A bot drafts the app-store release notes from labelled pull requests, using our voice and tone guide.",
      built: md([
        "The bot groups a release's pull requests by label and drafts notes a writer then polishes.",
        "",
        "- a label convention for customer-facing changes",
        "- a review screen where the writer edits the draft next to the pull requests",
        "",
        "We tried it on the last six releases: the drafts needed about as much editing as starting from scratch.",
      ]),
      learnings: md([
        "- Pull request titles are written for reviewers, not customers: there is not enough in them to write from.",
        "- A writer and an engineer pairing for a week taught both of us more than the bot did.",
        "- We would start from the release's Jira epics next time.",
      ]),
      links: [{ kind: "slides", url: "https://slides.expedition.test/2025-h1/notes-from-the-field" }],
      tags: ["mobile", "writing"],
      reflections: [
        { by: "ravi.iyer", goal: "react", text: "I built the review screen in React; my first component with state." },
        {
          by: "sofia.rossi",
          goal: "figma",
          text: "I drew the review flow in Figma before we wrote any code. It saved us a day.",
        },
        { by: "sun-hee.park", goal: "figma", text: "I made my first Figma prototype and learned to test copy inside it." },
      ],
      screenshots: ["Draft release notes next to the pull requests they came from"],
      quality: { impact: 2.8, ingenuity: 3.4, execution: 3.2, collaboration: 4.3, growth: 4.4 },
      appeal: 3,
      feedback: [
        "An honest demo: it did not work as hoped, and you told us why. That is worth a lot.",
        "Great pairing across writing and engineering. Try the epics idea.",
      ],
    },
    {
      team: "Penny Pinchers",
      title: "Penny Pinchers: every warehouse query has a price",
      summary: "The query editor shows what a query will cost before it runs, and scheduled queries get a budget.",
      built: md([
        "We estimate a query's cost from its plan and show it in the editor next to the Run button.",
        "",
        "- scheduled queries get a monthly budget; the owner is alerted when one goes over",
        "- the ten most expensive scheduled queries were rewritten during the week, with their owners",
      ]),
      learnings: md([
        "- People write cheaper queries as soon as they see the price; nobody needed to be blocked.",
        "- The ten worst queries were a third of the bill.",
        "- Reusing the cloud cost alerts saved us two days.",
      ]),
      links: [
        { kind: "repository", url: "https://git.expedition.test/data/query-budget" },
        { kind: "video", url: "https://video.expedition.test/2025-h1/penny-pinchers", label: "Demo recording" },
      ],
      tags: ["cost", "data", "warehouse"],
      reflections: [
        { by: "chiara.bianchi", goal: "terraform", text: "I wrote the budget alerts in Terraform, reusing Leila's modules." },
        { by: "samuel.osei", goal: "python", text: "I wrote the cost estimator in Python; it is 200 lines and it works." },
        { by: "leila.karimi", goal: "go", text: "I ported the alert forwarder to Go on Thursday, mostly to learn Go." },
      ],
      screenshots: ["Estimated query cost next to the Run button", "Scheduled queries over budget"],
      quality: { impact: 4.4, ingenuity: 3.9, execution: 4.1, collaboration: 4.5, growth: 4.0 },
      appeal: 5,
      feedback: [
        "A third of the bill in ten queries: you found the lever. Please keep the budgets on.",
        "Nudging instead of blocking is the right call. Great mix of departments.",
      ],
    },
  ],
  "2025-h2": [
    {
      team: "Cache Me If You Can",
      title: "CI caches that hit: from 31% to 87%",
      summary: "Per-toolchain CI caches keyed on their own lockfiles, and a dashboard of hit rates per repository.",
      built: md([
        "The CI dependency cache was keyed on the whole lockfile plus the runner image digest, so any bump anywhere",
        "invalidated it for everyone.",
        "",
        "- split the cache per toolchain (npm, Go, Gradle), each keyed on **its own** lockfile",
        "- pinned the runner image by week instead of rebuilding it every night",
        "- a Grafana dashboard of hit rates per repository, fed by the CI event stream",
        "",
        "Rolled out to 12 repositories on Thursday; the median pipeline dropped from 14 to 9 minutes.",
      ]),
      learnings: md([
        "- Measure first: the dashboard showed Monday mornings were always cold, which nobody had noticed.",
        "- Cache keys are an API: we wrote down the rules in the CI handbook so teams stop inventing their own.",
        "- Rolling out to twelve repositories took longer than building it.",
      ]),
      links: [
        { kind: "repository", url: "https://git.expedition.test/dx/ci-cache-keys", label: "ci-cache-keys" },
        { kind: "video", url: "https://video.expedition.test/2025-h2/cache-me-if-you-can", label: "Demo recording" },
        { kind: "other", url: "https://grafana.expedition.test/d/ci-cache/hit-rates", label: "Hit-rate dashboard" },
      ],
      tags: ["ci-cd", "build-speed", "developer-experience"],
      reflections: [
        {
          by: "diego.fernandez",
          goal: "observability",
          text: "I built my first Grafana dashboard from raw CI events. Choosing what *not* to chart was the hard part.",
        },
        {
          by: "noah.goldberg",
          goal: "rust",
          text: "I rewrote the cache-key calculator in Rust as a side quest. It is faster but we shipped the Python one; fine by me.",
        },
        {
          by: "ines.moreau",
          goal: "public-speaking",
          text: "I presented the demo live. Rehearsing three times with the team made the difference.",
        },
      ],
      screenshots: [
        "Dashboard of cache hit rates per repository, most above 80%",
        "Pipeline durations before and after the change",
      ],
      quality: { impact: 4.6, ingenuity: 3.4, execution: 4.5, collaboration: 3.8, growth: 3.3 },
      appeal: 5,
      feedback: [
        "Clear before and after numbers; this is what a good exploration demo looks like. Please share the handbook page widely.",
        "Great execution. I'd love to see the same dashboard for test caches next time.",
        "Measurable impact within a week. Think about who owns the dashboard once the week is over.",
      ],
    },
    {
      team: "Dev Doctor",
      title: "dev doctor: one command for a broken laptop",
      summary:
        "A command that diagnoses the ten most common broken-laptop problems from the help channel and offers to fix them.",
      built: md([
        "We read three months of the `#dev-help` channel and grouped the questions: ten problems cover 70% of them.",
        "",
        "`dev doctor` checks each one (stale Docker contexts, expired registry credentials, the wrong Node version,",
        "a full disk, …) and offers a fix, asking before it changes anything.",
        "",
        "1. checks run in parallel and finish in under three seconds",
        "2. every fix is a small, reviewed script",
        "3. `dev doctor --report` writes a redacted report to paste into the help channel",
      ]),
      learnings: md([
        "- The help channel is a gold mine of product research for internal tools.",
        "- Asking before fixing matters: people trust a tool that explains itself.",
        "- Cross-platform shells are harder than Rust.",
      ]),
      links: [
        { kind: "repository", url: "https://git.expedition.test/dx/dev-doctor", label: "dev-doctor" },
        { kind: "video", url: "https://video.expedition.test/2025-h2/dev-doctor" },
      ],
      tags: ["developer-experience", "tooling", "cli"],
      reflections: [
        {
          by: "elena.popescu",
          goal: "accessibility",
          text: "I made the output readable by screen readers: no colour-only status, and plain words instead of emoji.",
        },
        {
          by: "priya.raman",
          goal: "go",
          text: "The checks started in Go before we moved to Rust; I learned enough Go to port two of them and review the rest.",
        },
      ],
      screenshots: ["Terminal output of dev doctor finding two problems and offering fixes"],
      quality: { impact: 3.8, ingenuity: 4.2, execution: 3.6, collaboration: 3.2, growth: 4.0 },
      appeal: 4,
      feedback: [
        "Lovely idea grounded in real data from the help channel. Ship it in the laptop setup guide.",
        "The report flag is a smart touch. Consider collecting anonymous stats on which checks fail most.",
        "Would have liked a live fix during the demo, but the research behind it is excellent.",
      ],
    },
    {
      team: "Draft Keepers",
      title: "Reply drafts that survive a reload",
      summary: "Reply drafts in the agent console are saved as you type, restored after a reload, and wiped on sign-out.",
      built: md([
        "Agents lost half-written replies whenever the console reloaded after a deploy: about 40 times a day.",
        "",
        "- drafts are saved per ticket in the browser, encrypted with a key that lives only for the session",
        '- restored with a banner ("Draft restored from 10:42") so nothing appears silently',
        "- wiped on sign-out and after seven days",
        "",
        "Farah threat-modelled shared support machines before we wrote a line of code.",
      ]),
      learnings: md([
        "- A security engineer on day one saved us from storing drafts in plain text.",
        "- Small fixes still need a rollout plan: we talked to the support leads before switching it on.",
      ]),
      links: [
        { kind: "repository", url: "https://git.expedition.test/support/agent-console/pull/1432", label: "Pull request" },
        { kind: "slides", url: "https://slides.expedition.test/2025-h2/draft-keepers" },
      ],
      tags: ["support", "paper-cut", "react"],
      reflections: [
        {
          by: "zoe.clarke",
          goal: "testing",
          text: "I wrote my first Playwright tests that reload the page mid-typing. Flaky at first; I learned to wait for the right things.",
        },
        {
          by: "farah.haddad",
          goal: "public-speaking",
          text: "I explained the threat model to the support leads in plain words. They asked better questions than most engineers.",
        },
      ],
      screenshots: ["Agent console showing a restored draft with its banner", "Threat model of drafts on shared machines"],
      quality: { impact: 4.1, ingenuity: 3.0, execution: 4.5, collaboration: 3.7, growth: 3.6 },
      appeal: 3,
      feedback: [
        "Small scope, done properly, with security built in from the start. Exactly right for a paper-cuts week.",
        "Support will love this. Tell the story of the 40 lost replies a day when you roll it out.",
        "Well executed. The banner is a thoughtful detail.",
      ],
    },
    {
      team: "Error Codes Anonymous",
      title: "143 checkout errors, each with a message and a fix",
      summary: "Every checkout API error now has a message a developer can act on, a likely cause and a link to the docs.",
      built: md([
        "Partners integrating our checkout API saw codes like `E_4117` and opened a ticket.",
        "",
        "- Kenji pulled the 500 most recent integration tickets and ranked errors by how often they came up",
        "- Mei and Rafael rewrote the messages in the Go error registry, each with a cause and a docs anchor",
        "- a lint rule now refuses a new error code without a message",
        "",
        "See the [error reference](https://docs.expedition.test/api/checkout/errors) for the result.",
      ]),
      learnings: md([
        "- Support knew exactly which errors hurt: bringing a support tech lead in was the best decision we made.",
        "- Writing a good error message is a design problem, not a string change.",
      ]),
      links: [
        { kind: "other", url: "https://docs.expedition.test/api/checkout/errors", label: "Error reference" },
        { kind: "repository", url: "https://git.expedition.test/payments/checkout-api/pull/2210" },
      ],
      tags: ["api", "paper-cut", "technical-writing"],
      reflections: [
        {
          by: "mei.chen",
          goal: "public-speaking",
          text: "I gave my first demo to the whole engineering org. Nervous, but the rehearsal with Kenji helped.",
        },
        {
          by: "kenji.morimoto",
          goal: "data-viz",
          text: "I charted which errors caused the most tickets; that chart decided our priorities for the week.",
        },
        {
          by: "rafael.costa",
          goal: "go",
          text: "I finally understood how our error registry works and wrote the lint rule that keeps it honest.",
        },
      ],
      screenshots: ["Error reference page with a cause and a fix for each code"],
      quality: { impact: 4.2, ingenuity: 3.2, execution: 3.8, collaboration: 4.6, growth: 3.8 },
      appeal: 3,
      feedback: [
        "Support and Payments working as one team on a real pain. The lint rule makes it last.",
        "Strong collaboration story. Next step: measure the drop in integration tickets.",
        "Good work; a before/after example on a slide would have made the impact obvious.",
      ],
    },
    {
      team: "Thumb Zone",
      title: "The pay button stays above the keyboard",
      summary: "On small Android phones the keyboard no longer hides the pay button, with screenshot tests on six screen sizes.",
      built: md([
        "On phones under 5.5 inches the keyboard covered the pay button on the card form, and 3% of customers gave up there.",
        "",
        "- the card form now resizes with the keyboard and keeps the pay button in the thumb zone",
        "- screenshot tests on six screen sizes and two font scales run on every pull request",
        "- Isabelle brought the same fix to the web checkout on mobile browsers",
      ]),
      learnings: md([
        "- Screenshot tests catch layout regressions that nobody would write a unit test for.",
        "- Testing with large font sizes found three more bugs we had never seen.",
      ]),
      links: [
        { kind: "video", url: "https://video.expedition.test/2025-h2/thumb-zone", label: "Before and after on a small phone" },
        { kind: "repository", url: "https://git.expedition.test/mobile/android-app/pull/887" },
      ],
      tags: ["mobile", "checkout", "android"],
      reflections: [
        {
          by: "sofia.rossi",
          goal: "figma",
          text: "I drew the thumb-zone overlay in Figma myself before building it. Designing first saved a day of back and forth.",
        },
        {
          by: "freya.nilsson",
          goal: "accessibility",
          text: "I added the large-font runs to the screenshot tests; they found three bugs on their own.",
        },
        {
          by: "isabelle.laurent",
          goal: "design-systems",
          text: "I learned how the Android and web checkout share tokens, and where they quietly differ.",
        },
      ],
      screenshots: [
        "Card form on a small phone with the pay button above the keyboard",
        "Grid of screenshot tests on six screen sizes",
      ],
      quality: { impact: 4.4, ingenuity: 3.6, execution: 4.1, collaboration: 4.0, growth: 3.8 },
      appeal: 6,
      feedback: [
        "A real conversion problem fixed with tests that keep it fixed. Excellent.",
        "Great to see web and Android fixed together. The large-font finding deserves its own write-up.",
        "Very convincing video. Please get this in front of the checkout product owners.",
      ],
    },
    {
      team: "One Word",
      title: "One Word: a product glossary with a lint rule",
      summary: "Two workshops, one glossary of 48 terms, and a lint rule that flags the old names in product copy.",
      built: md([
        "We called the same thing by four names (workspace, account, organisation, tenant) across the product.",
        "",
        "1. two workshops with Support, Design and Engineering to pick one word per concept",
        "2. a glossary of 48 terms, published in the design system docs",
        "3. a lint rule for the copy files that flags retired names and suggests the new one",
      ]),
      learnings: md([
        "- Agreeing on words is a negotiation; a facilitator with no stake in the outcome helps.",
        "- Support agents were the best source: they hear every name customers use.",
      ]),
      links: [
        { kind: "other", url: "https://design.expedition.test/glossary", label: "Glossary" },
        { kind: "slides", url: "https://slides.expedition.test/2025-h2/one-word" },
      ],
      tags: ["content", "consistency", "ux-writing"],
      reflections: [
        {
          by: "sun-hee.park",
          goal: "accessibility",
          text: "I checked the glossary against plain-language guidelines; eleven terms got simpler.",
        },
        {
          by: "maya.patel",
          goal: "data-viz",
          text: "I mapped where each old name appears across the product; the heat map convinced the sceptics.",
        },
        {
          by: "daniel.kowalczyk",
          goal: "ml",
          text: "I tried clustering support tickets by the words customers use. Rough, but it found two terms we had missed.",
        },
      ],
      screenshots: ["Glossary page with the term workspace and its retired names"],
      quality: { impact: 3.4, ingenuity: 3.8, execution: 3.2, collaboration: 4.8, growth: 4.2 },
      appeal: 2,
      feedback: [
        "Unusual for an exploration week and very valuable. The lint rule turns agreement into practice.",
        "Wonderful mix of departments. Plan how the glossary stays alive after this week.",
      ],
    },
    {
      team: "Single Sign-On, Finally",
      title: "Seven tools behind single sign-on, local passwords gone",
      summary: "Seven internal tools moved behind the identity proxy and their local passwords switched off.",
      built: md([
        "Seven internal tools still had their own accounts, some shared by whole teams.",
        "",
        "- each tool now sits behind the identity proxy with group-based access",
        "- local password sign-in switched off, with a break-glass account in the vault",
        "- a runbook for the next tool, so it takes an afternoon instead of a week",
      ]),
      learnings: md([
        "- The hardest part was finding out who still used each tool.",
        "- A Staff SRE on the team made the proxy changes painless.",
      ]),
      links: [
        { kind: "other", url: "https://wiki.expedition.test/security/sso-runbook", label: "Runbook" },
        { kind: "repository", url: "https://git.expedition.test/security/identity-proxy-config/pull/311" },
      ],
      tags: ["security", "identity", "oauth"],
      reflections: [
        {
          by: "viktor.novak",
          goal: "kubernetes",
          text: "I deployed the proxy sidecars myself instead of asking Platform. Tomasz reviewed every manifest.",
        },
        {
          by: "jonas.eriksson",
          goal: "public-speaking",
          text: "I presented at demo day instead of letting the team do it. It is harder than presenting to leadership.",
        },
        {
          by: "tomasz.wisniewski",
          goal: "mentoring",
          text: "I paired with Viktor on Kubernetes all week; teaching it made me question half of our defaults.",
        },
      ],
      screenshots: ["Sign-in page of an internal tool redirecting to single sign-on"],
      quality: { impact: 4.2, ingenuity: 2.8, execution: 4.2, collaboration: 3.8, growth: 3.2 },
      appeal: 3,
      feedback: [
        "Unglamorous and important. Seven fewer password databases is a real risk reduction.",
        "Solid execution; the runbook is what will make this scale.",
      ],
    },
    {
      team: "Checkpoint Charlie",
      title: "Backfills that resume where they stopped",
      summary: "A solo week: Airflow backfills checkpoint each finished partition and resume from there after a failure.",
      built: md([
        "A failed warehouse backfill used to start again from day one, sometimes after 30 hours of work.",
        "",
        "- each partition records its completion in a checkpoint table",
        "- a restarted backfill skips finished partitions and logs what it skipped",
        "- the `orders` backfill that failed twice last month now finishes in one run",
      ]),
      learnings: md([
        "- Working alone is fast but lonely; I missed having someone to review my design.",
        "- Idempotent partitions are the real prerequisite; the checkpointing is easy after that.",
      ]),
      links: [{ kind: "repository", url: "https://git.expedition.test/data/airflow-dags/pull/540" }],
      tags: ["data", "reliability", "airflow"],
      reflections: [
        {
          by: "chiara.bianchi",
          goal: "go",
          text: "I wrote the checkpoint client in Go to learn it; it works, but the Python one is what we run.",
        },
      ],
      screenshots: ["Airflow graph of a resumed backfill skipping finished partitions"],
      quality: { impact: 3.6, ingenuity: 3.6, execution: 4.0, collaboration: 1.5, growth: 3.8 },
      appeal: 1,
      feedback: [
        "Impressive for one person in a week. Next time, bring someone from another department along.",
        "Useful and well explained. Please present it at the data guild.",
      ],
    },
  ],
  "2026-h1": [
    {
      team: "Quiet Pager",
      title: "Quiet Pager: the alerts nobody acts on",
      summary: "A weekly report of alerts that paged someone and led to no action, with the owner of each and a one-click mute.",
      built: md([
        "We joined 90 days of pages with the incident tracker and the chat history of each on-call channel.",
        "",
        "- **38%** of pages led to no action at all",
        "- the report lists each noisy alert with its owner, how often it fired and when it last mattered",
        "- owners can mute or delete an alert from the report, with a reason",
        "",
        "Three teams deleted 41 alerts in the week after the demo.",
      ]),
      learnings: md([
        "- The data was the easy part; agreeing what *no action* means took a day of discussion.",
        "- An analytics engineer and a QA engineer saw patterns an SRE had stopped noticing.",
        "- Showing each owner their own alerts works better than a league table.",
      ]),
      links: [
        { kind: "video", url: "https://video.expedition.test/2026-h1/quiet-pager", label: "Demo recording" },
        { kind: "repository", url: "https://git.expedition.test/platform/pager-noise" },
        { kind: "other", url: "https://grafana.expedition.test/d/pager-noise/weekly", label: "Weekly report" },
      ],
      tags: ["alerting", "reliability", "on-call"],
      reflections: [
        {
          by: "tomasz.wisniewski",
          goal: "public-speaking",
          text: "I opened demo day. Starting with one real 3 a.m. page made the room listen.",
        },
        {
          by: "samuel.osei",
          goal: "python",
          text: "I wrote the join between pages and chat history in Python instead of SQL; pandas and I are friends now.",
        },
        {
          by: "freya.nilsson",
          goal: "accessibility",
          text: "I made the report readable by screen readers and without colour; it made it clearer for everyone.",
        },
      ],
      screenshots: [
        "Weekly pager noise report with the noisiest alerts and their owners",
        "Chart of pages that led to no action",
      ],
      quality: { impact: 4.8, ingenuity: 3.8, execution: 4.4, collaboration: 4.2, growth: 3.8 },
      appeal: 6,
      feedback: [
        "The best demo of the week for me: a clear problem, hard numbers and a change in behaviour already.",
        "41 alerts deleted in a week says it all. Please make this a standing report.",
        "Excellent. Consider adding the cost of each noisy alert in engineer hours.",
      ],
    },
    {
      team: "Dress Rehearsal",
      title: "Dress Rehearsal: every Postgres upgrade rehearsed and timed",
      summary:
        "Every Postgres major upgrade is rehearsed on a restored snapshot, automatically, with a timed report of what broke.",
      built: md([
        "Major upgrades were rehearsed by hand, once, weeks before the real thing.",
        "",
        "1. restore last night's snapshot into a throwaway instance",
        "2. run the upgrade with the same flags as production and time each step",
        "3. run the application's smoke tests and the slow-query suite against it",
        "4. post a report with the downtime estimate and every failed query",
      ]),
      learnings: md([
        "- The slow-query suite found two plans that get worse on the new version.",
        "- Terraform for throwaway databases is worth the effort; we reuse it for other tests now.",
      ]),
      links: [
        { kind: "repository", url: "https://git.expedition.test/platform/pg-rehearsal" },
        { kind: "slides", url: "https://slides.expedition.test/2026-h1/dress-rehearsal" },
      ],
      tags: ["databases", "automation", "postgres"],
      reflections: [
        {
          by: "kwame.mensah",
          goal: "data-viz",
          text: "I charted upgrade timings per step; seeing them side by side showed where the downtime really goes.",
        },
        {
          by: "chiara.bianchi",
          goal: "terraform",
          text: "I wrote the Terraform for the throwaway instances. First time I owned infrastructure code end to end.",
        },
        {
          by: "rafael.costa",
          goal: "rust",
          text: "I tried a Rust tool to diff query plans; it is rough, but it found one of the two regressions.",
        },
      ],
      screenshots: ["Rehearsal report with timings per upgrade step"],
      quality: { impact: 4.2, ingenuity: 3.6, execution: 4.4, collaboration: 3.6, growth: 3.6 },
      appeal: 2,
      feedback: [
        "This will pay for itself at the next upgrade. The downtime estimate is exactly what change review needs.",
        "Very solid. Share the Terraform module with the other teams that need throwaway databases.",
      ],
    },
    {
      team: "Flake Hunters",
      title: "Flake Hunters: flaky tests quarantined automatically",
      summary: "Flaky tests are detected from CI history and moved to a quarantine suite with an owner and a deadline.",
      built: md([
        "A test that fails and passes on the same commit is flaky. We found 212 of them in 30 days of CI history.",
        "",
        "- a nightly job scores every test by its flip rate",
        "- above the threshold, the test moves to a quarantine suite and an issue is opened for its owner",
        "- quarantined tests still run, but do not block merges; fixed tests leave quarantine on their own",
      ]),
      learnings: md([
        "- Ownership data was the missing piece; we built a small CODEOWNERS lookup for tests.",
        "- Mobile and backend flakes look very different; one threshold does not fit all.",
      ]),
      links: [
        { kind: "repository", url: "https://git.expedition.test/dx/flake-hunters" },
        { kind: "video", url: "https://video.expedition.test/2026-h1/flake-hunters" },
      ],
      tags: ["testing", "developer-experience", "ci-cd"],
      reflections: [
        {
          by: "ines.moreau",
          goal: "public-speaking",
          text: "I led the demo and took the questions; I prepared answers for the three I feared most.",
        },
        {
          by: "arjun.mehta",
          goal: "performance",
          text: "I made the nightly scoring job ten times faster by reading CI history in batches.",
        },
        {
          by: "yuki.tanaka",
          goal: "performance",
          text: "I profiled why React Native tests flake: most of them are timing, not logic.",
        },
        {
          by: "noah.goldberg",
          goal: "rust",
          text: "The flip-rate scorer is my first Rust code in production. The compiler taught me more than any tutorial.",
        },
      ],
      screenshots: ["Quarantine dashboard with flaky tests, owners and deadlines", "Issue opened automatically for a flaky test"],
      quality: { impact: 4.4, ingenuity: 4.0, execution: 4.0, collaboration: 4.0, growth: 3.9 },
      appeal: 5,
      feedback: [
        "212 flaky tests is a number everyone felt but nobody had. Great to see it turned into owned issues.",
        "Strong engineering and a good mix of people. Watch that quarantine does not become a graveyard.",
        "Very useful. I'd like to see the effect on merge times after a month.",
      ],
    },
    {
      team: "Context First",
      title: "Context First: security alerts that arrive with their context",
      summary: "Every security alert arrives with the user, the asset, recent changes and the last similar incident attached.",
      built: md([
        "Triage started with ten minutes of looking things up in five tools.",
        "",
        "- an enrichment step adds the user, the asset owner, recent deploys and access changes",
        "- a similarity search finds the last incident like this one and links its write-up",
        "- median triage time in the week's trial: **11 minutes → 4 minutes**",
      ]),
      learnings: md([
        "- Similar-incident search with plain text embeddings was good enough; no fine-tuning needed.",
        "- A support engineer on the team brought the ticket-triage tricks Support has used for years.",
      ]),
      links: [
        { kind: "repository", url: "https://git.expedition.test/security/alert-enrichment" },
        { kind: "slides", url: "https://slides.expedition.test/2026-h1/context-first" },
      ],
      tags: ["security", "automation", "incident-response"],
      reflections: [
        {
          by: "amara.nwosu",
          goal: "ml",
          text: "I built the similar-incident search with Lukas; I finally understand what an embedding is.",
        },
        {
          by: "lukas.becker",
          goal: "llm",
          text: "We tried an LLM summary of each alert and dropped it: it sounded confident and was wrong too often.",
        },
        {
          by: "tariq.hussain",
          goal: "go",
          text: "I wrote the enrichment service in Go; the security team now asks me to review their Go code.",
        },
      ],
      screenshots: ["Security alert with user, asset and similar incidents attached"],
      quality: { impact: 4.2, ingenuity: 4.2, execution: 3.6, collaboration: 4.0, growth: 4.2 },
      appeal: 3,
      feedback: [
        "Halving triage time is a big deal for on-call health. Good call dropping the LLM summary.",
        "Thoughtful and honest demo. The similar-incident link is the part I'd ship first.",
      ],
    },
    {
      team: "Keys on Demand",
      title: "Keys on Demand: admin access for an hour, not forever",
      summary: "Engineers request an admin role for an hour with a reason, approved in chat, instead of holding it forever.",
      built: md([
        "146 people held standing admin roles in production accounts; most used them a few times a month.",
        "",
        "- request a role for 1–8 hours with a reason, from chat",
        "- a peer approves; the role is granted and removed automatically",
        "- every grant is logged with its reason for the audit team",
      ]),
      learnings: md([
        "- The approval flow must be faster than the old habit, or people will find a way around it.",
        "- IAM policies are full of surprises; we found three roles nobody could explain.",
      ]),
      links: [
        { kind: "repository", url: "https://git.expedition.test/security/jit-access" },
        { kind: "video", url: "https://video.expedition.test/2026-h1/keys-on-demand" },
      ],
      tags: ["security", "access", "aws"],
      reflections: [
        {
          by: "leila.karimi",
          goal: "go",
          text: "I wrote the chat bot in Go. Small, but my own from the first line to the deploy.",
        },
        {
          by: "priya.raman",
          goal: "kubernetes",
          text: "I ran the bot on our cluster and learned how service accounts map to cloud roles.",
        },
        {
          by: "viktor.novak",
          goal: "kubernetes",
          text: "I helped Priya with the workload identity setup; we both know far more than on Monday.",
        },
      ],
      screenshots: ["Chat request for an admin role with a reason and an approval button"],
      quality: { impact: 4.0, ingenuity: 3.4, execution: 3.8, collaboration: 3.0, growth: 3.6 },
      appeal: 2,
      feedback: [
        "Important for our audit next year. Make sure break-glass access is covered before rollout.",
        "Clean flow. I'd like to see how fast approval is in practice across time zones.",
      ],
    },
    {
      team: "Report Robots",
      title: "Report Robots: the weekly support report writes itself",
      summary: "The weekly support report is built by dbt and posted on Monday morning, without a single copy-paste.",
      built: md([
        "Every Monday, Bianca spent four hours copying numbers from three tools into a slide deck.",
        "",
        "- dbt models for ticket volume, first response time, backlog and top contact reasons",
        "- a report page posted to the support channel at 8:00 every Monday",
        "- Aiko added a forecast of next week's volume with its uncertainty",
        "",
        "Four people from Support, Data and Support Tools; nobody had worked together before.",
      ]),
      learnings: md([
        "- Writing down what each number means took longer than computing it, and was worth more.",
        "- A forecast with an honest range is more useful than a precise wrong number.",
        "- Pairing an analyst with engineers cut every decision in half.",
      ]),
      links: [
        { kind: "repository", url: "https://git.expedition.test/data/dbt-support" },
        { kind: "other", url: "https://reports.expedition.test/support/weekly", label: "This week's report" },
        { kind: "video", url: "https://video.expedition.test/2026-h1/report-robots" },
      ],
      tags: ["support", "reporting", "dbt"],
      reflections: [
        {
          by: "bianca.ferreira",
          goal: "python",
          text: "I wrote the script that posts the report. Four hours of my Monday are now mine again.",
        },
        {
          by: "aiko.watanabe",
          goal: "public-speaking",
          text: "I explained the forecast and its range to a room of non-statisticians without a single formula.",
        },
        {
          by: "daniel.kowalczyk",
          goal: "ml",
          text: "Aiko walked me through the forecast model; I can now read one critically.",
        },
        {
          by: "carmen.ortiz",
          goal: "llm",
          text: "I tried an LLM to draft the weekly commentary. The team kept it as a first draft that Bianca edits.",
        },
      ],
      screenshots: ["Weekly support report with volume, response times and a forecast", "dbt lineage graph of the report models"],
      quality: { impact: 4.0, ingenuity: 3.2, execution: 4.2, collaboration: 4.8, growth: 4.4 },
      appeal: 7,
      feedback: [
        "A textbook cross-department team, and a real weekly saving. Well done.",
        "Lovely demo. The forecast range is a mature touch; keep it.",
        "Four hours a week back for Support. Please write down the metric definitions somewhere everyone can find them.",
      ],
    },
    {
      team: "Token Bridge",
      title: "Token Bridge: design tokens from Figma to code in one pull request",
      summary: "Colour, spacing and type tokens flow from Figma to the React component library in one reviewed pull request.",
      built: md([
        "Design tokens were copied from Figma into code by hand and drifted within weeks.",
        "",
        "1. a Figma plugin exports the tokens as JSON",
        "2. a CI job turns them into CSS variables and TypeScript constants",
        "3. it opens one pull request with a visual diff of every changed component",
      ]),
      learnings: md([
        "- Designers and engineers name tokens differently; we agreed a naming scheme on day one.",
        "- The visual diff is what made designers trust the pipeline.",
      ]),
      links: [
        { kind: "repository", url: "https://git.expedition.test/design/token-bridge" },
        { kind: "slides", url: "https://slides.expedition.test/2026-h1/token-bridge" },
      ],
      tags: ["design-system", "automation", "figma"],
      reflections: [
        {
          by: "hugo.dubois",
          goal: "motion-design",
          text: "I added motion tokens (durations and easings) to the pipeline; the first time they exist in code at all.",
        },
        {
          by: "isabelle.laurent",
          goal: "figma",
          text: "I learned how designers structure a Figma file; I will never ask for a hex code again.",
        },
        {
          by: "oskar.lind",
          goal: "css",
          text: "I wrote the CSS variable output myself and reviewed the visual diffs with Hugo.",
        },
      ],
      screenshots: ["Pull request with a visual diff of changed components"],
      quality: { impact: 3.8, ingenuity: 4.4, execution: 3.6, collaboration: 4.4, growth: 4.0 },
      appeal: 3,
      feedback: [
        "Designers and engineers really building together. The visual diff is clever.",
        "Great idea; make sure the mobile apps can consume the same tokens.",
      ],
    },
    {
      team: "Notebook Express",
      title: "Notebook Express: a GPU notebook in two minutes",
      summary: "A GPU notebook starts from a web page in two minutes and shuts itself down when nobody uses it.",
      built: md([
        "Data scientists waited up to three days for a GPU machine, then forgot to switch it off.",
        "",
        "- a web page starts a notebook on the GPU node pool, with the team's data mounted",
        "- idle notebooks are snapshotted and stopped after 45 minutes",
        "- a cost line per team on the platform dashboard",
      ]),
      learnings: md([
        "- GPU scheduling on Kubernetes is easy to start and hard to get right.",
        "- Auto-shutdown needs a friendly warning first, or people lose work.",
        "- None of us had done this before; writing down every step helped the next person.",
      ]),
      links: [
        { kind: "repository", url: "https://git.expedition.test/data/notebook-express" },
        { kind: "video", url: "https://video.expedition.test/2026-h1/notebook-express" },
      ],
      tags: ["ml-platform", "self-service", "kubernetes"],
      reflections: [
        {
          by: "grace.mwangi",
          goal: "observability",
          text: "I built the idle detection from GPU metrics; I can now read a Prometheus query without fear.",
        },
        {
          by: "hannah.schultz",
          goal: "ml",
          text: "I trained my first model in the notebooks we built. Managing ML engineers will look different now.",
        },
        {
          by: "elena.popescu",
          goal: "llm",
          text: "I ran a small open model in a notebook to test the GPU setup; it became our smoke test.",
        },
      ],
      screenshots: ["Web page starting a GPU notebook", "Platform dashboard with GPU cost per team"],
      quality: { impact: 4.2, ingenuity: 4.0, execution: 3.4, collaboration: 4.0, growth: 4.6 },
      appeal: 4,
      feedback: [
        "Everyone on this team learned something new, and it shows. The auto-shutdown will save real money.",
        "Good start. Execution is rough around the edges, but the direction is right.",
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Deterministic helpers

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;
const emailOf = (handle: string) => `${handle}@expedition.test`;
const handleOf = (email: string) => email.split("@")[0] ?? email;

/** FNV-1a: a stable 32-bit seed from a string. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded generator, so every run of the seed makes the same choices. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An instant `fraction` of the way from `from` to `to`. */
const between = (from: Date, to: Date, fraction: number) =>
  new Date(from.getTime() + Math.round((to.getTime() - from.getTime()) * fraction));

// ---------------------------------------------------------------------------------------------
// Screenshots: small valid PNGs drawn in code (no image library)

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

type Rgb = [number, number, number];

/** HSL (hue in degrees, saturation and lightness 0–1) to 8-bit RGB. */
function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

export const SCREENSHOT_WIDTH = 320;
export const SCREENSHOT_HEIGHT = 180;

const BACKGROUND = 0;
const HEADER = 1;
const SIDEBAR = 2;
const CARD = 3;
const ACCENT = 4;
const BARS = [0.45, 0.7, 0.55, 0.85, 0.6, 0.9, 0.75];

/** Palette index of each pixel: a header bar, a sidebar, then cards (even variants) or a bar chart (odd). */
function layoutAt(variant: number, x: number, y: number): number {
  const width = SCREENSHOT_WIDTH;
  if (y < 24) return x > width - 40 && x < width - 12 && y > 7 && y < 17 ? ACCENT : HEADER;
  if (x < 64) return y > 36 && y < 160 && (y - 36) % 20 < 10 && x > 10 && x < 54 ? HEADER : SIDEBAR;
  if (variant % 2 === 0) {
    // Cards in a 2×2 grid.
    const cx = (x - 76) % 122;
    const cy = (y - 36) % 72;
    const inCard = x >= 76 && x < 308 && y >= 36 && y < 168 && cx < 110 && cy < 62;
    if (!inCard) return BACKGROUND;
    return cy < 12 && cx < 70 ? HEADER : cy > 50 && cx < 30 ? ACCENT : CARD;
  }
  // A bar chart on an axis.
  if (y === 164 && x >= 76 && x < 308) return HEADER;
  const slot = Math.floor((x - 80) / 32);
  const bar = BARS[slot];
  if (bar !== undefined && x >= 80 && (x - 80) % 32 < 22 && y < 164 && y >= 164 - Math.round(bar * 120))
    return slot === 5 ? ACCENT : CARD;
  return BACKGROUND;
}

/** The two layouts, computed once: one palette index per pixel. */
const LAYOUTS = [0, 1].map((variant) => {
  const map = new Uint8Array(SCREENSHOT_WIDTH * SCREENSHOT_HEIGHT);
  for (let y = 0; y < SCREENSHOT_HEIGHT; y++)
    for (let x = 0; x < SCREENSHOT_WIDTH; x++) map[y * SCREENSHOT_WIDTH + x] = layoutAt(variant, x, y);
  return map;
});

/**
 * A 320×180 RGB PNG that looks like a wireframe screenshot in the demo's hue: a header bar, a sidebar
 * and cards (or, for odd variants, a bar chart). Filter type 0 on every row, deflated by zlib.
 */
export function screenshotPng(hue: number, variant: number): Buffer {
  const width = SCREENSHOT_WIDTH;
  const height = SCREENSHOT_HEIGHT;
  // Background, header, sidebar, card, accent.
  const palette = [
    hsl(hue, 0.35, 0.94),
    hsl(hue, 0.6, 0.38),
    hsl(hue, 0.3, 0.85),
    hsl(hue, 0.55, 0.7),
    hsl((hue + 180) % 360, 0.65, 0.5),
  ].flat();
  const layout = LAYOUTS[variant % 2] as Uint8Array;
  const stride = 1 + width * 3;
  const raw = Buffer.alloc(height * stride); // filter byte 0 (none) on every row
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = (layout[y * width + x] as number) * 3;
      const at = y * stride + 1 + x * 3;
      raw[at] = palette[colour] as number;
      raw[at + 1] = palette[colour + 1] as number;
      raw[at + 2] = palette[colour + 2] as number;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(raw)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Seeding

const CRITERION_KEYS: Array<keyof Quality> = ["impact", "ingenuity", "execution", "collaboration", "growth"];
const JUDGES_PER_DEMO = 2;

/**
 * Seeds demos and voting for the demo weeks. A past week is skipped when it already has demos or
 * criteria, the current week when it already has criteria, so a second run adds nothing. Seeded
 * activity notifies nobody; publishing is audited, as it is in the app.
 */
export async function seedVoting(tx: Transaction, now: Date, usersByEmail: Map<string, SeedUser>): Promise<void> {
  const userOf = (handle: string) => usersByEmail.get(emailOf(handle));
  const slugs = Object.keys(VOTING) as Array<keyof typeof VOTING>;
  const weekRows = await tx.select().from(weeks).where(inArray(weeks.slug, slugs));
  if (weekRows.length === 0) return;
  const weekIds = weekRows.map((w) => w.id);
  const [withDemos, withCriteria] = await Promise.all([
    tx.selectDistinct({ weekId: demos.weekId }).from(demos).where(inArray(demos.weekId, weekIds)),
    tx.selectDistinct({ weekId: criteria.weekId }).from(criteria).where(inArray(criteria.weekId, weekIds)),
  ]);
  const skip = new Set([...withDemos, ...withCriteria].map((w) => w.weekId));
  const pendingWeeks = weekRows.filter((w) => !skip.has(w.id));
  if (pendingWeeks.length === 0) return;
  const past = pendingWeeks.filter((w) => w.slug in DEMOS);

  // Criteria, judges and settings for every week to do.
  const criterionRows = await tx
    .insert(criteria)
    .values(pendingWeeks.flatMap((w) => DEFAULT_CRITERIA.map((c, position) => ({ ...c, weekId: w.id, position }))))
    .returning({ id: criteria.id, weekId: criteria.weekId, position: criteria.position, name: criteria.name });
  const judgeRows = pendingWeeks.flatMap((w) =>
    VOTING[w.slug as keyof typeof VOTING].judges.flatMap((handle, i) => {
      const user = userOf(handle);
      const addedAt = between(
        w.teamFormationOpensAt,
        new Date(Math.min(now.getTime(), w.exploringStartsAt.getTime())),
        0.2 + 0.05 * i,
      );
      return user ? [{ weekId: w.id, userId: user.id, addedAt }] : [];
    }),
  );
  if (judgeRows.length > 0) await tx.insert(judges).values(judgeRows).onConflictDoNothing();
  await tx
    .insert(votingSettings)
    .values(pendingWeeks.map((w) => ({ weekId: w.id, judgesPerDemo: JUDGES_PER_DEMO, normalise: true, showFullRanking: true })))
    .onConflictDoNothing();
  if (past.length === 0) return;

  // Demos: one per confirmed team with a seed, in running order 1..n.
  const pastIds = past.map((w) => w.id);
  const teamRows = await tx
    .select({ id: teams.id, weekId: teams.weekId, name: teams.name })
    .from(teams)
    .where(and(inArray(teams.weekId, pastIds), isNotNull(teams.confirmedAt)));
  const memberRows = await tx
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId, stretchGoals: users.stretchGoals })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(inArray(teamMembers.weekId, pastIds));

  type Planned = { week: (typeof past)[number]; seed: DemoSeed; teamId: number; index: number; submittedAt: Date; id?: number };
  const planned: Planned[] = [];
  for (const week of past) {
    const seeds = DEMOS[week.slug as PastSlug];
    let index = 0;
    for (const seed of seeds) {
      const team = teamRows.find((t) => t.weekId === week.id && t.name === seed.team);
      if (!team) continue;
      // Submitted in the last day of exploring, all before the deadline.
      const submittedAt = between(
        new Date(week.exploringEndsAt.getTime() - 20 * HOUR),
        new Date(week.demoDeadlineAt.getTime() - 30 * MINUTE),
        (index + 0.5) / seeds.length,
      );
      planned.push({ week, seed, teamId: team.id, index, submittedAt });
      index++;
    }
  }
  if (planned.length === 0) return;

  const inserted = await tx
    .insert(demos)
    .values(
      planned.map((p) => ({
        weekId: p.week.id,
        teamId: p.teamId,
        title: p.seed.title,
        summary: p.seed.summary,
        built: p.seed.built,
        learnings: p.seed.learnings,
        links: p.seed.links,
        tags: [...new Set(p.seed.tags.map(normaliseTag))],
        position: p.index + 1,
        submittedAt: p.submittedAt,
        updatedAt: p.submittedAt,
      })),
    )
    .returning({ id: demos.id, teamId: demos.teamId });
  const demoIdByTeam = new Map(inserted.map((r) => [r.teamId, r.id]));
  for (const p of planned) p.id = demoIdByTeam.get(p.teamId);
  const seeded = planned.filter((p): p is Planned & { id: number } => p.id !== undefined);

  // Reflections: each member on one of their own stretch goals, written before the deadline.
  const reflectionRows = seeded.flatMap((p) =>
    p.seed.reflections.flatMap((r, i) => {
      const user = userOf(r.by);
      const member = memberRows.find((m) => m.teamId === p.teamId && m.userId === user?.id);
      if (!user || !member) return [];
      if (!member.stretchGoals.includes(r.goal))
        throw new Error(`Seed reflection of ${r.by} in ${p.seed.team}: ${r.goal} is not one of their stretch goals`);
      const updatedAt = between(p.submittedAt, p.week.demoDeadlineAt, (i + 1) / (p.seed.reflections.length + 2));
      return [{ demoId: p.id, userId: user.id, stretchGoal: r.goal, reflection: r.text, updatedAt }];
    }),
  );
  if (reflectionRows.length > 0) await tx.insert(demoReflections).values(reflectionRows);

  // Screenshots in a colour of the demo's own (hues spread by the golden angle).
  const imageRows = seeded.flatMap((p, n) =>
    p.seed.screenshots.map((alt, position) => {
      const bytes = screenshotPng((n * 137.508) % 360, position);
      return {
        demoId: p.id,
        position,
        contentType: "image/png",
        bytes,
        byteSize: bytes.length,
        width: SCREENSHOT_WIDTH,
        height: SCREENSHOT_HEIGHT,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        alt,
        createdAt: p.submittedAt,
      };
    }),
  );
  if (imageRows.length > 0) await tx.insert(demoImages).values(imageRows);

  // Demo day: between the deadline and the opening of voting, on the hour.
  await tx.insert(demoSchedules).values(
    past.map((w) => {
      const startsAt = new Date(Math.ceil((w.demoDeadlineAt.getTime() + HOUR) / HOUR) * HOUR);
      return { weekId: w.id, startsAt, slotMinutes: 5, changeoverMinutes: 1, updatedAt: w.demoDeadlineAt };
    }),
  );

  // Assignment: the app's balanced algorithm, with the app's conflicts (membership, mentoring, declared).
  const assignmentRows: Array<typeof judgeAssignments.$inferInsert> = [];
  for (const week of past) {
    const weekDemos = seeded.filter((p) => p.week.id === week.id);
    const weekJudges = judgeRows.filter((j) => j.weekId === week.id).map((j) => j.userId);
    const result = assignJudges({
      demos: weekDemos.map((p) => ({ id: p.id, position: p.index + 1 })),
      judges: weekJudges,
      conflicts: await conflictsFor(tx, week.id),
      perDemo: JUDGES_PER_DEMO,
    });
    if (!result.ok) throw new Error(`Seed assignment of ${week.slug}: ${result.problems.map((p) => p.message).join("; ")}`);
    assignmentRows.push(...result.assignments.map((a) => ({ weekId: week.id, ...a })));
  }
  if (assignmentRows.length > 0) await tx.insert(judgeAssignments).values(assignmentRows);

  // Ballots: every assigned judge scores every criterion, within the voting window.
  const byDemo = new Map(seeded.map((p) => [p.id, p]));
  const judgeHandles = new Map([...usersByEmail.values()].map((u) => [u.id, handleOf(u.email)]));
  const judgesSoFar = new Map<number, number>();
  const ballotPlans = assignmentRows.map((a) => {
    const p = byDemo.get(a.demoId) as Planned & { id: number };
    const slot = judgesSoFar.get(a.demoId) ?? 0;
    judgesSoFar.set(a.demoId, slot + 1);
    const random = seededRandom(hashString(`ballot/${p.week.slug}/${p.seed.team}/${judgeHandles.get(a.judgeId)}`));
    const createdAt = between(p.week.votingOpensAt, p.week.votingClosesAt, 0.05 + 0.6 * random());
    return {
      plan: p,
      judgeId: a.judgeId,
      random,
      row: {
        weekId: p.week.id,
        judgeId: a.judgeId,
        demoId: p.id,
        feedback: p.seed.feedback[slot % p.seed.feedback.length] ?? "",
        createdAt,
        updatedAt: between(createdAt, p.week.votingClosesAt, 0.1 + 0.3 * random()),
      },
    };
  });
  const ballotIds = await tx
    .insert(ballots)
    .values(ballotPlans.map((b) => b.row))
    .returning({ id: ballots.id, judgeId: ballots.judgeId, demoId: ballots.demoId });
  const ballotId = new Map(ballotIds.map((b) => [`${b.judgeId}:${b.demoId}`, b.id]));
  const scoreRows = ballotPlans.flatMap((b) => {
    const id = ballotId.get(`${b.judgeId}:${b.row.demoId}`);
    const leniency = LENIENCY[judgeHandles.get(b.judgeId) ?? ""] ?? 0;
    return criterionRows
      .filter((c) => c.weekId === b.row.weekId)
      .map((c) => {
        const scale = DEFAULT_CRITERIA[c.position] ?? { scaleMin: 1, scaleMax: 5 };
        const key = CRITERION_KEYS[c.position] ?? "impact";
        const raw = b.plan.seed.quality[key] + leniency + (b.random() - 0.5) * 1.1;
        const value = Math.min(scale.scaleMax, Math.max(scale.scaleMin, Math.round(raw)));
        return { ballotId: id as number, criterionId: c.id, value, updatedAt: b.row.updatedAt };
      });
  });
  if (scoreRows.length > 0) await tx.insert(ballotScores).values(scoreRows);

  // People's choice: about two in three people vote, up to the week's limit, never for their own team.
  const voteRows: Array<typeof peoplesChoiceVotes.$inferInsert> = [];
  const people = [...usersByEmail.values()].sort((a, b) => a.email.localeCompare(b.email));
  for (const week of past) {
    const weekDemos = seeded.filter((p) => p.week.id === week.id);
    const ownTeam = new Map(
      memberRows.filter((m) => weekDemos.some((p) => p.teamId === m.teamId)).map((m) => [m.userId, m.teamId]),
    );
    for (const person of people) {
      const random = seededRandom(hashString(`votes/${week.slug}/${person.email}`));
      if (random() > 0.68) continue;
      const wanted = Math.min(week.peoplesChoiceVotes, random() < 0.7 ? 3 : random() < 0.5 ? 2 : 1);
      const candidates = weekDemos.filter((p) => p.teamId !== ownTeam.get(person.id));
      for (let n = 0; n < wanted && candidates.length > 0; n++) {
        const total = candidates.reduce((sum, p) => sum + p.seed.appeal, 0);
        let roll = random() * total;
        let index = candidates.findIndex((p) => {
          roll -= p.seed.appeal;
          return roll < 0;
        });
        if (index < 0) index = candidates.length - 1;
        const [chosen] = candidates.splice(index, 1);
        if (chosen)
          voteRows.push({
            weekId: week.id,
            userId: person.id,
            demoId: chosen.id,
            createdAt: between(week.votingOpensAt, week.votingClosesAt, random() * 0.95),
          });
      }
    }
  }
  if (voteRows.length > 0) await tx.insert(peoplesChoiceVotes).values(voteRows);

  // Awards: best in show, best cross-department collaboration, people's choice and one jury award.
  const awardRows: Array<typeof awards.$inferInsert> = past.flatMap((week) => {
    const collaboration = criterionRows.find((c) => c.weekId === week.id && c.name === "Cross-department collaboration");
    const jury = VOTING[week.slug as PastSlug].juryAward;
    const juryDemo = seeded.find((p) => p.week.id === week.id && p.seed.team === jury?.team);
    return [
      { weekId: week.id, name: "Best in show", kind: "judged" as const, position: 0 },
      {
        weekId: week.id,
        name: "Best cross-department collaboration",
        kind: "criterion" as const,
        criterionId: collaboration?.id ?? null,
        position: 1,
      },
      { weekId: week.id, name: "People's choice", kind: "peoples_choice" as const, position: 2 },
      ...(jury && juryDemo
        ? [
            {
              weekId: week.id,
              name: jury.name,
              kind: "manual" as const,
              manualDemoId: juryDemo.id,
              citation: jury.citation,
              position: 3,
            },
          ]
        : []),
    ];
  });
  await tx.insert(awards).values(awardRows);

  // Published results: the same snapshot publishResults would freeze, published by the organiser.
  const organiser = userOf("olga");
  for (const week of past) {
    const publishedAt = week.resultsPublishedAt;
    const results = await computeResults(tx, week.id, publishedAt);
    await tx
      .update(votingSettings)
      .set({ publishedResults: results, publishedAt, publishedById: organiser?.id ?? null })
      .where(eq(votingSettings.weekId, week.id));
    await replaceAwardWinners(tx, week.id, results);
    await tx.insert(auditLog).values({
      actorId: organiser?.id ?? null,
      action: "results.published",
      targetType: "week",
      targetId: String(week.id),
      summary: {
        after: {
          publishedAt: publishedAt.toISOString(),
          normalise: results.normalise,
          winners: results.awards.map((a) => ({ award: a.name, demoIds: a.winners.map((w) => w.demoId) })),
        },
      },
      createdAt: publishedAt,
    });
  }
}
