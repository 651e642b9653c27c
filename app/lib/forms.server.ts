import { data } from "react-router";
import type { z } from "zod";

export type FieldErrors = Record<string, string[] | undefined>;
export type FormFailure = { ok: false; errors: FieldErrors; formError?: string; values: Record<string, string> };

const SECRET_FIELD = /password/i;

/**
 * A record without a prototype: a field named `constructor`, `toString` or `__proto__` is an own
 * entry like any other, never a value inherited from Object.prototype (which crashed every form).
 */
function bareRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Everything the user typed, minus secrets, so a form can be shown again without losing input. */
export function echoValues(formData: FormData): Record<string, string> {
  const values = bareRecord<string>();
  for (const [key, value] of formData) {
    if (typeof value !== "string" || SECRET_FIELD.test(key) || key.startsWith("_")) continue;
    values[key] = key in values ? `${values[key]},${value}` : value.slice(0, 50_000);
  }
  return { ...values };
}

export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const out = bareRecord<string | string[]>();
  for (const [key, value] of formData) {
    if (typeof value !== "string") continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export function parseForm<S extends z.ZodType>(formData: FormData, schema: S): { ok: true; data: z.output<S> } | FormFailure {
  const raw = formDataToObject(formData);
  // PostgreSQL text cannot hold U+0000; refuse it for every form, whatever its schema says.
  const withNull = Object.entries(raw).find(([, v]) => (Array.isArray(v) ? v : [v]).some((s) => s.includes("\u0000")));
  if (withNull) {
    return {
      ok: false,
      errors: { [withNull[0]]: ["This field contains a null character; remove it and try again."] },
      values: echoValues(formData),
    };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  let formError: string | undefined;
  for (const issue of result.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "";
    if (!field) {
      formError ??= issue.message;
      continue;
    }
    errors[field] = [...(errors[field] ?? []), issue.message];
  }
  return { ok: false, errors, formError, values: echoValues(formData) };
}

/** A 400 (or other 4xx) response carrying field errors and the typed values back to the form. */
export function formFailure(formData: FormData, failure: { errors?: FieldErrors; formError?: string }, status = 400) {
  return data(
    { ok: false as const, errors: failure.errors ?? {}, formError: failure.formError, values: echoValues(formData) },
    { status },
  );
}

export async function readFormData(request: Request, maxBytes = 1_000_000): Promise<FormData> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > maxBytes) throw data({ message: "That request is too large." }, { status: 413 });
  try {
    return await request.formData();
  } catch {
    throw data({ message: "The form could not be read. Please submit it again." }, { status: 400 });
  }
}
