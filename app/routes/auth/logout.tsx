import { redirect } from "react-router";
import { clearedSessionCookie, invalidateSession, readCookie, SESSION_COOKIE, sessionIdFromToken } from "~/auth/session.server";
import { dbContext } from "~/context";
import { secureCookies } from "~/lib/request.server";
import type { Route } from "./+types/logout";

/** Signing out is a POST (no state changes on GET); it deletes the session row and the cookie. */
export async function action({ request, context }: Route.ActionArgs) {
  const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  const id = token ? sessionIdFromToken(token) : null;
  if (id) await invalidateSession(context.get(dbContext), id);
  return redirect("/login", { headers: { "Set-Cookie": clearedSessionCookie({ secure: secureCookies(request) }) } });
}

export function loader() {
  return redirect("/");
}
