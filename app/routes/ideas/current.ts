import { redirect } from "react-router";
import { requireUser } from "~/auth/guards.server";
import { dbContext } from "~/context";
import { featuredWeek } from "~/weeks/weeks.server";
import type { Route } from "./+types/current";

/** /ideas → the ideas board of the week under way (or the weeks list when there is none). */
export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const week = await featuredWeek(args.context.get(dbContext));
  const search = new URL(args.request.url).search;
  throw redirect(week ? `/weeks/${week.slug}/ideas${search}` : "/weeks");
}
