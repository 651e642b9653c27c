import { eq } from "drizzle-orm";
import { RouterContextProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { dbContext, requestInfoContext, userContext } from "~/context";
import { parseForm } from "~/lib/forms.server";
import { giveKudos, kudosPanelData, kudosReceivedBy, listKudos, removeKudos } from "~/recognition/kudos.server";
import { KUDOS_ERRORS } from "~/recognition/rules";
import { KudosActionSchema } from "~/recognition/schemas.server";
import { action, loader } from "~/routes/recognition/kudos";
import { getDb } from "~db/client";
import { kudos } from "~db/schema";
import { createUser } from "../support/factories";
import { as, auditOf, notesOf, recognitionWorld } from "../support/recognition-factories";

const db = getDb();

async function byAuthor(authorId: number) {
  return db.select().from(kudos).where(eq(kudos.authorId, authorId));
}

async function give(author: { id: number }, target: Parameters<typeof giveKudos>[2], message = "Thank you for the help!") {
  const result = await giveKudos(db, as(author), target, message);
  if (!result.ok) throw new Error(`giveKudos failed: ${result.message}`);
  return result.value.id;
}

describe("giveKudos", () => {
  it("thanks a person, trimmed, and tells them", async () => {
    const w = await recognitionWorld(db);
    const id = await give(w.nominator, { kind: "user", id: w.nominee.id }, "  Great pairing session!  ");
    const [row] = await db.select().from(kudos).where(eq(kudos.id, id));
    expect(row).toMatchObject({ authorId: w.nominator.id, userId: w.nominee.id, teamId: null, demoId: null });
    expect(row?.message).toBe("Great pairing session!");
    const [note] = await notesOf(db, w.nominee.id, "kudos");
    expect(note?.message).toBe(`${w.nominator.name} gave you kudos: “Great pairing session!”`);
    expect(note?.link).toBe(`/people/${w.nominee.id}#kudos`);
  });

  it("thanks a team or a demo and tells every member", async () => {
    const w = await recognitionWorld(db);
    await give(w.nominator, { kind: "team", id: w.team.id }, "Loved the energy.");
    await give(w.nominator, { kind: "demo", id: w.demo.id }, "What a demo.");
    for (const m of [w.lead, w.member]) {
      const notes = await notesOf(db, m.id, "kudos");
      expect(notes.map((n) => n.link)).toEqual([`/demos/${w.demo.id}#kudos`, `/teams/${w.team.id}#kudos`]);
      expect(notes[1]?.message).toContain(`your team ${w.team.name}`);
    }
    expect(await notesOf(db, w.nominator.id)).toHaveLength(0);
  });

  it("refuses kudos to oneself, to one's own team and to one's own team's demo, changing nothing", async () => {
    const w = await recognitionWorld(db);
    expect(await giveKudos(db, as(w.nominee), { kind: "user", id: w.nominee.id }, "Me!")).toEqual({
      ok: false,
      status: 400,
      message: KUDOS_ERRORS.self,
      field: "message",
    });
    expect(await giveKudos(db, as(w.member), { kind: "team", id: w.team.id }, "Us!")).toMatchObject({
      ok: false,
      status: 403,
      message: KUDOS_ERRORS["own-team"],
    });
    expect(await giveKudos(db, as(w.lead), { kind: "demo", id: w.demo.id }, "Our demo!")).toMatchObject({
      ok: false,
      status: 403,
      message: KUDOS_ERRORS["own-demo"],
    });
    for (const who of [w.nominee, w.member, w.lead]) expect(await byAuthor(who.id)).toHaveLength(0);
    // Teammates thank each other on their own pages.
    expect((await giveKudos(db, as(w.member), { kind: "user", id: w.lead.id }, "Best lead.")).ok).toBe(true);
  });

  it("refuses empty, whitespace-only and over-280 kudos", async () => {
    const w = await recognitionWorld(db);
    for (const message of ["", "    \n  "]) {
      expect(await giveKudos(db, as(w.nominator), { kind: "user", id: w.nominee.id }, message)).toMatchObject({
        ok: false,
        status: 400,
        message: KUDOS_ERRORS.empty,
      });
    }
    expect(await giveKudos(db, as(w.nominator), { kind: "user", id: w.nominee.id }, "x".repeat(281))).toMatchObject({
      ok: false,
      message: KUDOS_ERRORS.long,
    });
    expect(await byAuthor(w.nominator.id)).toHaveLength(0);
    expect((await giveKudos(db, as(w.nominator), { kind: "user", id: w.nominee.id }, "x".repeat(280))).ok).toBe(true);
  });

  it("refuses unknown targets and deactivated people", async () => {
    const w = await recognitionWorld(db);
    const gone = await createUser(db, { departmentId: w.dept.id, deactivatedAt: new Date() });
    const cases = [
      [{ kind: "user", id: 2_000_000_000 }, 404, KUDOS_ERRORS["unknown-user"]],
      [{ kind: "team", id: 2_000_000_000 }, 404, KUDOS_ERRORS["unknown-team"]],
      [{ kind: "demo", id: 2_000_000_000 }, 404, KUDOS_ERRORS["unknown-demo"]],
      [{ kind: "user", id: gone.id }, 409, KUDOS_ERRORS.deactivated],
    ] as const;
    for (const [target, status, message] of cases) {
      expect(await giveKudos(db, as(w.nominator), target, "Thanks a lot!")).toMatchObject({ ok: false, status, message });
    }
    expect(await byAuthor(w.nominator.id)).toHaveLength(0);
  });

  it("the form schema trims, refuses empty and over-280 messages and unknown intents", () => {
    const form = (fields: Record<string, string>) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(fields)) fd.set(k, v);
      return parseForm(fd, KudosActionSchema);
    };
    const give = { intent: "give", targetKind: "team", targetId: "3" };
    const empty = form({ ...give, message: "   " });
    expect(!empty.ok && empty.errors.message?.[0]).toBe(KUDOS_ERRORS.empty);
    const long = form({ ...give, message: "y".repeat(281) });
    expect(!long.ok && long.errors.message?.[0]).toBe(KUDOS_ERRORS.long);
    const good = form({ ...give, message: "  Nice!  " });
    expect(good.ok && good.data).toEqual({ intent: "give", targetKind: "team", targetId: 3, message: "Nice!" });
    expect(form({ intent: "give", targetKind: "idea", targetId: "3", message: "Hi" }).ok).toBe(false);
    expect(form({ intent: "delete", kudosId: "3" }).ok).toBe(false);
    expect(form({ intent: "remove", kudosId: "abc" }).ok).toBe(false);
  });
});

describe("removeKudos", () => {
  it("lets the author remove their kudos (not audited) and hides it from lists", async () => {
    const w = await recognitionWorld(db);
    const id = await give(w.nominator, { kind: "team", id: w.team.id });
    expect(await removeKudos(db, as(w.nominator), id)).toEqual({
      ok: true,
      value: { id, target: { kind: "team", id: w.team.id } },
    });
    expect(await listKudos(db, { kind: "team", id: w.team.id })).toEqual([]);
    expect(await auditOf(db, "kudos", id)).toHaveLength(0);
    expect(await removeKudos(db, as(w.nominator), id)).toMatchObject({ ok: false, status: 404 });
  });

  it("lets an organiser hide anyone's kudos, audited; refuses anybody else", async () => {
    const w = await recognitionWorld(db);
    const id = await give(w.nominator, { kind: "user", id: w.nominee.id }, "Something unkind.");
    expect(await removeKudos(db, as(w.nominee), id)).toMatchObject({ ok: false, status: 403, message: KUDOS_ERRORS.forbidden });
    const [still] = await db.select().from(kudos).where(eq(kudos.id, id));
    expect(still?.deletedAt).toBeNull();

    expect((await removeKudos(db, { ...as(w.organiser, true), requestId: "req-k" }, id)).ok).toBe(true);
    const audits = await auditOf(db, "kudos", id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "kudos.hidden", actorId: w.organiser.id, requestId: "req-k" });
    expect(audits[0]?.summary).toMatchObject({ before: { message: "Something unkind.", authorId: w.nominator.id } });
    expect(await listKudos(db, { kind: "user", id: w.nominee.id })).toEqual([]);
  });
});

describe("reading kudos", () => {
  it("lists kudos on a target newest first with author names, up to a limit", async () => {
    const w = await recognitionWorld(db);
    const a = await give(w.nominator, { kind: "demo", id: w.demo.id }, "First");
    const b = await give(w.nominee, { kind: "demo", id: w.demo.id }, "Second");
    const c = await give(w.organiser, { kind: "demo", id: w.demo.id }, "Third");
    const list = await listKudos(db, { kind: "demo", id: w.demo.id });
    expect(list.map((k) => [k.id, k.message, k.authorName])).toEqual([
      [c, "Third", w.organiser.name],
      [b, "Second", w.nominee.name],
      [a, "First", w.nominator.name],
    ]);
    expect(typeof list[0]?.createdAt).toBe("string");
    expect((await listKudos(db, { kind: "demo", id: w.demo.id }, 2)).map((k) => k.id)).toEqual([c, b]);
    expect(await listKudos(db, { kind: "team", id: w.team.id })).toEqual([]);
  });

  it("kudosReceivedBy: on the person and on their teams and demos", async () => {
    const w = await recognitionWorld(db);
    const personal = await give(w.nominator, { kind: "user", id: w.member.id }, "Personal");
    const team = await give(w.nominator, { kind: "team", id: w.team.id }, "Team");
    const demo = await give(w.nominee, { kind: "demo", id: w.demo.id }, "Demo");
    await give(w.nominator, { kind: "user", id: w.lead.id }, "For the lead only");
    const hidden = await give(w.nominee, { kind: "team", id: w.team.id }, "Hidden later");
    await removeKudos(db, as(w.organiser, true), hidden);

    const received = await kudosReceivedBy(db, w.member.id);
    expect(received.map((k) => k.id)).toEqual([demo, team, personal]);
    expect(received[0]?.target).toEqual({ kind: "demo", id: w.demo.id, name: w.demo.title, href: `/demos/${w.demo.id}` });
    expect(received[1]?.target).toMatchObject({ kind: "team", name: w.team.name });
    expect(received[2]?.target).toMatchObject({ kind: "user", id: w.member.id });
    expect(await kudosReceivedBy(db, w.nominator.id)).toEqual([]);
  });

  it("kudosPanelData: lists and says whether the viewer may give", async () => {
    const w = await recognitionWorld(db);
    await give(w.nominator, { kind: "team", id: w.team.id }, "Well done");
    const outsider = await kudosPanelData(db, as(w.nominator), { kind: "team", id: w.team.id });
    expect(outsider).toMatchObject({ canGive: true, viewerId: w.nominator.id, isOrganiser: false });
    expect(outsider.kudos.map((k) => k.message)).toEqual(["Well done"]);
    expect((await kudosPanelData(db, as(w.member), { kind: "team", id: w.team.id })).canGive).toBe(false);
    expect((await kudosPanelData(db, as(w.lead), { kind: "demo", id: w.demo.id })).canGive).toBe(false);
    expect((await kudosPanelData(db, as(w.nominator), { kind: "demo", id: w.demo.id })).canGive).toBe(true);
    expect((await kudosPanelData(db, as(w.nominee), { kind: "user", id: w.nominee.id })).canGive).toBe(false);
    expect((await kudosPanelData(db, as(w.nominee, true), { kind: "user", id: w.member.id })).canGive).toBe(true);
  });
});

describe("the /kudos resource route", () => {
  function call(user: { id: number; email: string; name: string; departmentId: number }, fields: Record<string, string>) {
    const context = new RouterContextProvider();
    context.set(dbContext, db);
    context.set(requestInfoContext, { requestId: "req-route", ip: "127.0.0.1", nonce: "n", log: {} as never });
    context.set(userContext, { ...user, roles: [] });
    const body = new URLSearchParams(fields);
    const request = new Request("http://localhost/kudos", { method: "POST", body });
    return action({ request, context, params: {} } as unknown as Parameters<typeof action>[0]);
  }

  it("answers a GET with 405", async () => {
    const response = loader();
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
  });

  it("sends a plain form back to a safe page with the result, and a fetcher gets data", async () => {
    const w = await recognitionWorld(db);
    const target = { intent: "give", targetKind: "team", targetId: String(w.team.id) };
    const given = (await call(w.nominator, { ...target, message: "Nice work!", redirectTo: `/teams/${w.team.id}` })) as Response;
    expect(given.status).toBe(302);
    expect(given.headers.get("Location")).toBe(`/teams/${w.team.id}?kudos=given#kudos`);

    const refused = (await call(w.member, { ...target, message: "Us!", redirectTo: "//evil.example/x" })) as Response;
    const location = new URL(refused.headers.get("Location") ?? "", "http://x");
    expect(location.pathname).toBe(`/teams/${w.team.id}`);
    expect(location.searchParams.get("kudosError")).toBe("own-team");
    expect(location.searchParams.get("kudosFor")).toBe(`team-${w.team.id}`);
    expect(location.searchParams.get("kudosDraft")).toBe("Us!");

    const empty = (await call(w.nominator, { ...target, message: "  ", redirectTo: `/teams/${w.team.id}` })) as Response;
    expect(new URL(empty.headers.get("Location") ?? "", "http://x").searchParams.get("kudosError")).toBe("empty");

    const fetched = (await call(w.nominator, { ...target, message: "x".repeat(281) })) as unknown as {
      data: unknown;
      init: { status: number };
    };
    expect(fetched.data).toMatchObject({ ok: false, message: KUDOS_ERRORS.long, field: "message" });
    expect(fetched.init.status).toBe(400);
    expect((await listKudos(db, { kind: "team", id: w.team.id })).map((k) => k.message)).toEqual(["Nice work!"]);
  });
});
