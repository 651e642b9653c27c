/** What domain functions return: a value, or a refusal with its HTTP status and a message for people. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; message: string; field?: string };

/** A refusal; `field` names the form field the message belongs beside. */
export const fail = (status: number, message: string, field?: string) =>
  field ? { ok: false as const, status, message, field } : { ok: false as const, status, message };

export const ok = <T>(value: T) => ({ ok: true as const, value });
