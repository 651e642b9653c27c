import { data } from "react-router";
import { z } from "zod";
import { requireUser } from "~/auth/guards.server";
import { dbContext } from "~/context";
import { triedBefore } from "~/ideas/similar.server";
import type { Route } from "./+types/similar";

const Query = z.object({
  title: z.string().max(300).default(""),
  summary: z.string().max(600).default(""),
  exclude: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .optional(),
});

/** JSON for the pitch form's "Have we tried this before?" panel. */
export async function loader(args: Route.LoaderArgs) {
  requireUser(args);
  const params = Object.fromEntries(new URL(args.request.url).searchParams);
  const parsed = Query.safeParse(params);
  if (!parsed.success) throw data({ message: "That search was not understood." }, { status: 400 });
  const items = await triedBefore(args.context.get(dbContext), { ...parsed.data, excludeIdeaId: parsed.data.exclude });
  return Response.json({ items }, { headers: { "Cache-Control": "private, max-age=30" } });
}
