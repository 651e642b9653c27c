/**
 * A real OpenID provider for tests, built on `oidc-provider` with its development login and consent
 * pages: any login and any password are accepted, and the login becomes the account.
 *
 *   node --import tsx tests/e2e/support/oidc-idp.ts     (OIDC_IDP_PORT, default 4911)
 *
 * Vitest starts it in-process with `startIdp({ port: 0, redirectUris })`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { exportJWK, generateKeyPair } from "jose";

export type IdpOptions = {
  /** 0 picks a free port. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  redirectUris?: string[];
};

export type RunningIdp = { issuer: string; port: number; close: () => Promise<void> };

export type IdpClaims = { sub: string; email: string; email_verified: true; name: string };

/** What the dev login page's "login" field becomes: the subject, an email and a display name. */
export function claimsForLogin(login: string): IdpClaims {
  const sub = login.trim();
  const email = sub.includes("@") ? sub : `${sub}@sso.example`;
  const local = email.split("@")[0] ?? sub;
  const name =
    local
      .split(/[._+-]+/)
      .filter(Boolean)
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(" ") || sub;
  return { sub, email, email_verified: true, name };
}

type ProviderInstance = { callback: () => http.RequestListener; proxy: boolean };
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

// oidc-provider ships no type declarations; a non-literal specifier keeps TypeScript from asking for them.
const PROVIDER_MODULE = "oidc-provider";

export async function startIdp(options: IdpOptions = {}): Promise<RunningIdp> {
  const clientId = options.clientId ?? process.env.OIDC_CLIENT_ID ?? "expedition-e2e";
  const clientSecret = options.clientSecret ?? process.env.OIDC_CLIENT_SECRET ?? "expedition-e2e-secret";
  const redirectUris = options.redirectUris ?? [process.env.OIDC_REDIRECT_URI ?? "http://localhost:4173/auth/oidc/callback"];
  const requestedPort = options.port ?? Number(process.env.OIDC_IDP_PORT ?? 4911);

  // Listen first so port 0 works: the issuer needs the real port. Requests that arrive before the
  // provider exists wait for it.
  let handler: http.RequestListener | undefined;
  let ready: () => void = () => {};
  const providerReady = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const server = http.createServer((req, res) => {
    if (handler) return void handler(req, res);
    void providerReady.then(() => handler?.(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(requestedPort, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://localhost:${port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: `test-${Date.now().toString(36)}`, alg: "RS256", use: "sig" };

  const { default: Provider } = (await import(PROVIDER_MODULE)) as { default: ProviderConstructor };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Put the scope's claims in the ID token itself (by default they are only at the userinfo endpoint).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    jwks: { keys: [signingKey] },
    cookies: { keys: ["expedition-test-idp-only-not-a-secret"] },
    ttl: { AccessToken: 600, AuthorizationCode: 120, IdToken: 600, Interaction: 900, Session: 3600, Grant: 3600 },
    async findAccount(_ctx: unknown, sub: string) {
      return {
        accountId: sub,
        async claims() {
          return claimsForLogin(sub);
        },
      };
    },
  });
  handler = provider.callback();
  ready();

  return {
    issuer,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  const idp = await startIdp();
  console.log(`Test OpenID provider listening at ${idp.issuer}`);
  const stop = async () => {
    await idp.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}
