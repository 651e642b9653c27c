import { startOidcSignIn } from "~/auth/oidc.server";
import type { Route } from "./+types/oidc-start";

/** Sends the browser to the company identity provider (404 when single sign-on is not configured). */
export async function loader({ request, context }: Route.LoaderArgs) {
  return startOidcSignIn(request, context);
}
