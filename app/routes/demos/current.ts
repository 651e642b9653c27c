import { redirect } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { dbContext } from "~/context";
import { featuredWeek } from "~/weeks/weeks.server";
import type { Route } from "./+types/current";

/** /demos → the demo gallery of the week under way (or the weeks list when there is none). */
export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const week = await featuredWeek(args.context.get(dbContext));
  throw redirect(week ? `/weeks/${week.slug}/demos${new URL(args.request.url).search}` : "/weeks");
}
