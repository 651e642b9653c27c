/**
 * OpenID Connect sign-in against real providers and the real database:
 * - the test OpenID provider (oidc-provider, the same one the e2e tests use), driven through its
 *   development login and consent pages by a small cookie-keeping HTTP client;
 * - a tiny node:http provider of our own whose ID tokens we sign with jose, for the refusals.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import type pino from "pino";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildAuthorizationUrl,
  clearOidcCaches,
  createFlow,
  discover,
  exchangeCode,
  FLOW_COOKIE,
  finishOidcSignIn,
  type OidcClientConfig,
  provisionUser,
  SsoError,
  startOidcSignIn,
  type VerifiedIdentity,
  verifyIdToken,
} from "~/auth/oidc.server";
import { SESSION_COOKIE, sessionPolicy, validateSessionToken } from "~/auth/session.server";
import { dbContext, requestInfoContext } from "~/context";
import { parseEnv } from "~/env.server";
import { getDb } from "~db/client";
import { auditLog, departments, externalAccounts, users } from "~db/schema";
import { type RunningIdp, startIdp } from "../e2e/support/oidc-idp";

const APP_ORIGIN = "http://app.test";
const REDIRECT_URI = `${APP_ORIGIN}/auth/oidc/callback`;
const CLIENT_ID = "vitest-client";
const CLIENT_SECRET = "vitest-client-secret";

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

// ---------------------------------------------------------------------------------------------
// A browser stand-in: follows redirects by hand, keeps cookies (by path) and submits the
// provider's development login and consent forms.
// ---------------------------------------------------------------------------------------------

class CookieJar {
  private cookies = new Map<string, { value: string; path: string }>();

  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((s) => s.trim());
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const path = attributes.find((a) => a.toLowerCase().startsWith("path="))?.slice(5) || "/";
      const expired = attributes.some((a) => /^max-age=0$/i.test(a)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, { value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join("; ");
  }
}

/** Signs in at the test provider as `login` and returns the URL it sends the browser back to. */
async function signInAtProvider(authorizationUrl: URL, login: string): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let init: { method: string; body?: string } = { method: "GET" };
  for (let step = 0; step < 20; step++) {
    const headers: Record<string, string> = { cookie: jar.header(url) };
    if (init.body) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    jar.store(response);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.href.startsWith(REDIRECT_URI)) return next;
      url = next;
      init = { method: "GET" };
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status}: ${html.slice(0, 300)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no login or consent form at ${url}`);
    const form = new URLSearchParams({ prompt });
    if (prompt === "login") {
      form.set("login", login);
      form.set("password", "any password works here");
    }
    url = new URL(action.replaceAll("&amp;", "&"), url);
    init = { method: "POST", body: form.toString() };
  }
  throw new Error("too many redirects at the provider");
}

type LogCall = { level: string; obj: Record<string, unknown>; msg: string };

function testContext() {
  const calls: LogCall[] = [];
  const record =
    (level: string) =>
    (obj: unknown, msg?: string): void => {
      calls.push({ level, obj: (obj ?? {}) as Record<string, unknown>, msg: msg ?? "" });
    };
  const log = {
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
    debug: record("debug"),
  } as unknown as pino.Logger;
  const context = new RouterContextProvider();
  context.set(dbContext, getDb());
  context.set(requestInfoContext, { requestId: randomUUID(), ip: "127.0.0.1", nonce: "n", log });
  return { context, logs: calls };
}

function setCookies(response: Response): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0] ?? "";
    found.set(pair.slice(0, pair.indexOf("=")), line);
  }
  return found;
}

function cookieValue(setCookie: string | undefined): string {
  const pair = (setCookie ?? "").split(";")[0] ?? "";
  return pair.slice(pair.indexOf("=") + 1);
}

// ---------------------------------------------------------------------------------------------
// Against the test OpenID provider
// ---------------------------------------------------------------------------------------------

describe("sign-in through the test OpenID provider", () => {
  let idp: RunningIdp;
  let client: OidcClientConfig;

  beforeAll(async () => {
    clearOidcCaches();
    idp = await startIdp({ port: 0, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] });
    client = { issuer: idp.issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, scopes: ["openid", "email", "profile"] };
  });
  afterAll(async () => {
    await idp?.close();
  });

  async function signInAs(login: string) {
    const metadata = await discover(client.issuer);
    const flow = createFlow("/");
    const callback = await signInAtProvider(buildAuthorizationUrl(metadata, client, REDIRECT_URI, flow), login);
    expect(callback.searchParams.get("state")).toBe(flow.state);
    expect(callback.searchParams.get("error")).toBeNull();
    const code = callback.searchParams.get("code");
    if (!code) throw new Error("no code");
    const idToken = await exchangeCode(metadata, client, REDIRECT_URI, code, flow.codeVerifier);
    return verifyIdToken(metadata, idToken, { clientId: CLIENT_ID, nonce: flow.nonce });
  }

  it("discovers the provider's endpoints and caches them", async () => {
    const metadata = await discover(idp.issuer);
    expect(metadata.issuer).toBe(idp.issuer);
    expect(metadata.authorization_endpoint).toBe(`${idp.issuer}/auth`);
    expect(metadata.token_endpoint).toBe(`${idp.issuer}/token`);
    expect(metadata.jwks_uri).toBe(`${idp.issuer}/jwks`);
    expect(await discover(idp.issuer)).toBe(metadata);
  });

  it("builds an authorization URL with PKCE (S256), state and nonce", async () => {
    const metadata = await discover(idp.issuer);
    const flow = createFlow("/weeks");
    const url = buildAuthorizationUrl(metadata, client, REDIRECT_URI, flow);
    expect(url.origin + url.pathname).toBe(metadata.authorization_endpoint);
    const p = url.searchParams;
    expect(p.get("response_type")).toBe("code");
    expect(p.get("client_id")).toBe(CLIENT_ID);
    expect(p.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(p.get("scope")).toBe("openid email profile");
    expect(p.get("state")).toBe(flow.state);
    expect(p.get("nonce")).toBe(flow.nonce);
    expect(p.get("code_challenge_method")).toBe("S256");
    expect(p.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(p.get("code_challenge")).not.toBe(flow.codeVerifier);
    expect(flow.redirectTo).toBe("/weeks");
  });

  it("provisions a new user from verified claims, and finds the same user next time", async () => {
    const login = `${unique("new")}@sso-new.example`;
    const identity = await signInAs(login);
    expect(identity).toMatchObject({ issuer: idp.issuer, subject: login, email: login, name: expect.stringMatching(/^New /) });

    const db = getDb();
    const first = await provisionUser(db, identity, { allowedDomains: [] });
    if (!first.ok) throw new Error(first.message);
    expect(first.outcome).toBe("created");

    const [user] = await db
      .select({ email: users.email, name: users.name, slug: departments.slug })
      .from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(eq(users.id, first.userId));
    expect(user).toEqual({ email: login, name: identity.name, slug: "unassigned" });
    const links = await db.select().from(externalAccounts).where(eq(externalAccounts.userId, first.userId));
    expect(links).toMatchObject([{ issuer: idp.issuer, subject: login, email: login }]);
    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.sso_created"), eq(auditLog.targetId, String(first.userId))));
    expect(entries).toHaveLength(1);

    // A second sign-in (a fresh provider session, the same login) is the same person.
    const again = await provisionUser(db, await signInAs(login), { allowedDomains: [] });
    expect(again).toEqual({ ok: true, userId: first.userId, outcome: "existing" });
  });

  it("refuses a code exchanged with the wrong PKCE verifier", async () => {
    const metadata = await discover(client.issuer);
    const flow = createFlow("/");
    const callback = await signInAtProvider(buildAuthorizationUrl(metadata, client, REDIRECT_URI, flow), unique("pkce"));
    const code = callback.searchParams.get("code") ?? "";
    await expect(exchangeCode(metadata, client, REDIRECT_URI, code, createFlow("/").codeVerifier)).rejects.toMatchObject({
      reason: "token exchange failed",
    });
  });

  describe("the /auth/oidc routes", () => {
    const appEnv = () =>
      parseEnv({
        ...process.env,
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        APP_ORIGIN: undefined,
      });

    async function start(redirectTo: string) {
      const { context } = testContext();
      const response = await startOidcSignIn(
        new Request(`${APP_ORIGIN}/auth/oidc/start?${new URLSearchParams({ redirectTo })}`),
        context,
        appEnv(),
      );
      return response;
    }

    it("start sets a short-lived flow cookie and redirects to the provider", async () => {
      const response = await start("/people?q=ada");
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get("location") ?? "");
      expect(location.href.startsWith(`${idp.issuer}/auth?`)).toBe(true);
      expect(location.searchParams.get("redirect_uri")).toBe(REDIRECT_URI);
      const cookie = setCookies(response).get(FLOW_COOKIE) ?? "";
      expect(cookie).toContain("Path=/auth/oidc");
      expect(cookie).toContain("HttpOnly");
      expect(cookie).toContain("SameSite=Lax");
      expect(cookie).toContain("Max-Age=600");
      expect(cookie).not.toContain("Secure");
      const flow = JSON.parse(Buffer.from(cookieValue(cookie), "base64url").toString("utf8"));
      expect(flow).toMatchObject({
        state: location.searchParams.get("state"),
        nonce: location.searchParams.get("nonce"),
        redirectTo: "/people?q=ada",
      });
    });

    it("start never keeps an off-site redirect", async () => {
      const response = await start("//evil.example/steal");
      const flow = JSON.parse(Buffer.from(cookieValue(setCookies(response).get(FLOW_COOKIE)), "base64url").toString("utf8"));
      expect(flow.redirectTo).toBe("/");
    });

    it("start answers 404 when single sign-on is not configured", async () => {
      const { context } = testContext();
      const e = parseEnv({ ...process.env, OIDC_ISSUER: undefined, OIDC_CLIENT_ID: undefined, OIDC_CLIENT_SECRET: undefined });
      const response = await startOidcSignIn(new Request(`${APP_ORIGIN}/auth/oidc/start`), context, e);
      expect(response.status).toBe(404);
    });

    it("the callback signs in, clears the flow cookie and returns to redirectTo", async () => {
      const started = await start("/weeks");
      const flowCookie = `${FLOW_COOKIE}=${cookieValue(setCookies(started).get(FLOW_COOKIE))}`;
      const login = unique("route");
      const back = await signInAtProvider(new URL(started.headers.get("location") ?? ""), login);

      const { context, logs } = testContext();
      const response = await finishOidcSignIn(new Request(back, { headers: { cookie: flowCookie } }), context, appEnv());
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/weeks");
      const cookies = setCookies(response);
      expect(cookies.get(FLOW_COOKIE)).toMatch(/Max-Age=0/);
      const session = await validateSessionToken(getDb(), cookieValue(cookies.get(SESSION_COOKIE)), sessionPolicy(24, 30));
      expect(session?.user.email).toBe(`${login}@sso.example`);
      expect(logs.find((l) => l.msg === "single sign-on succeeded")?.obj).toMatchObject({ outcome: "created" });

      // The same callback again (a replayed code, and the flow cookie is gone): back to /login.
      const replay = await finishOidcSignIn(new Request(back), testContext().context, appEnv());
      expect(replay.headers.get("location")).toMatch(/^\/login\?sso_error=/);
    });

    it("the callback refuses a mismatched state and logs why", async () => {
      const started = await start("/");
      const flowCookie = `${FLOW_COOKIE}=${cookieValue(setCookies(started).get(FLOW_COOKIE))}`;
      const back = await signInAtProvider(new URL(started.headers.get("location") ?? ""), unique("state"));
      back.searchParams.set("state", "x".repeat(43));
      const { context, logs } = testContext();
      const response = await finishOidcSignIn(new Request(back, { headers: { cookie: flowCookie } }), context, appEnv());
      const location = new URL(response.headers.get("location") ?? "", APP_ORIGIN);
      expect(location.pathname).toBe("/login");
      expect(location.searchParams.get("sso_error")).toBe("The sign-in response did not match. Try again.");
      expect(setCookies(response).get(FLOW_COOKIE)).toMatch(/Max-Age=0/);
      expect(setCookies(response).has(SESSION_COOKIE)).toBe(false);
      expect(logs).toContainEqual(
        expect.objectContaining({ level: "warn", obj: expect.objectContaining({ reason: "state mismatch" }) }),
      );
    });

    it("the callback refuses a missing flow cookie, a provider error and an unconfigured app", async () => {
      const noCookie = await finishOidcSignIn(new Request(`${REDIRECT_URI}?code=abc&state=def`), testContext().context, appEnv());
      expect(new URL(noCookie.headers.get("location") ?? "", APP_ORIGIN).searchParams.get("sso_error")).toMatch(/expired/);

      const denied = await finishOidcSignIn(
        new Request(`${REDIRECT_URI}?error=access_denied&error_description=nope&state=def`),
        testContext().context,
        appEnv(),
      );
      expect(new URL(denied.headers.get("location") ?? "", APP_ORIGIN).searchParams.get("sso_error")).toMatch(/cancelled/);

      const off = await finishOidcSignIn(
        new Request(`${REDIRECT_URI}?code=abc&state=def`),
        testContext().context,
        parseEnv({ ...process.env, OIDC_ISSUER: undefined, OIDC_CLIENT_ID: undefined, OIDC_CLIENT_SECRET: undefined }),
      );
      expect(new URL(off.headers.get("location") ?? "", APP_ORIGIN).searchParams.get("sso_error")).toBe(
        "Single sign-on is not configured.",
      );
    });
  });
});

// ---------------------------------------------------------------------------------------------
// ID token verification against a provider whose tokens we sign ourselves
// ---------------------------------------------------------------------------------------------

describe("ID token verification", () => {
  let server: http.Server;
  let issuer: string;
  let discovery: Record<string, unknown>;
  let good: CryptoKey;
  let other: CryptoKey;
  const KID = "key-1";
  const NONCE = "n".repeat(43);

  beforeAll(async () => {
    clearOidcCaches();
    const a = await generateKeyPair("RS256", { extractable: true });
    const b = await generateKeyPair("RS256", { extractable: true });
    good = a.privateKey;
    other = b.privateKey;
    const jwks = { keys: [{ ...(await exportJWK(a.publicKey)), kid: KID, alg: "RS256", use: "sig" }] };
    server = http.createServer((req, res) => {
      const body = req.url === "/.well-known/openid-configuration" ? discovery : req.url === "/jwks" ? jwks : null;
      res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(body ?? { error: "not found" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    discovery = {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      id_token_signing_alg_values_supported: ["RS256"],
    };
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function sign(
    claims: JWTPayload = {},
    options: { key?: CryptoKey; audience?: string | string[]; issuer?: string; expires?: string | number } = {},
  ) {
    return new SignJWT({ email: "Someone@Example.COM", email_verified: true, name: "Some One", nonce: NONCE, ...claims })
      .setProtectedHeader({ alg: "RS256", kid: KID })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? CLIENT_ID)
      .setSubject("subject-1")
      .setIssuedAt()
      .setExpirationTime(options.expires ?? "5m")
      .sign(options.key ?? good);
  }

  async function refusal(token: Promise<string>, nonce = NONCE): Promise<SsoError> {
    const metadata = await discover(issuer);
    const error = await verifyIdToken(metadata, await token, { clientId: CLIENT_ID, nonce }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SsoError);
    return error as SsoError;
  }

  it("accepts a well-signed token and returns the identity", async () => {
    const metadata = await discover(issuer);
    const identity = await verifyIdToken(metadata, await sign({ department: " Research " }), {
      clientId: CLIENT_ID,
      nonce: NONCE,
    });
    expect(identity).toEqual({
      issuer,
      subject: "subject-1",
      email: "someone@example.com",
      name: "Some One",
      department: "Research",
    });
  });

  it("refuses a token signed by another key", async () => {
    const error = await refusal(sign({}, { key: other }));
    expect(error.reason).toBe("ID token verification failed");
    expect(String(error.details.error)).toMatch(/signature/i);
  });

  it("refuses a token for another audience", async () => {
    const error = await refusal(sign({}, { audience: "someone-else" }));
    expect(error.details).toMatchObject({ claim: "aud" });
  });

  it("refuses a token with several audiences and no azp for us", async () => {
    const error = await refusal(sign({}, { audience: [CLIENT_ID, "someone-else"] }));
    expect(error.reason).toBe("ID token has several audiences and no azp");
  });

  it("refuses a token from another issuer", async () => {
    const error = await refusal(sign({}, { issuer: "https://elsewhere.example" }));
    expect(error.details).toMatchObject({ claim: "iss" });
  });

  it("refuses an expired token", async () => {
    const error = await refusal(sign({}, { expires: Math.floor(Date.now() / 1000) - 600 }));
    expect(error.details).toMatchObject({ claim: "exp" });
  });

  it("refuses a wrong or missing nonce", async () => {
    expect((await refusal(sign(), "m".repeat(43))).reason).toBe("ID token nonce does not match");
    expect((await refusal(sign({ nonce: undefined }))).reason).toBe("ID token nonce does not match");
  });

  it("refuses an unverified or missing email", async () => {
    const unverified = await refusal(sign({ email_verified: false }));
    expect(unverified.reason).toBe("email_verified is not true");
    expect(unverified.userMessage).toMatch(/not verified/);
    expect((await refusal(sign({ email_verified: "true" }))).reason).toBe("email_verified is not true");
    expect((await refusal(sign({ email: undefined }))).reason).toBe("ID token has no email claim");
  });

  it("refuses a discovery document naming another issuer, or an invalid one", async () => {
    clearOidcCaches();
    const saved = discovery;
    try {
      discovery = { ...saved, issuer: "https://impostor.example" };
      await expect(discover(issuer)).rejects.toMatchObject({ reason: "discovered issuer differs from OIDC_ISSUER" });
      discovery = { issuer };
      await expect(discover(issuer)).rejects.toMatchObject({ reason: "discovery document is invalid" });
      await expect(discover(`${issuer}/nothing-here`)).rejects.toMatchObject({ reason: "discovery answered with an error" });
    } finally {
      discovery = saved;
      clearOidcCaches();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Provisioning rules
// ---------------------------------------------------------------------------------------------

describe("provisioning", () => {
  const db = () => getDb();
  const issuer = `https://idp-${randomUUID().slice(0, 8)}.example`;

  function identity(overrides: Partial<VerifiedIdentity> = {}): VerifiedIdentity {
    const subject = unique("sub");
    return { issuer, subject, email: `${subject}@corp.example`, name: null, department: null, ...overrides };
  }

  async function makeDepartment(name: string) {
    const [row] = await db()
      .insert(departments)
      .values({ name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-") })
      .returning({ id: departments.id });
    if (!row) throw new Error("no department");
    return row.id;
  }

  async function makeUser(email: string, deactivated = false) {
    const departmentId = await makeDepartment(unique("Dept"));
    const [row] = await db()
      .insert(users)
      .values({ email, name: "Existing Person", departmentId, deactivatedAt: deactivated ? new Date() : null })
      .returning({ id: users.id });
    if (!row) throw new Error("no user");
    return row.id;
  }

  it("links an existing user by email, case-insensitively, and audits it", async () => {
    const local = unique("Mixed.Case");
    const userId = await makeUser(`${local}@Example.COM`);
    const id = identity({ email: `${local.toLowerCase()}@example.com` });

    expect(await provisionUser(db(), id, { allowedDomains: [], requestId: "req-link" })).toEqual({
      ok: true,
      userId,
      outcome: "linked",
    });
    const links = await db().select().from(externalAccounts).where(eq(externalAccounts.userId, userId));
    expect(links).toMatchObject([{ issuer, subject: id.subject }]);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.sso_linked"), eq(auditLog.targetId, String(userId))));
    expect(entry).toMatchObject({ actorId: userId, requestId: "req-link" });

    expect(await provisionUser(db(), id, { allowedDomains: [] })).toEqual({ ok: true, userId, outcome: "existing" });
    const [count] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`lower(${users.email}) = ${id.email}`);
    expect(count?.n).toBe(1);
  });

  it("does not hand an account linked to another subject at the same provider to a new subject", async () => {
    const email = `${unique("reassigned")}@corp.example`;
    const first = await provisionUser(db(), identity({ email }), { allowedDomains: [] });
    expect(first).toMatchObject({ ok: true, outcome: "created" });
    expect(await provisionUser(db(), identity({ email }), { allowedDomains: [] })).toMatchObject({
      ok: false,
      reason: "linked_elsewhere",
    });
  });

  it("names new users from the name claim or the email's local part, and matches a department claim", async () => {
    const deptName = unique("Research Lab");
    const departmentId = await makeDepartment(deptName);
    const named = await provisionUser(db(), identity({ name: "Grace Hopper", department: deptName.toUpperCase() }), {
      allowedDomains: [],
    });
    if (!named.ok) throw new Error(named.message);
    const [grace] = await db().select().from(users).where(eq(users.id, named.userId));
    expect(grace).toMatchObject({ name: "Grace Hopper", departmentId });

    const id = identity({ department: "No Such Department Anywhere" });
    const unnamed = await provisionUser(db(), id, { allowedDomains: [] });
    if (!unnamed.ok) throw new Error(unnamed.message);
    const [row] = await db()
      .select({ name: users.name, slug: departments.slug })
      .from(users)
      .innerJoin(departments, eq(departments.id, users.departmentId))
      .where(eq(users.id, unnamed.userId));
    expect(row).toEqual({ name: id.subject, slug: "unassigned" });
  });

  it("refuses deactivated users, whether found by email or by external account", async () => {
    const email = `${unique("gone")}@corp.example`;
    const userId = await makeUser(email, true);
    expect(await provisionUser(db(), identity({ email }), { allowedDomains: [] })).toMatchObject({
      ok: false,
      reason: "deactivated",
    });

    const active = identity();
    const created = await provisionUser(db(), active, { allowedDomains: [] });
    if (!created.ok) throw new Error(created.message);
    await db().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, created.userId));
    expect(await provisionUser(db(), active, { allowedDomains: [] })).toMatchObject({ ok: false, reason: "deactivated" });
    expect(userId).toBeGreaterThan(0);
  });

  it("applies ALLOWED_EMAIL_DOMAINS to new accounts only", async () => {
    const outsider = identity({ email: `${unique("outsider")}@elsewhere.example` });
    expect(await provisionUser(db(), outsider, { allowedDomains: ["corp.example"] })).toMatchObject({
      ok: false,
      reason: "domain_not_allowed",
    });
    const [none] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`lower(${users.email}) = ${outsider.email}`);
    expect(none?.n).toBe(0);

    expect(await provisionUser(db(), identity(), { allowedDomains: ["corp.example"] })).toMatchObject({
      ok: true,
      outcome: "created",
    });
    // Someone who already has an account keeps signing in even from another domain.
    const email = `${unique("legacy")}@elsewhere.example`;
    const userId = await makeUser(email);
    expect(await provisionUser(db(), identity({ email }), { allowedDomains: ["corp.example"] })).toEqual({
      ok: true,
      userId,
      outcome: "linked",
    });
  });

  it("survives several first sign-ins of the same person at once", async () => {
    const id = identity({ name: "Racing Person" });
    const results = await Promise.all(Array.from({ length: 5 }, () => provisionUser(db(), id, { allowedDomains: [] })));
    const ids = new Set(results.map((r) => (r.ok ? r.userId : null)));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toEqual(expect.any(Number));
    expect(results.filter((r) => r.ok && r.outcome === "created")).toHaveLength(1);
    const [usersCount] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`lower(${users.email}) = ${id.email}`);
    const [linksCount] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(externalAccounts)
      .where(and(eq(externalAccounts.issuer, issuer), eq(externalAccounts.subject, id.subject)));
    expect(usersCount?.n).toBe(1);
    expect(linksCount?.n).toBe(1);
  });
});
