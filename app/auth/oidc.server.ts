/**
 * Company single sign-on through OpenID Connect (authorization code flow with PKCE, state and nonce).
 *
 * arctic builds the authorization URL and exchanges the code; it has no discovery and does not verify
 * ID tokens, so discovery (zod-validated, cached per process) and ID token verification (jose, against
 * the provider's JWKS) live here. Each piece is exported so tests can drive it against a real provider.
 */
import { CodeChallengeMethod, generateCodeVerifier, generateState, OAuth2Client, OAuth2RequestError } from "arctic";
import { and, eq, ne, sql } from "drizzle-orm";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from "jose";
import { type RouterContextProvider, redirect } from "react-router";
import { z } from "zod";
import { dbContext, requestInfoContext } from "~/context";
import { type Env, env, oidcConfigured } from "~/env.server";
import { audit } from "~/lib/audit.server";
import { secureCookies, selfOrigin } from "~/lib/request.server";
import type { Database, Queryable } from "~db/client";
import { departments, externalAccounts, users } from "~db/schema";
import { emailDomainAllowed } from "./accounts.server";
import { safeRedirect } from "./guards.server";
import { signInAndRedirect } from "./login.server";
import { EMAIL_MAX } from "./rules";
import { readCookie } from "./session.server";

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

export type OidcClientConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
};

/** The OIDC client settings from the environment, or null when SSO is not configured. */
export function oidcClientConfig(e: Env = env()): OidcClientConfig | null {
  if (!oidcConfigured(e) || !e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  const scopes = e.OIDC_SCOPES.split(/[\s,]+/).filter(Boolean);
  if (!scopes.includes("openid")) scopes.unshift("openid");
  return { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, scopes };
}

export function callbackUrl(request: Request): string {
  return `${selfOrigin(request)}/auth/oidc/callback`;
}

/** A failure the user is told about in a few friendly words; `reason` is only logged. */
export class SsoError extends Error {
  constructor(
    readonly userMessage: string,
    readonly reason: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${userMessage} (${reason})`);
    this.name = "SsoError";
  }
}

// ---------------------------------------------------------------------------------------------
// Discovery
// ---------------------------------------------------------------------------------------------

const httpUrl = z.url({ protocol: /^https?$/ });

const DiscoverySchema = z.object({
  issuer: httpUrl,
  authorization_endpoint: httpUrl,
  token_endpoint: httpUrl,
  jwks_uri: httpUrl,
  userinfo_endpoint: httpUrl.optional(),
  response_types_supported: z.array(z.string()).optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
  authorization_response_iss_parameter_supported: z.boolean().optional(),
});

export type ProviderMetadata = z.infer<typeof DiscoverySchema>;

export const DISCOVERY_TTL_MS = 10 * 60_000;
const DISCOVERY_TIMEOUT_MS = 5_000;

const discoveryCache = new Map<string, { expiresAt: number; metadata: Promise<ProviderMetadata> }>();
const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** Forgets discovered metadata and key sets (tests; a changed configuration). */
export function clearOidcCaches(): void {
  discoveryCache.clear();
  jwksCache.clear();
}

const withoutTrailingSlash = (s: string) => s.replace(/\/+$/, "");

async function fetchDiscovery(issuer: string): Promise<ProviderMetadata> {
  const url = `${withoutTrailingSlash(issuer)}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" }, signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
  } catch (error) {
    throw new SsoError("Single sign-on is unavailable right now. Try again later.", "discovery request failed", {
      url,
      error: String(error),
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SsoError("Single sign-on is unavailable right now. Try again later.", "discovery answered with an error", {
      url,
      status: response.status,
    });
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new SsoError("Single sign-on is misconfigured.", "discovery document is not JSON", { url });
  }
  const parsed = DiscoverySchema.safeParse(json);
  if (!parsed.success) {
    throw new SsoError("Single sign-on is misconfigured.", "discovery document is invalid", {
      url,
      issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
    });
  }
  // OpenID Connect Discovery 1.0 §4.3: the issuer must be the one we asked (a trailing slash aside).
  if (withoutTrailingSlash(parsed.data.issuer) !== withoutTrailingSlash(issuer)) {
    throw new SsoError("Single sign-on is misconfigured.", "discovered issuer differs from OIDC_ISSUER", {
      configured: issuer,
      discovered: parsed.data.issuer,
    });
  }
  return parsed.data;
}

/** The provider's metadata from `${issuer}/.well-known/openid-configuration`, cached for 10 minutes. */
export async function discover(issuer: string, now: number = Date.now()): Promise<ProviderMetadata> {
  const cached = discoveryCache.get(issuer);
  if (cached && cached.expiresAt > now) return cached.metadata;
  const metadata = fetchDiscovery(issuer);
  discoveryCache.set(issuer, { expiresAt: now + DISCOVERY_TTL_MS, metadata });
  // Failures are not cached: the next sign-in asks again.
  metadata.catch(() => {
    if (discoveryCache.get(issuer)?.metadata === metadata) discoveryCache.delete(issuer);
  });
  return metadata;
}

function remoteJwks(jwksUri: string) {
  let jwks = jwksCache.get(jwksUri);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: DISCOVERY_TIMEOUT_MS });
    jwksCache.set(jwksUri, jwks);
  }
  return jwks;
}

// ---------------------------------------------------------------------------------------------
// The sign-in flow: authorization URL and the short-lived flow cookie
// ---------------------------------------------------------------------------------------------

export type OidcFlow = {
  state: string;
  codeVerifier: string;
  nonce: string;
  redirectTo: string;
  /** Unix ms when the flow started; the callback refuses flows older than FLOW_TTL_SECONDS. */
  startedAt: number;
};

export const FLOW_COOKIE = "expedition_oidc";
export const FLOW_TTL_SECONDS = 10 * 60;
const FLOW_COOKIE_PATH = "/auth/oidc";

export function createFlow(redirectTo: string | null | undefined, now: number = Date.now()): OidcFlow {
  return {
    state: generateState(),
    codeVerifier: generateCodeVerifier(),
    nonce: generateState(),
    redirectTo: safeRedirect(redirectTo),
    startedAt: now,
  };
}

function oauthClient(client: Pick<OidcClientConfig, "clientId" | "clientSecret">, redirectUri: string) {
  return new OAuth2Client(client.clientId, client.clientSecret, redirectUri);
}

/** The provider's authorization URL for this flow: code + PKCE (S256) + state + nonce. */
export function buildAuthorizationUrl(
  metadata: ProviderMetadata,
  client: OidcClientConfig,
  redirectUri: string,
  flow: Pick<OidcFlow, "state" | "codeVerifier" | "nonce">,
): URL {
  const url = oauthClient(client, redirectUri).createAuthorizationURLWithPKCE(
    metadata.authorization_endpoint,
    flow.state,
    CodeChallengeMethod.S256,
    flow.codeVerifier,
    client.scopes,
  );
  url.searchParams.set("nonce", flow.nonce);
  return url;
}

const token = z.string().min(20).max(200);
const FlowCookieSchema = z.object({
  state: token,
  codeVerifier: token,
  nonce: token,
  redirectTo: z.string().max(2000),
  startedAt: z.number().int().positive(),
});

export function flowCookie(flow: OidcFlow, opts: { secure: boolean }): string {
  const value = Buffer.from(JSON.stringify(flow), "utf8").toString("base64url");
  return [
    `${FLOW_COOKIE}=${value}`,
    `Path=${FLOW_COOKIE_PATH}`,
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${FLOW_TTL_SECONDS}`,
    opts.secure ? "Secure" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

export function clearedFlowCookie(opts: { secure: boolean }): string {
  return [
    `${FLOW_COOKIE}=`,
    `Path=${FLOW_COOKIE_PATH}`,
    "HttpOnly",
    "SameSite=Lax",
    "Max-Age=0",
    "Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    opts.secure ? "Secure" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** The flow from the cookie, or null when it is missing, malformed or older than 10 minutes. */
export function readFlowCookie(cookieHeader: string | null, now: number = Date.now()): OidcFlow | null {
  const raw = readCookie(cookieHeader, FLOW_COOKIE);
  if (!raw || raw.length > 4000) return null;
  try {
    const parsed = FlowCookieSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    const age = now - parsed.data.startedAt;
    if (age < -60_000 || age > FLOW_TTL_SECONDS * 1000) return null;
    return { ...parsed.data, redirectTo: safeRedirect(parsed.data.redirectTo) };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Code exchange and ID token verification
// ---------------------------------------------------------------------------------------------

/** Exchanges the authorization code (with the PKCE verifier) and returns the raw ID token. */
export async function exchangeCode(
  metadata: ProviderMetadata,
  client: OidcClientConfig,
  redirectUri: string,
  code: string,
  codeVerifier: string,
): Promise<string> {
  let tokens: Awaited<ReturnType<OAuth2Client["validateAuthorizationCode"]>>;
  try {
    tokens = await oauthClient(client, redirectUri).validateAuthorizationCode(metadata.token_endpoint, code, codeVerifier);
  } catch (error) {
    const details =
      error instanceof OAuth2RequestError
        ? { code: error.code, description: error.description }
        : { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    throw new SsoError("Sign-in could not be completed. Try again.", "token exchange failed", details);
  }
  try {
    return tokens.idToken();
  } catch {
    throw new SsoError("Sign-in could not be completed. Try again.", "token response has no id_token");
  }
}

export type VerifiedIdentity = {
  /** The issuer exactly as the provider spells it (discovered and in the token). */
  issuer: string;
  subject: string;
  /** Lower-cased. */
  email: string;
  name: string | null;
  department: string | null;
};

const optionalText = z.preprocess((v) => (typeof v === "string" ? v : undefined), z.string().optional());

const IdClaimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: optionalText,
  email_verified: z.unknown().optional(),
  name: optionalText,
  department: optionalText,
});

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;
const CONTROL = /\p{Cc}/gu;

function cleanText(value: string | undefined, max: number): string | null {
  const cleaned = (value ?? "").replace(CONTROL, " ").replace(/\s+/g, " ").trim().slice(0, max).trim();
  return cleaned || null;
}

const INVALID_TOKEN = "The sign-in response could not be verified. Try again.";

/**
 * Verifies the ID token's signature against the provider's JWKS, its issuer, audience, lifetime and
 * nonce, and requires a verified email address.
 */
export async function verifyIdToken(
  metadata: ProviderMetadata,
  idToken: string,
  expected: { clientId: string; nonce: string },
): Promise<VerifiedIdentity> {
  const algorithms = metadata.id_token_signing_alg_values_supported?.filter((a) => a !== "none" && !a.startsWith("HS"));
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(idToken, remoteJwks(metadata.jwks_uri), {
      issuer: metadata.issuer,
      audience: expected.clientId,
      algorithms: algorithms?.length ? algorithms : undefined,
      clockTolerance: 60,
      requiredClaims: ["sub", "iat", "exp"],
    }));
  } catch (error) {
    const details: Record<string, unknown> = {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
    if (error instanceof joseErrors.JWTClaimValidationFailed || error instanceof joseErrors.JWTExpired) {
      Object.assign(details, { claim: error.claim, reason: error.reason });
    }
    throw new SsoError(INVALID_TOKEN, "ID token verification failed", details);
  }
  // OpenID Connect Core §3.1.3.7: several audiences need an azp naming us; an azp must name us.
  if (payload.azp !== undefined && payload.azp !== expected.clientId) {
    throw new SsoError(INVALID_TOKEN, "ID token azp is another client", { azp: payload.azp });
  }
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expected.clientId) {
    throw new SsoError(INVALID_TOKEN, "ID token has several audiences and no azp");
  }
  if (typeof payload.nonce !== "string" || payload.nonce !== expected.nonce) {
    throw new SsoError(INVALID_TOKEN, "ID token nonce does not match");
  }
  const claims = IdClaimsSchema.safeParse(payload);
  if (!claims.success) throw new SsoError(INVALID_TOKEN, "ID token claims are invalid", { issues: claims.error.issues.length });
  const email = claims.data.email?.trim().toLowerCase();
  if (!email) throw new SsoError("Your single sign-on account has no email address.", "ID token has no email claim");
  if (email.length > EMAIL_MAX || !EMAIL_SHAPE.test(email)) {
    throw new SsoError("Your single sign-on account's email address is not valid here.", "email claim is not an address");
  }
  if (claims.data.email_verified !== true) {
    throw new SsoError("Your email address is not verified by your sign-on provider.", "email_verified is not true", {
      emailVerified: claims.data.email_verified ?? null,
    });
  }
  return {
    issuer: metadata.issuer,
    subject: claims.data.sub,
    email,
    name: cleanText(claims.data.name, 100),
    department: cleanText(claims.data.department, 200),
  };
}

// ---------------------------------------------------------------------------------------------
// Provisioning
// ---------------------------------------------------------------------------------------------

export type ProvisionResult =
  | { ok: true; userId: number; outcome: "existing" | "linked" | "created" }
  | { ok: false; reason: "deactivated" | "domain_not_allowed" | "linked_elsewhere"; message: string };

const DEACTIVATED: ProvisionResult = {
  ok: false,
  reason: "deactivated",
  message: "Your account is deactivated. Ask an administrator to reactivate it.",
};

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.code === "23505") return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** The department named by the `department` claim, else "Unassigned" (created on first need). */
async function departmentFor(tx: Queryable, claim: string | null): Promise<number> {
  if (claim) {
    const [match] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(sql`lower(${departments.name}) = ${claim.toLowerCase()}`);
    if (match) return match.id;
  }
  const find = async () => {
    const [row] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(sql`${departments.slug} = 'unassigned' or lower(${departments.name}) = 'unassigned'`)
      .orderBy(sql`${departments.slug} = 'unassigned' desc`)
      .limit(1);
    return row?.id;
  };
  const existing = await find();
  if (existing) return existing;
  // DO NOTHING on any unique conflict: a concurrent first sign-in may be creating it right now.
  const [created] = await tx
    .insert(departments)
    .values({
      name: "Unassigned",
      slug: "unassigned",
      description: "People who signed in through SSO without a known department.",
    })
    .onConflictDoNothing()
    .returning({ id: departments.id });
  const id = created?.id ?? (await find());
  if (!id) throw new Error("could not find or create the Unassigned department");
  return id;
}

function nameFor(identity: VerifiedIdentity): string {
  const local = identity.email.split("@")[0] ?? identity.email;
  return identity.name ?? cleanText(local, 100) ?? "SSO user";
}

async function provisionOnce(
  db: Database,
  identity: VerifiedIdentity,
  options: { allowedDomains: string[]; requestId?: string },
): Promise<ProvisionResult> {
  // 1. A known external account: that user.
  const [known] = await db
    .select({ id: externalAccounts.id, userId: externalAccounts.userId, deactivatedAt: users.deactivatedAt })
    .from(externalAccounts)
    .innerJoin(users, eq(users.id, externalAccounts.userId))
    .where(and(eq(externalAccounts.issuer, identity.issuer), eq(externalAccounts.subject, identity.subject)));
  if (known) {
    if (known.deactivatedAt) return DEACTIVATED;
    await db
      .update(externalAccounts)
      .set({ lastUsedAt: new Date(), email: identity.email })
      .where(eq(externalAccounts.id, known.id));
    return { ok: true, userId: known.userId, outcome: "existing" };
  }

  // 2. A user with the same (verified) email: link the external account to them.
  const [byEmail] = await db
    .select({ id: users.id, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(sql`lower(${users.email}) = ${identity.email}`);
  if (byEmail) {
    if (byEmail.deactivatedAt) return DEACTIVATED;
    // Someone else at this provider already owns this account (e.g. a reassigned address): do not hand it over.
    const [other] = await db
      .select({ id: externalAccounts.id })
      .from(externalAccounts)
      .where(
        and(
          eq(externalAccounts.userId, byEmail.id),
          eq(externalAccounts.issuer, identity.issuer),
          ne(externalAccounts.subject, identity.subject),
        ),
      )
      .limit(1);
    if (other) {
      return {
        ok: false,
        reason: "linked_elsewhere",
        message: "The account with this email is linked to a different sign-on identity. Ask an administrator.",
      };
    }
    await db.transaction(async (tx) => {
      await tx.insert(externalAccounts).values({
        userId: byEmail.id,
        issuer: identity.issuer,
        subject: identity.subject,
        email: identity.email,
      });
      await audit(tx, {
        actorId: byEmail.id,
        action: "user.sso_linked",
        targetType: "user",
        targetId: byEmail.id,
        after: { issuer: identity.issuer, subject: identity.subject, email: identity.email },
        requestId: options.requestId,
      });
    });
    return { ok: true, userId: byEmail.id, outcome: "linked" };
  }

  // 3. Nobody yet: create the user and the external account together.
  if (!emailDomainAllowed(identity.email, options.allowedDomains)) {
    return {
      ok: false,
      reason: "domain_not_allowed",
      message: `Accounts are open to ${options.allowedDomains.map((d) => `@${d}`).join(", ")} addresses only.`,
    };
  }
  const userId = await db.transaction(async (tx) => {
    const departmentId = await departmentFor(tx, identity.department);
    const name = nameFor(identity);
    const [user] = await tx.insert(users).values({ email: identity.email, name, departmentId }).returning({ id: users.id });
    if (!user) throw new Error("insert returned no row");
    await tx
      .insert(externalAccounts)
      .values({ userId: user.id, issuer: identity.issuer, subject: identity.subject, email: identity.email });
    await audit(tx, {
      actorId: user.id,
      action: "user.sso_created",
      targetType: "user",
      targetId: user.id,
      after: { email: identity.email, name, departmentId, issuer: identity.issuer, subject: identity.subject },
      requestId: options.requestId,
    });
    return user.id;
  });
  return { ok: true, userId, outcome: "created" };
}

/**
 * Finds or creates the user for a verified identity: by (issuer, subject), else by email (linking),
 * else a new user. Two first sign-ins at once collide on a unique index; the loser reads again.
 */
export async function provisionUser(
  db: Database,
  identity: VerifiedIdentity,
  options: { allowedDomains: string[]; requestId?: string },
): Promise<ProvisionResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await provisionOnce(db, identity, options);
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The two routes
// ---------------------------------------------------------------------------------------------

type Context = Readonly<RouterContextProvider>;

function loginWithError(message: string, redirectTo: string | null, headers: HeadersInit = {}): Response {
  const params = new URLSearchParams({ sso_error: message });
  if (redirectTo && redirectTo !== "/") params.set("redirectTo", redirectTo);
  return redirect(`/login?${params}`, { headers });
}

/** GET /auth/oidc/start: sets the flow cookie and sends the browser to the provider. */
export async function startOidcSignIn(request: Request, context: Context, e: Env = env()): Promise<Response> {
  const client = oidcClientConfig(e);
  if (!client)
    return new Response("Single sign-on is not configured.", { status: 404, headers: { "Content-Type": "text/plain" } });
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  const log = context.get(requestInfoContext).log;
  let metadata: ProviderMetadata;
  try {
    metadata = await discover(client.issuer);
  } catch (error) {
    const sso = error instanceof SsoError ? error : new SsoError("Single sign-on is unavailable right now.", "discovery failed");
    log.warn({ reason: sso.reason, ...sso.details, err: error instanceof SsoError ? undefined : error }, "single sign-on failed");
    return loginWithError(sso.userMessage, redirectTo);
  }
  const flow = createFlow(redirectTo);
  const url = buildAuthorizationUrl(metadata, client, callbackUrl(request), flow);
  return redirect(url.toString(), {
    headers: { "Set-Cookie": flowCookie(flow, { secure: secureCookies(request) }), "Cache-Control": "no-store" },
  });
}

function providerErrorMessage(code: string): string {
  if (code === "access_denied") return "Sign-in was cancelled or refused at your sign-on provider.";
  if (code === "login_required" || code === "interaction_required" || code === "consent_required") {
    return "Your sign-on provider needs you to sign in again.";
  }
  return "Your sign-on provider reported an error. Try again.";
}

/** GET /auth/oidc/callback: checks state, exchanges the code, verifies the ID token and signs in. */
export async function finishOidcSignIn(request: Request, context: Context, e: Env = env()): Promise<Response> {
  const info = context.get(requestInfoContext);
  const secure = secureCookies(request);
  const clearCookie = { "Set-Cookie": clearedFlowCookie({ secure }) };
  const flow = readFlowCookie(request.headers.get("cookie"));
  const params = new URL(request.url).searchParams;

  try {
    const client = oidcClientConfig(e);
    if (!client) throw new SsoError("Single sign-on is not configured.", "SSO is not configured");
    const providerError = params.get("error");
    if (providerError) {
      throw new SsoError(providerErrorMessage(providerError), "provider returned an error", {
        error: providerError.slice(0, 100),
        description: params.get("error_description")?.slice(0, 300),
        stateMatches: Boolean(flow && params.get("state") === flow.state),
      });
    }
    if (!flow) {
      throw new SsoError("Your sign-in expired or was started in another browser. Try again.", "flow cookie missing or expired");
    }
    const state = params.get("state");
    if (!state || state !== flow.state) throw new SsoError("The sign-in response did not match. Try again.", "state mismatch");
    const code = params.get("code");
    if (!code) throw new SsoError("Sign-in could not be completed. Try again.", "callback has no code");

    const metadata = await discover(client.issuer);
    // RFC 9207: when the provider names itself in the response, it must be the one we sent the user to.
    const iss = params.get("iss");
    if (iss !== null && iss !== metadata.issuer)
      throw new SsoError(INVALID_TOKEN, "iss parameter differs from the issuer", { iss });
    const redirectUri = callbackUrl(request);
    const idToken = await exchangeCode(metadata, client, redirectUri, code, flow.codeVerifier);
    const identity = await verifyIdToken(metadata, idToken, { clientId: client.clientId, nonce: flow.nonce });
    const result = await provisionUser(context.get(dbContext), identity, {
      allowedDomains: e.ALLOWED_EMAIL_DOMAINS,
      requestId: info.requestId,
    });
    if (!result.ok) throw new SsoError(result.message, `account refused: ${result.reason}`, { subject: identity.subject });
    info.log.info({ userId: result.userId, outcome: result.outcome }, "single sign-on succeeded");
    return await signInAndRedirect(request, context, result.userId, flow.redirectTo, clearCookie);
  } catch (error) {
    if (!(error instanceof SsoError)) {
      info.log.error({ err: error }, "single sign-on failed unexpectedly");
      return loginWithError("Sign-in could not be completed. Try again.", flow?.redirectTo ?? null, clearCookie);
    }
    info.log.warn({ reason: error.reason, ...error.details }, "single sign-on failed");
    return loginWithError(error.userMessage, flow?.redirectTo ?? null, clearCookie);
  }
}
