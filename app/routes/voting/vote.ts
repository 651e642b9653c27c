import { data, redirect } from "react-router";
import { requireUser, safeRedirect } from "~/auth/guards.server";
import { dbContext, requestInfoContext } from "~/context";
import { parseForm, readFormData } from "~/lib/forms.server";
import { takeRate, VOTE_RATE } from "~/lib/rate-limit.server";
import { castVote, withdrawVote } from "~/voting/judging.server";
import { VoteSchema } from "~/voting/schemas.server";
import type { Route } from "./+types/vote";

/** Why a vote was refused, as a short code a page can put in its URL (never free text). */
export type VoteErrorCode = "own" | "limit" | "closed" | "missing" | "invalid" | "slow";

function codeFor(status: number, message: string): VoteErrorCode {
  if (status === 429) return "slow";
  if (status === 403) return "own";
  if (status === 404) return "missing";
  if (status === 409) return message.startsWith("You have used all") ? "limit" : "closed";
  return "invalid";
}

/**
 * People's-choice votes: `intent=vote|unvote`, `demoId`. A plain form also sends `redirectTo` and is
 * sent back there (with `?voteError=<code>` when refused); a fetcher leaves it out and gets JSON.
 */
export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const slug = args.params.slug;
  const formData = await readFormData(args.request, 10_000);
  const parsed = parseForm(formData, VoteSchema);
  const back = formData.get("redirectTo");
  const respond = (
    status: number,
    body: { ok: boolean; message: string; demoId: number | null; voted?: boolean; remaining?: number },
  ) => {
    if (typeof back === "string" && back) {
      const to = safeRedirect(back, body.demoId ? `/demos/${body.demoId}` : `/weeks/${encodeURIComponent(slug)}`);
      if (body.ok) return redirect(to);
      const url = new URL(to, "http://expedition.invalid");
      url.searchParams.set("voteError", codeFor(status, body.message));
      return redirect(url.pathname + url.search + url.hash);
    }
    return data(body, { status });
  };
  if (!parsed.ok) {
    const message = parsed.formError ?? Object.values(parsed.errors).flat()[0] ?? "Choose a demo to vote for.";
    return respond(400, { ok: false, message, demoId: null });
  }
  const { intent, demoId } = parsed.data;
  const rate = await takeRate(db, VOTE_RATE, user.id);
  if (!rate.ok) return respond(rate.status, { ok: false, message: rate.message, demoId });
  const who = { id: user.id, requestId: args.context.get(requestInfoContext).requestId };
  // The demo must belong to the week in the URL (checked in the same query that finds it).
  const outcome =
    intent === "vote"
      ? await castVote(db, who, demoId, new Date(), { weekSlug: slug })
      : await withdrawVote(db, who, demoId, new Date(), { weekSlug: slug });
  if (!outcome.ok) return respond(outcome.status, { ok: false, message: outcome.message, demoId });
  return respond(200, {
    ok: true,
    message: intent === "vote" ? "Vote cast." : "Vote withdrawn.",
    demoId,
    voted: intent === "vote",
    remaining: outcome.value.remaining,
  });
}
