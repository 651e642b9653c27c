import { and, eq } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { dbContext, requestInfoContext, userContext } from "~/context";
import { COMMENT_RATE, type RateRule, SIGN_UP_RATE, takeRate, VOTE_RATE } from "~/lib/rate-limit.server";
import { action as signupAction } from "~/routes/auth/signup";
import { action as ideaAction } from "~/routes/ideas/idea";
import { action as voteAction } from "~/routes/voting/vote";
import { createPool, getDb } from "~db/client";
import { ideaComments, peoplesChoiceVotes, users } from "~db/schema";
import {
  createDemo,
  createDepartment,
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type TestUser,
  uniqueEmail,
  uniqueIp,
} from "../support/factories";

const db = getDb();
const T0 = new Date("2026-05-01T09:00:00.000Z");
const plus = (ms: number) => new Date(T0.getTime() + ms);
const rule = (limit: number, windowMs = 60_000): RateRule => ({
  name: `test-${crypto.randomUUID()}`,
  limit,
  windowMs,
  message: (wait) => `Slow down — try again in ${wait}.`,
});

type ActionArgs = { request: Request; context: RouterContextProvider; params: Record<string, string> };

/** Calls a route action the way React Router does, as `user` (or nobody) from `ip`. */
function call<T>(
  action: (args: never) => Promise<T>,
  path: string,
  fields: Record<string, string>,
  options: { user?: TestUser; ip?: string; params?: Record<string, string> },
) {
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(requestInfoContext, { requestId: "req-rate", ip: options.ip ?? uniqueIp(), nonce: "n", log: {} as never });
  if (options.user) context.set(userContext, { ...options.user, roles: ["participant"] });
  const request = new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(fields) });
  const args: ActionArgs = { request, context, params: options.params ?? {} };
  return action(args as never);
}

type DataResult = {
  data: { ok: boolean; message?: string; errors?: Record<string, string[]>; formError?: string };
  init: { status: number } | null;
};
const statusOf = (result: unknown) => (result instanceof Response ? result.status : ((result as DataResult).init?.status ?? 200));

describe("takeRate", () => {
  it("lets `limit` requests through in a window, refuses the next with the seconds left, and opens a new window after it", async () => {
    const r = rule(3);
    const subject = crypto.randomUUID();
    for (let i = 0; i < 3; i++) expect(await takeRate(db, r, subject, plus(i * 1000))).toEqual({ ok: true });
    expect(await takeRate(db, r, subject, plus(15_000))).toEqual({
      ok: false,
      status: 429,
      retryAfterSeconds: 45,
      message: "Slow down — try again in 45 seconds.",
    });
    // Other subjects have their own counters.
    expect(await takeRate(db, r, crypto.randomUUID(), plus(15_000))).toEqual({ ok: true });
    expect(await takeRate(db, r, subject, plus(59_999))).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    expect(await takeRate(db, r, subject, plus(60_000))).toEqual({ ok: true });
  });

  it("says minutes for long waits", async () => {
    const r = rule(1, 10 * 60_000);
    const subject = crypto.randomUUID();
    await takeRate(db, r, subject, T0);
    expect(await takeRate(db, r, subject, plus(1000))).toMatchObject({ message: "Slow down — try again in 10 minutes." });
  });

  it("is one counter for every app instance: two pools sending 40 requests at once get exactly `limit` through", async () => {
    const url = process.env.DATABASE_URL as string;
    const a = createPool(url, { max: 4 });
    const b = createPool(url, { max: 4 });
    try {
      const r = rule(10);
      const subject = crypto.randomUUID();
      const now = new Date();
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => takeRate(i % 2 ? a.db : b.db, r, subject, now)));
      expect(results.filter((x) => x.ok)).toHaveLength(10);
      expect(results.filter((x) => !x.ok)).toHaveLength(30);
    } finally {
      await Promise.all([a.sql.end({ timeout: 5 }), b.sql.end({ timeout: 5 })]);
    }
  });
});

describe("the limits on the routes", () => {
  it(`an 11th comment within a minute is refused beside the field with a wait, and is not posted`, async () => {
    const author = await createUser(db);
    const commenter = await createUser(db);
    const week = await createWeekInPhase(db, "pitching");
    const idea = await createIdea(db, { weekId: week.id, author });
    const post = (body: string) =>
      call(
        ideaAction,
        `/ideas/${idea.id}`,
        { intent: "comment", body },
        { user: commenter, params: { ideaId: String(idea.id) } },
      );
    for (let i = 1; i <= COMMENT_RATE.limit; i++) expect(statusOf(await post(`Comment number ${i}`))).toBe(200);
    const refused = (await post("One comment too many")) as DataResult;
    expect(refused.init?.status).toBe(429);
    expect(refused.data.errors?.body?.[0]).toMatch(/^You're commenting too fast — try again in \d+ seconds?\.$/);
    // What was typed comes back with the error, so nothing is lost.
    expect(JSON.stringify(refused.data)).toContain("One comment too many");
    const rows = await db.select({ body: ideaComments.body }).from(ideaComments).where(eq(ideaComments.ideaId, idea.id));
    expect(rows).toHaveLength(COMMENT_RATE.limit);
    // Someone else may still comment.
    expect(
      statusOf(
        await call(
          ideaAction,
          `/ideas/${idea.id}`,
          { intent: "comment", body: "Hi" },
          { user: author, params: { ideaId: String(idea.id) } },
        ),
      ),
    ).toBe(200);
  });

  it("people's-choice votes beyond 60 a minute are refused with 429 and a reason a plain form can show", async () => {
    const week = await createWeekInPhase(db, "voting", { peoplesChoiceVotes: 3 });
    const lead = await createUser(db);
    const idea = await createIdea(db, { weekId: week.id, author: lead });
    const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: lead.id });
    const demo = await createDemo(db, { weekId: week.id, teamId: team.id });
    const voter = await createUser(db);
    // Use up all but one of the voter's budget directly, then vote through the route.
    for (let i = 0; i < VOTE_RATE.limit - 1; i++) await takeRate(db, VOTE_RATE, voter.id);
    const vote = (fields: Record<string, string> = {}) =>
      call(
        voteAction,
        `/weeks/${week.slug}/vote`,
        { intent: "vote", demoId: String(demo.id), ...fields },
        { user: voter, params: { slug: week.slug } },
      );
    expect(await vote()).toMatchObject({ data: { ok: true, voted: true } });
    const refused = (await vote({ intent: "unvote" })) as DataResult;
    expect(refused.init?.status).toBe(429);
    expect(refused.data.message).toMatch(/^You're voting too fast — try again in \d+ seconds?\.$/);
    const plain = (await vote({ intent: "unvote", redirectTo: `/demos/${demo.id}` })) as Response;
    expect(plain.status).toBe(302);
    expect(plain.headers.get("Location")).toBe(`/demos/${demo.id}?voteError=slow`);
    // The refused withdrawals changed nothing: the vote stands.
    const votes = await db
      .select()
      .from(peoplesChoiceVotes)
      .where(and(eq(peoplesChoiceVotes.userId, voter.id), eq(peoplesChoiceVotes.demoId, demo.id)));
    expect(votes).toHaveLength(1);
  });

  it(`sign-ups from one address beyond ${SIGN_UP_RATE.limit} in ten minutes are refused and create no account`, async () => {
    const ip = uniqueIp();
    for (let i = 0; i < SIGN_UP_RATE.limit; i++) await takeRate(db, SIGN_UP_RATE, ip);
    const department = await createDepartment(db);
    const email = uniqueEmail("rate");
    const fields = {
      name: "Rita Rate",
      email,
      departmentId: String(department?.id),
      password: "a-long-enough-passphrase",
      redirectTo: "/",
    };
    const refused = (await call(signupAction, "/signup", fields, { ip })) as DataResult;
    expect(refused.init?.status).toBe(429);
    expect(refused.data.formError).toMatch(
      /^Too many accounts were created from your network just now — try again in 10 minutes\.$/,
    );
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });
});
