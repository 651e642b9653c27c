import { redirect } from "react-router";
import { safeRedirect } from "~/auth/guards.server";
import { readFormData } from "~/lib/forms.server";
import { parseTheme, themeCookie } from "~/lib/theme";
import type { Route } from "./+types/theme";

/** No-JavaScript fallback for the theme toggle: stores the choice in a cookie and goes back. */
export async function action({ request }: Route.ActionArgs) {
  // A malformed or oversized body is a 400/413, not a crash.
  const form = await readFormData(request, 10_000);
  const theme = parseTheme(String(form.get("theme") ?? ""));
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": themeCookie(theme) } });
}

export function loader() {
  return redirect("/");
}
