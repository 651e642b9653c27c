import { data } from "react-router";
import { echoValues, type FieldErrors, parseForm } from "~/lib/forms.server";
import { renderMarkdown } from "~/lib/markdown.server";
import type { Outcome } from "~/lib/outcome";
import type { Database } from "~db/client";
import { type IdeaInput, IdeaSchema } from "./schemas.server";
import { type SimilarItem, triedBefore } from "./similar.server";

export type IdeaFormState = {
  ok: false;
  errors: FieldErrors;
  formError?: string;
  values: Record<string, string>;
  preview: { problem: string; proposal: string } | null;
  similar: SimilarItem[];
};

const state = (formData: FormData, extra: Partial<IdeaFormState>, status = 200) =>
  data<IdeaFormState>({ ok: false, errors: {}, values: echoValues(formData), preview: null, similar: [], ...extra }, { status });

/**
 * The shared action of the pitch and edit forms: "preview" renders the Markdown and the tried-before
 * suggestions without saving; "publish" validates and calls `save`.
 */
export async function handleIdeaForm(
  db: Database,
  formData: FormData,
  save: (input: IdeaInput) => Promise<Outcome<{ id: number }>>,
  excludeIdeaId?: number,
) {
  const parsed = parseForm(formData, IdeaSchema);
  const intent = formData.get("intent") === "preview" ? "preview" : "publish";
  if (intent === "preview") {
    const values = echoValues(formData);
    const similar = await triedBefore(db, { title: values.title ?? "", summary: values.summary ?? "", excludeIdeaId });
    return state(formData, {
      errors: parsed.ok ? {} : parsed.errors,
      preview: { problem: renderMarkdown(values.problem ?? ""), proposal: renderMarkdown(values.proposal ?? "") },
      similar,
    });
  }
  if (!parsed.ok) return state(formData, { errors: parsed.errors, formError: parsed.formError }, 400);
  const outcome = await save(parsed.data);
  if (!outcome.ok) {
    return state(
      formData,
      outcome.field ? { errors: { [outcome.field]: [outcome.message] } } : { formError: outcome.message },
      outcome.status,
    );
  }
  return outcome.value;
}
