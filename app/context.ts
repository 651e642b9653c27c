import type pino from "pino";
import { createContext, type RouterContext } from "react-router";
import type { Session, SessionUser } from "~/auth/session.server";
import type { Database } from "~db/client";

export type RequestInfo = {
  requestId: string;
  ip: string;
  nonce: string;
  log: pino.Logger;
  /** Filled in by the root middleware for the request log and metrics: the signed-in user and the matched route pattern. */
  userId?: number | null;
  route?: string;
};

// The server entry and the app build each load this module; contexts are keys compared by
// identity, so both must get the same objects: they live on globalThis.
const registry = globalThis as typeof globalThis & { __expeditionContexts?: Record<string, RouterContext<unknown>> };
function sharedContext<T>(name: string, defaultValue?: T): RouterContext<T> {
  registry.__expeditionContexts ??= {};
  registry.__expeditionContexts[name] ??= createContext<T>(defaultValue as T) as RouterContext<unknown>;
  return registry.__expeditionContexts[name] as RouterContext<T>;
}

export const requestInfoContext = sharedContext<RequestInfo>("requestInfo");
export const dbContext = sharedContext<Database>("db");
/** Set by the root middleware: the signed-in user and their session, or null. */
export const userContext = sharedContext<SessionUser | null>("user", null);
export const sessionContext = sharedContext<Session | null>("session", null);
