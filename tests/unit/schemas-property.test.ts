import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ArchiveGallerySchema, parseArchiveGalleryQuery } from "~/archive/params";
import {
  ChangePasswordSchema,
  emailField,
  newPasswordField,
  redirectToField,
  SignInSchema,
  SignUpSchema,
} from "~/auth/schemas.server";
import {
  DemoFieldsSchema,
  ExtendSchema,
  GalleryQuerySchema,
  MAX_LINKS,
  parseDemoForm,
  parseGalleryQuery,
  parseLinks,
} from "~/demos/schemas.server";
import { parseEnv } from "~/env.server";
import { BoardQuerySchema, CommentBodySchema, IdeaActionSchema, IdeaSchema, parseBoardQuery } from "~/ideas/schemas.server";
import { formDataToObject, parseForm } from "~/lib/forms.server";
import { hasControlChars } from "~/lib/text";
import { ImpactSchema, OutcomeActionSchema, OutcomeSchema, OverdueQuerySchema } from "~/outcomes/schemas.server";
import { ProfileSchema } from "~/people/schemas.server";
import {
  DecisionSchema,
  KudosActionSchema,
  kindSchema,
  kudosMessageSchema,
  NominateSchema,
  QueueQuerySchema,
  reasonSchema,
  WithdrawSchema,
} from "~/recognition/schemas.server";
import { TeamActionSchema, TeamListQuerySchema, TeamSchema } from "~/teams/schemas.server";
import { ConflictSchema, CriterionSchema, parseBallotForm, VoteSchema, VotingAdminActionSchema } from "~/voting/schemas.server";
import { weekFormSchema } from "~/weeks/week-form.server";
import { GOOD_IDEA, hostileString, PROTO_KEYS } from "../support/hostile";

/**
 * Hostile input at the schema boundary: every Zod schema that reads form data, a URL or the
 * environment gets random and adversarial values (any unicode, lone surrogates, null bytes,
 * bidi and zero-width characters, numbers too big for PostgreSQL, NaN/Infinity spelled out,
 * arrays where a string belongs, prototype keys) and must answer with success or issues, never
 * throw; what it accepts must keep the schema's promises (ids fit an integer column, texts are
 * trimmed and within their limits, numbers are finite).
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const INT_MAX = 2_147_483_647;

// ---------------------------------------------------------------------------------------------
// Hostile values

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 8 },
  { arbitrary: fc.array(hostileString, { maxLength: 4 }), weight: 2 },
  {
    arbitrary: fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      -1,
      2 ** 53,
      0.5,
      Number.MAX_VALUE,
    ),
    weight: 1,
  },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined, true, {}, [], { toString: "x" }), weight: 1 },
);

/** Adds own keys that an unwary `obj[key]` would read from Object.prototype. */
function withProtoKeys(input: Record<string, unknown>, keys: string[], value: unknown): Record<string, unknown> {
  const out = { ...input };
  for (const key of keys) Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  return out;
}

/** A good example with some of its fields replaced by hostile values, some dropped, and maybe prototype keys. */
function mutated(examples: Array<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const keys = [...new Set(examples.flatMap((e) => Object.keys(e)))];
  return fc
    .tuple(
      fc.constantFrom(...examples),
      fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: 3 }),
      fc.subarray(keys, { maxLength: 2 }),
      fc.subarray(PROTO_KEYS, { maxLength: 2 }),
      hostileValue,
    )
    .map(([example, changes, dropped, protoKeys, protoValue]) => {
      const out: Record<string, unknown> = { ...example };
      for (const [key, value] of Object.entries(changes)) out[key] = value;
      for (const key of dropped) delete out[key];
      return withProtoKeys(out, protoKeys, protoValue);
    });
}

// ---------------------------------------------------------------------------------------------
// Promises every accepted value keeps

/** Numbers are finite; anything named like an id fits PostgreSQL's integer column and is positive. */
function checkNumbers(value: unknown, key = ""): void {
  if (typeof value === "number") {
    expect(Number.isFinite(value), `${key} is finite`).toBe(true);
    if (/^(id|.*Id)$/.test(key)) {
      expect(Number.isInteger(value) && value >= 1 && value <= INT_MAX, `${key}=${value} fits an integer id`).toBe(true);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) checkNumbers(item, key);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) checkNumbers(v, k);
  }
}

/** Single-line text: trimmed, within `max`, no control characters. */
function line(value: unknown, max: number, min = 0) {
  expect(typeof value).toBe("string");
  const s = value as string;
  expect(s).toBe(s.trim());
  expect(s.length).toBeGreaterThanOrEqual(min);
  expect(s.length).toBeLessThanOrEqual(max);
  expect(hasControlChars(s)).toBe(false);
}

/** Multi-line text: within `max`, and (where the schema says so) without null characters. */
function text(value: unknown, max: number, { noNull = true } = {}) {
  expect(typeof value).toBe("string");
  const s = value as string;
  expect(s.length).toBeLessThanOrEqual(max);
  if (noNull) expect(s).not.toContain("\u0000");
}

/** Tags: normalised (trimmed, non-empty, no duplicates), at most `count`, each at most `max`. */
function tags(value: unknown, count: number, max = 40) {
  expect(Array.isArray(value)).toBe(true);
  const list = value as string[];
  expect(list.length).toBeLessThanOrEqual(count);
  expect(new Set(list).size).toBe(list.length);
  for (const tag of list) {
    expect(tag.length).toBeGreaterThan(0);
    expect(tag.length).toBeLessThanOrEqual(max);
    expect(tag).toBe(tag.trim());
  }
}

const page = (value: unknown) =>
  expect(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 999_999).toBe(true);

// ---------------------------------------------------------------------------------------------
// The table: every schema at the boundary, a good example or several, and what an accepted value promises

type Entry = {
  schema: z.ZodType;
  examples: Array<Record<string, unknown>>;
  promise?: (out: Record<string, unknown>) => void;
};

const SIGN_UP = { name: "Ada Lovelace", email: "ada@company.example", departmentId: "3", password: "correct horse battery" };
const OUTCOME = { status: "shipped", happenedOn: "2026-03-02", note: "Live", owningTeam: "", lessons: "" };
const IMPACT = {
  kind: "hours_saved",
  metric: "",
  unit: "",
  currency: "",
  baseline: "",
  value: "1,200",
  measuredOn: "2026-03-02",
  evidenceUrl: "",
  note: "",
};
const CRITERION = { name: "Impact", description: "", weight: "1.5", scaleMin: "1", scaleMax: "5" };
const TEAM = { name: "Night owls", description: "We fix paging", openRoles: "go, sql", capacity: "5" };

const SCHEMAS: Record<string, Entry> = {
  emailField: {
    schema: emailField.transform((email) => ({ email })),
    examples: [],
    promise: (o) => expect(String(o.email)).toMatch(/^[^\sA-Z]{1,254}$/),
  },
  newPasswordField: { schema: newPasswordField, examples: [] },
  redirectToField: { schema: redirectToField, examples: [] },
  SignInSchema: {
    schema: SignInSchema,
    examples: [{ email: "ada@company.example", password: "x", redirectTo: "/ideas" }],
    promise: (o) => {
      expect(String(o.email)).toBe(String(o.email).trim().toLowerCase());
      expect(String(o.password).length).toBeLessThanOrEqual(256);
    },
  },
  SignUpSchema: {
    schema: SignUpSchema,
    examples: [SIGN_UP],
    promise: (o) => {
      line(o.name, 100, 1);
      expect(String(o.password).length).toBeGreaterThanOrEqual(10);
    },
  },
  ChangePasswordSchema: {
    schema: ChangePasswordSchema,
    examples: [{ currentPassword: "old password 1", newPassword: "new password 22", confirmPassword: "new password 22" }],
    promise: (o) => expect(o.newPassword).toBe(o.confirmPassword),
  },
  DemoFieldsSchema: {
    schema: DemoFieldsSchema,
    examples: [{ title: "Paging bot", summary: "It pages fewer people", built: "A bot", learnings: "Rust", tags: "ops" }],
    promise: (o) => {
      line(o.title, 120, 3);
      line(o.summary, 300, 10);
      text(o.built, 20_000);
      text(o.learnings, 20_000);
      tags(o.tags, 10);
    },
  },
  GalleryQuerySchema: {
    schema: GalleryQuerySchema,
    examples: [{ q: "bot", tag: "ops", department: "2", page: "2" }],
    promise: (o) => {
      text(o.q, 200, { noNull: false });
      page(o.page);
    },
  },
  ExtendSchema: { schema: ExtendSchema, examples: [{ intent: "extend", until: "2026-03-02T10:00" }] },
  IdeaSchema: {
    schema: IdeaSchema,
    examples: [GOOD_IDEA],
    promise: (o) => {
      line(o.title, 120, 3);
      line(o.summary, 200, 10);
      text(o.problem, 20_000);
      text(o.proposal, 20_000);
      text(o.learning, 2_000);
      tags(o.skills, 10);
      tags(o.tags, 10);
      expect(Number.isInteger(o.peopleWanted) && (o.peopleWanted as number) >= 0 && (o.peopleWanted as number) <= 50).toBe(true);
    },
  },
  CommentBodySchema: { schema: CommentBodySchema.transform((body) => ({ body })), examples: [] },
  IdeaActionSchema: {
    schema: IdeaActionSchema,
    examples: [
      { intent: "follow" },
      { intent: "comment", body: "Count me in" },
      { intent: "edit-comment", commentId: "12", body: "Edited" },
      { intent: "delete-comment", commentId: "12" },
      { intent: "hide-comment", commentId: "12", reason: "Off topic" },
      { intent: "carry-over" },
    ],
    promise: (o) => {
      if ("body" in o) {
        expect(String(o.body)).toBe(String(o.body).trim());
        text(o.body, 5_000);
      }
      if ("reason" in o) line(o.reason, 300, 3);
    },
  },
  BoardQuerySchema: {
    schema: BoardQuerySchema,
    examples: [{ q: "bot", skill: ["go"], tag: [], department: "1", looking: "1", team: "no", sort: "followed", page: "3" }],
    promise: (o) => {
      text(o.q, 200, { noNull: false });
      tags(o.skill, 10);
      tags(o.tag, 10);
      page(o.page);
    },
  },
  ArchiveGallerySchema: {
    schema: ArchiveGallerySchema,
    examples: [{ q: "bot", week: "2026-h1", department: "platform", award: "Best in show", tag: "ops", outcome: "shipped" }],
    promise: (o) => {
      text(o.q, 200);
      if (o.week !== undefined) expect(String(o.week)).toMatch(/^[a-z0-9-]{1,80}$/);
      if (o.award !== undefined) expect(/\p{Cc}/u.test(String(o.award))).toBe(false);
      page(o.page);
    },
  },
  OutcomeSchema: {
    schema: OutcomeSchema,
    examples: [
      OUTCOME,
      { ...OUTCOME, status: "continued", owningTeam: "Platform" },
      { ...OUTCOME, status: "stopped", lessons: "Hard" },
    ],
    promise: (o) => {
      expect(String(o.happenedOn)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // Null characters in notes are refused by parseForm for every form (see below), not by this schema.
      text(o.note, 5_000, { noNull: false });
      line(o.owningTeam, 120);
    },
  },
  ImpactSchema: {
    schema: ImpactSchema,
    examples: [
      IMPACT,
      { ...IMPACT, kind: "money_saved", currency: "usd", value: "5000" },
      { ...IMPACT, kind: "custom", metric: "Tickets", unit: "tickets" },
    ],
    promise: (o) => {
      expect(Number.isFinite(o.value)).toBe(true);
      line(o.metric, 80);
      line(o.unit, 30);
      text(o.note, 5_000, { noNull: false });
    },
  },
  OutcomeActionSchema: {
    schema: OutcomeActionSchema,
    examples: [
      { intent: "outcome", ...OUTCOME },
      { intent: "impact", ...IMPACT },
      { intent: "correct-outcome", id: "4", ...OUTCOME },
      { intent: "correct-impact", id: "4", ...IMPACT },
      { intent: "delete-outcome", id: "4" },
      { intent: "delete-impact", id: "4" },
    ],
  },
  OverdueQuerySchema: { schema: OverdueQuerySchema, examples: [{ week: "3", page: "2" }], promise: (o) => page(o.page) },
  ProfileSchema: {
    schema: ProfileSchema,
    examples: [
      {
        name: "Ada",
        title: "Engineer",
        bio: "Likes engines",
        departmentId: "2",
        skills: "math",
        stretchGoals: "speaking",
        mentorOffer: "Maths",
        mentorAvailability: "Fridays",
      },
    ],
    promise: (o) => {
      line(o.name, 100, 1);
      line(o.title, 100);
      text(o.bio, 2_000);
      tags(o.skills, 20);
      tags(o.stretchGoals, 20);
      line(o.mentorAvailability, 200);
    },
  },
  reasonSchema: { schema: reasonSchema.transform((reason) => ({ reason })), examples: [] },
  kindSchema: { schema: kindSchema.transform((kind) => ({ kind })), examples: [] },
  NominateSchema: {
    schema: NominateSchema,
    examples: [
      { nomineeType: "user", userId: "5", kind: "talk", reason: "They rebuilt the pager and taught everyone how." },
      { nomineeType: "team", teamId: "7", weekId: "2", kind: "award", reason: "A team that shipped in five days flat." },
    ],
    promise: (o) => {
      const reason = String(o.reason);
      expect(reason).toBe(reason.trim());
      expect(reason.length).toBeGreaterThanOrEqual(20);
      expect(reason.length).toBeLessThanOrEqual(2_000);
      expect(o.nomineeType === "user" ? o.userId : o.teamId).toBeDefined();
    },
  },
  DecisionSchema: {
    schema: DecisionSchema,
    examples: [{ intent: "decide", nominationId: "3", toStatus: "accepted", note: "Yes" }],
    promise: (o) => text(o.note, 2_000, { noNull: false }),
  },
  WithdrawSchema: { schema: WithdrawSchema, examples: [{ intent: "withdraw", nominationId: "3" }] },
  QueueQuerySchema: {
    schema: QueueQuerySchema,
    examples: [{ status: "all", kind: "talk", week: "2", page: "2" }],
    promise: (o) => page(o.page),
  },
  kudosMessageSchema: { schema: kudosMessageSchema.transform((message) => ({ message })), examples: [] },
  KudosActionSchema: {
    schema: KudosActionSchema,
    examples: [
      { intent: "give", targetKind: "user", targetId: "9", message: "Thanks!" },
      { intent: "remove", kudosId: "9" },
    ],
    // Trimmed, 1–280 characters. A kudos message is free text (line breaks, tabs): null characters are
    // refused for every form by parseForm before any schema runs (see the parseForm property below).
    promise: (o) => {
      if (o.intent !== "give") return;
      text(o.message, 280, { noNull: false });
      expect(String(o.message)).toBe(String(o.message).trim());
      expect(String(o.message).length).toBeGreaterThanOrEqual(1);
    },
  },
  TeamSchema: {
    schema: TeamSchema,
    examples: [TEAM, { ...TEAM, leadId: "4" }],
    promise: (o) => {
      line(o.name, 80, 2);
      text(o.description, 2_000, { noNull: false });
      tags(o.openRoles, 12);
      expect(Number.isInteger(o.capacity) && (o.capacity as number) >= 0 && (o.capacity as number) <= 999).toBe(true);
    },
  },
  TeamActionSchema: {
    schema: TeamActionSchema,
    examples: [
      { intent: "update", ...TEAM },
      { intent: "request", message: "Let me in" },
      { intent: "invite", userId: "3", email: "", message: "" },
      { intent: "invite", email: "Ada@Company.example" },
      { intent: "respond", requestId: "2", accept: "true" },
      { intent: "cancel", requestId: "2" },
      { intent: "hand-over", userId: "3" },
      { intent: "move", userId: "3", toTeamId: "none" },
      { intent: "move", userId: "3", toTeamId: "8" },
      { intent: "ask-mentor", mentorId: "3", message: "" },
      { intent: "journal", body: "Day one" },
      { intent: "delete-journal", entryId: "5" },
    ],
    promise: (o) => {
      if (typeof o.toTeamId === "number") checkNumbers(o.toTeamId, "toTeamId");
      if (o.intent === "journal") text(o.body, 5_000, { noNull: false });
      if ("message" in o) text(o.message, 500, { noNull: false });
    },
  },
  TeamListQuerySchema: {
    schema: TeamListQuerySchema,
    examples: [{ open: "1", mine: "1", skill: ["go"], page: "2" }],
    promise: (o) => {
      tags(o.skill, 12);
      page(o.page);
    },
  },
  CriterionSchema: {
    schema: CriterionSchema,
    examples: [CRITERION],
    promise: (o) => {
      line(o.name, 60, 1);
      expect((o.weight as number) >= 0.1 && (o.weight as number) <= 10).toBe(true);
      expect((o.scaleMin as number) < (o.scaleMax as number)).toBe(true);
      expect((o.scaleMax as number) - (o.scaleMin as number)).toBeLessThanOrEqual(20);
    },
  },
  VotingAdminActionSchema: {
    schema: VotingAdminActionSchema,
    examples: [
      { intent: "add-judge", email: "lead@company.example" },
      { intent: "remove-judge", userId: "3" },
      { intent: "create-criterion", ...CRITERION },
      { intent: "update-criterion", criterionId: "2", ...CRITERION },
      { intent: "move-criterion", criterionId: "2", direction: "up" },
      { intent: "settings", judgesPerDemo: "3", normalise: "on" },
      { intent: "run-assignment" },
    ],
    promise: (o) => {
      if (o.intent === "settings") expect((o.judgesPerDemo as number) >= 1 && (o.judgesPerDemo as number) <= 10).toBe(true);
    },
  },
  ConflictSchema: {
    schema: ConflictSchema,
    examples: [{ intent: "conflict", demoId: "4", reason: "My team" }],
    promise: (o) => expect(String(o.reason).length).toBeLessThanOrEqual(300),
  },
  VoteSchema: { schema: VoteSchema, examples: [{ intent: "vote", demoId: "4", redirectTo: "/demos/4" }] },
  weekFormSchema: {
    schema: weekFormSchema(),
    examples: [
      {
        name: "2026 H2",
        slug: "",
        theme: "Closer to the customer",
        description: "A week",
        timeZone: "Europe/Berlin",
        pitchingOpensAt: "2026-09-01T09:00",
        teamFormationOpensAt: "2026-09-08T09:00",
        exploringStartsAt: "2026-09-14T09:00",
        exploringEndsAt: "2026-09-18T17:00",
        demoDeadlineAt: "2026-09-18T18:00",
        votingOpensAt: "2026-09-19T09:00",
        votingClosesAt: "2026-09-21T09:00",
        resultsPublishedAt: "2026-09-22T09:00",
        archivedAt: "2026-11-01T09:00",
        teamSizeMin: "2",
        teamSizeMax: "6",
        minDepartmentsPerTeam: "2",
        peoplesChoiceVotes: "3",
        soloTeamsAllowed: "",
      },
    ],
    promise: (o) => {
      line(o.name, 80, 1);
      expect(String(o.slug)).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
      expect((o.teamSizeMin as number) <= (o.teamSizeMax as number)).toBe(true);
      for (const key of ["pitchingOpensAt", "archivedAt"]) expect(Number.isNaN(new Date(String(o[key])).getTime())).toBe(false);
    },
  },
};

/** Where the schemas live: every top-level `const X = z…` in these files must be in SCHEMAS or in ELSEWHERE. */
const ELSEWHERE: Record<string, string> = {
  // Building blocks, exercised through the schema named.
  "app/demos/schemas.server.ts#tagList": "DemoFieldsSchema",
  "app/ideas/schemas.server.ts#id": "IdeaActionSchema",
  "app/outcomes/schemas.server.ts#id": "OutcomeActionSchema",
  "app/teams/schemas.server.ts#id": "TeamActionSchema",
  "app/teams/schemas.server.ts#message": "TeamActionSchema",
  "app/voting/schemas.server.ts#checkbox": "VotingAdminActionSchema",
  "app/recognition/schemas.server.ts#targetKind": "KudosActionSchema",
  "app/weeks/week-form.server.ts#BaseSchema": "weekFormSchema",
  "app/env.server.ts#flag": "parseEnv",
  "app/env.server.ts#EnvSchema": "parseEnv",
  "app/archive/params.ts#optionalText": "ArchiveGallerySchema",
  // Route modules' own schemas: fuzzed over HTTP by tests/integration/hostile-actions.test.ts.
  "app/routes/admin/departments.tsx#DepartmentSchema": "hostile-actions",
  "app/routes/admin/people.tsx#AdminPeopleSchema": "hostile-actions",
  "app/routes/admin/results.tsx#optionalId": "hostile-actions",
  "app/routes/admin/results.tsx#requiredId": "hostile-actions",
  "app/routes/admin/results.tsx#checkbox": "hostile-actions",
  "app/routes/admin/results.tsx#ActionSchema": "hostile-actions",
  "app/routes/admin/schedule.tsx#TimingSchema": "hostile-actions",
  "app/routes/ideas/similar.ts#Query": "hostile-actions",
  "app/routes/notifications.tsx#NotificationId": "hostile-actions",
  "app/routes/notifications.tsx#ActionSchema": "hostile-actions",
  // Not user input from a form or URL: the identity provider's documents (tests/integration/oidc.test.ts
  // feeds it malformed ones) and the job queue's own payloads (tests/integration/jobs.test.ts).
  "app/auth/oidc.server.ts#httpUrl": "oidc.test.ts",
  "app/auth/oidc.server.ts#DiscoverySchema": "oidc.test.ts",
  "app/auth/oidc.server.ts#token": "oidc.test.ts",
  "app/auth/oidc.server.ts#FlowCookieSchema": "oidc.test.ts",
  "app/auth/oidc.server.ts#optionalText": "oidc.test.ts",
  "app/auth/oidc.server.ts#IdClaimsSchema": "oidc.test.ts",
  "app/jobs/tasks.server.ts#ScanPayload": "jobs.test.ts",
  "app/jobs/tasks.server.ts#RemindPayload": "jobs.test.ts",
};

/** Exported parsers that are not Zod constants; each has its own property below. */
const PARSERS = [
  "parseArchiveGalleryQuery",
  "parseBallotForm",
  "parseBoardQuery",
  "parseDemoForm",
  "parseEnv",
  "parseForm",
  "parseGalleryQuery",
  "parseLinks",
  "weekFormSchema",
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

const root = path.resolve(import.meta.dirname, "../..");

describe("the schema table", () => {
  it("names every Zod schema and parser in app/ (add new ones to SCHEMAS, ELSEWHERE or PARSERS)", () => {
    const found: string[] = [];
    const parsers: string[] = [];
    for (const file of sourceFiles(path.join(root, "app"))) {
      const source = readFileSync(file, "utf8");
      if (!/from "zod"/.test(source)) continue;
      const rel = path.relative(root, file);
      for (const m of source.matchAll(/^(?:export )?const (\w+)(?::[^=\n]+)? =\s*z\b/gm)) found.push(`${rel}#${m[1]}`);
      for (const m of source.matchAll(/^export function (parse\w+|\w+Schema)\b/gm)) parsers.push(m[1] ?? "");
    }
    const unknown = found.filter((key) => !((key.split("#")[1] ?? "") in SCHEMAS) && !(key in ELSEWHERE));
    expect(unknown, "schemas without a hostile-input property").toEqual([]);
    expect(parsers.filter((p) => !PARSERS.includes(p))).toEqual([]);
    // And the table does not name schemas that are gone.
    expect(Object.keys(ELSEWHERE).filter((key) => !found.includes(key))).toEqual([]);
    expect(found.length).toBeGreaterThan(40);
  });
});

describe("every boundary schema, given hostile input", () => {
  it.each(Object.entries(SCHEMAS))(
    "%s answers with success or issues, and what it accepts keeps its promises",
    (_name, entry) => {
      const input: fc.Arbitrary<unknown> =
        entry.examples.length > 0
          ? fc.oneof({ arbitrary: mutated(entry.examples), weight: 4 }, { arbitrary: hostileValue, weight: 1 })
          : hostileValue;
      let accepted = 0;
      fc.assert(
        fc.property(input, (value) => {
          const result = entry.schema.safeParse(value);
          if (!result.success) {
            expect(result.error.issues.length).toBeGreaterThan(0);
            for (const issue of result.error.issues) expect(typeof issue.message).toBe("string");
            return;
          }
          accepted++;
          const out = (typeof result.data === "object" && result.data !== null ? result.data : { value: result.data }) as Record<
            string,
            unknown
          >;
          checkNumbers(out);
          entry.promise?.(out);
        }),
        { numRuns: RUNS },
      );
      // The good examples themselves pass, so the promises above were really exercised.
      for (const example of entry.examples) expect(entry.schema.safeParse(example).success, JSON.stringify(example)).toBe(true);
      if (entry.examples.length > 0) expect(accepted).toBeGreaterThan(0);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// The parsers around the schemas

/** Form entries as a browser (or a script) could send them: duplicated keys, prototype names, hostile values. */
const formEntries = (keys: string[]) =>
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...keys, ...PROTO_KEYS), hostileString), hostileString), { maxLength: 12 });

function toFormData(entries: Array<[string, string]>): FormData {
  const form = new FormData();
  for (const [key, value] of entries) form.append(key, value);
  return form;
}

describe("the parsers around the schemas, given hostile input", () => {
  it("parseForm never throws, refuses null characters, and reads prototype names as plain fields", () => {
    const schemas = [IdeaActionSchema, TeamActionSchema, KudosActionSchema, VotingAdminActionSchema, OutcomeActionSchema];
    fc.assert(
      fc.property(
        fc.constantFrom(...schemas),
        formEntries(["intent", "body", "commentId", "userId", "message", "id", "name"]),
        (schema, entries) => {
          const form = toFormData(entries);
          const result = parseForm(form, schema);
          if (result.ok) {
            checkNumbers(result.data);
            expect(JSON.stringify(result.data)).not.toContain("\\u0000");
          } else {
            expect(Object.keys(result.errors).length + (result.formError ? 1 : 0)).toBeGreaterThan(0);
            // Everything typed comes back (minus passwords), prototype names included.
            expect(Object.getPrototypeOf(result.values)).toBe(Object.prototype);
          }
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it("a field named constructor, toString or __proto__ is an ordinary field (it crashed every form before)", () => {
    for (const key of PROTO_KEYS) {
      const form = toFormData([
        ["intent", "comment"],
        ["body", "Hello"],
        [key, "x"],
        [key, "y"],
      ]);
      expect(parseForm(form, IdeaActionSchema)).toEqual({ ok: true, data: { intent: "comment", body: "Hello" } });
      expect(Object.hasOwn(formDataToObject(form), key)).toBe(true);
      expect(formDataToObject(form)[key]).toEqual(["x", "y"]);
    }
  });

  it("ids too big for PostgreSQL's integer are refused with a message, not sent to the database", () => {
    for (const big of ["2147483648", "99999999999999999999", "1e15"]) {
      expect(IdeaActionSchema.safeParse({ intent: "delete-comment", commentId: big }).success).toBe(false);
      expect(TeamActionSchema.safeParse({ intent: "cancel", requestId: big }).success).toBe(false);
      expect(OutcomeActionSchema.safeParse({ intent: "delete-impact", id: big }).success).toBe(false);
      expect(SignUpSchema.safeParse({ ...SIGN_UP, departmentId: big }).success).toBe(false);
    }
    expect(IdeaActionSchema.safeParse({ intent: "delete-comment", commentId: "2147483647" }).success).toBe(true);
  });

  it("parseDemoForm never throws; accepted demos keep their limits and links are http(s) only", () => {
    const keys = [
      "title",
      "summary",
      "built",
      "learnings",
      "tags",
      "linkKind",
      "linkUrl",
      "removeImage",
      "reflection-1",
      "stretchGoal-1",
      "alt-3",
    ];
    fc.assert(
      fc.property(formEntries(keys), fc.boolean(), (entries, good) => {
        const base: Array<[string, string]> = good
          ? [
              ["title", "Paging bot"],
              ["summary", "It pages fewer people"],
            ]
          : [];
        const result = parseDemoForm(toFormData([...base, ...entries]));
        if (!result.ok) {
          expect(Object.keys(result.errors).length).toBeGreaterThan(0);
          return;
        }
        line(result.data.title, 120, 3);
        line(result.data.summary, 300, 10);
        expect(result.data.links.length).toBeLessThanOrEqual(MAX_LINKS);
        for (const link of result.data.links) expect(new URL(link.url).protocol).toMatch(/^https?:$/);
        for (const r of result.data.reflections) expect(r.reflection.length).toBeLessThanOrEqual(2_000);
        for (const a of result.data.alt) line(a.alt, 300);
        // Screenshot ids to remove only ever match the demo's own rows, so 0 is harmless; they must fit the column.
        for (const id of result.data.remove) expect(Number.isInteger(id) && id >= 0 && id <= INT_MAX).toBe(true);
        expect(JSON.stringify(result.data)).not.toContain("\\u0000");
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("parseLinks keeps only absolute http(s) links without credentials", () => {
    const url = fc.oneof(
      hostileString,
      fc.webUrl(),
      fc.constantFrom(
        "javascript:alert(1)",
        "data:text/html,<script>",
        "https://user:pw@evil.example",
        "//evil.example",
        "https://ok.example/a b",
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.constantFrom("video", "repository", "slides", "other"), hostileString), url), {
          maxLength: 10,
        }),
        (rows) => {
          const { links, errors } = parseLinks(
            rows.map(([k]) => k),
            rows.map(([, u]) => u),
          );
          for (const link of links) {
            const parsed = new URL(link.url);
            expect(parsed.protocol).toMatch(/^https?:$/);
            expect(parsed.username + parsed.password).toBe("");
          }
          if (links.length > MAX_LINKS) expect(errors.links).toBeDefined();
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("parseBallotForm never throws and reads scores as whole numbers or NaN, ids as integer ids", () => {
    fc.assert(
      fc.property(formEntries(["demoId", "score-1", "score-2", "feedback", "organiserNote"]), (entries) => {
        const input = parseBallotForm(formDataToObject(toFormData(entries)));
        // "0" reads as demo 0, which matches no row (a 404), so only the column's range matters here.
        if (input.demoId !== null) expect(Number.isInteger(input.demoId) && input.demoId <= INT_MAX).toBe(true);
        for (const [id, score] of Object.entries(input.scores)) {
          expect(Number(id)).toBeLessThanOrEqual(INT_MAX);
          if (score !== null) expect(Number.isNaN(score) || Number.isInteger(score)).toBe(true);
        }
        expect(input.feedback).toBe(input.feedback.trim());
      }),
      { numRuns: RUNS },
    );
  });

  it("the URL parsers (board, gallery, archive) never throw and refuse what they cannot use", () => {
    const query = fc.array(
      fc.tuple(
        fc.constantFrom(
          "q",
          "skill",
          "tag",
          "department",
          "looking",
          "team",
          "sort",
          "page",
          "week",
          "award",
          "outcome",
          "__proto__",
        ),
        hostileString,
      ),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(query, (pairs) => {
        const url = new URL("http://expedition.invalid/weeks/x/ideas");
        for (const [key, value] of pairs) url.searchParams.append(key, value);
        for (const parse of [parseBoardQuery, parseGalleryQuery, parseArchiveGalleryQuery]) {
          const result = parse(url);
          if (result.success) {
            checkNumbers(result.data);
            page(result.data.page);
          } else expect(result.error.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("parseEnv either returns a valid configuration or throws one readable error naming the variable", () => {
    const names = [
      "PORT",
      "DATABASE_URL",
      "DATABASE_POOL_SIZE",
      "APP_ORIGIN",
      "TRUST_PROXY",
      "SESSION_MAX_AGE_DAYS",
      "OIDC_ISSUER",
      "JOBS",
      "LOG_LEVEL",
    ];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), hostileString, { maxKeys: 4 }), (source) => {
        try {
          const env = parseEnv(source);
          expect(Number.isInteger(env.PORT) && env.PORT >= 1 && env.PORT <= 65535).toBe(true);
          expect(env.DATABASE_POOL_SIZE).toBeLessThanOrEqual(200);
          if (env.DATABASE_URL) expect(env.DATABASE_URL).toMatch(/^postgres(ql)?:\/\//);
        } catch (error) {
          expect(String(error)).toContain("Invalid environment configuration");
          expect([...Object.keys(source), "OIDC_CLIENT_ID"].some((name) => String(error).includes(`${name}:`))).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
