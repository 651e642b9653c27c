import type { RouterContextProvider } from "react-router";
import { redirect } from "react-router";
import { dbContext, requestInfoContext } from "~/context";
import { secureCookies } from "~/lib/request.server";
import { safeRedirect } from "./guards.server";
import { currentSessionPolicy } from "./middleware.server";
import {
  createSession,
  invalidateSession,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  sessionIdFromToken,
} from "./session.server";

/**
 * Starts a fresh session for `userId` (never reusing a token the browser already had, so a
 * planted cookie cannot be fixed onto the account) and redirects to `redirectTo`.
 */
export async function signInAndRedirect(
  request: Request,
  context: Readonly<RouterContextProvider>,
  userId: number,
  redirectTo: string | null | undefined,
  extraHeaders: HeadersInit = {},
) {
  const db = context.get(dbContext);
  const info = context.get(requestInfoContext);
  const previous = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  const previousId = previous ? sessionIdFromToken(previous) : null;
  if (previousId) await invalidateSession(db, previousId);
  const { token } = await createSession(db, userId, { userAgent: request.headers.get("user-agent") ?? "", ip: info.ip });
  const policy = currentSessionPolicy();
  const headers = new Headers(extraHeaders);
  headers.append(
    "Set-Cookie",
    sessionCookie(token, { secure: secureCookies(request), maxAgeSeconds: policy.idleTimeoutMs / 1000 }),
  );
  info.log.info({ userId }, "signed in");
  return redirect(safeRedirect(redirectTo), { headers });
}
