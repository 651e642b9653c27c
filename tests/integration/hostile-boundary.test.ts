import http from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOW_COOKIE } from "~/auth/oidc.server";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import { rotateCalendarToken } from "~/demoday/schedule.server";
import { criteria, demoImages, judgeAssignments, judges, teams } from "~db/schema";
import { type RunningIdp, startIdp } from "../e2e/support/oidc-idp";
import { createProject } from "../support/archive-factories";
import { changedTables, databaseFingerprint } from "../support/db-fingerprint";
import {
  createDepartment,
  createIdea,
  createScratchDatabase,
  createUser,
  createWeekInPhase,
  tinyPng,
} from "../support/factories";
import { setPublished } from "../support/outcome-factories";
import { hasProductionBuild, type ProductionServer, startProductionServer } from "../support/prod-server";

/*
 * Hostile input at the edges that are not plain form fields: uploaded files (wrong types, polyglots,
 * SVG with script, oversize, empty, decompression bombs), redirect targets after sign-in and single
 * sign-on, path traversal in file routes, and ids or slugs of another week than the URL's. Every
 * refusal must leave the database exactly as it was.
 */

const PASSWORD = "correct horse battery staple";
const CLIENT_ID = "hostile-client";
const CLIENT_SECRET = "hostile-client-secret";

async function buildFixture(db: Awaited<ReturnType<typeof createScratchDatabase>>["db"]) {
  const department = await createDepartment(db);
  const user = (roles: Array<"organiser" | "admin"> = []) => createUser(db, { departmentId: department.id, roles });
  const lead = await user();
  const member = await user();
  const judge = await user();
  const otherLead = await user();
  const organiser = await user(["organiser"]);
  const signIn = await createUser(db, { departmentId: department.id, password: PASSWORD });

  // Demos phase: the lead's team may edit its demo (uploads land here).
  const wDemo = await createWeekInPhase(db, "demos");
  const demoProject = await createProject(db, { week: wDemo, lead, members: [member] });
  await db.update(teams).set({ confirmedAt: wDemo.exploringStartsAt }).where(eq(teams.id, demoProject.team.id));
  // Two weeks in voting: the judge judges week A only.
  const wVoteA = await createWeekInPhase(db, "voting");
  const wVoteB = await createWeekInPhase(db, "voting");
  const voteA = await createProject(db, { week: wVoteA, lead: otherLead });
  const voteB = await createProject(db, { week: wVoteB, lead: otherLead });
  const [critA] = await db.insert(criteria).values({ weekId: wVoteA.id, name: "Impact", position: 1 }).returning();
  const [critB] = await db.insert(criteria).values({ weekId: wVoteB.id, name: "Impact", position: 1 }).returning();
  await db.insert(judges).values({ weekId: wVoteA.id, userId: judge.id });
  await db.insert(judgeAssignments).values({ weekId: wVoteA.id, judgeId: judge.id, demoId: voteA.demo.id });
  // An archived week: its idea, team and demo are history.
  const wArchived = await createWeekInPhase(db, "archived");
  await setPublished(db, wArchived.id, wArchived.resultsPublishedAt);
  const archivedIdea = await createIdea(db, { weekId: wArchived.id, author: member });
  const archived = await createProject(db, { week: wArchived, lead, members: [member] });
  await db.update(teams).set({ confirmedAt: wArchived.exploringStartsAt }).where(eq(teams.id, archived.team.id));
  // Results published last week: the lead's team records its outcome; the member of another team may not.
  const wResults = await createWeekInPhase(db, "results");
  await setPublished(db, wResults.id, new Date(Date.now() - 86_400_000));
  const results = await createProject(db, { week: wResults, lead: otherLead });
  if (!critA || !critB) throw new Error("criteria insert returned no row");
  return {
    lead,
    member,
    judge,
    organiser,
    signIn,
    wDemo,
    demoProject,
    wVoteA,
    wVoteB,
    voteA,
    voteB,
    critA,
    critB,
    wArchived,
    archivedIdea,
    archived,
    results,
  };
}

type Fixture = Awaited<ReturnType<typeof buildFixture>>;

/** A GET whose path is sent exactly as written (fetch would resolve "../" and re-encode it). */
function rawGet(origin: string, rawPath: string, cookie: string): Promise<{ status: number; body: string }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: rawPath, method: "GET", headers: { Cookie: cookie } },
      (res) => {
        let body = "";
        res.setEncoding("latin1");
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const hasBuild = hasProductionBuild();

describe.runIf(hasBuild)("hostile input at the edges", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let server: ProductionServer;
  let idp: RunningIdp;
  let f: Fixture;
  let fingerprint: Awaited<ReturnType<typeof databaseFingerprint>>;
  const cookie: Record<"lead" | "member" | "judge" | "organiser", string> = { lead: "", member: "", judge: "", organiser: "" };

  beforeAll(async () => {
    scratch = await createScratchDatabase("hostile_edges");
    f = await buildFixture(scratch.db);
    for (const who of Object.keys(cookie) as Array<keyof typeof cookie>) {
      cookie[who] = `${SESSION_COOKIE}=${(await createSession(scratch.db, f[who].id)).token}`;
    }
    fingerprint = await databaseFingerprint(scratch.db, { sessions: "*", login_throttles: "*" });
    // The callback address only has to be registered; these tests stop at the provider's door.
    idp = await startIdp({
      port: 0,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: ["http://localhost/auth/oidc/callback"],
    });
    server = await startProductionServer({
      DATABASE_URL: scratch.url,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await idp?.close();
    await scratch?.drop();
  });

  async function post(path: string, who: string | undefined, body: FormData | URLSearchParams) {
    const res = await fetch(`${server.origin}${path}`, {
      method: "POST",
      headers: { Origin: server.origin, ...(who ? { Cookie: who } : {}) },
      body,
      redirect: "manual",
    });
    return { status: res.status, location: res.headers.get("location"), text: await res.text(), headers: res.headers };
  }

  /** Posts and expects a refusal with `status` (a number or a range) that changed no table. */
  async function refused(path: string, who: string, body: FormData | URLSearchParams, status: number | [number, number]) {
    const before = await fingerprint.read();
    const res = await post(path, who, body);
    const [low, high] = typeof status === "number" ? [status, status] : status;
    const shown = `${path} → ${res.status} ${res.location ?? ""} ${res.text.replace(/<[^>]+>/g, " ").slice(-600)}`;
    expect(res.status, shown).toBeGreaterThanOrEqual(low);
    expect(res.status, shown).toBeLessThanOrEqual(high);
    expect(changedTables(before, await fingerprint.read()), `${path} changed the database`).toEqual([]);
    return res;
  }

  // -------------------------------------------------------------------------------------------
  describe("uploads", () => {
    const demoForm = (file: Blob | null, name: string) => {
      const form = new FormData();
      form.append("title", "A title that must not be saved");
      form.append("summary", "A summary that must not be saved either");
      if (file) form.append("screenshots", file, name);
      return form;
    };
    const editUrl = () => `/teams/${f.demoProject.team.id}/demo`;

    /** An IHDR claiming `width` × `height` (a decompression bomb for viewers) on a tiny real PNG. */
    async function pngClaiming(width: number, height: number): Promise<Buffer> {
      const png = Buffer.from(await tinyPng());
      png.writeUInt32BE(width, 16);
      png.writeUInt32BE(height, 20);
      return png;
    }

    const CASES: Array<[string, () => Promise<Blob> | Blob, string, number, RegExp]> = [
      [
        "a Windows program",
        () =>
          new Blob([Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode")], {
            type: "application/x-msdownload",
          }),
        "setup.exe",
        415,
        /not a PNG, JPEG or WebP image/,
      ],
      [
        "a text file claiming to be a PNG",
        () => new Blob(["just some text"], { type: "image/png" }),
        "shot.png",
        415,
        /not a PNG, JPEG or WebP image/,
      ],
      [
        "HTML claiming to be a PNG",
        () => new Blob(["<html><script>alert(1)</script></html>"], { type: "image/png" }),
        "shot.png",
        415,
        /not a PNG, JPEG or WebP image/,
      ],
      [
        "an SVG with a script",
        () => new Blob(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], { type: "image/svg+xml" }),
        "logo.svg",
        415,
        /not a PNG, JPEG or WebP image/,
      ],
      [
        "a GIF/JavaScript polyglot",
        () => new Blob(["GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=alert(1)//;"], { type: "image/gif" }),
        "x.gif",
        415,
        /not a PNG, JPEG or WebP image/,
      ],
      [
        "a PNG signature with nothing after it",
        () => new Blob([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], { type: "image/png" }),
        "cut.png",
        415,
        /damaged/,
      ],
      [
        "a PNG claiming 100000 × 100000 pixels",
        async () => new Blob([new Uint8Array(await pngClaiming(100_000, 100_000))], { type: "image/png" }),
        "bomb.png",
        415,
        /damaged/,
      ],
      ["an empty file", () => new Blob([], { type: "image/png" }), "empty.png", 400, /is empty/],
      [
        "a PNG of 5 MB and one byte",
        async () => new Blob([new Uint8Array(await tinyPng()), new Uint8Array(5 * 1024 * 1024 + 1)], { type: "image/png" }),
        "huge.png",
        413,
        /at most 5 MB/,
      ],
    ];

    it.each(CASES)(
      "refuses %s with a message beside the field, saving nothing (not the text fields either)",
      async (_label, make, name, status, message) => {
        const res = await refused(editUrl(), cookie.lead, demoForm(await make(), name), status);
        expect(res.text).toMatch(message);
        // Nothing typed is lost: the page comes back with the fields as they were.
        expect(res.text).toContain("A title that must not be saved");
      },
    );

    it("an upload past the request limit is refused before it is read", async () => {
      const huge = new FormData();
      huge.append("title", "Too much");
      for (let i = 0; i < 6; i++)
        huge.append("screenshots", new Blob([new Uint8Array(5 * 1024 * 1024)], { type: "image/png" }), `${i}.png`);
      const res = await refused(editUrl(), cookie.lead, huge, 413);
      expect(res.text).toContain("That upload is too large.");
    });

    it("a body refused for its size does not stall the next request on the same connection", async () => {
      // 1.5 MB fits in the socket buffers, so fetch sends all of it and keeps the connection for the next
      // request; before the fix that request waited forever behind the unread body.
      for (const path of ["/signup", "/theme", `/weeks/${f.wVoteA.slug}/vote`]) {
        const body = new URLSearchParams({ name: "x".repeat(1_500_000) });
        const res = await fetch(`${server.origin}${path}`, {
          method: "POST",
          headers: { Origin: server.origin, Cookie: cookie.member },
          body,
          signal: AbortSignal.timeout(5_000),
        });
        expect(res.status).toBe(413);
        await res.text();
        const next = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(5_000) });
        expect(next.status).toBe(200);
      }
    });

    it("stores a PNG/HTML polyglot only as a PNG, and serves every screenshot as an inline image that cannot be sniffed as HTML", async () => {
      const png = await tinyPng();
      const polyglot = Buffer.concat([png, Buffer.from("<html><script>alert(document.cookie)</script></html>")]);
      const res = await post(editUrl(), cookie.lead, demoForm(new Blob([polyglot], { type: "text/html" }), "page.html"));
      expect(res.status).toBe(302);
      const rows = await scratch.db.select().from(demoImages).where(eq(demoImages.demoId, f.demoProject.demo.id));
      expect(rows.map((r) => r.contentType)).toEqual(["image/png"]);
      const [row] = rows;
      if (!row) throw new Error("no screenshot stored");
      const image = await fetch(`${server.origin}/demo-images/${row.id}`, { headers: { Cookie: cookie.member } });
      expect(image.status).toBe(200);
      expect(image.headers.get("content-type")).toBe("image/png");
      expect(image.headers.get("x-content-type-options")).toBe("nosniff");
      expect(image.headers.get("content-disposition")).toBe("inline");
      expect(Buffer.from(await image.arrayBuffer()).equals(polyglot)).toBe(true);
      // Every stored screenshot is a raster type: nothing else can ever be served inline.
      const types = await scratch.db.selectDistinct({ t: demoImages.contentType }).from(demoImages);
      for (const { t } of types) expect(["image/png", "image/jpeg", "image/webp"]).toContain(t);
      // Signed out, the screenshot is not served at all.
      const anonymous = await fetch(`${server.origin}/demo-images/${row.id}`, { redirect: "manual" });
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toMatch(/^\/login\?/);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe("open redirects", () => {
    const TARGETS = [
      "https://evil.example",
      "http://evil.example/x",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/%2F%2Fevil.example",
      "%2F%2Fevil.example",
      "/%5Cevil.example",
      "/.//evil.example",
      "/./\\evil.example",
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      " //evil.example",
      "\t//evil.example",
      "/\t/evil.example",
      "https:evil.example",
      "//evil.example@localhost",
      "/\u3002evil.example",
      "\u202E//evil.example",
    ];

    function sameSite(location: string | null) {
      expect(location, "a redirect").toBeTruthy();
      const loc = location as string;
      expect(loc.startsWith("/") && !loc.startsWith("//") && !loc.startsWith("/\\"), loc).toBe(true);
      expect(new URL(loc, server.origin).origin).toBe(server.origin);
    }

    it.each(TARGETS)("after signing in with a password, redirectTo=%j stays on this site", async (target) => {
      const form = new URLSearchParams({ email: f.signIn.email, password: PASSWORD, redirectTo: target });
      const res = await post("/login", undefined, form);
      expect(res.status).toBe(302);
      expect(res.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
      sameSite(res.location);
      // Already signed in, the sign-in page sends people on: to this site too.
      const again = await fetch(`${server.origin}/login?${new URLSearchParams({ redirectTo: target })}`, {
        headers: { Cookie: cookie.member },
        redirect: "manual",
      });
      expect(again.status).toBe(302);
      sameSite(again.headers.get("location"));
    });

    it("single sign-on keeps only same-site targets for after the provider", async () => {
      for (const target of TARGETS) {
        const res = await fetch(`${server.origin}/auth/oidc/start?${new URLSearchParams({ redirectTo: target })}`, {
          redirect: "manual",
        });
        expect(res.status).toBe(302);
        expect(res.headers.get("location")?.startsWith(`${idp.issuer}/`)).toBe(true);
        const flow = res.headers.getSetCookie().find((c) => c.startsWith(`${FLOW_COOKIE}=`)) ?? "";
        const value = flow.split(";")[0]?.slice(FLOW_COOKIE.length + 1) ?? "";
        const { redirectTo } = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as { redirectTo: string };
        sameSite(redirectTo);
      }
    });

    it("the theme switch and the people's-choice vote (forms without JavaScript) go back only to this site", async () => {
      for (const target of TARGETS) {
        const theme = await post("/theme", undefined, new URLSearchParams({ theme: "dark", redirectTo: target }));
        expect(theme.status).toBe(302);
        sameSite(theme.location);
        const vote = await post(
          `/weeks/${f.wVoteA.slug}/vote`,
          cookie.member,
          new URLSearchParams({ intent: "nope", redirectTo: target }),
        );
        expect(vote.status).toBe(302);
        sameSite(vote.location);
      }
    });
  });

  // -------------------------------------------------------------------------------------------
  describe("path traversal", () => {
    const PATHS = [
      "/demo-images/..%2F..%2F..%2Fetc%2Fpasswd",
      "/demo-images/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "/demo-images/%252e%252e%252fetc%252fpasswd",
      "/demo-images/..%5C..%5Cpackage.json",
      "/demo-images/1%00",
      "/demo-images/%00",
      "/demo-images/1%00.png",
      "/demo-images/1.png",
      "/demo-images/1%2F..%2F..%2Fpackage.json",
      "/demo-images/../../../etc/passwd",
      "/demo-images/....//....//etc/passwd",
      "/assets/..%2F..%2Fpackage.json",
      "/assets/%2e%2e/%2e%2e/package.json",
      "/assets/..%5C..%5Cpackage.json",
      "/assets/../../package.json",
      "/../../etc/passwd",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/build/server/index.js",
      "/.env",
      "/package.json",
    ];

    it.each(PATHS)("GET %s is refused and serves no file from disk", async (rawPath) => {
      const res = await rawGet(server.origin, rawPath, cookie.member);
      expect(res.status, res.body.slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).not.toMatch(/root:.*:0:0:|"name": "expedition"|createRequestHandler|DATABASE_URL=/);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe("ids and slugs of another week", () => {
    const form = (fields: Record<string, string>) => new URLSearchParams(fields);

    it("a people's-choice vote for a demo of another week, sent to this week's URL, is refused", async () => {
      const res = await refused(
        `/weeks/${f.wVoteA.slug}/vote`,
        cookie.member,
        form({ intent: "vote", demoId: String(f.voteB.demo.id) }),
        [400, 404],
      );
      expect(res.text).toMatch(/demo/i);
    });

    it("a judge's ballot for a demo of another week, or in a week they do not judge, is refused", async () => {
      const ballot = (demoId: number, criterionId: number) =>
        form({ intent: "save", demoId: String(demoId), [`score-${criterionId}`]: "3" });
      const res = await refused(`/weeks/${f.wVoteA.slug}/ballot`, cookie.judge, ballot(f.voteB.demo.id, f.critB.id), 404);
      expect(res.text).toContain("That demo does not exist.");
      await refused(`/weeks/${f.wVoteB.slug}/ballot`, cookie.judge, ballot(f.voteB.demo.id, f.critB.id), [403, 404]);
      const page = await fetch(`${server.origin}/weeks/${f.wVoteB.slug}/ballot`, {
        headers: { Cookie: cookie.judge },
        redirect: "manual",
      });
      expect([403, 404]).toContain(page.status);
      // The same judge, the right week and their own demo: saved (so the refusals above were about the week).
      const saved = await post(`/weeks/${f.wVoteA.slug}/ballot`, cookie.judge, ballot(f.voteA.demo.id, f.critA.id));
      expect(saved.status).toBe(200);
      expect(saved.text).toContain("Saved.");
    });

    it("an idea of an archived week takes no comments, edits or new teams", async () => {
      await refused(
        `/ideas/${f.archivedIdea.id}`,
        cookie.member,
        form({ intent: "comment", body: "Late to the party" }),
        [400, 409],
      );
      await refused(
        `/ideas/${f.archivedIdea.id}/edit`,
        cookie.member,
        form({ title: "Rewritten history", summary: "A summary long enough to pass" }),
        [400, 409],
      );
      await refused(
        `/ideas/${f.archivedIdea.id}/team`,
        cookie.member,
        form({ name: "Time travellers", capacity: "4" }),
        [400, 409],
      );
    });

    it("a team and a demo of an archived week take no join requests and no edits", async () => {
      const join = await refused(
        `/teams/${f.archived.team.id}`,
        cookie.judge,
        form({ intent: "request", message: "Let me in" }),
        409,
      );
      expect(join.text).toContain("The roster is locked");
      const edit = await refused(
        `/teams/${f.archived.team.id}/demo`,
        cookie.lead,
        form({ title: "Rewritten demo", summary: "A summary long enough to pass" }),
        409,
      );
      expect(edit.text).toContain("in the archive and read-only");
    });

    it("an organiser cannot move a member into a team of another week", async () => {
      const res = await refused(
        `/teams/${f.demoProject.team.id}`,
        cookie.organiser,
        form({ intent: "move", userId: String(f.member.id), toTeamId: String(f.voteA.team.id) }),
        400,
      );
      expect(res.text).toContain("People can only move between teams of the same week.");
    });

    it("a guessed or malformed calendar token opens no calendar", async () => {
      const session = cookie.member.slice(SESSION_COOKIE.length + 1);
      const guesses = [
        "",
        "a",
        "a".repeat(32),
        "abcdefghijklmnopqrstuvwxyz234567",
        session,
        "%00",
        "' OR 1=1 --",
        "x".repeat(5_000),
      ];
      for (const token of guesses) {
        const res = await fetch(`${server.origin}/weeks/${f.wDemo.slug}/schedule.ics?${new URLSearchParams({ token })}`);
        const body = await res.text();
        expect(res.status, token.slice(0, 40)).toBe(404);
        expect(body).not.toContain("BEGIN:VCALENDAR");
      }
      // The real link does open it (so the refusals above are about the token).
      const real = await rotateCalendarToken(scratch.db, f.member.id);
      const res = await fetch(`${server.origin}/weeks/${f.wDemo.slug}/schedule.ics?${new URLSearchParams({ token: real })}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("BEGIN:VCALENDAR");
    });

    it("someone outside a team cannot record its outcome", async () => {
      await refused(
        `/demos/${f.results.demo.id}/outcome`,
        cookie.member,
        form({ intent: "outcome", status: "shipped", happenedOn: new Date().toISOString().slice(0, 10), note: "" }),
        [403, 404],
      );
    });
  });
});
