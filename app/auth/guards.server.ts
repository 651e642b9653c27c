import { data, type RouterContextProvider, redirect } from "react-router";
import { userContext } from "~/context";
import { hasControlChars } from "~/lib/text";
import type { Role, SessionUser } from "./session.server";

type Args = { request: Request; context: Readonly<RouterContextProvider> };

export function getUser(context: Args["context"]): SessionUser | null {
  return context.get(userContext);
}

export function hasRole(user: Pick<SessionUser, "roles"> | null | undefined, role: Role): boolean {
  if (!user) return false;
  if (role === "participant") return true;
  // Admins can do everything organisers can.
  if (role === "organiser") return user.roles.includes("organiser") || user.roles.includes("admin");
  return user.roles.includes(role);
}

/** Only same-site relative paths; anything else (other hosts, `//evil`, `/\\evil`) falls back. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (hasControlChars(to) || to.includes("\\")) return fallback;
  try {
    const url = new URL(to, "http://expedition.invalid");
    if (url.origin !== "http://expedition.invalid") return fallback;
    // URL parsing removes dot segments, so "/.//evil" would become "//evil": check again after it.
    const path = url.pathname + url.search + url.hash;
    return path.startsWith("//") ? fallback : path;
  } catch {
    return fallback;
  }
}

export function loginRedirectPath(request: Request): string {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return back === "/" ? "/login" : `/login?${new URLSearchParams({ redirectTo: back })}`;
}

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export function requireUser({ request, context }: Args): SessionUser {
  const user = getUser(context);
  if (!user) throw redirect(loginRedirectPath(request));
  return user;
}

export function requireRole(args: Args, role: Role): SessionUser {
  const user = requireUser(args);
  if (!hasRole(user, role)) {
    throw data({ message: `This page is for ${role === "admin" ? "administrators" : `${role}s`} only.` }, { status: 403 });
  }
  return user;
}

export const requireOrganiser = (args: Args) => requireRole(args, "organiser");
export const requireAdmin = (args: Args) => requireRole(args, "admin");
