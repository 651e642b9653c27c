import { data, type MiddlewareFunction } from "react-router";
import { dbContext, requestInfoContext, sessionContext, userContext } from "~/context";
import { env } from "~/env.server";
import { secureCookies, selfOrigin } from "~/lib/request.server";
import { isForeignMutation } from "./csrf";
import {
  clearedSessionCookie,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  sessionPolicy,
  validateSessionToken,
} from "./session.server";

export function currentSessionPolicy() {
  const e = env();
  return sessionPolicy(e.SESSION_IDLE_TIMEOUT_HOURS, e.SESSION_MAX_AGE_DAYS);
}

/** Refuses state-changing requests from other sites (CSRF), for pages and resource routes alike. */
export const csrfMiddleware: MiddlewareFunction<Response> = async ({ request, context }) => {
  if (isForeignMutation(request.method, request.headers, selfOrigin(request))) {
    context
      .get(requestInfoContext)
      .log.warn(
        { origin: request.headers.get("origin"), secFetchSite: request.headers.get("sec-fetch-site") },
        "cross-site request refused",
      );
    throw data({ message: "This request came from another site and was refused." }, { status: 403 });
  }
};

/** Reads the session cookie once per request and puts the user (or null) in the router context. */
export const sessionMiddleware: MiddlewareFunction<Response> = async ({ request, context, pattern }, next) => {
  const info = context.get(requestInfoContext);
  info.route = pattern;
  const token = readCookie(request.headers.get("cookie"), SESSION_COOKIE);
  if (!token) return next();
  const policy = currentSessionPolicy();
  const validated = await validateSessionToken(context.get(dbContext), token, policy);
  info.userId = validated?.user.id ?? null;
  context.set(userContext, validated?.user ?? null);
  context.set(sessionContext, validated?.session ?? null);
  const response = await next();
  const secure = secureCookies(request);
  // A route that signs in or out sets the cookie itself; don't overwrite it.
  const alreadySet = response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!alreadySet) {
    if (!validated) response.headers.append("Set-Cookie", clearedSessionCookie({ secure }));
    else if (validated.refreshed) {
      response.headers.append("Set-Cookie", sessionCookie(token, { secure, maxAgeSeconds: policy.idleTimeoutMs / 1000 }));
    }
  }
  return response;
};
