import { env } from "~/env.server";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** This site's origin as browsers see it: APP_ORIGIN when set, else the request's own. */
export function selfOrigin(request: Request): string {
  const configured = env().APP_ORIGIN;
  if (configured) return new URL(configured).origin;
  return new URL(request.url).origin;
}

/** Cookies are Secure on HTTPS and anywhere outside localhost in production. */
export function secureCookies(request: Request): boolean {
  const url = new URL(selfOrigin(request));
  if (url.protocol === "https:") return true;
  return env().NODE_ENV === "production" && !LOCAL_HOSTS.has(url.hostname);
}
