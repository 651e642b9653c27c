import { readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import express from "express";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "~db/client";
import { sessions } from "~db/schema";
import { securityHeaders } from "../../server/app";
import { metricsHandler } from "../../server/metrics";
import { createIdea, createUser, createWeekInPhase, type TestUser } from "../support/factories";
import { hasProductionBuild, type ProductionServer, startProductionServer } from "../support/prod-server";

// The production server as `npm start` runs it, behind a public https origin, with sentinel secrets
// that must never reach a browser.
const root = path.resolve(import.meta.dirname, "../..");
const ORIGIN = "https://expedition.example";
const OIDC_SECRET = `oidc-secret-${crypto.randomUUID()}`;
const METRICS_TOKEN = `metrics-token-${crypto.randomUUID()}`;
const db = getDb();

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

function setCookies(response: Response): string[] {
  return response.headers.getSetCookie().filter((c) => c.startsWith("expedition_session="));
}
const tokenOf = (cookie: string | undefined) => /^expedition_session=([^;]*)/.exec(cookie ?? "")?.[1] ?? "";

describe.runIf(hasProductionBuild())("security of the production server", () => {
  let server: ProductionServer;
  let user: TestUser;
  let ideaId: number;
  // As a TLS-terminating proxy in front of the app would send them (TRUST_PROXY=true).
  const PROXY = { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "expedition.example:443", "X-Forwarded-For": "198.51.100.7" };
  const get = (p: string, cookie?: string, headers: Record<string, string> = {}) =>
    fetch(`${server.origin}${p}`, {
      redirect: "manual",
      headers: { ...PROXY, ...(cookie ? { Cookie: cookie } : {}), ...headers },
    });
  const post = (p: string, form: Record<string, string>, cookie?: string) =>
    fetch(`${server.origin}${p}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        ...PROXY,
        Origin: ORIGIN,
        "Content-Type": "application/x-www-form-urlencoded",
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: new URLSearchParams(form),
    });
  async function signIn(cookie?: string) {
    const response = await post("/login", { email: user.email, password: user.password ?? "", redirectTo: "/" }, cookie);
    expect(response.status, await response.clone().text()).toBe(302);
    const [set] = setCookies(response);
    return { set: set ?? "", cookie: `expedition_session=${tokenOf(set)}` };
  }

  beforeAll(async () => {
    user = await createUser(db, { password: "a-long-enough-passphrase" });
    const week = await createWeekInPhase(db, "pitching");
    ideaId = (await createIdea(db, { weekId: week.id, author: user })).id;
    server = await startProductionServer({
      DATABASE_URL: inject("databaseUrl"),
      APP_ORIGIN: ORIGIN,
      TRUST_PROXY: "true",
      LOG_LEVEL: "info",
      OIDC_ISSUER: "https://sso.invalid",
      OIDC_CLIENT_ID: "expedition",
      OIDC_CLIENT_SECRET: OIDC_SECRET,
      METRICS_TOKEN,
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("pages and resource routes carry an enforced CSP with a fresh nonce on every inline script, and the other headers", async () => {
    const nonces: string[] = [];
    for (const p of ["/login", "/signup", "/healthz", "/readyz", "/demo-images/999999999", "/no-such-page"]) {
      const response = await get(p);
      const h = response.headers;
      const csp = h.get("content-security-policy") ?? "";
      expect(h.get("content-security-policy-report-only"), p).toBeNull();
      expect(csp, p).toContain("default-src 'self'");
      expect(csp, p).toContain("frame-ancestors 'none'");
      expect(csp, p).toContain("object-src 'none'");
      expect(csp, p).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]{16,})'/.exec(csp)?.[1];
      expect(nonce, p).toBeTruthy();
      nonces.push(nonce ?? "");
      expect(h.get("x-content-type-options"), p).toBe("nosniff");
      expect(h.get("x-frame-options"), p).toBe("DENY");
      expect(h.get("referrer-policy"), p).toBe("strict-origin-when-cross-origin");
      expect(h.get("strict-transport-security"), p).toMatch(/^max-age=\d{7,}/);
      const body = await response.text();
      if ((h.get("content-type") ?? "").includes("text/html")) {
        const scripts = [...body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        expect(scripts.length, p).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag, p).toContain(`nonce="${nonce}"`);
      }
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it("the session cookie is HttpOnly, SameSite=Lax, Path=/ and Secure; sign-in replaces a planted session and sign-out ends it on the server", async () => {
    const first = await signIn();
    const attributes = first.set.split("; ");
    expect(attributes).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Path=/", "Secure"]));
    expect(tokenOf(first.set)).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
    expect((await get("/", first.cookie)).status).toBe(200);

    // A session an attacker planted (here a real one) is not kept: sign-in issues a new token and ends the old one.
    const second = await signIn(first.cookie);
    expect(tokenOf(second.set)).not.toBe(tokenOf(first.set));
    const planted = await get("/", first.cookie);
    expect(planted.status).toBe(302);
    expect(planted.headers.get("location")).toMatch(/^\/login/);
    expect(setCookies(planted)[0]).toMatch(/^expedition_session=; .*Max-Age=0/);

    // Sign-out deletes the session row: replaying the cookie afterwards gets the sign-in page.
    const id = tokenOf(second.set).split(".")[0] ?? "";
    expect(await db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(1);
    const out = await post("/logout", {}, second.cookie);
    expect(out.status).toBe(302);
    expect(setCookies(out)[0]).toMatch(/Max-Age=0/);
    expect(await db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
    expect((await get("/", second.cookie)).status).toBe(302);
  });

  it("no secret value reaches a page, its loader data or the scripts it loads, even for a signed-in user", async () => {
    const { cookie } = await signIn();
    const secrets = [OIDC_SECRET, METRICS_TOKEN, inject("databaseUrl")];
    const assets = new Set<string>();
    const pages = ["/", "/weeks", "/people", `/ideas/${ideaId}`, "/settings/profile"];
    for (const p of ["/login", ...pages, "/people.data", `/ideas/${ideaId}.data`]) {
      const response = await get(p, p === "/login" ? undefined : cookie);
      expect(response.status, p).toBe(200);
      const body = await response.text();
      for (const secret of secrets) expect(body.includes(secret), `${p} contains a secret`).toBe(false);
      for (const m of body.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)) assets.add(m[1] as string);
      for (const m of body.matchAll(/"(\/assets\/[^"]+\.js)"/g)) assets.add(m[1] as string);
    }
    expect(assets.size).toBeGreaterThan(3);
    for (const asset of assets) {
      const body = await (await get(asset)).text();
      for (const secret of secrets) expect(body.includes(secret), `${asset} contains a secret`).toBe(false);
    }
  });

  it("the request log names the signed-in user; /metrics needs the token and labels requests by route pattern", async () => {
    const { cookie } = await signIn();
    await get(`/ideas/${ideaId}`, cookie, { "X-Request-Id": "security-log-check" });
    await new Promise((r) => setTimeout(r, 100));
    const line = server
      .output()
      .split("\n")
      .find((l) => l.includes('"requestId":"security-log-check"') && l.includes('"msg":"request"'));
    expect(JSON.parse(line ?? "{}")).toMatchObject({ userId: user.id, method: "GET", path: `/ideas/${ideaId}`, status: 200 });

    expect((await get("/metrics")).status).toBe(401);
    expect((await get("/metrics", undefined, { Authorization: "Bearer wrong-token-of-some-length" })).status).toBe(401);
    const metrics = await get("/metrics", undefined, { Authorization: `Bearer ${METRICS_TOKEN}` });
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toContain("text/plain");
    const text = await metrics.text();
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/ideas\/:ideaId"[^}]*status_class="2xx"/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/login",status_class="3xx"\} [1-9]/);
    // Raw ids never become label values.
    expect(text).not.toContain(`/ideas/${ideaId}"`);
    expect(text).toMatch(/^expedition_db_up 1$/m);
    expect(text).toMatch(/^expedition_db_connections\{state="idle"\} [1-9]/m);
    expect(text).toMatch(/^expedition_db_queries_total\{route="\/ideas\/:ideaId"\} [1-9]/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/assets\/\*",status_class="2xx"\} [1-9]/);
  });
});

describe("securityHeaders", () => {
  it("sends HSTS and a strict script-src in production only; development relaxes both for Vite", () => {
    const production = securityHeaders("abc", "production");
    expect(production["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(production["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc';");
    const development = securityHeaders("abc", "development");
    expect(development["Strict-Transport-Security"]).toBeUndefined();
    expect(development["Content-Security-Policy"]).toContain("'unsafe-inline'");
  });
});

describe("/metrics without METRICS_TOKEN", () => {
  it("answers a client on this machine, but not a request a proxy forwarded", async () => {
    const app = express();
    app.get("/metrics", metricsHandler);
    const listener = app.listen(0, "127.0.0.1");
    await new Promise((r) => listener.once("listening", r));
    try {
      const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/metrics`;
      const local = await fetch(url);
      expect(local.status).toBe(200);
      expect(await local.text()).toContain("# TYPE http_request_duration_seconds histogram");
      const forwarded = await fetch(url, { headers: { "X-Forwarded-For": "203.0.113.9" } });
      expect(forwarded.status).toBe(403);
      expect(await forwarded.text()).toContain("set METRICS_TOKEN");
    } finally {
      listener.close();
    }
  });
});

describe.runIf(hasProductionBuild())("the client build", () => {
  it("holds no server code, no reference to secret environment variables and no process.env", () => {
    const files = filesUnder(path.join(root, "build/client")).filter((f) => /\.(js|mjs|css|html|json|map)$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    const env = readFileSync(path.join(root, "app/env.server.ts"), "utf8");
    const secretNames = ["DATABASE_URL", "OIDC_CLIENT_SECRET", "METRICS_TOKEN"];
    for (const name of secretNames) expect(env, `${name} is still an env var`).toContain(`${name}:`);
    // Markers of modules that must stay on the server: the env schema, the pool, password hashing, SQL.
    const markers = [
      ...secretNames,
      "process.env",
      "postgres://",
      "login_throttles",
      "@node-rs/argon2",
      "secret_hash",
      "pg_stat_activity",
    ];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const marker of markers) expect(text.includes(marker), `${path.relative(root, file)} contains ${marker}`).toBe(false);
    }
  });
});
