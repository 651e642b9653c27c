import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import type { Database } from "~db/client";
import { ideaComments, ideaFollows, ideas, notifications } from "~db/schema";
import {
  createDemo,
  createDepartment,
  createIdea,
  createTeam,
  createUser,
  createWeekInPhase,
  type TestUser,
  uid,
  type WeekRow,
} from "../support/factories";

export const root = path.resolve(import.meta.dirname, "../..");
export const hasBuild = existsSync(path.join(root, "build/server/index.js"));

/**
 * A scratch directory under the repository (as root the embedded server runs as a `postgres` user
 * that cannot enter a private temp directory); removed by the returned function.
 */
export function scratchDir(prefix: string): { dir: string; remove: () => void } {
  const base = path.join(root, ".data/test");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, prefix));
  chmodSync(dir, 0o755);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A session made directly in the database (sign-in itself is tested elsewhere): the Cookie header value. */
export async function cookieFor(db: Database, userId: number): Promise<string> {
  const { token } = await createSession(db, userId);
  return `${SESSION_COOKIE}=${token}`;
}

export type Scene = {
  week: WeekRow;
  /** People with a session each, none of them an idea author, a team member or an organiser. */
  people: Array<TestUser & { cookie: string }>;
  organiser: TestUser & { cookie: string };
  ideaIds: number[];
  teamIds: number[];
  demoIds: number[];
};

/** A week in its voting window: `ideaCount` ideas, each with a team and a demo, and `peopleCount` signed-in people. */
export async function votingScene(db: Database, ideaCount: number, peopleCount: number): Promise<Scene> {
  const week = await createWeekInPhase(db, "voting", { peoplesChoiceVotes: 3 });
  const department = await createDepartment(db);
  const ideaIds: number[] = [];
  const teamIds: number[] = [];
  const demoIds: number[] = [];
  for (let i = 0; i < ideaCount; i++) {
    const author = await createUser(db, { departmentId: department.id, name: `Author ${uid()}` });
    const idea = await createIdea(db, { weekId: week.id, author });
    const team = await createTeam(db, { weekId: week.id, ideaId: idea.id, leadId: author.id, capacity: 6 });
    const demo = await createDemo(db, { weekId: week.id, teamId: team.id });
    ideaIds.push(idea.id);
    teamIds.push(team.id);
    demoIds.push(demo.id);
  }
  const people = await Promise.all(
    Array.from({ length: peopleCount }, async () => {
      const person = await createUser(db, { departmentId: department.id, name: `Visitor ${uid()}` });
      return { ...person, cookie: await cookieFor(db, person.id) };
    }),
  );
  const organiserUser = await createUser(db, { departmentId: department.id, roles: ["organiser"] });
  const organiser = { ...organiserUser, cookie: await cookieFor(db, organiserUser.id) };
  return { week, people, organiser, ideaIds, teamIds, demoIds };
}

/**
 * Rows that must agree however many writes were cut off half-way: every idea's follower and comment
 * counters equal its rows, and every comment has the notification written in its transaction.
 * Returns the ideas that disagree (empty when all hold).
 */
export async function counterMismatches(db: Database, ideaIds: number[]) {
  const bad: Array<Record<string, unknown>> = [];
  for (const ideaId of ideaIds) {
    const [idea] = await db
      .select({ followers: ideas.followerCount, comments: ideas.commentCount })
      .from(ideas)
      .where(eq(ideas.id, ideaId));
    const [follows] = await db.select({ n: sql<number>`count(*)::int` }).from(ideaFollows).where(eq(ideaFollows.ideaId, ideaId));
    const [comments] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(ideaComments)
      .where(eq(ideaComments.ideaId, ideaId));
    const [notes] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.kind, "idea_commented"), sql`(${notifications.data}->>'ideaId')::int = ${ideaId}`));
    const row = {
      ideaId,
      followers: idea?.followers,
      follows: follows?.n,
      comments: idea?.comments,
      rows: comments?.n,
      notes: notes?.n,
    };
    if (row.followers !== row.follows || row.comments !== row.rows || row.rows !== row.notes) bad.push(row);
  }
  return bad;
}

/** Headers of a browser's same-origin form post. */
export function formHeaders(origin: string, cookie: string): Record<string, string> {
  return { Cookie: cookie, Origin: origin, "Content-Type": "application/x-www-form-urlencoded" };
}

/** Counts of each answer: HTTP statuses, plus "error" for requests that got no answer at all. */
export function tally(statuses: Array<number | string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of statuses) counts[String(s)] = (counts[String(s)] ?? 0) + 1;
  return counts;
}

/** Reads a server-sent event stream, collecting the names of the events that arrive. */
export function listen(origin: string, path: string, cookie: string) {
  const controller = new AbortController();
  const events: string[] = [];
  const state = { ended: false };
  const opened = fetch(`${origin}${path}`, { headers: { Cookie: cookie }, signal: controller.signal }).then(async (response) => {
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    void (async () => {
      try {
        for (;;) {
          const { done, value } = (await reader?.read()) ?? { done: true, value: undefined };
          if (done) {
            state.ended = true;
            return;
          }
          buffer += decoder.decode(value, { stream: true });
          for (let at = buffer.indexOf("\n\n"); at >= 0; at = buffer.indexOf("\n\n")) {
            const name = /^event: (.+)$/m.exec(buffer.slice(0, at))?.[1];
            if (name) events.push(name);
            buffer = buffer.slice(at + 2);
          }
        }
      } catch {
        // Aborted at the end of the test.
      }
    })();
  });
  return { opened, events, state, close: () => controller.abort() };
}

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
