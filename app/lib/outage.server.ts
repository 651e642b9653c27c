import type { MiddlewareFunction } from "react-router";

/** Seconds a client is asked to wait before retrying while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

export const OUTAGE_MESSAGE = "Expedition is briefly unavailable: the database is not answering. Try again in a moment.";

/**
 * Error codes that mean "the database cannot be reached right now", not "this query is wrong":
 * socket errors, postgres.js's own connection errors, and PostgreSQL's connection-exception (08…)
 * and shutdown (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now) states.
 */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);

/** True when `error` (or what it wraps: Drizzle's query errors, AggregateErrors) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== "object") return false;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** The plain-text 503 for clients that are not rendering a page (resource routes, the Express layer). */
export function outageResponse(): Response {
  return new Response(OUTAGE_MESSAGE, {
    status: 503,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Cache-Control": "no-store",
    },
  });
}

/** Requests (by their router context) during which a loader, action or middleware met an unreachable database. */
const outages = new WeakSet<object>();

/** Called from the server entry's handleError, which sees every unexpected error with its request's context. */
export function noteOutage(context: unknown, error: unknown): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  if (context && typeof context === "object") outages.add(context);
  return true;
}

/**
 * Outermost root middleware: when anything below it failed because the database is unreachable,
 * the answer becomes a 503 (the friendly error page for documents, plain text for resource routes)
 * with Retry-After, instead of a 500 or a redirect to sign-in.
 */
export const databaseOutageMiddleware: MiddlewareFunction<Response> = async ({ context }, next) => {
  let response: Response;
  try {
    response = await next();
  } catch (error) {
    // Resource routes let a middleware's error through to here; pages render it (and note it) below.
    if (isDatabaseUnavailable(error)) throw outageResponse();
    throw error;
  }
  if (outages.has(context)) throw outageResponse();
  return response;
};
