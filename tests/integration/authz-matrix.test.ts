import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { rotateCalendarToken } from "~/demoday/schedule.server";
import { publishResults } from "~/voting/results.server";
import { weekToFormValues } from "~/weeks/week-form.server";
import type { Database } from "~db/client";
import {
  ballots,
  criteria,
  ideaComments,
  joinRequests,
  judgeAssignments,
  judges,
  kudos,
  nominations,
  notifications,
  passwordCredentials,
  teamJournal,
  teamMembers,
  teams,
} from "~db/schema";
import { addScreenshot, createProject, recordOutcome } from "../support/archive-factories";
import { changedTables, databaseFingerprint } from "../support/db-fingerprint";
import {
  createDepartment,
  createIdea,
  createScratchDatabase,
  createTeam,
  createUser,
  createWeekInPhase,
  type TestUser,
  uid,
} from "../support/factories";
import { hasProductionBuild, type ProductionServer, startProductionServer } from "../support/prod-server";
import { insertNomination, REASON } from "../support/recognition-factories";
import { type RouteModule, routeModules } from "../support/route-inventory";

/*
 * The authorisation matrix: every route module of app/routes.ts, each loader and action, requested
 * over real HTTP from the production server by every kind of actor, against a database of its own.
 * A request the matrix expects to be refused must also leave every table exactly as it was.
 *
 * Adding a route? Add an entry to MATRIX below (keyed by the module's file as app/routes.ts names it):
 * the URL with real fixture ids, and for its loader and/or action who may do it. The first test fails
 * naming any route, loader or action without an entry (and any entry whose route is gone).
 */

const ACTORS = ["anonymous", "participant", "otherParticipant", "teamLead", "judge", "otherJudge", "organiser", "admin"] as const;
type Actor = (typeof ACTORS)[number];
type SignedIn = Exclude<Actor, "anonymous">;

/**
 * allow: 2xx, or a 3xx that does not lead to sign-in. login: a redirect to /login.
 * deny: 403 or 404 for a signed-in actor without the right. A number: exactly that status (below 400
 * it counts as allowed, e.g. sign-out's redirect to /login; from 400 as refused).
 */
type Expect = "allow" | "login" | "deny" | number;
const allowed = (e: Expect) => e === "allow" || (typeof e === "number" && e < 400);
type Expectations = Record<Actor, Expect>;

const everyone = (e: Expect = "allow"): Expectations => Object.fromEntries(ACTORS.map((a) => [a, e])) as Expectations;
/** Every signed-in actor may; anonymous is sent to sign in. */
const signedIn = (e: Expect = "allow"): Expectations => ({ ...everyone(e), anonymous: "login" });
/** Only `allowed` may; other signed-in actors are refused; anonymous is sent to sign in. */
const only = (...allowed: SignedIn[]): Expectations => ({
  ...signedIn("deny"),
  ...Object.fromEntries(allowed.map((a) => [a, "allow"])),
});
const organisers = () => only("organiser", "admin");

type Fixture = Awaited<ReturnType<typeof buildFixture>>;
type Body = Record<string, string> | FormData;

type Case = {
  /** Which intent this is (shown in failures). */
  name?: string;
  /** Overrides the route's URL for this case. */
  url?: (f: Fixture) => string;
  body?: (f: Fixture, actor: Actor) => Body | Promise<Body>;
  expect: Expectations;
  /**
   * Whether an allowed request must change the database (default: true for actions, false for loaders):
   * shows the body reaches the route's real work, so a refused request that changed nothing means something.
   */
  writes?: boolean;
  /** Sends a session made for this request alone (sign-in, sign-out and password changes end sessions). */
  freshSession?: boolean;
  /** Skips the "loader alone" request (a loader that answers the same to everyone, signed in or not). */
  notAlone?: boolean;
  /** Private words in the fixture: a page must show them to exactly these readers (none: to nobody). */
  secrets?: Array<{ text: (f: Fixture) => string; readers: Actor[] }>;
};

type Entry = {
  /** The URL with real fixture ids (for the pathless layout: a page inside it). */
  url: (f: Fixture) => string;
  loader?: Case | Case[];
  action?: Case | Case[];
};

const MATRIX: Record<string, Entry> = {
  // -- Public -------------------------------------------------------------------------------
  "routes/auth/login.tsx": {
    url: () => "/login",
    // A signed-in visitor is sent on (3xx, not to sign-in): allowed.
    loader: { expect: everyone() },
    action: {
      freshSession: true,
      body: (f) => ({ email: f.signInUser.email, password: PASSWORD }),
      expect: everyone(),
    },
  },
  "routes/auth/signup.tsx": {
    url: () => "/signup",
    loader: { expect: everyone() },
    action: {
      freshSession: true,
      body: (f) => ({
        name: `New Person ${uid()}`,
        email: `new-${uid()}@test.example`,
        departmentId: String(f.department.id),
        password: PASSWORD,
        confirm: PASSWORD,
      }),
      expect: everyone(),
    },
  },
  "routes/auth/logout.tsx": {
    url: () => "/logout",
    loader: { expect: everyone() },
    // Signing out deletes the session row and always ends on the sign-in page.
    action: { freshSession: true, expect: everyone(302), writes: true },
  },
  "routes/auth/oidc-start.ts": { url: () => "/auth/oidc/start", loader: { expect: everyone(404) } },
  // Without SSO configured the callback sends everyone back to sign-in with a message.
  "routes/auth/oidc-callback.ts": { url: () => "/auth/oidc/callback", loader: { expect: everyone(302) } },
  "routes/health/healthz.ts": { url: () => "/healthz", loader: { expect: everyone() } },
  "routes/health/readyz.ts": { url: () => "/readyz", loader: { expect: everyone() } },
  "routes/theme.ts": {
    url: () => "/theme",
    loader: { expect: everyone() },
    // The theme lives in a cookie, not the database.
    action: { body: () => ({ theme: "dark", redirectTo: "/" }), expect: everyone(), writes: false },
  },

  // -- Resource routes that need a session (or, for the calendar, its secret token) ----------
  "routes/demos/image.ts": { url: (f) => `/demo-images/${f.imageId}`, loader: { expect: signedIn() } },
  "routes/demos/calendar.ts": {
    url: (f) => `/weeks/${f.wVote.slug}/schedule.ics?token=${f.calendarToken}`,
    // Calendar apps send no cookie: the private token is the credential, whoever holds it.
    loader: [
      { name: "with the token", expect: everyone() },
      { name: "with a wrong token", url: (f) => `/weeks/${f.wVote.slug}/schedule.ics?token=x${uid()}`, expect: everyone(404) },
    ],
  },
  "routes/live/events.ts": { url: (f) => `/weeks/${f.wVote.slug}/live`, loader: { expect: signedIn() } },

  // -- The shell and its pages ---------------------------------------------------------------
  "routes/shell.tsx": { url: () => "/weeks", loader: { expect: signedIn() } },
  "routes/home.tsx": { url: () => "/", loader: { expect: signedIn() } },
  "routes/weeks/list.tsx": { url: () => "/weeks", loader: { expect: signedIn() } },
  "routes/weeks/week.tsx": { url: (f) => `/weeks/${f.wVote.slug}`, loader: { expect: signedIn() } },
  "routes/ideas/board.tsx": {
    url: (f) => `/weeks/${f.wPitch.slug}/ideas`,
    loader: { expect: signedIn(), secrets: [{ text: (f) => f.ideaGone.title, readers: [] }] },
  },
  "routes/ideas/new.tsx": {
    url: (f) => `/weeks/${f.wPitch.slug}/ideas/new`,
    loader: { expect: signedIn() },
    action: {
      body: () => ({ title: `Pitched ${uid()}`, summary: "A problem worth a week, and how we would try to solve it." }),
      expect: signedIn(),
    },
  },
  "routes/ideas/similar.ts": { url: (f) => `/weeks/${f.wPitch.slug}/ideas/similar?q=automation`, loader: { expect: signedIn() } },
  "routes/ideas/current.ts": { url: () => "/ideas", loader: { expect: signedIn() } },
  "routes/ideas/idea.tsx": {
    url: (f) => `/ideas/${f.ideaPitch.id}`,
    loader: [
      { expect: signedIn() },
      // A withdrawn idea is gone for everyone but its author and the organisers.
      { name: "withdrawn", url: (f) => `/ideas/${f.ideaGone.id}`, expect: only("participant", "organiser", "admin") },
    ],
    action: [
      { name: "comment", body: () => ({ intent: "comment", body: `A thought ${uid()}` }), expect: signedIn() },
      {
        name: "withdraw",
        url: (f) => `/ideas/${f.ideaWithdraw.id}`,
        body: () => ({ intent: "withdraw" }),
        // Its author, or organisers moderating.
        expect: only("participant", "organiser", "admin"),
      },
      {
        name: "edit-comment",
        body: async (f) => ({ intent: "edit-comment", commentId: String(await f.make.comment()), body: `Edited ${uid()}` }),
        // The other participant wrote the comment.
        expect: only("otherParticipant"),
      },
      {
        name: "delete-comment",
        body: async (f) => ({ intent: "delete-comment", commentId: String(await f.make.comment()) }),
        expect: only("otherParticipant"),
      },
      {
        name: "hide-comment",
        body: async (f) => ({ intent: "hide-comment", commentId: String(await f.make.comment()), reason: "Off topic here" }),
        expect: organisers(),
      },
    ],
  },
  "routes/ideas/edit.tsx": {
    url: (f) => `/ideas/${f.ideaPitch.id}/edit`,
    loader: { expect: only("participant", "organiser", "admin") },
    action: {
      body: () => ({ title: `Edited ${uid()}`, summary: "A problem worth a week, and how we would try to solve it." }),
      expect: only("participant", "organiser", "admin"),
    },
  },
  "routes/notifications.tsx": {
    url: () => "/notifications",
    loader: { expect: signedIn(), secrets: [{ text: (f) => f.secrets.notification, readers: ["participant"] }] },
    action: [
      { name: "read-all", body: () => ({ intent: "read-all" }), expect: signedIn() },
      {
        // Someone else's notification is not found.
        name: "open",
        body: async (f) => ({ intent: "open", id: String(await f.make.notification()) }),
        expect: only("participant"),
      },
    ],
  },
  "routes/archive/index.tsx": { url: () => "/archive", loader: { expect: signedIn() } },
  "routes/archive/gallery.tsx": { url: () => "/archive/demos", loader: { expect: signedIn() } },
  "routes/archive/week.tsx": { url: (f) => `/archive/${f.wResults.slug}`, loader: { expect: signedIn() } },
  "routes/archive/stats.tsx": { url: () => "/stats", loader: { expect: signedIn() } },
  "routes/outcomes/record.tsx": {
    url: (f) => `/demos/${f.projectR.demo.id}/outcome`,
    loader: { expect: signedIn() },
    action: [
      {
        name: "outcome",
        body: () => ({ intent: "outcome", status: "shipped", happenedOn: today(), note: `Shipped ${uid()}` }),
        expect: only("participant", "teamLead", "organiser", "admin"),
      },
      {
        name: "delete-outcome",
        body: async (f) => ({ intent: "delete-outcome", id: String(await f.make.outcomeUpdate()) }),
        expect: organisers(),
      },
    ],
  },
  "routes/recognition/nominations.tsx": {
    url: () => "/nominations",
    // Your own nominations are yours to see; a pending one about someone is not shown to them.
    loader: {
      expect: signedIn(),
      secrets: [
        { text: (f) => f.secrets.nomination, readers: ["participant"] },
        { text: (f) => f.secrets.pendingNomination, readers: [] },
      ],
    },
    action: {
      body: (f) => ({ intent: "withdraw", nominationId: String(f.nomination.id) }),
      expect: only("participant"),
    },
  },
  "routes/recognition/nominate.tsx": {
    url: () => "/nominations/new",
    loader: { expect: signedIn() },
    action: {
      body: (f) => ({
        nomineeType: "user",
        userId: String(f.spare.id),
        kind: "talk",
        reason: `Explained the on-call automation so clearly that three teams adopted it (${uid()}).`,
      }),
      expect: signedIn(),
    },
  },
  "routes/recognition/kudos.ts": {
    url: () => "/kudos",
    // Kudos are only given by POST: a GET answers 405 to anyone, with nothing in it.
    loader: { expect: everyone(405) },
    action: [
      {
        name: "give",
        body: (f) => ({ intent: "give", targetKind: "user", targetId: String(f.spare.id), message: `Thank you ${uid()}` }),
        expect: signedIn(),
      },
      {
        // The participant's kudos: its author removes it, organisers hide it.
        name: "remove",
        body: async (f) => ({ intent: "remove", kudosId: String(await f.make.kudos()) }),
        expect: only("participant", "organiser", "admin"),
      },
    ],
  },
  "routes/people/portfolio-md.ts": {
    url: (f) => `/people/${f.participant.id}/portfolio.md`,
    // Only accepted nominations belong to a portfolio.
    loader: { expect: signedIn(), secrets: [{ text: (f) => f.secrets.pendingNomination, readers: [] }] },
  },
  "routes/demos/current.ts": { url: () => "/demos", loader: { expect: signedIn() } },
  "routes/demos/gallery.tsx": { url: (f) => `/weeks/${f.wVote.slug}/demos`, loader: { expect: signedIn() } },
  "routes/demos/demo.tsx": {
    url: (f) => `/demos/${f.projectD.demo.id}`,
    loader: { expect: signedIn() },
    action: {
      name: "extend",
      body: (f) => ({ intent: "extend", until: f.extendUntil }),
      expect: organisers(),
    },
  },
  "routes/demos/edit.tsx": {
    url: (f) => `/teams/${f.projectD.team.id}/demo`,
    loader: { expect: only("participant", "teamLead", "organiser", "admin") },
    action: {
      body: () => ({ title: `Demo ${uid()}`, summary: "What we built and what it shows." }),
      expect: only("participant", "teamLead", "organiser", "admin"),
    },
  },
  "routes/demos/schedule.tsx": {
    url: (f) => `/weeks/${f.wVote.slug}/schedule`,
    loader: { expect: signedIn() },
    // Each person's own calendar link.
    action: { body: () => ({ intent: "calendar-create" }), expect: signedIn() },
  },
  "routes/voting/ballot.tsx": {
    url: (f) => `/weeks/${f.wVote.slug}/ballot`,
    loader: { expect: only("judge") },
    action: [
      {
        name: "save",
        body: (f) => ({
          intent: "save",
          demoId: String(f.projectV.demo.id),
          [`score-${f.criterionIds[0]}`]: "4",
          [`score-${f.criterionIds[1]}`]: "3",
          feedback: `Good work ${uid()}`,
        }),
        expect: only("judge"),
      },
      {
        name: "conflict",
        body: (f) => ({
          intent: "conflict",
          demoId: String(f.projectV2.demo.id),
          reason: "I advised this team during the week.",
        }),
        expect: only("judge"),
      },
    ],
  },
  "routes/voting/vote.ts": {
    url: (f) => `/weeks/${f.wVote.slug}/vote`,
    action: { body: (f) => ({ intent: "vote", demoId: String(f.projectV2.demo.id) }), expect: signedIn() },
  },
  "routes/voting/results.tsx": {
    url: (f) => `/weeks/${f.wResults.slug}/results`,
    loader: {
      expect: signedIn(),
      secrets: [
        // A judge's feedback goes to the team alone; the note for organisers never reaches this page.
        { text: (f) => f.secrets.feedback, readers: ["participant", "teamLead"] },
        { text: (f) => f.secrets.organiserNote, readers: [] },
      ],
    },
  },
  "routes/people/directory.tsx": { url: () => "/people", loader: { expect: signedIn() } },
  "routes/people/person.tsx": {
    url: (f) => `/people/${f.participant.id}`,
    loader: { expect: signedIn(), secrets: [{ text: (f) => f.secrets.pendingNomination, readers: [] }] },
  },
  "routes/settings/password.tsx": {
    url: () => "/settings/password",
    loader: { expect: signedIn() },
    action: {
      freshSession: true,
      body: () => ({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
      expect: signedIn(),
    },
  },
  "routes/settings/profile.tsx": {
    url: () => "/settings/profile",
    loader: { expect: signedIn() },
    action: { body: (f) => ({ name: `Renamed ${uid()}`, departmentId: String(f.department.id) }), expect: signedIn() },
  },
  "routes/teams/current.ts": { url: () => "/teams", loader: { expect: signedIn() } },
  "routes/teams/list.tsx": { url: (f) => `/weeks/${f.wTeam.slug}/teams`, loader: { expect: signedIn() } },
  "routes/teams/team.tsx": {
    url: (f) => `/teams/${f.projectT.team.id}`,
    loader: {
      expect: signedIn(),
      // Someone's request to join (and its message) is for the team's lead and the organisers.
      secrets: [{ text: (f) => f.secrets.joinMessage, readers: ["teamLead", "organiser", "admin"] }],
    },
    action: [
      {
        name: "update",
        body: () => ({ intent: "update", name: `Team ${uid()}`, capacity: "6" }),
        expect: only("teamLead", "organiser", "admin"),
      },
      {
        name: "journal",
        body: () => ({ intent: "journal", body: `Today we learned ${uid()}` }),
        expect: only("participant", "teamLead", "organiser", "admin"),
      },
      {
        // The participant's own update: its author, or organisers.
        name: "delete-journal",
        body: async (f) => ({ intent: "delete-journal", entryId: String(await f.make.journalEntry()) }),
        expect: only("participant", "organiser", "admin"),
      },
      {
        name: "invite",
        body: async (f) => ({ intent: "invite", userId: String((await f.make.person()).id), message: "Join us" }),
        expect: only("teamLead", "organiser", "admin"),
      },
      {
        // Moving someone out of a team (its own, roomier team, so the people added for refused requests fit).
        name: "move",
        url: (f) => `/teams/${f.roomyTeam.id}`,
        body: async (f) => ({ intent: "move", userId: String(await f.make.roomyMember()), toTeamId: "none" }),
        expect: organisers(),
      },
      {
        // A request to join from someone else: the lead (or an organiser) answers it.
        name: "respond",
        body: async (f) => ({ intent: "respond", requestId: String(await f.make.joinRequest()), accept: "false" }),
        expect: only("teamLead", "organiser", "admin"),
      },
    ],
  },
  "routes/teams/new.tsx": {
    url: (f) => `/ideas/${f.ideaFree.id}/team`,
    loader: { expect: only("participant", "organiser", "admin") },
    // The first allowed request forms the team; later ones are sent to it (3xx).
    action: { body: () => ({ name: `Team ${uid()}`, capacity: "5" }), expect: only("participant", "organiser", "admin") },
  },
  // Answers 404 to everyone on its own (nothing to leak); the layout sends anonymous visitors to sign in.
  "routes/not-found.tsx": { url: () => "/no/such/page", loader: { expect: signedIn(404), notAlone: true } },

  // -- Administration ------------------------------------------------------------------------
  "routes/admin/index.tsx": { url: () => "/admin", loader: { expect: organisers() } },
  "routes/admin/weeks.tsx": { url: () => "/admin/weeks", loader: { expect: organisers() } },
  "routes/admin/week-new.tsx": {
    url: () => "/admin/weeks/new",
    loader: { expect: organisers() },
    action: {
      body: (f) => ({ ...weekToFormValues(f.wPitch), name: `Week ${uid()}`, slug: `matrix-${uid()}` }),
      expect: organisers(),
    },
  },
  "routes/admin/week-edit.tsx": {
    url: (f) => `/admin/weeks/${f.wPitch.id}`,
    loader: { expect: organisers() },
    action: { body: (f) => ({ ...weekToFormValues(f.wPitch), name: `Week ${uid()}` }), expect: organisers() },
  },
  "routes/admin/schedule.tsx": {
    url: (f) => `/admin/weeks/${f.wVote.id}/schedule`,
    loader: { expect: organisers() },
    action: { body: () => ({ op: "interleave" }), expect: organisers() },
  },
  "routes/admin/voting.tsx": {
    url: (f) => `/admin/weeks/${f.wVote.id}/voting`,
    loader: { expect: organisers() },
    // Voting settings are changed before voting opens: the pitching week's.
    action: {
      url: (f) => `/admin/weeks/${f.wPitch.id}/voting`,
      body: () => ({ intent: "settings", judgesPerDemo: String(1 + Math.floor(Math.random() * 5)) }),
      expect: organisers(),
    },
  },
  "routes/admin/dashboard.tsx": { url: (f) => `/admin/weeks/${f.wVote.id}/dashboard`, loader: { expect: organisers() } },
  "routes/admin/results.tsx": {
    url: (f) => `/admin/weeks/${f.wVote.id}/results`,
    loader: { expect: organisers() },
    action: { body: () => ({ intent: "save-award", name: `Award ${uid()}`, kind: "judged" }), expect: organisers() },
  },
  "routes/admin/export.ts": { url: (f) => `/admin/weeks/${f.wVote.id}/export/scores.csv`, loader: { expect: organisers() } },
  "routes/admin/people.tsx": {
    url: () => "/admin/people",
    loader: { expect: only("admin") },
    action: [
      {
        name: "role",
        body: (f) => ({ intent: "role", userId: String(f.spare.id), role: "organiser", grant: "true" }),
        expect: only("admin"),
      },
      {
        name: "deactivate",
        body: async (f) => ({ intent: "deactivate", userId: String((await f.make.person()).id), deactivated: "true" }),
        expect: only("admin"),
      },
    ],
  },
  "routes/admin/departments.tsx": {
    url: () => "/admin/departments",
    loader: { expect: only("admin") },
    action: { body: () => ({ name: `Department ${uid()}` }), expect: only("admin") },
  },
  "routes/admin/audit.tsx": { url: () => "/admin/audit", loader: { expect: organisers() } },
  "routes/admin/outcomes.tsx": { url: () => "/admin/outcomes", loader: { expect: organisers() } },
  "routes/admin/nominations.tsx": {
    url: () => "/admin/nominations",
    loader: { expect: organisers(), secrets: [{ text: (f) => f.secrets.pendingNomination, readers: ["organiser", "admin"] }] },
    action: {
      body: (f) => ({
        intent: "decide",
        nominationId: String(f.nominationToDecide.id),
        toStatus: "accepted",
        note: `Noted ${uid()}`,
      }),
      expect: organisers(),
    },
  },
};

const PASSWORD = "correct horse battery staple";
const today = () => new Date().toISOString().slice(0, 10);
const NEW_PASSWORD = "another horse battery staple";

// ---------------------------------------------------------------------------------------------
// The fixture: one database of its own, with every kind of actor and the rows the routes act on.

async function buildFixture(db: Database) {
  const department = await createDepartment(db);
  const user = (roles: Array<"organiser" | "admin"> = []) => createUser(db, { departmentId: department.id, roles });
  const participant = await user();
  const otherParticipant = await user();
  const teamLead = await user();
  const judge = await user();
  const otherJudge = await user();
  const organiser = await user(["organiser"]);
  const admin = await user(["admin"]);
  const spare = await user();
  const spareLead = await user();
  const signInUser = await user();
  const actors: Record<SignedIn, TestUser> = { participant, otherParticipant, teamLead, judge, otherJudge, organiser, admin };
  // One hash for everyone (Argon2 is slow on purpose).
  const hash = await hashPassword(PASSWORD);
  await db.insert(passwordCredentials).values([...Object.values(actors), signInUser].map((u) => ({ userId: u.id, hash })));

  // Pitching: the participant's idea (editable by its author), and one to withdraw.
  const wPitch = await createWeekInPhase(db, "pitching");
  const ideaPitch = await createIdea(db, { weekId: wPitch.id, author: participant });
  const ideaWithdraw = await createIdea(db, { weekId: wPitch.id, author: participant });
  const ideaGone = await createIdea(db, { weekId: wPitch.id, author: participant, status: "withdrawn", withdrawnAt: new Date() });
  // Team formation: the lead's team with the participant in it; and the participant's idea without a team.
  const wTeam = await createWeekInPhase(db, "team_formation");
  const projectT = await createProjectWithoutDemo(db, wTeam, teamLead, [participant]);
  const roomyTeam = (await createProjectWithoutDemo(db, wTeam, spareLead, [], 20)).team;
  const wForm = await createWeekInPhase(db, "team_formation");
  const ideaFree = await createIdea(db, { weekId: wForm.id, author: participant });
  // Demos: the lead's team (participant a member) before the deadline.
  const wDemo = await createWeekInPhase(db, "demos");
  const projectD = await createProject(db, { week: wDemo, lead: teamLead, members: [participant] });
  await db.update(teams).set({ confirmedAt: wDemo.exploringStartsAt }).where(eq(teams.id, projectD.team.id));
  // Voting: the team's demo and another team's, criteria, and the judge of this week assigned to both.
  const wVote = await createWeekInPhase(db, "voting");
  const projectV = await createProject(db, { week: wVote, lead: teamLead, members: [participant] });
  const projectV2 = await createProject(db, { week: wVote, lead: spareLead });
  const criterionRows = await db
    .insert(criteria)
    .values([
      { weekId: wVote.id, name: "Impact", position: 1 },
      { weekId: wVote.id, name: "Craft", position: 2 },
    ])
    .returning({ id: criteria.id });
  const criterionIds = criterionRows.map((c) => c.id);
  await db.insert(judges).values({ weekId: wVote.id, userId: judge.id });
  await db.insert(judgeAssignments).values([
    { weekId: wVote.id, judgeId: judge.id, demoId: projectV.demo.id },
    { weekId: wVote.id, judgeId: judge.id, demoId: projectV2.demo.id },
  ]);
  const imageId = await addScreenshot(db, projectV.demo.id);
  // Results published: the team's demo (its outcome is recorded by members), judged by the other judge.
  const wResults = await createWeekInPhase(db, "results");
  const projectR = await createProject(db, { week: wResults, lead: teamLead, members: [participant] });
  await db.insert(judges).values({ weekId: wResults.id, userId: otherJudge.id });
  const secrets = {
    feedback: `feedback${uid()}`,
    organiserNote: `organisernote${uid()}`,
    notification: `notification${uid()}`,
    nomination: `nomination${uid()}`,
    pendingNomination: `pending${uid()}`,
    joinMessage: `joinmessage${uid()}`,
  };
  const asker = await user();
  await db.insert(joinRequests).values({
    teamId: projectT.team.id,
    userId: asker.id,
    weekId: wTeam.id,
    kind: "request",
    createdById: asker.id,
    message: `Please let me in: ${secrets.joinMessage}`,
  });
  await db.insert(ballots).values({
    weekId: wResults.id,
    judgeId: otherJudge.id,
    demoId: projectR.demo.id,
    feedback: `Private to the team: ${secrets.feedback}`,
    organiserNote: `For organisers: ${secrets.organiserNote}`,
  });
  const published = await publishResults(db, { id: organiser.id, isOrganiser: true }, wResults.id);
  if (!published.ok) throw new Error(`publishing the fixture's results failed: ${published.message}`);

  const calendarToken = await rotateCalendarToken(db, participant.id);
  const nomination = await insertNomination(db, { nominator: participant, userId: spare.id });
  const nominationToDecide = await insertNomination(db, { nominator: spare, userId: participant.id });
  const pending = await insertNomination(db, { nominator: spare, userId: participant.id, kind: "award" });
  const reason = (text: string) => `${REASON} ${text}`;
  await db
    .update(nominations)
    .set({ reason: reason(secrets.nomination) })
    .where(eq(nominations.id, nomination.id));
  await db
    .update(nominations)
    .set({ reason: reason(secrets.pendingNomination) })
    .where(eq(nominations.id, pending.id));
  await db
    .insert(notifications)
    .values([
      ...Object.values(actors).map((u) => ({ userId: u.id, kind: "kudos" as const, message: "Something happened", link: "/" })),
      { userId: participant.id, kind: "kudos" as const, message: `Only for you: ${secrets.notification}`, link: "/" },
    ]);
  // Three hours after the demo deadline (still before voting opens), as a local time in the week's zone.
  const until = new Date(wDemo.demoDeadlineAt.getTime() + 3 * 3_600_000);
  const extendUntil = until.toLocaleString("sv-SE", { timeZone: wDemo.timeZone }).replace(" ", "T").slice(0, 16);

  const one = <T>(rows: T[]): T => {
    const [row] = rows;
    if (!row) throw new Error("insert returned no row");
    return row;
  };
  /** Fresh rows for intents that use up their target (delete, hide, answer): one per request. */
  const make = {
    comment: async () =>
      one(
        await db
          .insert(ideaComments)
          .values({ ideaId: ideaPitch.id, authorId: otherParticipant.id, body: "A comment" })
          .returning(),
      ).id,
    notification: async () =>
      one(
        await db
          .insert(notifications)
          .values({ userId: participant.id, kind: "kudos", message: "For the participant only", link: "/" })
          .returning(),
      ).id,
    kudos: async () =>
      one(await db.insert(kudos).values({ authorId: participant.id, userId: spare.id, message: "Thank you" }).returning()).id,
    journalEntry: async () =>
      one(
        await db
          .insert(teamJournal)
          .values({ teamId: projectT.team.id, authorId: participant.id, body: "An update" })
          .returning(),
      ).id,
    joinRequest: async () => {
      const asker = await user();
      return one(
        await db
          .insert(joinRequests)
          .values({ teamId: projectT.team.id, userId: asker.id, weekId: wTeam.id, kind: "request", createdById: asker.id })
          .returning(),
      ).id;
    },
    outcomeUpdate: async () =>
      (await recordOutcome(db, { demoId: projectR.demo.id, authorId: teamLead.id, status: "shipped", happenedOn: today() })).id,
    person: () => user(),
    roomyMember: async () => {
      const member = await user();
      await db.insert(teamMembers).values({ teamId: roomyTeam.id, userId: member.id, weekId: wTeam.id, role: "member" });
      return member.id;
    },
  };

  return {
    secrets,
    make,
    roomyTeam,
    department,
    ...actors,
    actors,
    spare,
    signInUser,
    wPitch,
    ideaPitch,
    ideaWithdraw,
    ideaGone,
    wTeam,
    projectT,
    wForm,
    ideaFree,
    wDemo,
    projectD,
    wVote,
    projectV,
    projectV2,
    criterionIds,
    imageId,
    wResults,
    projectR,
    calendarToken,
    nomination,
    nominationToDecide,
    extendUntil,
  };
}

async function createProjectWithoutDemo(db: Database, week: { id: number }, lead: TestUser, members: TestUser[], capacity = 6) {
  const idea = await createIdea(db, { weekId: week.id, author: lead });
  const team = await createTeam(db, {
    weekId: week.id,
    ideaId: idea.id,
    leadId: lead.id,
    memberIds: members.map((m) => m.id),
    capacity,
  });
  return { idea, team };
}

/**
 * Columns that change on any request and are left out of the database fingerprint (row count and md5 of
 * every table): `sessions.last_verified_at`, which the session middleware moves forward while a session is used.
 */
const VOLATILE = { sessions: ["last_verified_at"] };

// ---------------------------------------------------------------------------------------------

const hasBuild = hasProductionBuild();
const modules = routeModules();

// Needs no server: runs even without a build.
test("every route module, loader and action of app/routes.ts has an entry in the matrix, and every entry a route", () => {
  const problems: string[] = [];
  for (const m of modules) {
    const entry = MATRIX[m.file];
    if (!entry) {
      problems.push(`${m.file} (${m.path ?? "layout"}) has no entry in the authorisation matrix`);
      continue;
    }
    for (const kind of ["loader", "action"] as const) {
      if (m[kind] && !entry[kind]) problems.push(`${m.file} exports a ${kind} but its matrix entry has none`);
      if (!m[kind] && entry[kind]) problems.push(`${m.file} has a ${kind} entry in the matrix but exports no ${kind}`);
    }
  }
  const files = new Set(modules.map((m) => m.file));
  for (const file of Object.keys(MATRIX))
    if (!files.has(file)) problems.push(`the matrix has an entry for ${file}, which app/routes.ts does not route`);
  expect(problems, problems.join("\n")).toEqual([]);
  const handlers = modules.reduce((n, m) => n + Number(m.loader) + Number(m.action), 0);
  const loaders = modules.filter((m) => m.loader).length;
  console.log(
    `authorisation matrix: ${modules.length} route modules × ${ACTORS.length} actors; ${loaders} loaders + ${handlers - loaders} actions = ${handlers} handlers × ${ACTORS.length} actors = ${handlers * ACTORS.length} cells`,
  );
});

describe.runIf(hasBuild)("authorisation matrix", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let server: ProductionServer;
  let f: Fixture;
  let fingerprint: () => Promise<Map<string, string>>;
  const tokens = new Map<SignedIn, string>();
  let requests = 0;
  let cells = 0;
  let cases = 0;
  let alone = 0;
  let restarts = 0;

  beforeAll(async () => {
    expect(inject("databaseUrl")).toBeTruthy();
    scratch = await createScratchDatabase("authz");
    f = await buildFixture(scratch.db);
    for (const actor of ACTORS) if (actor !== "anonymous") tokens.set(actor, await newSession(actor));
    fingerprint = (await databaseFingerprint(scratch.db, VOLATILE)).read;
    server = await startProductionServer({ DATABASE_URL: scratch.url });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await scratch?.drop();
  });

  async function newSession(actor: SignedIn): Promise<string> {
    return (await createSession(scratch.db, f.actors[actor].id)).token;
  }

  async function send(
    method: "GET" | "POST",
    url: string,
    token: string | undefined,
    body?: Body,
  ): Promise<{ status: number; location: string | null; text: string }> {
    requests++;
    // identity: no gzip of every page on a two-core machine (the answer is the same).
    const headers: Record<string, string> = { Accept: "text/html", "Accept-Encoding": "identity" };
    if (token) headers.Cookie = `${SESSION_COOKIE}=${token}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body) {
      payload = new URLSearchParams(body).toString();
      headers["Content-Type"] = "application/x-www-form-urlencoded";
    } else if (method === "POST") {
      payload = "";
      headers["Content-Type"] = "application/x-www-form-urlencoded";
    }
    const attempt = () => {
      if (method === "POST") headers.Origin = server.origin;
      return fetch(`${server.origin}${url}`, { method, headers, body: payload, redirect: "manual" });
    };
    const response = await attempt().catch(async (error) => {
      // On this shared machine another process has been seen sending the server SIGTERM (it then drains and
      // exits 0). A refused connection never reached the app, so after such a stop: start it again, retry once.
      // A crash (any other exit) fails the test.
      const refused = (error?.cause as { code?: string } | undefined)?.code === "ECONNREFUSED";
      if (refused && server.child.exitCode === 0 && restarts < 3) {
        restarts++;
        console.warn(
          `authorisation matrix: the server was stopped from outside (exit 0); restarting it\n${server.output().slice(-500)}`,
        );
        server = await startProductionServer({ DATABASE_URL: scratch.url });
        return attempt();
      }
      throw new Error(`${method} ${url} failed (${error}: ${error?.cause}); the server said:\n${server.output().slice(-3000)}`);
    });
    // The live stream never ends: its headers are the answer.
    const streaming = (response.headers.get("content-type") ?? "").includes("text/event-stream");
    const text = streaming ? "" : await response.text();
    if (streaming) await response.body?.cancel();
    return { status: response.status, location: response.headers.get("location"), text };
  }

  function verdict(expected: Expect, actor: Actor, res: { status: number; location: string | null }): string | null {
    const toLogin = res.status >= 300 && res.status < 400 && (res.location ?? "").startsWith("/login");
    const got = `${res.status}${res.location ? ` → ${res.location}` : ""}`;
    if (expected === "login") return toLogin ? null : `expected a redirect to /login, got ${got}`;
    if (expected === "allow")
      return res.status >= 200 && res.status < 400 && !toLogin ? null : `expected to be allowed, got ${got}`;
    if (expected === "deny") {
      if (actor === "anonymous") return toLogin ? null : `expected a redirect to /login, got ${got}`;
      return res.status === 403 || res.status === 404 ? null : `expected 403 or 404, got ${got}`;
    }
    return res.status === expected ? null : `expected ${expected}, got ${got}`;
  }

  /**
   * A page's loader alone, as a client-side navigation fetches it (`<path>.data?_routes=<route id>`):
   * the layout's sign-in check does not run then, so every loader must refuse on its own.
   */
  async function loaderAlone(m: RouteModule, url: string, actor: Actor, expected: Expect): Promise<string | null> {
    const [pathname = "/", query = ""] = url.split("?");
    const params = new URLSearchParams(query);
    const routeId = m.file.replace(/\.tsx?$/, "");
    if (m.index) params.set("index", "");
    params.set("_routes", routeId);
    const dataUrl = `${pathname === "/" ? "/_root" : pathname}.data?${params}`;
    const token = actor === "anonymous" ? undefined : tokens.get(actor);
    alone++;
    const res = await send("GET", dataUrl, token);
    const toLogin = res.text.includes("SingleFetchRedirect") && /"\/login[?"]/.test(res.text);
    // No data of this route at all (the router did not run it, e.g. the root index) leaks nothing either.
    const noData = res.status === 200 && !res.text.includes(`"${routeId}"`);
    const refused = actor === "anonymous" || expected === "login" ? toLogin : res.status === 403 || res.status === 404;
    const ok = refused || noData;
    return ok
      ? null
      : `loader alone GET ${dataUrl} as ${actor}: expected it refused on its own, got ${res.status} ${res.text.slice(0, 200)}`;
  }

  /** Runs one case for every actor (refused ones first, so an allowed write cannot change their answer). */
  async function runCase(m: RouteModule, entry: Entry, kind: "loader" | "action", c: Case): Promise<string[]> {
    const problems: string[] = [];
    const method = kind === "loader" ? "GET" : "POST";
    const url = (c.url ?? entry.url)(f);
    const order = [...ACTORS].sort((a, b) => Number(allowed(c.expect[a])) - Number(allowed(c.expect[b])));
    const mustWrite = c.writes ?? kind === "action";
    let allowedWrote = false;
    let allowedCount = 0;
    cases++;
    for (const actor of order) {
      cells++;
      const expected = c.expect[actor];
      const token = actor === "anonymous" ? undefined : c.freshSession ? await newSession(actor) : tokens.get(actor);
      const body = c.body ? await c.body(f, actor) : undefined;
      // Fingerprints cost two queries: taken around refused requests, and allowed ones until one wrote.
      const watch = !allowed(expected) || (mustWrite && !allowedWrote);
      const before = watch ? await fingerprint() : null;
      const res = await send(method, url, token, body);
      const changed = before ? changedTables(before, await fingerprint()) : [];
      const label = `${kind}${c.name ? ` (${c.name})` : ""} ${method} ${url} as ${actor}`;
      const wrong = verdict(expected, actor, res);
      if (wrong) problems.push(`${label}: ${wrong}${res.status >= 400 ? ` — ${snippet(res.text)}` : ""}`);
      for (const secret of c.secrets ?? []) {
        const shown = res.text.includes(secret.text(f));
        if (shown !== secret.readers.includes(actor)) {
          problems.push(
            `${label}: ${shown ? "shows" : "does not show"} "${secret.text(f)}" (readers: ${secret.readers.join(", ") || "nobody"})`,
          );
        }
      }
      if (kind === "loader" && m.page && !c.notAlone && (expected === "login" || expected === "deny")) {
        const alone = await loaderAlone(m, url, actor, expected);
        if (alone) problems.push(alone);
      }
      if (res.status >= 500) problems.push(`server log: ${server.output().slice(-1500)}`);
      if (allowed(expected)) {
        allowedCount++;
        if (changed.length > 0) allowedWrote = true;
      } else if (changed.length > 0) {
        problems.push(`${label}: was refused but changed ${changed.join(", ")}`);
      }
      // A password change or sign-out ends the actor's sessions: give it a working one again.
      if (c.freshSession && actor !== "anonymous") tokens.set(actor, await newSession(actor));
    }
    if (mustWrite && allowedCount > 0 && !allowedWrote) {
      problems.push(
        `${kind}${c.name ? ` (${c.name})` : ""} ${method} ${url}: no allowed request changed the database — is the body right?`,
      );
    }
    return problems;
  }

  for (const m of modules) {
    const entry = MATRIX[m.file];
    if (!entry) continue;
    test(`${m.path ?? "(layout)"} — ${m.file}`, async () => {
      const problems: string[] = [];
      for (const kind of ["loader", "action"] as const) {
        const cases = entry[kind];
        if (!cases || !m[kind]) continue;
        for (const c of Array.isArray(cases) ? cases : [cases]) problems.push(...(await runCase(m, entry, kind, c)));
      }
      expect(problems, problems.join("\n")).toEqual([]);
    }, 180_000);
  }

  afterAll(() => {
    console.log(
      `authorisation matrix: ${cases} cases (loaders, and actions by intent) × ${ACTORS.length} actors = ${cells} checked cells, plus ${alone} loaders requested alone; ${requests} requests in all${restarts ? `; the server was restarted ${restarts}×` : ""}`,
    );
  });
});

/** The page's own words (its main content without markup), for failure messages. */
function snippet(text: string): string {
  const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(text)?.[1] ?? text;
  return main
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}

test.skipIf(hasBuild)("the authorisation matrix needs a production build (npm test builds first)", () => {
  throw new Error("No production build: run `npm run build` before this test.");
});
