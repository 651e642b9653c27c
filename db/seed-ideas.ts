/**
 * Static demo data: the ideas pitched in the three demo weeks, with who comments on them.
 *
 * People are named by the local part of their email (`"ada"` is ada@expedition.test). Followers are
 * not listed: the seed picks `follows` people per idea with a seeded generator, colleagues whose skills
 * match first. Times are not listed either: the seed spreads them over each week's pitching period.
 */

export type WeekSlug = "2025-h1" | "2025-h2" | "2026-h1" | "2026-h2";

export type CommentSeed = {
  by: string;
  body: string;
  /** Deleted by its author afterwards ("comment removed"). */
  deleted?: true;
  /** Hidden by an organiser, with the reason shown in its place. */
  hidden?: { by: string; reason: string };
};

export type IdeaSeed = {
  /** Stable name for cross-references (carry-overs); never stored. */
  key: string;
  author: string;
  title: string;
  summary: string;
  problem: string;
  proposal: string;
  learning: string;
  skills: string[];
  tags: string[];
  peopleWanted: number;
  /** How many people follow it. */
  follows: number;
  comments: CommentSeed[];
  /** Withdrawn by its author after a while. */
  withdrawn?: true;
};

/** A past idea re-pitched into a later week: same author and pitch, the old followers come along. */
export type CarriedIdeaSeed = {
  key: string;
  /** Key of the idea in the earlier week. */
  from: string;
  /** Followers on top of those carried over from the old idea. */
  follows: number;
  comments: CommentSeed[];
};

export type WeekIdeaSeed = IdeaSeed | CarriedIdeaSeed;

export const isCarried = (seed: WeekIdeaSeed): seed is CarriedIdeaSeed => "from" in seed;

/** Lets Markdown be written indented in this file: drops the common indentation and outer blank lines. */
function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, part, i) => out + part + (i < values.length ? String(values[i]) : ""), "");
  const lines = text
    .replace(/^\s*\n/, "")
    .trimEnd()
    .split("\n");
  const indents = lines.filter((line) => line.trim() !== "").map((line) => line.length - line.trimStart().length);
  const indent = Math.min(...indents);
  return lines.map((line) => line.slice(indent)).join("\n");
}

// ---------------------------------------------------------------------------------------------
// 2025 H1 — "Try something new" (the first edition)

const IDEAS_2025_H1: IdeaSeed[] = [
  {
    key: "dead-flags",
    author: "mei.chen",
    title: "Find and delete dead feature flags",
    summary: "We have 1,900 feature flags and nobody knows which still matter. Find the dead ones and delete them safely.",
    problem: md`
      Feature flags are added in a day and never removed. The flag service holds **1,900** of them; more
      than half have not changed in a year, and every one is a branch in the code that tests must cover.
    `,
    proposal: md`
      1. Join the flag service's audit log with code search to find flags that are fully on or off and untouched.
      2. Open a pull request per repository that removes the dead branch, with the owner as reviewer.
      3. A weekly digest of new stale flags, so they do not pile up again.
    `,
    learning: "How the flag service stores its rules, and how to change many repositories without breaking any.",
    skills: ["go", "postgres", "security"],
    tags: ["tech-debt", "developer-experience"],
    peopleWanted: 2,
    follows: 9,
    comments: [
      { by: "viktor.novak", body: "Some of those flags guard security fixes: let's keep a deny list of flags we never touch." },
      { by: "mei.chen", body: "Good point, Viktor. Want to own the deny list?" },
    ],
  },
  {
    key: "macro-search",
    author: "tariq.hussain",
    title: "Search support macros by meaning, not by title",
    summary: "Agents pick from 2,400 reply macros by title. Let them describe the situation and get the right macro.",
    problem: md`
      Support agents answer most tickets with one of **2,400** macros, found by searching their titles. New
      agents take months to learn the titles, and the wrong macro means a second reply.
    `,
    proposal: md`
      Embed every macro and the last 10,000 tickets answered with it, then let agents search by describing
      the customer's problem in their own words. Measure it on a week of real tickets.
    `,
    learning: "Embeddings and vector search in Postgres, and how agents actually work through a queue.",
    skills: ["python", "elasticsearch", "ml"],
    tags: ["support", "search"],
    peopleWanted: 2,
    follows: 11,
    comments: [
      { by: "carmen.ortiz", body: "I can sit with two agents on Monday morning and watch how they search today." },
      { by: "aiko.watanabe", body: "Let's measure it properly: top-3 accuracy on a held-out week." },
    ],
  },
  {
    key: "release-notes",
    author: "ravi.iyer",
    title: "Release notes that write themselves from pull requests",
    summary: "Draft the mobile release notes from labelled pull requests, in our voice, ready for a human to polish.",
    problem: md`
      Every two weeks someone spends half a day turning 120 pull request titles into release notes for the
      app stores. The notes come out late and read like commit messages.
    `,
    proposal: md`
      A bot groups labelled pull requests, drafts the notes with our style guide, and posts them for review.
    `,
    learning: "How the app release train works, and writing for customers instead of for engineers.",
    skills: ["typescript", "technical-writing"],
    tags: ["mobile", "writing"],
    peopleWanted: 2,
    follows: 6,
    comments: [{ by: "sun-hee.park", body: "I'll bring the voice and tone guide, and a red pen." }],
  },
  {
    key: "query-budget",
    author: "chiara.bianchi",
    title: "A cost budget for every warehouse query",
    summary: "Show what a warehouse query costs before it runs, and stop the runaway ones.",
    problem: md`
      The warehouse bill doubled in a year. A handful of scheduled queries scan whole tables every hour, and
      the people who wrote them have no idea what they cost.
    `,
    proposal: md`
      Estimate each query's cost from its plan, show it in the query editor, and put a budget on scheduled
      queries with an alert to the owner when one goes over.
    `,
    learning: "How the warehouse plans and bills queries, and how to nudge people rather than block them.",
    skills: ["sql", "spark", "terraform"],
    tags: ["cost", "data"],
    peopleWanted: 2,
    follows: 7,
    comments: [{ by: "leila.karimi", body: "The budget alerts could reuse our cloud cost alerting; happy to help." }],
  },
  {
    key: "console-screen-reader",
    author: "zoe.clarke",
    title: "A screen-reader audit of the agent console",
    summary: "Two of our agents use screen readers. Audit the console with them and fix the worst ten problems.",
    problem: md`
      The agent console was never tested with a screen reader. Two colleagues rely on one every day and have
      learned to work around problems nobody else knows about.
    `,
    proposal: md`
      Sit with both of them for a morning, list every problem, fix the ten worst, and add automated checks.
    `,
    learning: "How screen-reader users navigate a dense tool, and ARIA done right.",
    skills: ["accessibility", "react"],
    tags: ["accessibility", "support"],
    peopleWanted: 1,
    follows: 5,
    comments: [],
  },
];

// ---------------------------------------------------------------------------------------------
// 2025 H2 — "Paper cuts"

const IDEAS_2025_H2: IdeaSeed[] = [
  {
    key: "ci-cache-hits",
    author: "diego.fernandez",
    title: "Make the CI cache actually hit",
    summary: "Our CI cache hits 31% of the time; fix the keys and save every engineer a few minutes per push.",
    problem: md`
      The dependency cache in CI is keyed on the **whole** lockfile and the runner image digest, so any
      unrelated bump invalidates it for everyone. Last month it hit only 31% of the time.

      - median pipeline: 14 minutes, of which 4 are \`npm ci\` and Go module downloads
      - the runner image is rebuilt nightly, so Monday mornings are always cold
    `,
    proposal: md`
      1. Split the cache per toolchain (npm, Go, Gradle) and key each on its own lockfile.
      2. Stop keying on the image digest; key on the toolchain version instead.
      3. Publish a small dashboard of hit rates per repository.

      Background reading: [caching dependencies](https://docs.github.com/en/actions/using-workflows/caching-dependencies-to-speed-up-workflows).
    `,
    learning: "How our CI runners are built and scheduled, and how to measure a build before optimising it.",
    skills: ["ci-cd", "docker", "python"],
    tags: ["build-speed", "developer-experience"],
    peopleWanted: 2,
    follows: 8,
    comments: [
      {
        by: "noah.goldberg",
        body: "Yes please. I can pair on the Go module side, we solved half of this in the monorepo already.",
      },
      {
        by: "ines.moreau",
        body: "Careful with Bazel repos: their remote cache is separate, so leave those out of the first cut.",
      },
      { by: "diego.fernandez", body: "Good call, Inès. Bazel repos are out of scope for the week." },
    ],
  },
  {
    key: "dev-doctor",
    author: "elena.popescu",
    title: "A dev doctor command that fixes the usual local setup problems",
    summary: "One command that diagnoses and fixes the ten most common broken-laptop problems from the help channel.",
    problem: md`
      A third of the questions in the developer help channel are the same ten problems: a stale Docker
      context, an expired registry token, a wrong Node version, a full disk from old images…

      Each answer is a copy-pasted snippet that someone has to find again.
    `,
    proposal: md`
      A \`dev doctor\` sub-command of our CLI that:

      - runs a check for each known problem and prints what it found in plain words
      - offers to fix it (\`--fix\`), never silently
      - links to the docs page for anything it cannot fix

      Written in Rust so it starts instantly and ships as one binary.
    `,
    learning: "Writing a friendly CLI in Rust, and reading a year of help-channel threads for patterns.",
    skills: ["rust", "cli", "testing"],
    tags: ["developer-experience", "tooling"],
    peopleWanted: 2,
    follows: 6,
    comments: [
      { by: "ravi.iyer", body: "I have a list of the top help-channel questions from last quarter, happy to share it." },
      { by: "priya.raman", body: "Please include the expired AWS SSO session check. That one gets me every Monday." },
    ],
  },
  {
    key: "console-drafts",
    author: "zoe.clarke",
    title: "Stop the agent console losing drafts on refresh",
    summary: "Agents lose half-written replies when the console reloads; save drafts locally and restore them.",
    problem: md`
      When the agent console reloads (a deploy, an expired session, an accidental shortcut) the reply an
      agent was writing is gone. Support leads estimate it happens **several times a day per team**.
    `,
    proposal: md`
      - save the reply draft per ticket in local storage as the agent types
      - restore it with a small "draft restored" notice
      - clear it when the reply is sent

      See [the Web Storage API](https://developer.mozilla.org/en-US/docs/Web/API/Web_Storage_API).
    `,
    learning: "How support agents actually work through a queue, and how to test state that survives reloads.",
    skills: ["react", "typescript", "testing"],
    tags: ["support", "paper-cut"],
    peopleWanted: 1,
    follows: 7,
    comments: [
      { by: "daniel.kowalczyk", body: "This is the most requested fix from the support leads' survey. Thank you!" },
      { by: "farah.haddad", body: "Drafts can contain customer data: please clear them on sign-out too." },
    ],
  },
  {
    key: "checkout-error-messages",
    author: "mei.chen",
    title: "Readable error messages from the checkout API",
    summary: "Replace opaque checkout API error codes with messages a developer integrating with us can act on.",
    problem: md`
      Integrators see errors like \`E_PAYMENT_4012\` with no explanation. Partner engineers open tickets to
      ask what they mean, and our docs list only half of them.
    `,
    proposal: md`
      1. Inventory every error the checkout API returns (there are 143).
      2. Give each a message, a cause and a link to a docs anchor.
      3. Add a contract test that fails when a new code has no message.
    `,
    learning: "API design from the integrator's side of the fence; writing for developers.",
    skills: ["go", "graphql", "technical-writing"],
    tags: ["api", "paper-cut"],
    peopleWanted: 2,
    follows: 5,
    comments: [
      {
        by: "sun-hee.park",
        body: "I would love to help with the wording. Could we agree a pattern first: what happened, why, what to do?",
      },
    ],
  },
  {
    key: "android-keyboard-pay",
    author: "sofia.rossi",
    title: "Fix the Android keyboard covering the pay button",
    summary: "On small Android phones the keyboard hides the pay button on the card form; customers give up.",
    problem: md`
      On screens under 6 inches the software keyboard covers the **Pay** button on the card form.
      Session recordings show customers closing the app at exactly that step.
    `,
    proposal: md`
      - handle window insets properly in the Compose card form
      - keep the pay button above the keyboard
      - add screenshot tests on three small-screen devices
    `,
    learning: "Window insets in Jetpack Compose and screenshot testing on real devices.",
    skills: ["kotlin", "android", "testing"],
    tags: ["mobile", "checkout"],
    peopleWanted: 1,
    follows: 6,
    comments: [
      { by: "freya.nilsson", body: "I have two of those small test phones in the device lab, grab them any time." },
      {
        by: "isabelle.laurent",
        body: "The web checkout had the same issue on iOS Safari last year, happy to share what we did.",
      },
    ],
  },
  {
    key: "docs-dead-links",
    author: "ravi.iyer",
    title: "Dead links in the internal docs, found every night",
    summary: "A nightly job that finds broken links in the internal docs and files them with the page's owners.",
    problem: md`
      About 8% of links in the internal docs are dead. Every broken link is a small moment of
      "the docs are wrong, I'll ask in chat instead".
    `,
    proposal: md`
      - crawl the docs site nightly
      - group broken links by page owner (from the CODEOWNERS file)
      - open one issue per owner per week, not one per link
    `,
    learning: "Building a polite crawler and designing notifications people do not mute.",
    skills: ["typescript", "node", "technical-writing"],
    tags: ["documentation", "paper-cut"],
    peopleWanted: 1,
    follows: 4,
    comments: [],
  },
  {
    key: "product-glossary",
    author: "sun-hee.park",
    title: "One name for each thing: a product glossary",
    summary: "We call the same thing by four names across the product; agree one word each and publish it.",
    problem: md`
      Is it a *workspace*, an *account*, an *organisation* or a *tenant*? The product uses all four,
      and support spends time translating between them.
    `,
    proposal: md`
      1. Collect the terms from the UI strings and the help centre.
      2. Run two short workshops with support and product.
      3. Publish the glossary and a lint rule for UI strings.
    `,
    learning: "Running a workshop across departments, and how content design decisions are made.",
    skills: ["ux-writing", "technical-writing", "facilitation"],
    tags: ["content", "consistency"],
    peopleWanted: 3,
    follows: 7,
    comments: [
      { by: "maya.patel", body: "Strong support from design. Let's make sure the help centre team is in the workshops." },
      { by: "kenji.morimoto", body: "A lint rule for UI strings would be great. I can help wire it into the console's CI." },
    ],
  },
  {
    key: "sso-leftovers",
    author: "viktor.novak",
    title: "SSO for the tools that still have their own passwords",
    summary: "Seven internal tools still have local accounts; put them behind single sign-on and remove the passwords.",
    problem: md`
      Seven internal tools still use their own user databases. Leavers keep access until someone
      remembers, and everyone has seven more passwords to rotate.
    `,
    proposal: md`
      - put each tool behind the identity proxy with OIDC
      - map existing accounts by email
      - switch off local sign-in once everyone has signed in once
    `,
    learning: "OIDC in practice, and migrating accounts without locking anyone out.",
    skills: ["oauth", "go", "security"],
    tags: ["security", "identity"],
    peopleWanted: 2,
    follows: 5,
    comments: [{ by: "jonas.eriksson", body: "This closes two findings from the last audit. Count me in as a sponsor." }],
  },
  {
    key: "resumable-backfills",
    author: "chiara.bianchi",
    title: "Backfill jobs that resume instead of restarting",
    summary: "A failed warehouse backfill starts again from day one; checkpoint progress so it resumes where it stopped.",
    problem: md`
      Backfills of large event tables take up to 20 hours. When one fails at hour 18, it starts over,
      and analysts wait another day for their numbers.
    `,
    proposal: md`
      - checkpoint each day partition as it completes
      - make the Airflow task skip finished partitions on retry
      - report progress in the job's log
    `,
    learning: "Idempotent data pipelines and Airflow internals.",
    skills: ["airflow", "spark", "python"],
    tags: ["data", "reliability"],
    peopleWanted: 1,
    follows: 4,
    comments: [
      { by: "samuel.osei", body: "Analytics would be very grateful. The monthly revenue backfill is the worst offender." },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// 2026 H1 — "From toil to tools"

/** The e2e test of "Have we tried this before?" looks for this one; it must never be carried over by the seed. */
export const SELF_HEALING_TITLE = "Self-healing on-call runbooks";

const IDEAS_2026_H1: IdeaSeed[] = [
  {
    key: "self-healing-runbooks",
    author: "ada",
    title: SELF_HEALING_TITLE,
    summary: "Automate on-call remediation: run the fix from the runbook automatically before anyone is paged.",
    problem: md`
      Most pages are answered by following a runbook step by step: restart the stuck consumer, scale the
      pool, fail over the replica. At 3 a.m. a human copies commands from a wiki page into a terminal.

      - 62% of last quarter's pages were resolved with a documented runbook step
      - median time to acknowledge at night: 11 minutes
    `,
    proposal: md`
      Turn the most used runbook steps into **automated remediations**:

      1. Describe each remediation as code next to the alert that triggers it.
      2. Run it automatically, with guard rails (rate limits, a dry-run mode, a kill switch).
      3. Page a human only if the remediation did not resolve the alert.

      Inspiration: [Google SRE book, eliminating toil](https://sre.google/sre-book/eliminating-toil/).
    `,
    learning: "How alerting and Kubernetes operators work, and how to make automation safe enough to trust at night.",
    skills: ["go", "kubernetes", "observability", "incident-response"],
    tags: ["on-call", "automation", "reliability"],
    peopleWanted: 4,
    follows: 11,
    comments: [
      {
        by: "tomasz.wisniewski",
        body: "I have wanted this for years. I can bring the list of the twenty most-run runbook steps.",
      },
      {
        by: "jonas.eriksson",
        body: "Security incidents should stay manual for now, but the infrastructure ones are a great start.",
      },
      { by: "hannah.schultz", body: "Happy to be the sponsor. Let's measure pages avoided from day one." },
      { by: "diego.fernandez", body: "Could I join as my stretch goal? I want to learn Kubernetes operators." },
    ],
  },
  {
    key: "pager-noise-report",
    author: "tomasz.wisniewski",
    title: "Pager noise report: alerts nobody acts on",
    summary: "A weekly report of alerts that fire but never lead to action, so teams can delete or fix them.",
    problem: md`
      Some alerts fire every week and are acknowledged without any action. They train people to ignore
      the pager.
    `,
    proposal: md`
      - join alert history with incident records
      - list alerts acknowledged without a linked change or incident
      - send each owning team its top five, weekly
    `,
    learning: "Alert hygiene, and turning raw alert history into a useful weekly nudge.",
    skills: ["observability", "sql", "go"],
    tags: ["alerting", "reliability"],
    peopleWanted: 2,
    follows: 7,
    comments: [
      { by: "amara.nwosu", body: "Security detections have the same problem. Could the report cover our alerts too?" },
      { by: "tomasz.wisniewski", body: "Yes, if they go through the same alert manager. Let's talk." },
    ],
  },
  {
    key: "pg-upgrade-rehearsal",
    author: "kwame.mensah",
    title: "Automated Postgres major-version upgrade rehearsals",
    summary: "Rehearse every Postgres major upgrade on a restored snapshot automatically, with a report of what broke.",
    problem: md`
      A Postgres major upgrade takes three weeks of manual rehearsal per cluster: restore a snapshot,
      upgrade, replay traffic, compare query plans.
    `,
    proposal: md`
      A pipeline that restores the latest snapshot, runs \`pg_upgrade\`, replays a sample of production
      queries and reports plan regressions, using [pg_stat_statements](https://www.postgresql.org/docs/current/pgstatstatements.html).
    `,
    learning: "Postgres internals around upgrades and query planning.",
    skills: ["postgres", "sql", "performance", "terraform"],
    tags: ["databases", "automation"],
    peopleWanted: 2,
    follows: 6,
    comments: [
      { by: "ada", body: "The restore part can reuse the backup verification job, it already spins up a snapshot nightly." },
    ],
  },
  {
    key: "flaky-quarantine",
    author: "ines.moreau",
    title: "Quarantine flaky tests automatically",
    summary: "Detect flaky tests from CI history and move them to a quarantine suite with an owner and a deadline.",
    problem: md`
      Flaky tests fail 4% of pipelines. Engineers press *retry* and move on, so the flakes stay forever.
    `,
    proposal: md`
      - score every test by its pass/fail flips on unchanged code
      - quarantine the worst automatically, open an issue for the owner
      - release them once they pass 100 runs in a row
    `,
    learning: "Test analytics and the social side of changing how people treat failing builds.",
    skills: ["bazel", "ci-cd", "testing"],
    tags: ["testing", "developer-experience"],
    peopleWanted: 2,
    follows: 8,
    comments: [
      { by: "arjun.mehta", body: "The payments end-to-end suite would love this. Our provider sandboxes are flaky by nature." },
      { by: "freya.nilsson", body: "Mobile UI tests too. Can it read JUnit reports from the device farm?" },
    ],
  },
  {
    key: "laptop-one-command",
    author: "noah.goldberg",
    title: "One command to a working laptop",
    summary: "New joiners spend two days setting up; get them from a fresh laptop to a running service with one command.",
    problem: md`
      The onboarding guide has 43 steps. New joiners take about two days to get a service running, and
      the guide is out of date within weeks.
    `,
    proposal: md`
      A bootstrap script that installs the toolchain, signs in to the registries and clones the team's
      repositories, tested nightly on a clean virtual machine.
    `,
    learning: "Shell tooling, reproducible environments and onboarding from the newcomer's point of view.",
    skills: ["typescript", "node", "ci-cd"],
    tags: ["onboarding", "developer-experience"],
    peopleWanted: 2,
    follows: 7,
    comments: [{ by: "marcus.johnson", body: "Let's test it with the next cohort of graduates, they start in a month." }],
  },
  {
    key: "alert-enrichment",
    author: "amara.nwosu",
    title: "Enrich security alerts before a human looks at them",
    summary: "Attach owner, asset and recent changes to every security alert automatically to halve triage time.",
    problem: md`
      Triage of a security alert starts with ten minutes of lookups: who owns the host, what changed
      recently, is the IP known?
    `,
    proposal: md`
      - a small enrichment service in the alert pipeline
      - lookups against the asset inventory, deploy history and threat intelligence
      - the result attached to the alert as a short summary
    `,
    learning: "Detection engineering and building a low-latency enrichment pipeline.",
    skills: ["python", "incident-response", "sql", "security"],
    tags: ["security", "automation"],
    peopleWanted: 2,
    follows: 5,
    comments: [],
  },
  {
    key: "jit-cloud-access",
    author: "leila.karimi",
    title: "Just-in-time cloud access instead of standing admin roles",
    summary: "Replace permanent admin roles with time-limited access requested and approved in chat.",
    problem: md`
      Over 200 people hold permanent admin roles in production accounts, mostly for rare break-glass
      tasks. Each one is a risk and an audit finding.
    `,
    proposal: md`
      - request a role for a reason and a duration from a chat command
      - approval by a peer, automatic expiry, everything logged
      - remove standing roles team by team
    `,
    learning: "Cloud identity and access management, and designing security that people do not route around.",
    skills: ["aws", "terraform", "security"],
    tags: ["security", "access"],
    peopleWanted: 3,
    follows: 6,
    comments: [{ by: "priya.raman", body: "Platform would pilot this. We hold most of those roles today." }],
  },
  {
    key: "weekly-support-report",
    author: "bianca.ferreira",
    title: "Stop copy-pasting the weekly support report",
    summary: "The weekly support report takes four hours of copy-paste; generate it from the ticket data instead.",
    problem: md`
      Every Monday I spend four hours copying numbers from three tools into a slide deck.
    `,
    proposal: md`
      Model the numbers in the warehouse and publish the report as a dashboard that refreshes itself.
    `,
    learning: "SQL modelling with dbt and designing a dashboard people actually read.",
    skills: ["sql", "data-viz", "dbt"],
    tags: ["support", "reporting"],
    peopleWanted: 2,
    follows: 5,
    comments: [{ by: "samuel.osei", body: "I can help with the dbt models. The ticket tables are already in the warehouse." }],
  },
  {
    key: "ticket-auto-triage",
    author: "kenji.morimoto",
    title: "Auto-triage incoming support tickets",
    summary: "Route every new ticket to the right queue and priority automatically, so customers wait less for the right agent.",
    problem: md`
      Every ticket is read twice: once by a dispatcher who picks a queue and a priority, once by the
      agent who answers it. Dispatchers handle about 1,300 tickets a day, and a wrongly routed ticket
      waits on average **five hours longer**.
    `,
    proposal: md`
      1. Train a classifier on two years of routed tickets (queue and priority).
      2. Route automatically above a confidence threshold; leave the rest to dispatchers.
      3. Show agents *why* a ticket was routed to them, so they can correct it in one click.

      The corrections become new training data.
    `,
    learning: "Text classification on real support data, and how to put a model into an agent's daily tool.",
    skills: ["typescript", "python", "ml", "elasticsearch"],
    tags: ["support", "automation", "customer-experience"],
    peopleWanted: 3,
    follows: 7,
    comments: [
      { by: "nadia.rahman", body: "Data & ML can lend a mentor. Two years of labelled tickets is a great starting point." },
      {
        by: "tariq.hussain",
        body: "The tickets are already indexed in Elasticsearch with their queue history, so the data is easy to get.",
      },
    ],
  },
  {
    key: "payout-reconciliation",
    author: "rafael.costa",
    title: "Automatic reconciliation of payout mismatches",
    summary: "Match payouts to bank statements automatically and explain each mismatch, instead of a weekly spreadsheet hunt.",
    problem: md`
      When a payout does not match the bank statement, finance opens a ticket and an engineer spends an
      afternoon with spreadsheets. Merchants meanwhile ask support where their money is.
    `,
    proposal: md`
      - match statement lines to ledger entries with exact and fuzzy rules
      - classify the usual causes (fees, currency rounding, split settlements)
      - show merchants a clear status for every payout in their dashboard
    `,
    learning: "How money actually moves between banks, and writing matching rules that finance can audit.",
    skills: ["java", "postgres", "payments", "sql"],
    tags: ["payments", "automation", "merchants"],
    peopleWanted: 2,
    follows: 6,
    comments: [
      { by: "lena", body: "This would remove a whole class of finance tickets. Happy to sponsor it." },
      { by: "chiara.bianchi", body: "The bank statements land in the warehouse daily, if that helps the matching." },
    ],
  },
  {
    key: "release-notes-from-prs",
    author: "jamal.carter",
    title: "Release notes drafted from merged pull requests",
    summary: "Draft customer-facing app release notes from merged pull requests, so every release says what changed.",
    problem: md`
      Our app store release notes say "bug fixes and improvements" nine times out of ten, because
      writing them is a manual chore on release day.
    `,
    proposal: md`
      - label pull requests with a short customer-facing note
      - collect them per release train and draft notes for each store and language
      - a content designer reviews and publishes
    `,
    learning: "Release engineering for mobile apps and writing for customers.",
    skills: ["ci-cd", "swift", "kotlin", "ux-writing"],
    tags: ["mobile", "release", "communication"],
    peopleWanted: 2,
    follows: 5,
    comments: [{ by: "sun-hee.park", body: "I would review the drafts. A short style guide for the PR notes would help a lot." }],
  },
  {
    key: "figma-tokens-sync",
    author: "hugo.dubois",
    title: "Design tokens synced from Figma to code",
    summary: "Publish colour, spacing and type tokens from Figma straight into the component library on every change.",
    problem: md`
      Tokens are copied by hand from Figma into three codebases and drift within weeks.
    `,
    proposal: md`
      Export tokens from Figma as JSON, generate CSS variables, Swift and Kotlin constants, and open a
      pull request in each repository on change.
    `,
    learning: "Design tokens and code generation for several platforms.",
    skills: ["figma", "design-systems", "css", "typescript"],
    tags: ["design-system", "automation"],
    peopleWanted: 2,
    follows: 6,
    comments: [{ by: "oskar.lind", body: "Designers would love to stop filing 'wrong grey' bugs." }],
  },
  {
    key: "gpu-notebooks",
    author: "grace.mwangi",
    title: "GPU notebook environments on demand",
    summary: "Data scientists wait days for a GPU machine; start a notebook with a GPU from a web page in minutes.",
    problem: md`
      Getting a GPU machine takes a ticket and two to five days. Half of them then sit idle for weeks.
    `,
    proposal: md`
      - notebook servers on the Kubernetes cluster's GPU node pool
      - started from a web page, stopped after two idle hours
      - cost per team visible on a dashboard
    `,
    learning: "GPU scheduling on Kubernetes and cost-aware platform design.",
    skills: ["kubernetes", "python", "terraform"],
    tags: ["ml-platform", "self-service"],
    peopleWanted: 2,
    follows: 6,
    comments: [
      { by: "lukas.becker", body: "Please! I would be your first user." },
      { by: "hannah.schultz", body: "Let's make sure the GPU pool autoscaling is in scope, or the bill will surprise us." },
    ],
  },
  {
    key: "app-store-screenshots",
    author: "ben",
    title: "Automated App Store screenshots in every language",
    summary: "Generate App Store and Play Store screenshots for all 14 languages from UI tests instead of by hand.",
    problem: md`
      Each release with visible changes costs two days of taking screenshots in 14 languages on several
      device sizes.
    `,
    proposal: md`
      Drive the apps with UI tests in each language and capture screenshots, using
      [fastlane snapshot](https://docs.fastlane.tools/actions/snapshot/) on iOS and the equivalent on Android.
    `,
    learning: "UI test automation on both platforms and localisation pipelines.",
    skills: ["swift", "ios", "ci-cd"],
    tags: ["mobile", "automation", "localisation"],
    peopleWanted: 2,
    follows: 5,
    comments: [{ by: "theo.adebayo", body: "I can prepare framed templates so they are ready for the stores straight away." }],
  },
  {
    key: "dbt-freshness",
    author: "samuel.osei",
    title: "dbt model ownership and freshness alerts",
    summary: "Every dbt model gets an owner and a freshness check, and the owner hears about stale data before the CEO does.",
    problem: md`
      Stale dashboards are discovered in leadership meetings. Nobody knows which team owns which model.
    `,
    proposal: md`
      - owners in model metadata, enforced in CI
      - [source freshness](https://docs.getdbt.com/docs/build/sources#source-data-freshness) checks on every source
      - alerts to the owning team's channel
    `,
    learning: "Data reliability practices and dbt internals.",
    skills: ["dbt", "sql", "airflow"],
    tags: ["data", "reliability"],
    peopleWanted: 1,
    follows: 4,
    comments: [],
  },
];

// ---------------------------------------------------------------------------------------------
// 2026 H2 — "Closer to the customer"

const IDEAS_2026_H2: WeekIdeaSeed[] = [
  {
    key: "incident-status-plain-words",
    author: "ada",
    title: "A status page that explains incidents in customers' words",
    summary: "Publish incident updates that say what customers can and cannot do right now, not which service is degraded.",
    problem: md`
      During incidents our status page says things like *"elevated error rates in the ledger service"*.
      Customers do not know what a ledger service is; they want to know whether they can check out, get
      paid or sign in.

      - support receives around **600 tickets** during a one-hour incident
      - most ask a question the status page could have answered
    `,
    proposal: md`
      1. Map each internal service to the customer journeys it affects (checkout, payouts, sign-in…).
      2. Draft status updates from the alert automatically, in journey language, for the incident lead to approve.
      3. Show per-journey status on the public page and in the apps.

      Prior art: [Atlassian's incident communication handbook](https://www.atlassian.com/incident-management/incident-communication).
    `,
    learning: "How incidents look from the outside, writing under pressure, and modelling service dependencies.",
    skills: ["go", "observability", "incident-response", "ux-writing"],
    tags: ["incidents", "communication", "trust"],
    peopleWanted: 3,
    follows: 9,
    comments: [
      {
        by: "sun-hee.park",
        body: "I would love to write the update templates with you. Short, plain, and always with a next-update time.",
      },
      {
        by: "kenji.morimoto",
        body: "Could the agent console show the same per-journey status? Agents would stop asking in the incident channel.",
      },
      {
        by: "tomasz.wisniewski",
        body: "The service-to-journey map would help incident leads too. I can bring the dependency data from tracing.",
      },
    ],
  },
  {
    key: "agent-error-timeline",
    author: "ada",
    title: "Let support agents see a customer's recent errors",
    summary: "A read-only timeline of a customer's recent errors in the agent console, so agents stop asking for screenshots.",
    problem: md`
      When a customer writes *"it doesn't work"*, the agent asks for a screenshot, waits a day, then
      escalates to an engineer who searches the logs. The answer was in our logs all along.

      - 18% of escalated tickets are answered by "we saw an error at 14:02"
      - the round trip adds two days on average
    `,
    proposal: md`
      - index errors by customer ID from our traces (no request bodies, no personal data)
      - show the last 7 days as a timeline in the agent console, with a plain-language explanation per error type
      - link each entry to the trace for engineers

      Built on our existing [OpenTelemetry](https://opentelemetry.io/docs/) pipeline.
    `,
    learning: "How support escalations really flow, privacy-aware log design, and building a small React view.",
    skills: ["go", "postgres", "observability", "react"],
    tags: ["support", "observability", "customer-experience"],
    peopleWanted: 4,
    follows: 10,
    comments: [
      {
        by: "carmen.ortiz",
        body: "This would be huge for us. I can take the console side, we have a customer panel it could live in.",
      },
      {
        by: "farah.haddad",
        body: "Let's do a quick threat model first: agents should only see errors of the customer whose ticket is open.",
      },
      {
        by: "ben",
        body: "From the iOS side we already attach a request ID to every error screen. Would that be enough to join on?",
      },
      { by: "ada", body: "Yes, Ben, that is exactly the key we need. Want to join for the mobile part?" },
    ],
  },
  {
    key: "voiceover-checkout",
    author: "ben",
    title: "VoiceOver audit of checkout with real screen-reader users",
    summary: "Watch screen-reader users check out in our iOS app, fix what blocks them, and turn the findings into tests.",
    problem: md`
      We test checkout with VoiceOver ourselves, but none of us uses a screen reader every day. Two
      customers wrote last month that they could not choose a delivery slot at all.
    `,
    proposal: md`
      1. Recruit four screen-reader users through our accessibility partner and watch them check out.
      2. Fix the blockers during the week (labels, focus order, custom controls).
      3. Turn each finding into an automated accessibility test.

      Checklist: [WCAG 2.2 quick reference](https://www.w3.org/WAI/WCAG22/quickref/) and Apple's
      [accessibility documentation](https://developer.apple.com/documentation/accessibility).
    `,
    learning: "How people who rely on assistive technology use our app, and how to run a usability session.",
    skills: ["swift", "ios", "accessibility", "ux-research"],
    tags: ["accessibility", "checkout", "mobile"],
    peopleWanted: 3,
    follows: 9,
    comments: [
      { by: "aaliyah.brooks", body: "I can run the sessions with you and handle consent and incentives." },
      { by: "isabelle.laurent", body: "The web checkout would benefit from the same sessions. Could we add a web task?" },
      { by: "freya.nilsson", body: "I'd love to own the automated tests part as my stretch goal." },
    ],
  },
  {
    key: "customer-impact-alerts",
    author: "tomasz.wisniewski",
    title: "Customer-impact score on every alert",
    summary: "Every alert says how many customers are affected right now, so on-call knows what to fix first.",
    problem: md`
      When three alerts fire at once, on-call picks by gut feeling. The alert that affects 40,000
      customers looks the same as the one that affects a batch job nobody waits for.
    `,
    proposal: md`
      - count distinct customers with failed requests per service from traces
      - attach the number to each alert and sort the on-call view by it
      - show the trend over the last hour
    `,
    learning: "Tracing data at scale and designing alerts around customers rather than machines.",
    skills: ["observability", "go", "sql", "incident-response"],
    tags: ["alerting", "customer-experience"],
    peopleWanted: 2,
    follows: 7,
    comments: [
      { by: "ada", body: "This pairs nicely with the status page idea: same customer-journey map underneath." },
      { by: "grace.mwangi", body: "Counting distinct customers at that volume is a job for HyperLogLog, happy to help." },
    ],
  },
  {
    key: "slow-order-history",
    author: "kwame.mensah",
    title: "Why is my order history slow? Profiling the slowest customer queries",
    summary: "The order history page takes 6 seconds for our biggest customers; find and fix the queries behind it.",
    problem: md`
      For merchants with more than 100,000 orders the order history page takes up to **6 seconds**.
      They are our most valuable customers and they notice.
    `,
    proposal: md`
      1. Capture the slowest queries for the page with \`pg_stat_statements\` and \`auto_explain\`.
      2. Fix the worst three (indexes, keyset pagination, fewer round trips).
      3. Add a performance budget test for the page.
    `,
    learning: "Reading query plans, keyset pagination and performance testing.",
    skills: ["postgres", "sql", "performance"],
    tags: ["performance", "merchants"],
    peopleWanted: 2,
    follows: 6,
    comments: [
      { by: "rafael.costa", body: "The ledger join is probably the culprit. I can explain the schema, it has some history." },
      {
        by: "carmen.ortiz",
        body: "Support sees a lot of 'page never loads' tickets from big merchants. I can send you examples.",
      },
    ],
  },
  {
    key: "declines-plain-language",
    author: "rafael.costa",
    title: "Explain declined payments in plain language",
    summary: "Tell customers why their payment was declined and what to try next, instead of 'Something went wrong'.",
    problem: md`
      When a card is declined, customers see *"Something went wrong"*. They retry the same card five
      times, then write to support, or leave.

      - 9% of checkout attempts end in a decline
      - 40% of those customers never complete the purchase
    `,
    proposal: md`
      - map the 60 most common decline codes to a short cause and next step
      - show the message in checkout, in all supported languages
      - measure completed purchases after a decline, before and after
    `,
    learning: "How card networks report declines, and how words change what customers do.",
    skills: ["java", "payments", "ux-writing", "typescript"],
    tags: ["checkout", "payments", "content"],
    peopleWanted: 3,
    follows: 8,
    comments: [
      { by: "sun-hee.park", body: "Yes! Let's keep it honest: no blaming the customer, and never reveal fraud rules." },
      {
        by: "oluwaseun.adeyemi",
        body: "Some decline reasons must stay vague on purpose, or fraudsters learn from them. I can mark which ones.",
      },
      {
        by: "hugo.dubois",
        body: "Payments has promised this for three years. Maybe let someone who actually ships things do it this time.",
        hidden: {
          by: "olga",
          reason: "Hidden: a remark about a team rather than about the idea. Please keep comments constructive.",
        },
      },
      {
        by: "isabelle.laurent",
        body: "I can do the checkout UI part; the message slot already exists, it just says the wrong thing.",
      },
    ],
  },
  {
    key: "checkout-sandbox",
    author: "mei.chen",
    title: "A checkout sandbox that behaves like production",
    summary: "Give integrators a sandbox that produces the same errors, delays and webhooks as production does.",
    problem: md`
      Partners build against our sandbox, which always succeeds instantly. Their integrations then break
      on the first real timeout or webhook retry, and their customers see it first.
    `,
    proposal: md`
      - scenario cards that trigger realistic failures (declines, 3-D Secure, timeouts)
      - webhooks with production-like retries and delays
      - a short guide in the developer docs
    `,
    learning: "API design from the integrator's point of view and fault injection.",
    skills: ["go", "graphql", "testing"],
    tags: ["api", "partners", "developer-experience"],
    peopleWanted: 2,
    follows: 5,
    comments: [
      { by: "arjun.mehta", body: "Our own end-to-end suite would use this too. I'll join if there is space." },
      {
        by: "kenji.morimoto",
        body: "Partner tickets about webhook retries are a big share of our API queue. Very keen on this.",
      },
    ],
  },
  {
    key: "fewer-false-declines",
    author: "oluwaseun.adeyemi",
    title: "Fewer false fraud declines for returning customers",
    summary: "Loyal customers get blocked by fraud rules built for strangers; use their history to let them through.",
    problem: md`
      Our fraud rules treat a customer with five years of clean history like a first-time buyer. About
      1 in 200 legitimate payments from returning customers is declined, and they tell us angrily.
    `,
    proposal: md`
      1. Add a trust feature from a customer's payment history to the model.
      2. Backtest on the last six months of decisions.
      3. Shadow-run the new model for the week and compare decisions.
    `,
    learning: "Fraud modelling trade-offs, backtesting and shadow deployments.",
    skills: ["python", "ml", "sql", "statistics"],
    tags: ["fraud", "payments", "trust"],
    peopleWanted: 2,
    follows: 6,
    comments: [
      {
        by: "aiko.watanabe",
        body: "I can help with the backtest design; selection bias is tricky when the old model decided who got through.",
      },
      { by: "lena", body: "Please keep the fraud loss budget in the success criteria from the start." },
    ],
  },
  {
    key: "three-tap-checkout",
    author: "isabelle.laurent",
    title: "Checkout in three taps: remove every field we do not need",
    summary: "Our checkout asks for eleven fields; find out which ones we can drop, prefill or ask for later.",
    problem: md`
      Checkout asks for eleven fields. Analytics shows that the phone number and the company name fields
      alone lose us 3% of customers, and we rarely use either.
    `,
    proposal: md`
      - audit each field: who uses it, what for, could it be asked later
      - prototype a checkout with the minimum and test it with five customers
      - ship the safe removals behind a flag and measure
    `,
    learning: "Running an experiment end to end, from user interviews to a measured rollout.",
    skills: ["typescript", "react", "accessibility", "ux-research"],
    tags: ["checkout", "conversion", "simplicity"],
    peopleWanted: 3,
    follows: 8,
    comments: [
      { by: "oskar.lind", body: "I can prototype the three-tap version in Figma before the week, so you can test on day one." },
      { by: "samuel.osei", body: "I have the field-level drop-off data in a dashboard already. Sending you the link." },
    ],
  },
  {
    key: "replay-journeys",
    author: "arjun.mehta",
    title: "Replay real customer journeys as Playwright tests",
    summary: "Turn anonymised recordings of real checkout sessions into end-to-end tests, so we test what customers do.",
    problem: md`
      Our end-to-end tests follow the happy path we imagined. Customers go back, change currency, open
      two tabs and paste addresses with emoji. Bugs live there.
    `,
    proposal: md`
      - sample anonymised session recordings of checkout
      - convert them into [Playwright](https://playwright.dev/docs/codegen) test scripts
      - keep a rotating set of 50 real journeys in the nightly suite
    `,
    learning: "Session recording data, test generation and privacy-safe test data.",
    skills: ["playwright", "typescript", "testing"],
    tags: ["testing", "checkout"],
    peopleWanted: 2,
    follows: 4,
    comments: [
      { by: "farah.haddad", body: "Make sure the anonymisation happens before the recordings leave production, please." },
      {
        by: "arjun.mehta",
        body: "Agreed, Farah. The recordings tool can mask inputs at capture time; I'll check it is on for checkout.",
      },
    ],
  },
  {
    key: "in-app-feedback",
    author: "sofia.rossi",
    title: "In-app feedback with a screenshot and the last minute of logs",
    summary: "Shake the phone to send feedback with a screenshot and recent app logs attached, straight into a ticket.",
    problem: md`
      App store reviews are where mobile customers complain, and we cannot answer them properly. When
      they do write to support, we lack the app version, the device and what they just did.
    `,
    proposal: md`
      - shake (or a menu item) to open a feedback sheet with an editable screenshot
      - attach app version, device and the last minute of logs, with the customer's consent
      - create a support ticket with everything attached
    `,
    learning: "Both mobile platforms, privacy by design, and the support ticket API.",
    skills: ["kotlin", "android", "swift", "ios"],
    tags: ["mobile", "feedback", "support"],
    peopleWanted: 3,
    follows: 7,
    comments: [
      { by: "tariq.hussain", body: "The ticket API supports attachments up to 20 MB, should be plenty." },
      { by: "theo.adebayo", body: "I'll sketch the feedback sheet, shake gestures are not very discoverable on their own." },
      { by: "jamal.carter", body: "Let's put it behind a remote flag so we can turn it off if it floods support." },
    ],
  },
  {
    key: "usable-on-3g",
    author: "yuki.tanaka",
    title: "Make the app usable on a slow train connection",
    summary: "Profile the app on a throttled 3G connection and fix the five screens that are unusable there.",
    problem: md`
      Many of our customers use the app on the move. On a throttled connection the home screen takes
      **14 seconds** to become usable and the order screen times out.
    `,
    proposal: md`
      - profile every main screen on a 3G profile
      - cache what we can, show stale data with a clear label, and retry politely
      - track time-to-usable per screen in the release checklist
    `,
    learning: "Mobile performance profiling and designing for bad networks.",
    skills: ["react-native", "typescript", "performance"],
    tags: ["performance", "mobile"],
    peopleWanted: 2,
    follows: 5,
    comments: [
      {
        by: "mateo.alvarez",
        body: "Big yes from me. Network resilience is on the mobile roadmap anyway, this would kick it off.",
      },
      {
        by: "kwame.mensah",
        body: "Some of those screens make four API calls in a row. Happy to look at batching them on the backend.",
      },
    ],
  },
  {
    key: "carried-ticket-triage",
    from: "ticket-auto-triage",
    follows: 3,
    comments: [
      {
        by: "daniel.kowalczyk",
        body: "Glad to see this back. The dispatcher team has grown since, so the case is even stronger.",
      },
      { by: "lukas.becker", body: "We now have a text embedding service in house; it could save you the training part." },
    ],
  },
  {
    key: "one-question-onboarding",
    author: "theo.adebayo",
    title: "Onboarding that asks one question, not nine",
    summary: "New customers answer nine setup questions before they see anything useful; cut it to one and learn the rest later.",
    problem: md`
      Our onboarding asks nine questions before a new customer sees their dashboard. A third of sign-ups
      never finish it.
    `,
    proposal: md`
      1. Interview five recent sign-ups about what they expected.
      2. Prototype an onboarding with one question and sensible defaults.
      3. Ask the other questions in context, when they matter.
    `,
    learning: "Prototyping for mobile and running quick user interviews.",
    skills: ["figma", "prototyping", "ux-research", "ios"],
    tags: ["onboarding", "simplicity"],
    peopleWanted: 3,
    follows: 6,
    comments: [
      { by: "maya.patel", body: "This is exactly the kind of bet we want this week. I can help recruit participants." },
      { by: "yuki.tanaka", body: "The onboarding screens are in the shared kit, so changes land on both platforms at once." },
    ],
  },
  {
    key: "ticket-summaries",
    author: "nadia.rahman",
    title: "Summarise long support tickets for the next agent",
    summary: "Long ticket threads get handed over with no context; generate a five-line summary at the top of each ticket.",
    problem: md`
      Escalated tickets often have 30 messages. Each new agent reads the whole thread, and customers
      get asked the same questions again.
    `,
    proposal: md`
      - generate a short summary (problem, what was tried, what is pending) when a ticket changes hands
      - agents can edit it; edits are used to evaluate quality
      - run it on internal models only, no customer data leaves our infrastructure
    `,
    learning: "Evaluating language models on a real task, and designing human review into the loop.",
    skills: ["ml", "python", "elasticsearch"],
    tags: ["support", "machine-learning"],
    peopleWanted: 4,
    follows: 11,
    comments: [
      { by: "carmen.ortiz", body: "The ticket header has space for it. I would like to join, this is my stretch goal." },
      { by: "amara.nwosu", body: "Please involve security early for the data flow review, it will be quicker than you think." },
      {
        by: "daniel.kowalczyk",
        body: "I'm withdrawing my chatbot pitch and joining this one instead; it solves the real problem better.",
      },
      { by: "aiko.watanabe", body: "I can set up the evaluation: agent edits as a signal is a nice idea." },
      { by: "bianca.ferreira", body: "I can pull the 200 longest threads from last month as a test set." },
    ],
  },
  {
    key: "churn-early-warning",
    author: "aiko.watanabe",
    title: "Tell account managers which customers are about to leave, and why",
    summary: "Predict churn risk for business customers and explain the top reasons in words an account manager can act on.",
    problem: md`
      Account managers learn that a customer is leaving when they cancel. The signals (fewer log-ins,
      more tickets, failed payments) were visible weeks before.
    `,
    proposal: md`
      - a simple, explainable model of churn risk per business customer
      - a weekly list for each account manager with the top three reasons per customer
      - follow up after a month: did a conversation change the outcome?
    `,
    learning: "Explainable models and how account managers work.",
    skills: ["python", "ml", "statistics", "data-viz"],
    tags: ["churn", "customer-experience", "data"],
    peopleWanted: 2,
    follows: 6,
    comments: [
      { by: "samuel.osei", body: "The log-in and ticket features are already modelled in dbt; you can start from there." },
      { by: "lena", body: "Could failed payments be one of the signals? Merchants with repeated payout issues tend to leave." },
    ],
  },
  {
    key: "customer-health-dashboard",
    author: "samuel.osei",
    title: "A customer-health dashboard everyone can read",
    summary: "One page per customer with usage, tickets, incidents and payments, for anyone who talks to customers.",
    problem: md`
      Before a customer call, account managers open six tools. Engineers who join the call have access
      to none of them.
    `,
    proposal: md`
      - one dashboard page per business customer
      - usage trend, open tickets, incidents that affected them, payment status
      - readable by everyone, personal data masked
    `,
    learning: "Data modelling for a wide audience and dashboard design.",
    skills: ["sql", "dbt", "data-viz"],
    tags: ["data", "customer-experience"],
    peopleWanted: 2,
    follows: 5,
    comments: [
      {
        by: "daniel.kowalczyk",
        body: "Support leads would use this before every escalation call. Could it show recent ticket sentiment?",
      },
    ],
  },
  {
    key: "trust-centre",
    author: "farah.haddad",
    title: "Answer security questionnaires with a self-serve trust centre",
    summary: "Enterprise deals wait weeks on security questionnaires; publish the answers once on a self-serve trust page.",
    problem: md`
      Every enterprise prospect sends a security questionnaire of 200 questions. Security answers the
      same questions by hand, 30 times a quarter, and sales waits.
    `,
    proposal: md`
      - collect our answers in one reviewed source
      - publish a trust centre page with the public ones and gated access for the rest
      - let sales send a link instead of a spreadsheet
    `,
    learning: "How enterprise customers evaluate vendors, and writing security content for non-experts.",
    skills: ["security", "technical-writing", "threat-modeling"],
    tags: ["security", "trust", "sales"],
    peopleWanted: 2,
    follows: 5,
    comments: [
      { by: "jonas.eriksson", body: "We lose about two weeks per deal on this. Strongly supported." },
      { by: "ravi.iyer", body: "I can help structure the answers so they read well outside a spreadsheet." },
    ],
  },
  {
    key: "passkeys",
    author: "viktor.novak",
    title: "Passkeys for customer sign-in",
    summary: "Let customers sign in with a passkey instead of a password and a code by text message.",
    problem: md`
      Password resets are the top reason for contacting support, and text-message codes are slow and
      phishable.
    `,
    proposal: md`
      - add passkeys ([WebAuthn](https://passkeys.dev)) to the web and both apps
      - offer them after a successful sign-in, never force them
      - measure resets and sign-in time
    `,
    learning: "WebAuthn end to end, across the web, iOS and Android.",
    skills: ["go", "oauth", "security", "swift"],
    tags: ["identity", "security", "sign-in"],
    peopleWanted: 3,
    follows: 8,
    comments: [
      { by: "sofia.rossi", body: "Android Credential Manager makes this much easier than a year ago. I'm in." },
      { by: "ben", body: "I can do the iOS side. Passkeys and AutoFill work nicely together there." },
    ],
  },
  {
    key: "api-changelog",
    author: "noah.goldberg",
    title: "A public API changelog generated from the schema",
    summary: "Integrators learn about API changes when things break; generate a readable changelog from each schema change.",
    problem: md`
      We change the public API weekly. Integrators hear about it from their error logs, because the
      changelog is written by hand and often forgotten.
    `,
    proposal: md`
      - diff the GraphQL and REST schemas on every release
      - generate a changelog entry, classified as breaking or not, following [Keep a Changelog](https://keepachangelog.com/en/1.1.0/)
      - publish it with an RSS feed and an email digest
    `,
    learning: "Schema diffing and writing for external developers.",
    skills: ["typescript", "node", "graphql", "technical-writing"],
    tags: ["api", "partners", "documentation"],
    peopleWanted: 2,
    follows: 5,
    comments: [
      { by: "mei.chen", body: "The checkout API would be the first customer. We broke two integrations last quarter." },
      { by: "ravi.iyer", body: "I can write the announcement and get a few partner developers to try the feed." },
    ],
  },
  {
    key: "docs-search-learns",
    author: "ravi.iyer",
    title: "Docs search that learns from what customers type",
    summary: "Customers search our docs in their words, not ours; use failed searches to fix the docs and the search.",
    problem: md`
      A third of searches in the developer docs return nothing useful. We do not look at those searches,
      so the same gaps stay open.
    `,
    proposal: md`
      - log searches with no click, weekly
      - add synonyms for the top ones and write the missing pages
      - show "did you mean" suggestions
    `,
    learning: "Search relevance and writing documentation from real questions.",
    skills: ["technical-writing", "typescript", "elasticsearch"],
    tags: ["documentation", "search"],
    peopleWanted: 2,
    follows: 4,
    comments: [
      { by: "tariq.hussain", body: "We did synonyms for the help centre search last year, the config is reusable." },
      { by: "ravi.iyer", body: "Sorry, wrong idea — meant to post this on the help centre one.", deleted: true },
    ],
  },
  {
    key: "suggested-macros",
    author: "carmen.ortiz",
    title: "Suggested replies: the agent console proposes the right macro",
    summary: "Agents search through 900 macros; suggest the three most likely ones for each ticket.",
    problem: md`
      The console has 900 macros. Agents use about 40 of them, mostly because finding the right one is
      slower than writing the answer again.
    `,
    proposal: md`
      - rank macros by similarity to the ticket and to past answers to similar tickets
      - show the top three above the reply box
      - track which suggestions are used and edited
    `,
    learning: "Ranking, a bit of machine learning, and measuring a feature's real use.",
    skills: ["typescript", "react", "postgres", "ml"],
    tags: ["support", "agent-console"],
    peopleWanted: 2,
    follows: 6,
    comments: [
      { by: "tariq.hussain", body: "Elasticsearch's more-like-this query would be a cheap baseline before anything fancy." },
      { by: "lukas.becker", body: "Happy to mentor the ranking part." },
    ],
  },
  {
    key: "duplicate-tickets",
    author: "tariq.hussain",
    title: "Spot duplicate tickets about the same incident",
    summary: "During incidents hundreds of tickets say the same thing; group them so one reply reaches everyone.",
    problem: md`
      During an incident, agents answer the same question hundreds of times, one ticket at a time.
    `,
    proposal: md`
      - cluster new tickets by text similarity and time
      - show clusters to the support lead with a "reply to all" action
      - link the cluster to the incident
    `,
    learning: "Text clustering and incident workflows on the support side.",
    skills: ["python", "elasticsearch", "postgres"],
    tags: ["support", "incidents"],
    peopleWanted: 2,
    follows: 6,
    comments: [
      { by: "ada", body: "If the status page idea goes ahead, the cluster could link straight to the public update." },
      { by: "kenji.morimoto", body: "We tried a keyword version of this two years ago; the clustering is where it fell short." },
    ],
  },
  {
    key: "console-keyboard-a11y",
    author: "zoe.clarke",
    title: "Keyboard shortcuts and a screen-reader pass for the agent console",
    summary: "Agents handle 60 tickets a day with the mouse; add shortcuts and make the console screen-reader friendly.",
    problem: md`
      Agents click through the same five actions for every ticket. Two agents use screen readers and
      half of the console is unlabelled for them.
    `,
    proposal: md`
      - shortcuts for the five most used actions, with a cheat sheet on \`?\`
      - fix labels, landmarks and focus order
      - test with the two agents who use screen readers
    `,
    learning: "Accessibility in a complex web app and designing keyboard interactions.",
    skills: ["react", "accessibility", "css"],
    tags: ["accessibility", "agent-console"],
    peopleWanted: 2,
    follows: 5,
    comments: [
      { by: "ben", body: "Happy to pair on the screen-reader testing, I do the same on iOS every sprint." },
      { by: "daniel.kowalczyk", body: "The two agents are happy to take part. Let me know which days suit you." },
    ],
  },
  {
    key: "monday-contact-reasons",
    author: "bianca.ferreira",
    title: "Top ten contact reasons, every Monday, in every team's channel",
    summary: "Send each product team the top reasons customers contacted support about their area last week.",
    problem: md`
      Product teams rarely see support data. The same top reasons stay on top for months.
    `,
    proposal: md`
      - map ticket tags to product areas and owning teams
      - post the top ten reasons with examples every Monday
      - track whether the list changes over a quarter
    `,
    learning: "SQL, a little Python, and presenting data so teams act on it.",
    skills: ["sql", "data-viz", "python"],
    tags: ["support", "feedback-loop"],
    peopleWanted: 2,
    follows: 6,
    comments: [
      { by: "marcus.johnson", body: "I'd like this for developer-facing tickets too." },
      { by: "mateo.alvarez", body: "Mobile would love this in our channel." },
    ],
  },
  {
    key: "carried-payout-reconciliation",
    from: "payout-reconciliation",
    follows: 2,
    comments: [
      { by: "mei.chen", body: "Can we include the merchant dashboard status from the start this time?" },
      {
        by: "bianca.ferreira",
        body: "Payout questions are in our top five contact reasons. Happy to share the ticket examples.",
      },
    ],
  },
  {
    key: "shadow-support",
    author: "maya.patel",
    title: "Shadow a support agent: a programme for every engineer",
    summary:
      "Every engineer spends two hours a quarter listening to support calls; design the programme and run the first round.",
    problem: md`
      Most engineers have never heard a customer describe a problem in their own words.
    `,
    proposal: md`
      - a simple sign-up and scheduling process with support
      - a one-page guide: what to listen for, how to take notes
      - a shared board where engineers post what surprised them
    `,
    learning: "Research practice, facilitation, and how support works.",
    skills: ["ux-research", "user-interviews", "facilitation"],
    tags: ["empathy", "support", "research"],
    peopleWanted: 3,
    follows: 7,
    comments: [
      { by: "olga", body: "If it works, we could make it part of every exploration week kick-off." },
      { by: "hannah.schultz", body: "Platform engineers first please, we are the furthest from customers." },
      { by: "daniel.kowalczyk", body: "Support leads are keen. We can host up to ten shadows a week." },
    ],
  },
  {
    key: "error-messages-rewrite",
    author: "sun-hee.park",
    title: "Rewrite our 50 most-seen error messages",
    summary: "Customers see the same 50 error messages most; rewrite them so each says what happened and what to do.",
    problem: md`
      *"An unexpected error occurred (code 4011)"* is shown 80,000 times a week. Every one of our top
      fifty messages leaves customers guessing.
    `,
    proposal: md`
      - rank error messages by views
      - rewrite each: what happened, why, what to do next
      - ship them in all languages with the localisation team
    `,
    learning: "Content design at scale and working with localisation.",
    skills: ["ux-writing", "technical-writing", "typescript"],
    tags: ["content", "errors"],
    peopleWanted: 2,
    follows: 6,
    comments: [
      { by: "rafael.costa", body: "Let's coordinate with the declined-payments idea, some of these are the same messages." },
      { by: "sun-hee.park", body: "Good point, Rafael. I'll leave the payment declines to you and link the style guide." },
    ],
  },
  {
    key: "customer-dark-mode",
    author: "hugo.dubois",
    title: "Dark mode and high-contrast themes for the customer dashboard",
    summary: "Customers keep asking for dark mode; build it and a high-contrast theme on top of the design tokens.",
    problem: md`
      Dark mode is the most upvoted request on our feedback board, and two accessibility complaints last
      quarter were about contrast.
    `,
    proposal: md`
      - semantic colour tokens for light, dark and high contrast
      - theme switch that follows the system setting by default
      - contrast checks in CI
    `,
    learning: "Theming with design tokens and colour accessibility.",
    skills: ["css", "design-systems", "react", "accessibility"],
    tags: ["accessibility", "design-system"],
    peopleWanted: 2,
    follows: 7,
    comments: [
      { by: "zoe.clarke", body: "The agent console would pick this up for free if it uses the same tokens. Count me in." },
      { by: "oskar.lind", body: "I'll prepare the dark palette in Figma so we can check contrast early." },
    ],
  },
  {
    key: "support-chatbot",
    author: "daniel.kowalczyk",
    title: "A chatbot for first-line support questions",
    summary: "A chatbot in the help centre that answers the simplest questions before a ticket is created.",
    problem: md`
      A quarter of tickets ask questions the help centre already answers.
    `,
    proposal: md`
      - a chatbot in the help centre, answering from help articles only
      - hand over to a human with the conversation attached
    `,
    learning: "Conversational design and language models.",
    skills: ["python", "ml", "react"],
    tags: ["support", "machine-learning"],
    peopleWanted: 3,
    follows: 3,
    comments: [{ by: "nadia.rahman", body: "Overlaps with ticket summaries a lot. Want to join forces?" }],
    withdrawn: true,
  },
  {
    key: "carried-release-notes",
    from: "release-notes-from-prs",
    follows: 3,
    comments: [
      { by: "theo.adebayo", body: "Could the notes include a small screenshot of what changed? Customers love that." },
      { by: "jamal.carter", body: "Nice idea, Theo. Let's see if the screenshot automation can produce them." },
    ],
  },
];

/** Every demo idea, by week. Ideas in later weeks may carry over ideas from earlier ones. */
export const IDEAS: Record<WeekSlug, WeekIdeaSeed[]> = {
  "2025-h1": IDEAS_2025_H1,
  "2025-h2": IDEAS_2025_H2,
  "2026-h1": IDEAS_2026_H1,
  "2026-h2": IDEAS_2026_H2,
};
