import { finishOidcSignIn } from "~/auth/oidc.server";
import type { Route } from "./+types/oidc-callback";

/** The identity provider sends the browser back here; every failure lands on /login with a message. */
export async function loader({ request, context }: Route.LoaderArgs) {
  return finishOidcSignIn(request, context);
}
