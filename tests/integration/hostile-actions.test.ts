import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import type { Database } from "~db/client";
import { criteria, demos, ideas, judgeAssignments, judges, notifications, teams } from "~db/schema";
import { createProject } from "../support/archive-factories";
import { changedTables, databaseFingerprint } from "../support/db-fingerprint";
import {
  createDepartment,
  createIdea,
  createScratchDatabase,
  createTeam,
  createUser,
  createWeekInPhase,
  type TestUser,
} from "../support/factories";
import { GOOD_IDEA, hostileString, PROTO_KEYS } from "../support/hostile";
import { setPublished } from "../support/outcome-factories";
import { hasProductionBuild, type ProductionServer, startProductionServer } from "../support/prod-server";
import { insertNomination } from "../support/recognition-factories";
import { routeModules } from "../support/route-inventory";

/*
 * HTTP fuzz of every action and loader of the production server. Each route with an action gets
 * fast-check-generated hostile form bodies (wrong types, missing and duplicated fields, huge values,
 * unicode, null bytes, prototype names, unknown intents, broken encodings, wrong content types) from a
 * user allowed to use it; every answer must be 2xx/3xx/4xx, never 5xx, and a refused request (4xx)
 * must leave every table exactly as it was. Loaders get hostile path parameters and query strings.
 *
 * A route added to app/routes.ts with an action needs an entry in TARGETS (the first test says which).
 * HOSTILE_SEED=<n> replays a run; HOSTILE_RUNS=<n> changes the requests per action (default 24);
 * HOSTILE_TRACE=1 prints each body before it is sent.
 */

const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.HOSTILE_RUNS ?? 24);
const root = path.resolve(import.meta.dirname, "../..");

type Fixture = Awaited<ReturnType<typeof buildFixture>>;
type Actor = "anonymous" | "logout" | "participant" | "lead" | "judge" | "voter" | "organiser";

/** Every route with an action: where to post, as whom (someone allowed to, so the fuzz reaches the action's rules). */
const TARGETS: Record<string, { url: (f: Fixture) => string; actor: Actor }> = {
  "routes/auth/login.tsx": { url: () => "/login", actor: "anonymous" },
  "routes/auth/signup.tsx": { url: () => "/signup", actor: "anonymous" },
  "routes/auth/logout.tsx": { url: () => "/logout", actor: "logout" },
  "routes/theme.ts": { url: () => "/theme", actor: "anonymous" },
  "routes/ideas/new.tsx": { url: (f) => `/weeks/${f.wPitch.slug}/ideas/new`, actor: "participant" },
  "routes/ideas/idea.tsx": { url: (f) => `/ideas/${f.ideaPitch.id}`, actor: "participant" },
  "routes/ideas/edit.tsx": { url: (f) => `/ideas/${f.ideaPitch.id}/edit`, actor: "participant" },
  "routes/notifications.tsx": { url: () => "/notifications", actor: "participant" },
  "routes/outcomes/record.tsx": { url: (f) => `/demos/${f.projectR.demo.id}/outcome`, actor: "lead" },
  "routes/recognition/nominations.tsx": { url: () => "/nominations", actor: "participant" },
  "routes/recognition/nominate.tsx": { url: () => "/nominations/new", actor: "participant" },
  "routes/recognition/kudos.ts": { url: () => "/kudos", actor: "participant" },
  "routes/demos/demo.tsx": { url: (f) => `/demos/${f.projectV2.demo.id}`, actor: "voter" },
  "routes/demos/edit.tsx": { url: (f) => `/teams/${f.projectD.team.id}/demo`, actor: "lead" },
  "routes/demos/schedule.tsx": { url: (f) => `/weeks/${f.wDemo.slug}/schedule`, actor: "participant" },
  "routes/voting/ballot.tsx": { url: (f) => `/weeks/${f.wVote.slug}/ballot`, actor: "judge" },
  "routes/voting/vote.ts": { url: (f) => `/weeks/${f.wVote.slug}/vote`, actor: "voter" },
  "routes/settings/password.tsx": { url: () => "/settings/password", actor: "participant" },
  "routes/settings/profile.tsx": { url: () => "/settings/profile", actor: "participant" },
  "routes/teams/team.tsx": { url: (f) => `/teams/${f.teamT.id}`, actor: "lead" },
  "routes/teams/new.tsx": { url: (f) => `/ideas/${f.ideaFree.id}/team`, actor: "participant" },
  "routes/admin/week-new.tsx": { url: () => "/admin/weeks/new", actor: "organiser" },
  "routes/admin/week-edit.tsx": { url: (f) => `/admin/weeks/${f.wPitch.id}`, actor: "organiser" },
  "routes/admin/schedule.tsx": { url: (f) => `/admin/weeks/${f.wDemo.id}/schedule`, actor: "organiser" },
  "routes/admin/voting.tsx": { url: (f) => `/admin/weeks/${f.wVote.id}/voting`, actor: "organiser" },
  "routes/admin/results.tsx": { url: (f) => `/admin/weeks/${f.wResults.id}/results`, actor: "organiser" },
  "routes/admin/people.tsx": { url: () => "/admin/people", actor: "organiser" },
  "routes/admin/departments.tsx": { url: () => "/admin/departments", actor: "organiser" },
  "routes/admin/nominations.tsx": { url: () => "/admin/nominations", actor: "organiser" },
};

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Good bodies for the routes whose forms write the most text: the fuzz also sends these with one or two
 * fields swapped for hostile values (or dropped), so hostile text that passes validation is stored and
 * then has to render on every page that shows it.
 */
type Example = Record<string, string | undefined>;
const EXAMPLES: Record<string, (f: Fixture) => Example[]> = {
  "routes/ideas/new.tsx": () => [GOOD_IDEA],
  "routes/ideas/edit.tsx": () => [GOOD_IDEA],
  "routes/ideas/idea.tsx": () => [{ intent: "comment", body: "Count me in" }, { intent: "follow" }],
  "routes/teams/team.tsx": () => [
    { intent: "journal", body: "Day one: the pager is quieter" },
    { intent: "update", name: "Night owls", description: "We fix paging", openRoles: "go, sql", capacity: "5" },
  ],
  "routes/teams/new.tsx": () => [{ name: "Explorers", description: "We explore", openRoles: "go", capacity: "4" }],
  "routes/demos/edit.tsx": () => [
    {
      title: "Paging bot",
      summary: "It pages fewer people at night",
      built: "A bot",
      learnings: "Rust",
      tags: "ops",
      linkKind: "video",
      linkUrl: "https://example.com/video",
    },
  ],
  "routes/settings/profile.tsx": (f) => [
    {
      name: "Pat Doe",
      title: "Engineer",
      bio: "Likes engines",
      departmentId: String(f.actors.participant.departmentId),
      skills: "go",
      stretchGoals: "talks",
      mentorOffer: "Go",
      mentorAvailability: "Fridays",
    },
  ],
  "routes/recognition/nominate.tsx": (f) => [
    {
      nomineeType: "user",
      userId: String(f.actors.voter.id),
      kind: "talk",
      reason: "They rebuilt the pager and taught everyone how.",
    },
  ],
  "routes/recognition/kudos.ts": (f) => [
    { intent: "give", targetKind: "user", targetId: String(f.actors.voter.id), message: "Thanks!" },
  ],
  "routes/outcomes/record.tsx": () => [
    { intent: "outcome", status: "shipped", happenedOn: today(), note: "Live for everyone" },
    { intent: "impact", kind: "hours_saved", value: "120", measuredOn: today(), note: "Counted" },
  ],
  "routes/admin/departments.tsx": () => [{ name: "Platform", description: "Keeps the lights on" }],
  "routes/admin/voting.tsx": () => [
    { intent: "create-criterion", name: "Impact", description: "", weight: "1", scaleMin: "1", scaleMax: "5" },
  ],
  "routes/admin/results.tsx": () => [{ intent: "save-award", name: "Best in show", kind: "judged", citation: "The best" }],
};

async function buildFixture(db: Database) {
  const department = await createDepartment(db);
  // Users 1–12 are bystanders: an id typed by the fuzz (" 7 ", "3") lands on them, not on the actors.
  for (let i = 0; i < 12; i++) await createUser(db, { departmentId: department.id });
  const user = (roles: Array<"organiser" | "admin"> = []) => createUser(db, { departmentId: department.id, roles });
  const participant = await user();
  const lead = await user();
  const judge = await user();
  const voter = await user();
  const spareLead = await user();
  const organiser = await user(["organiser", "admin"]);
  await user(["admin"]); // so no fuzzed role change can remove the last administrator

  const wPitch = await createWeekInPhase(db, "pitching");
  const ideaPitch = await createIdea(db, { weekId: wPitch.id, author: participant });
  const wForm = await createWeekInPhase(db, "team_formation");
  const ideaFree = await createIdea(db, { weekId: wForm.id, author: participant });
  const ideaT = await createIdea(db, { weekId: wForm.id, author: lead });
  const teamT = await createTeam(db, { weekId: wForm.id, ideaId: ideaT.id, leadId: lead.id, memberIds: [participant.id] });
  const wDemo = await createWeekInPhase(db, "demos");
  const projectD = await createProject(db, { week: wDemo, lead, members: [participant] });
  await db.update(teams).set({ confirmedAt: wDemo.exploringStartsAt }).where(eq(teams.id, projectD.team.id));
  const wVote = await createWeekInPhase(db, "voting", { peoplesChoiceVotes: 3 });
  const projectV = await createProject(db, { week: wVote, lead, members: [participant] });
  const projectV2 = await createProject(db, { week: wVote, lead: spareLead });
  await db.insert(criteria).values([
    { weekId: wVote.id, name: "Impact", position: 1 },
    { weekId: wVote.id, name: "Craft", position: 2 },
  ]);
  await db.insert(judges).values({ weekId: wVote.id, userId: judge.id });
  await db.insert(judgeAssignments).values([
    { weekId: wVote.id, judgeId: judge.id, demoId: projectV.demo.id },
    { weekId: wVote.id, judgeId: judge.id, demoId: projectV2.demo.id },
  ]);
  const wResults = await createWeekInPhase(db, "results");
  const projectR = await createProject(db, { week: wResults, lead, members: [participant] });
  await setPublished(db, wResults.id, new Date(Date.now() - 86_400_000));
  await insertNomination(db, { nominator: participant, userId: voter.id });
  await insertNomination(db, { nominator: voter, userId: participant.id });
  await db.insert(notifications).values({ userId: participant.id, kind: "kudos", message: "Hello", link: "/" });
  const actors: Record<Exclude<Actor, "anonymous" | "logout">, TestUser> = { participant, lead, judge, voter, organiser };
  return { actors, wPitch, ideaPitch, wForm, ideaFree, teamT, wDemo, projectD, wVote, projectV, projectV2, wResults, projectR };
}

// ---------------------------------------------------------------------------------------------
// What the fuzz sends

/** Field names and intents the app uses, read from its sources, so bodies reach past "unknown intent". */
function vocabulary(): { fields: string[]; intents: string[] } {
  const fields = new Set<string>();
  const intents = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.tsx?$/.test(name)) {
        const source = readFileSync(full, "utf8");
        for (const m of source.matchAll(/\bname="([\w-]+)"/g)) fields.add(m[1] ?? "");
        for (const m of source.matchAll(/^\s{2,}(\w+): z\b/gm)) fields.add(m[1] ?? "");
        for (const m of source.matchAll(/intent: z\.literal\("([\w-]+)"\)/g)) intents.add(m[1] ?? "");
        for (const m of source.matchAll(
          /value="([\w-]+:?\d*)"[^>]*name="(?:intent|op)"|name="(?:intent|op)"[^>]*value="([\w-]+:?\d*)"/g,
        )) {
          intents.add(m[1] ?? m[2] ?? "");
        }
      }
    }
  };
  walk(path.join(root, "app"));
  fields.delete("");
  intents.delete("");
  return { fields: [...fields].sort(), intents: [...intents].sort() };
}

type Body = { label: string; contentType?: string; body: string | FormData | Uint8Array };

function bodyArbitrary(fields: string[], intents: string[], ids: string[]): fc.Arbitrary<Body> {
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...fields), weight: 6 },
    { arbitrary: fc.constantFrom(...PROTO_KEYS), weight: 1 },
    { arbitrary: hostileString, weight: 1 },
  );
  const value = fc.oneof(
    { arbitrary: hostileString, weight: 6 },
    { arbitrary: fc.constantFrom(...ids), weight: 2 },
    { arbitrary: fc.constantFrom("on", "true", "false", "up", "down", "vote", "user", "team", "talk", "shipped"), weight: 1 },
  );
  const intent = fc.oneof({ arbitrary: fc.constantFrom(...intents), weight: 4 }, { arbitrary: hostileString, weight: 1 });
  const entries = fc
    .tuple(
      fc.option(fc.tuple(fc.constantFrom("intent", "op"), intent), { nil: undefined }),
      fc.array(fc.tuple(key, value), { maxLength: 10 }),
      fc.boolean(),
    )
    .map(([first, rest, duplicate]) => {
      const list: Array<[string, string]> = first ? [first, ...rest] : rest;
      // The same field twice (a checkbox group, or a script): the app must pick one or refuse.
      return duplicate && list[0] ? [...list, [list[0][0], "9"] as [string, string]] : list;
    });
  return fc.oneof(
    {
      weight: 5,
      arbitrary: entries.map((list) => ({
        label: "urlencoded",
        body: new URLSearchParams(list).toString(),
        contentType: "application/x-www-form-urlencoded",
      })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(entries, fc.boolean()).map(([list, withFile]) => {
        const form = new FormData();
        for (const [k, v] of list) form.append(k, v);
        if (withFile) form.append("images", new Blob(["<script>alert(1)</script>"], { type: "image/png" }), "x.png");
        return { label: "multipart", body: form };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        {
          label: "broken percent-encoding",
          body: "intent=%E0%A4%A&title=%zz%&body=%C0%AE",
          contentType: "application/x-www-form-urlencoded",
        },
        {
          label: "invalid UTF-8 bytes",
          body: new Uint8Array([0x69, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0x3d, 0xff, 0xfe, 0xc3]),
          contentType: "application/x-www-form-urlencoded",
        },
        { label: "JSON body", body: '{"intent":"follow","__proto__":{"admin":true}}', contentType: "application/json" },
        { label: "text body", body: "intent=follow", contentType: "text/plain" },
        {
          label: "multipart without its boundary",
          body: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nfollow\r\n--x--',
          contentType: "multipart/form-data; boundary=y",
        },
        {
          label: "truncated multipart",
          body: '--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nfoll',
          contentType: "multipart/form-data; boundary=b",
        },
        { label: "empty body", body: "" },
        {
          label: "1.5 MB of fields",
          body: `intent=comment&body=${"x".repeat(1_500_000)}`,
          contentType: "application/x-www-form-urlencoded",
        },
      ),
    },
  );
}

/**
 * A 200 page that shows the form again with its errors: the action's data (serialised into the page for
 * hydration) says `ok: false`. Such a refusal must change nothing either.
 */
function refusedInPlace(res: { status: number; text: string }): boolean {
  return res.status === 200 && /\\"actionData\\",\{/.test(res.text) && res.text.includes('\\"ok\\",false');
}

/** A good body with one or two fields replaced by hostile values or dropped, sent urlencoded. */
function mutatedExample(examples: Example[]): fc.Arbitrary<Body> {
  const keys = [...new Set(examples.flatMap((e) => Object.keys(e)))].filter((k) => k !== "intent");
  return fc
    .tuple(
      fc.constantFrom(...examples),
      fc.dictionary(fc.constantFrom(...keys), fc.option(hostileString), { minKeys: 1, maxKeys: 2 }),
    )
    .map(([example, changes]) => {
      const fields: Record<string, string> = {};
      for (const [key, value] of Object.entries(example)) if (value !== undefined) fields[key] = value;
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) delete fields[key];
        else fields[key] = value;
      }
      return {
        label: "mutated example",
        body: new URLSearchParams(fields).toString(),
        contentType: "application/x-www-form-urlencoded",
      };
    });
}

const hasBuild = hasProductionBuild();

describe.runIf(hasBuild)("hostile input over HTTP", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let server: ProductionServer;
  let f: Fixture;
  let fingerprint: Awaited<ReturnType<typeof databaseFingerprint>>;
  const cookies = new Map<Actor, string>();
  const sent = { actions: 0, loaders: 0 };
  const statuses = new Map<number, number>();
  let restarts = 0;

  beforeAll(async () => {
    scratch = await createScratchDatabase("hostile_http");
    f = await buildFixture(scratch.db);
    for (const [actor, u] of Object.entries(f.actors)) {
      cookies.set(actor as Actor, `${SESSION_COOKIE}=${(await createSession(scratch.db, u.id)).token}`);
    }
    // Sessions move on every request; sign-in failures and rate limits are counted on purpose.
    fingerprint = await databaseFingerprint(scratch.db, { sessions: "*", login_throttles: "*" });
    server = await startProductionServer({ DATABASE_URL: scratch.url, LOG_LEVEL: "info" });
  }, 90_000);

  afterAll(async () => {
    if (server && (server.child.exitCode !== null || server.child.signalCode !== null)) {
      console.error(
        `the server exited early (${server.child.exitCode ?? server.child.signalCode}):\n${server.output().slice(-6000)}`,
      );
    }
    await server?.stop();
    await scratch?.drop();
    const answers = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
    console.info(
      `hostile HTTP: seed ${SEED}, ${sent.actions} action requests (${answers.join(" ")}), ${sent.loaders} loader requests`,
    );
  });

  async function cookieOf(actor: Actor): Promise<string | undefined> {
    if (actor === "anonymous") return undefined;
    // Signing out ends the session: each request to /logout gets a fresh one.
    if (actor === "logout") return `${SESSION_COOKIE}=${(await createSession(scratch.db, f.actors.voter.id)).token}`;
    return cookies.get(actor);
  }

  async function send(method: "GET" | "POST", url: string, actor: Actor, body?: Body) {
    const headers: Record<string, string> = { Origin: server.origin };
    const cookie = await cookieOf(actor);
    if (cookie) headers.Cookie = cookie;
    if (body?.contentType) headers["Content-Type"] = body.contentType;
    const attempt = () =>
      fetch(`${server.origin}${url}`, {
        method,
        headers,
        body: body?.body as BodyInit | undefined,
        redirect: "manual",
        signal: AbortSignal.timeout(15_000),
      });
    const res = await attempt().catch(async (error: unknown) => {
      // On this shared machine other processes have sent the server SIGTERM: it drains and exits 0. A refused
      // connection never reached the app, so start it again on the same database and retry (a crash fails).
      const refused = ((error as { cause?: { code?: string } }).cause?.code ?? "") === "ECONNREFUSED";
      if (refused && /"signal":"SIGTERM"/.test(server.output()) && restarts < 3) {
        restarts++;
        console.warn(`hostile HTTP: the server was stopped from outside; restarting it\n${server.output().slice(-300)}`);
        await server.stop();
        server = await startProductionServer({ DATABASE_URL: scratch.url, LOG_LEVEL: "info" });
        return attempt();
      }
      const state = `exit ${server.child.exitCode}, signal ${server.child.signalCode}`;
      throw new Error(
        `${method} ${url.slice(0, 200)} got no answer (${String(error)}; server ${state}):\n${server.output().slice(-3000)}`,
      );
    });
    // An event stream never ends: its status is all we need.
    const text = (res.headers.get("content-type") ?? "").includes("event-stream") ? "" : await res.text();
    if (res.body && !res.bodyUsed) await res.body.cancel();
    return { status: res.status, text };
  }

  test("every route with an action has a target in TARGETS", () => {
    const actions = routeModules()
      .filter((r) => r.action)
      .map((r) => r.file);
    expect(actions.filter((file) => !(file in TARGETS))).toEqual([]);
    expect(Object.keys(TARGETS).filter((file) => !actions.includes(file))).toEqual([]);
  });

  test(`every action, given hostile bodies, answers 2xx/3xx/4xx and a refusal changes nothing`, async () => {
    const { fields, intents } = vocabulary();
    const ids = [f.ideaPitch.id, f.ideaFree.id, f.teamT.id, f.projectV.demo.id, f.projectV2.demo.id, f.wVote.id, f.wPitch.id].map(
      String,
    );
    const generic = bodyArbitrary(fields, intents, ids);
    const failures: string[] = [];
    let refusals = 0;
    for (const [index, [file, target]] of Object.entries(TARGETS).entries()) {
      const url = target.url(f);
      const examples = EXAMPLES[file]?.(f);
      const arbitrary = examples ? fc.oneof(generic, mutatedExample(examples)) : generic;
      for (const body of fc.sample(arbitrary, { numRuns: RUNS, seed: SEED + index })) {
        const before = await fingerprint.read();
        if (process.env.HOSTILE_TRACE)
          console.info(file, body.label, String(body.body instanceof FormData ? "form" : body.body).slice(0, 120));
        const res = await send("POST", url, target.actor, body);
        sent.actions++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const shown =
          body.body instanceof FormData
            ? JSON.stringify([...body.body].map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 80) : "<file>"]))
            : String(body.body).slice(0, 300);
        if (res.status >= 500) failures.push(`${file}: POST ${url} ${body.label} ${shown} → ${res.status}`);
        else if (res.status >= 400 || refusedInPlace(res)) {
          refusals++;
          const changed = changedTables(before, await fingerprint.read());
          if (changed.length > 0)
            failures.push(`${file}: POST ${url} ${body.label} ${shown} → ${res.status} but changed ${changed.join(", ")}`);
        }
      }
    }
    expect(failures, `seed ${SEED}; server log:\n${server.output().slice(-4000)}`).toEqual([]);
    // Most hostile bodies are refused; the check above ran on each of them.
    expect(refusals).toBeGreaterThan(sent.actions / 2);
  }, 600_000);

  test("every page that shows what the fuzz stored still renders (no 5xx)", async () => {
    const [ideaRows, teamRows, demoRows] = await Promise.all([
      scratch.db.select({ id: ideas.id }).from(ideas),
      scratch.db.select({ id: teams.id }).from(teams),
      scratch.db.select({ id: demos.id }).from(demos),
    ]);
    const pages = [
      "/",
      `/weeks/${f.wPitch.slug}/ideas`,
      `/weeks/${f.wForm.slug}/teams`,
      `/weeks/${f.wDemo.slug}/demos`,
      `/weeks/${f.wVote.slug}/ballot`,
      `/demos/${f.projectR.demo.id}/outcome`,
      `/teams/${f.projectD.team.id}/demo`,
      "/people",
      `/people/${f.actors.participant.id}`,
      `/people/${f.actors.participant.id}/portfolio.md`,
      `/people/${f.actors.voter.id}`,
      "/nominations",
      "/notifications",
      "/archive/demos",
      "/stats",
      "/admin/nominations",
      "/admin/departments",
      "/admin/audit",
      `/admin/weeks/${f.wVote.id}/voting`,
      `/admin/weeks/${f.wResults.id}/results`,
      ...ideaRows.map((r) => `/ideas/${r.id}`),
      ...teamRows.map((r) => `/teams/${r.id}`),
      ...demoRows.map((r) => `/demos/${r.id}`),
    ];
    const failures: string[] = [];
    for (const url of pages) {
      for (const who of ["participant", "lead", "judge", "organiser"] as const) {
        const res = await send("GET", url, who);
        sent.loaders++;
        if (res.status >= 500) failures.push(`GET ${url} as ${who} → ${res.status}`);
      }
    }
    expect(failures, `server log:\n${server.output().slice(-4000)}`).toEqual([]);
  }, 300_000);

  const HOSTILE_PARAMS = [
    "abc",
    "-1",
    "0",
    "1.5",
    "1e3",
    "0x1",
    "99999999999999999999",
    "2147483648",
    "%00",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "..%2F..%2Fetc%2Fpasswd",
    "%E0%A4%A",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%20",
    "%C0%AE%C0%AE",
    "%F0%9F%98%80",
  ];
  const HOSTILE_QUERIES = [
    "page=1e309&sort=%3Cscript%3E&q=%00&department=-1&week=..&status=__proto__",
    "page=-1&kind=%E0%A4%A&tag=%00&outcome=nope&award=%07",
    "page=99999999999999999999&team=maybe&looking=2&open=yes&mine=0",
    `q=${"a".repeat(5_000)}&skill=${"s".repeat(300)}&skill=x&skill=y`,
    "__proto__%5Bx%5D=1&constructor=1&toString=2&page=%20",
    "redirectTo=https%3A%2F%2Fevil.example&title=%00&summary=%uD800&exclude=1e9",
  ];

  /** Loaders that do not read a parameter of their URL, so a hostile value there is simply not used. */
  const IGNORED_PARAMS: Record<string, string> = {
    "routes/ideas/similar.ts": "searches every week's ideas for the pitch form; the week in its URL is not read",
  };

  /** A concrete URL for a route pattern, with real fixture values where they fit. */
  function concrete(pattern: string): string {
    return pattern
      .replace(":slug", f.wVote.slug)
      .replace(":ideaId", String(f.ideaPitch.id))
      .replace(":demoId", String(f.projectV2.demo.id))
      .replace(":teamId", String(f.teamT.id))
      .replace(":weekId", String(f.wVote.id))
      .replace(":userId", String(f.actors.voter.id))
      .replace(":kind", "demos")
      .replace(":imageId", "1")
      .replace("*", "nowhere");
  }

  test("every loader, given hostile path parameters, answers 4xx; given hostile query strings, never 5xx", async () => {
    const failures: string[] = [];
    const routes = routeModules().filter((r) => r.loader && r.path);
    for (const route of routes) {
      const pattern = route.path as string;
      const actor: Actor = TARGETS[route.file]?.actor ?? "organiser";
      const who = actor === "logout" ? "participant" : actor;
      for (const param of pattern.match(/:\w+/g) ?? []) {
        for (const value of HOSTILE_PARAMS) {
          const url = concrete(pattern.replace(param, value));
          const res = await send("GET", url, who);
          sent.loaders++;
          const refused = res.status >= 400 && res.status < 500;
          if (!(refused || (route.file in IGNORED_PARAMS && res.status < 500)))
            failures.push(`GET ${url} as ${who} → ${res.status}`);
        }
      }
      for (const query of HOSTILE_QUERIES) {
        const url = `${concrete(pattern)}?${query}`;
        const res = await send("GET", url, who);
        sent.loaders++;
        if (res.status >= 500) failures.push(`GET ${url.slice(0, 200)} as ${who} → ${res.status}`);
      }
    }
    expect(failures, `server log:\n${server.output().slice(-4000)}`).toEqual([]);
  }, 600_000);
});
