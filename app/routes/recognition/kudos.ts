import { data, redirect } from "react-router";
import { hasRole, requireUser, safeRedirect } from "~/auth/guards.server";
import { dbContext, requestInfoContext } from "~/context";
import { parseForm, readFormData } from "~/lib/forms.server";
import { giveKudos, type KudosTarget, removeKudos } from "~/recognition/kudos.server";
import { KUDOS_ERRORS, kudosErrorCode } from "~/recognition/rules";
import { KudosActionSchema } from "~/recognition/schemas.server";
import type { Route } from "./+types/kudos";

/** What a fetcher gets back; a plain form gets the same result in the URL it is sent back to. */
export type KudosActionResult = {
  ok: boolean;
  intent: "give" | "remove" | null;
  message: string;
  /** The form field the message belongs beside. */
  field?: "message";
};

const TARGET_PAGES: Record<KudosTarget["kind"], string> = { user: "/people", team: "/teams", demo: "/demos" };

/** Kudos are only ever posted here (from `<KudosPanel>`); there is nothing to GET. */
export function loader() {
  return new Response("Kudos are given with a POST from a team, demo or person page.", {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * `intent=give` (`targetKind`, `targetId`, `message`) or `intent=remove` (`kudosId`). A plain form also
 * sends `redirectTo` and is sent back there: `?kudos=given|removed`, or `?kudosError=<code>` with the
 * target and the typed text so the panel shows the message beside the field and keeps the text.
 * A fetcher leaves `redirectTo` out and gets a KudosActionResult.
 */
export async function action(args: Route.ActionArgs) {
  const user = requireUser(args);
  const db = args.context.get(dbContext);
  const actor = {
    id: user.id,
    isOrganiser: hasRole(user, "organiser"),
    requestId: args.context.get(requestInfoContext).requestId,
  };
  const formData = await readFormData(args.request, 20_000);
  const parsed = parseForm(formData, KudosActionSchema);
  const back = formData.get("redirectTo");
  const rawKind = formData.get("targetKind");
  const rawId = formData.get("targetId");
  const fallback =
    typeof rawKind === "string" && rawKind in TARGET_PAGES && typeof rawId === "string" && /^\d{1,9}$/.test(rawId)
      ? `${TARGET_PAGES[rawKind as KudosTarget["kind"]]}/${rawId}`
      : "/";

  const respond = (status: number, result: KudosActionResult, target?: KudosTarget) => {
    if (typeof back !== "string" || !back) return data(result, { status });
    const to = safeRedirect(back, target ? `${TARGET_PAGES[target.kind]}/${target.id}` : fallback);
    const url = new URL(to, "http://expedition.invalid");
    for (const key of ["kudos", "kudosError", "kudosFor", "kudosDraft"]) url.searchParams.delete(key);
    if (result.ok) {
      url.searchParams.set("kudos", result.intent === "remove" ? "removed" : "given");
    } else {
      url.searchParams.set("kudosError", kudosErrorCode(result.message));
      if (typeof rawKind === "string" && typeof rawId === "string") url.searchParams.set("kudosFor", `${rawKind}-${rawId}`);
      const draft = formData.get("message");
      if (typeof draft === "string" && draft.trim()) url.searchParams.set("kudosDraft", draft.slice(0, 400));
    }
    return redirect(`${url.pathname}${url.search}#kudos`);
  };

  if (!parsed.ok) {
    const message = parsed.errors.message?.[0] ?? KUDOS_ERRORS.invalid;
    return respond(400, { ok: false, intent: null, message, field: "message" });
  }
  const input = parsed.data;
  if (input.intent === "give") {
    const target: KudosTarget = { kind: input.targetKind, id: input.targetId };
    const outcome = await giveKudos(db, actor, target, input.message);
    if (!outcome.ok)
      return respond(outcome.status, { ok: false, intent: "give", message: outcome.message, field: "message" }, target);
    return respond(200, { ok: true, intent: "give", message: "Kudos sent. Thank you for saying it." }, target);
  }
  const outcome = await removeKudos(db, actor, input.kudosId);
  if (!outcome.ok) return respond(outcome.status, { ok: false, intent: "remove", message: outcome.message });
  return respond(200, { ok: true, intent: "remove", message: "Kudos removed." }, outcome.value.target);
}
