import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parseForm } from "~/lib/forms.server";
import {
  acceptedNominationsFor,
  createNomination,
  decideNomination,
  getNomination,
  listForOrganisers,
  listMyNominations,
  type NominationInput,
  withdrawNomination,
} from "~/recognition/nominations.server";
import { NominateSchema } from "~/recognition/schemas.server";
import { getDb } from "~db/client";
import { nominations } from "~db/schema";
import { createUser, createWeek } from "../support/factories";
import {
  as,
  auditOf,
  eventsOf,
  insertNomination,
  nominationRow,
  notesOf,
  REASON,
  recognitionWorld,
} from "../support/recognition-factories";

const db = getDb();

const ofUser = (userId: number, extra: Partial<NominationInput> & { weekId?: number | null } = {}): NominationInput => ({
  nominee: { type: "user", userId, weekId: extra.weekId },
  kind: extra.kind ?? "talk",
  reason: extra.reason ?? REASON,
});
const ofTeam = (teamId: number, kind: NominationInput["kind"] = "all_hands_demo"): NominationInput => ({
  nominee: { type: "team", teamId },
  kind,
  reason: REASON,
});

async function countFor(nominatorId: number) {
  return (await db.select().from(nominations).where(eq(nominations.nominatorId, nominatorId))).length;
}

async function create(actor: { id: number }, input: NominationInput) {
  const result = await createNomination(db, as(actor), input);
  if (!result.ok) throw new Error(`createNomination failed: ${result.message}`);
  return result.value.id;
}

describe("createNomination", () => {
  it("nominates a person with an optional week, and records the first event", async () => {
    const w = await recognitionWorld(db);
    const id = await create(w.nominator, ofUser(w.nominee.id, { weekId: w.week.id, kind: "leadership" }));
    const row = await nominationRow(db, id);
    expect(row).toMatchObject({
      nominatorId: w.nominator.id,
      nomineeUserId: w.nominee.id,
      nomineeTeamId: null,
      weekId: w.week.id,
      kind: "leadership",
      status: "new",
      reason: REASON,
    });
    const events = await eventsOf(db, id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ fromStatus: null, toStatus: "new", actorId: w.nominator.id });

    const noWeek = await create(w.nominator, ofUser(w.nominee.id, { kind: "award" }));
    expect((await nominationRow(db, noWeek))?.weekId).toBeNull();
  });

  it("nominates a team for the team's week", async () => {
    const w = await recognitionWorld(db);
    const id = await create(w.nominator, ofTeam(w.team.id));
    expect(await nominationRow(db, id)).toMatchObject({ nomineeTeamId: w.team.id, nomineeUserId: null, weekId: w.week.id });
  });

  it("refuses nominating oneself, changing nothing", async () => {
    const w = await recognitionWorld(db);
    const result = await createNomination(db, as(w.nominator), ofUser(w.nominator.id));
    expect(result).toMatchObject({ ok: false, status: 400, field: "userId" });
    expect(!result.ok && result.message).toMatch(/cannot nominate yourself/);
    expect(await countFor(w.nominator.id)).toBe(0);
  });

  it("refuses nominating a team one belongs to, and says so", async () => {
    const w = await recognitionWorld(db);
    for (const insider of [w.lead, w.member]) {
      const result = await createNomination(db, as(insider), ofTeam(w.team.id));
      expect(result).toMatchObject({ ok: false, status: 400, field: "teamId" });
      expect(!result.ok && result.message).toBe(
        `You are a member of ${w.team.name}, so you cannot nominate your own team. Ask someone outside the team to nominate it.`,
      );
      expect(await countFor(insider.id)).toBe(0);
    }
  });

  it("refuses an unknown person, an unknown team, an unknown week and a deactivated person", async () => {
    const w = await recognitionWorld(db);
    const gone = await createUser(db, { departmentId: w.dept.id, deactivatedAt: new Date() });
    expect(await createNomination(db, as(w.nominator), ofUser(2_000_000_000))).toMatchObject({
      ok: false,
      status: 404,
      message: "That person does not exist.",
      field: "userId",
    });
    expect(await createNomination(db, as(w.nominator), ofTeam(2_000_000_000))).toMatchObject({
      ok: false,
      status: 404,
      message: "That team does not exist.",
      field: "teamId",
    });
    expect(await createNomination(db, as(w.nominator), ofUser(w.nominee.id, { weekId: 2_000_000_000 }))).toMatchObject({
      ok: false,
      status: 404,
      field: "weekId",
    });
    const deactivated = await createNomination(db, as(w.nominator), ofUser(gone.id));
    expect(deactivated).toMatchObject({ ok: false, status: 409, field: "userId" });
    expect(!deactivated.ok && deactivated.message).toContain("deactivated");
    expect(await countFor(w.nominator.id)).toBe(0);
  });

  it("refuses a duplicate open nomination with a friendly message; another kind or after a decision is fine", async () => {
    const w = await recognitionWorld(db);
    const first = await create(w.nominator, ofUser(w.nominee.id));
    const again = await createNomination(db, as(w.nominator), ofUser(w.nominee.id));
    expect(again).toMatchObject({ ok: false, status: 409 });
    expect(!again.ok && again.message).toBe(
      `You have already nominated ${w.nominee.name} for talk, and the organisers have not decided yet. You can see it under Nominations.`,
    );
    const teamFirst = await create(w.nominator, ofTeam(w.team.id));
    expect((await createNomination(db, as(w.nominator), ofTeam(w.team.id))).ok).toBe(false);
    expect(await countFor(w.nominator.id)).toBe(2);

    await create(w.nominator, ofUser(w.nominee.id, { kind: "award" }));
    await decideNomination(db, as(w.organiser, true), first, { toStatus: "declined", note: "" });
    await create(w.nominator, ofUser(w.nominee.id));
    expect(await countFor(w.nominator.id)).toBe(4);
    expect(teamFirst).toBeGreaterThan(0);
  });

  it("holds one open nomination under two concurrent submissions", async () => {
    const w = await recognitionWorld(db);
    const results = await Promise.all([
      createNomination(db, as(w.nominator), ofUser(w.nominee.id)),
      createNomination(db, as(w.nominator), ofUser(w.nominee.id)),
      createNomination(db, as(w.nominator), ofTeam(w.team.id)),
      createNomination(db, as(w.nominator), ofTeam(w.team.id)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.status)).toEqual([409, 409]);
    expect(await countFor(w.nominator.id)).toBe(2);
  });

  it("the form schema refuses empty, too short and too long reasons, and a missing kind", () => {
    const form = (fields: Record<string, string>) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries(fields)) fd.set(k, v);
      return parseForm(fd, NominateSchema);
    };
    const base = { nomineeType: "user", userId: "5", kind: "talk" };
    const errorOf = (reason: string) => {
      const r = form({ ...base, reason });
      return r.ok ? null : r.errors.reason?.[0];
    };
    expect(errorOf("")).toBe("Say why you nominate them.");
    expect(errorOf("     ")).toBe("Say why you nominate them.");
    expect(errorOf("Too short, sorry")).toBe("Say a little more: at least 20 characters.");
    expect(errorOf("x".repeat(2001))).toBe("Keep the reason to 2,000 characters.");
    expect(errorOf(`  ${"x".repeat(20)}  `)).toBeNull();
    const noKind = form({ nomineeType: "user", userId: "5", reason: REASON });
    expect(!noKind.ok && noKind.errors.kind?.[0]).toBe("Choose what you nominate them for.");
    const nobody = form({ nomineeType: "user", kind: "talk", reason: REASON });
    expect(!nobody.ok && nobody.errors.userId?.[0]).toBe("Choose someone to nominate.");
    const good = form({ nomineeType: "team", teamId: "7", kind: "award", reason: REASON });
    expect(good.ok && good.data).toMatchObject({ nomineeType: "team", teamId: 7, kind: "award" });
  });
});

describe("decideNomination", () => {
  it("accepts: status, note, decider, event, audit, the nominator and the nominee told — in one go", async () => {
    const w = await recognitionWorld(db);
    const id = await create(w.nominator, ofUser(w.nominee.id));
    const result = await decideNomination(db, { ...as(w.organiser, true), requestId: "req-nom-1" }, id, {
      toStatus: "accepted",
      note: "  Slot on the March all-hands.  ",
    });
    expect(result).toEqual({ ok: true, value: { status: "accepted" } });
    const row = await nominationRow(db, id);
    expect(row).toMatchObject({ status: "accepted", decisionNote: "Slot on the March all-hands.", decidedById: w.organiser.id });
    expect(row?.decidedAt).toBeInstanceOf(Date);
    const events = await eventsOf(db, id);
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.note])).toEqual([
      [null, "new", ""],
      ["new", "accepted", "Slot on the March all-hands."],
    ]);
    const audits = await auditOf(db, "nomination", id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: "nomination.decided", actorId: w.organiser.id, requestId: "req-nom-1" });
    expect(audits[0]?.summary).toMatchObject({ before: { status: "new" }, after: { status: "accepted" } });

    const [toNominator] = await notesOf(db, w.nominator.id, "nomination_decided");
    expect(toNominator?.message).toContain("is now accepted");
    expect(toNominator?.message).toContain("Slot on the March all-hands.");
    const [toNominee] = await notesOf(db, w.nominee.id, "nomination_accepted");
    expect(toNominee?.message).toBe(`${w.nominator.name} nominated you for talk, and the organisers accepted it.`);
  });

  it("accepting a team nomination tells every current member; declining tells only the nominator", async () => {
    const w = await recognitionWorld(db);
    const id = await create(w.nominator, ofTeam(w.team.id));
    expect((await decideNomination(db, as(w.organiser, true), id, { toStatus: "accepted", note: "" })).ok).toBe(true);
    for (const m of [w.lead, w.member]) {
      const [note] = await notesOf(db, m.id, "nomination_accepted");
      expect(note?.message).toContain(`your team ${w.team.name}`);
    }
    const [decided] = await notesOf(db, w.nominator.id, "nomination_decided");
    expect(decided?.message).not.toContain("Note from the organisers");

    const other = await create(w.nominator, ofUser(w.nominee.id));
    await decideNomination(db, as(w.organiser, true), other, { toStatus: "declined", note: "Not this time." });
    expect(await notesOf(db, w.nominee.id)).toHaveLength(0);
    const [declined] = await notesOf(db, w.nominator.id, "nomination_decided");
    expect(declined?.message).toContain("is now declined. Note from the organisers: “Not this time.”");
  });

  it("follows the allowed transitions through to done, and reopens a declined one", async () => {
    const w = await recognitionWorld(db);
    const org = as(w.organiser, true);
    const id = await create(w.nominator, ofUser(w.nominee.id));
    expect((await decideNomination(db, org, id, { toStatus: "declined", note: "" })).ok).toBe(true);
    expect((await decideNomination(db, org, id, { toStatus: "new", note: "Reconsidering." })).ok).toBe(true);
    expect((await decideNomination(db, org, id, { toStatus: "accepted", note: "" })).ok).toBe(true);
    expect((await decideNomination(db, org, id, { toStatus: "done", note: "Gave the talk." })).ok).toBe(true);
    expect((await nominationRow(db, id))?.status).toBe("done");
    expect((await eventsOf(db, id)).map((e) => e.toStatus)).toEqual(["new", "declined", "new", "accepted", "done"]);
  });

  it("refuses invalid transitions, changing nothing", async () => {
    const w = await recognitionWorld(db);
    const org = as(w.organiser, true);
    const declined = await insertNomination(db, { nominator: w.nominator, userId: w.nominee.id, status: "declined" });
    const done = await insertNomination(db, { nominator: w.nominator, userId: w.nominee.id, kind: "award", status: "done" });
    const fresh = await insertNomination(db, { nominator: w.nominator, userId: w.nominee.id, kind: "leadership" });

    const r1 = await decideNomination(db, org, declined.id, { toStatus: "done", note: "" });
    expect(r1).toMatchObject({ ok: false, status: 409, field: "toStatus" });
    expect(!r1.ok && r1.message).toBe("A declined nomination cannot become done; it can become new.");
    for (const to of ["new", "accepted", "declined"] as const) {
      const r = await decideNomination(db, org, done.id, { toStatus: to, note: "" });
      expect(r).toMatchObject({ ok: false, status: 409 });
      expect(!r.ok && r.message).toBe("This nomination is done; its status can no longer change.");
    }
    expect((await decideNomination(db, org, fresh.id, { toStatus: "done", note: "" })).ok).toBe(false);

    expect((await nominationRow(db, declined.id))?.status).toBe("declined");
    expect((await nominationRow(db, done.id))?.status).toBe("done");
    expect((await nominationRow(db, fresh.id))?.status).toBe("new");
    for (const n of [declined, done, fresh]) {
      expect(await eventsOf(db, n.id)).toHaveLength(1);
      expect(await auditOf(db, "nomination", n.id)).toHaveLength(0);
    }
    expect(await notesOf(db, w.nominator.id)).toHaveLength(0);
  });

  it("refuses reopening when the nominator has made the same nomination again since (a message, not a 500)", async () => {
    const w = await recognitionWorld(db);
    const org = as(w.organiser, true);
    const first = await create(w.nominator, ofUser(w.nominee.id));
    await decideNomination(db, org, first, { toStatus: "declined", note: "" });
    const second = await create(w.nominator, ofUser(w.nominee.id));
    const reopen = await decideNomination(db, org, first, { toStatus: "new", note: "Second look." });
    expect(reopen).toMatchObject({ ok: false, status: 409, field: "toStatus" });
    expect(!reopen.ok && reopen.message).toContain("decide on it instead");
    expect((await nominationRow(db, first))?.status).toBe("declined");
    expect(await eventsOf(db, first)).toHaveLength(2);
    expect(await auditOf(db, "nomination", first)).toHaveLength(1);
    expect((await nominationRow(db, second))?.status).toBe("new");
  });

  it("lets organisers add a note without changing status, but not an empty one", async () => {
    const w = await recognitionWorld(db);
    const org = as(w.organiser, true);
    const id = await create(w.nominator, ofUser(w.nominee.id));
    const empty = await decideNomination(db, org, id, { toStatus: "new", note: "   " });
    expect(empty).toMatchObject({ ok: false, status: 400, field: "note", message: "Write a note, or choose a new status." });
    expect(await eventsOf(db, id)).toHaveLength(1);

    expect((await decideNomination(db, org, id, { toStatus: "new", note: "Asked the talk committee." })).ok).toBe(true);
    const row = await nominationRow(db, id);
    expect(row).toMatchObject({ status: "new", decisionNote: "Asked the talk committee." });
    expect((await auditOf(db, "nomination", id))[0]?.action).toBe("nomination.noted");
    const [note] = await notesOf(db, w.nominator.id, "nomination_decided");
    expect(note?.message).toContain("added a note");
    expect(await notesOf(db, w.nominee.id)).toHaveLength(0);

    // A later decision without a note keeps the latest note for the nominator.
    await decideNomination(db, org, id, { toStatus: "accepted", note: "" });
    expect((await nominationRow(db, id))?.decisionNote).toBe("Asked the talk committee.");
  });

  it("refuses a non-organiser deciding (the nominator and the nominee included)", async () => {
    const w = await recognitionWorld(db);
    const id = await create(w.nominator, ofUser(w.nominee.id));
    for (const who of [w.nominator, w.nominee, w.lead]) {
      expect(await decideNomination(db, as(who), id, { toStatus: "accepted", note: "" })).toMatchObject({
        ok: false,
        status: 403,
        message: "Only organisers decide on nominations.",
      });
    }
    expect((await nominationRow(db, id))?.status).toBe("new");
    expect(await eventsOf(db, id)).toHaveLength(1);
  });

  it("refuses an unknown nomination", async () => {
    const w = await recognitionWorld(db);
    expect(await decideNomination(db, as(w.organiser, true), 2_000_000_000, { toStatus: "accepted", note: "" })).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it("serialises two organisers deciding at once: one transition wins, the other is refused", async () => {
    const w = await recognitionWorld(db);
    const id = await create(w.nominator, ofUser(w.nominee.id));
    const [a, b] = await Promise.all([
      decideNomination(db, as(w.organiser, true), id, { toStatus: "accepted", note: "" }),
      decideNomination(db, as(w.organiser, true), id, { toStatus: "accepted", note: "" }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(await eventsOf(db, id)).toHaveLength(2);
    expect(await notesOf(db, w.nominee.id, "nomination_accepted")).toHaveLength(1);
  });
});

describe("withdrawNomination", () => {
  it("lets the nominator withdraw while new, nobody else, and not after a decision", async () => {
    const w = await recognitionWorld(db);
    const id = await create(w.nominator, ofUser(w.nominee.id));
    expect(await withdrawNomination(db, as(w.nominee), id)).toMatchObject({ ok: false, status: 404 });
    expect(await withdrawNomination(db, as(w.organiser, true), id)).toMatchObject({ ok: false, status: 403 });
    expect(await nominationRow(db, id)).not.toBeNull();
    expect((await withdrawNomination(db, as(w.nominator), id)).ok).toBe(true);
    expect(await nominationRow(db, id)).toBeNull();

    const decided = await create(w.nominator, ofUser(w.nominee.id));
    await decideNomination(db, as(w.organiser, true), decided, { toStatus: "accepted", note: "" });
    expect(await withdrawNomination(db, as(w.nominator), decided)).toMatchObject({ ok: false, status: 409 });
    expect(await nominationRow(db, decided)).not.toBeNull();
  });
});

describe("reading nominations", () => {
  it("lists my nominations with status, latest note and history", async () => {
    const w = await recognitionWorld(db);
    const a = await create(w.nominator, ofUser(w.nominee.id, { weekId: w.week.id }));
    const b = await create(w.nominator, ofTeam(w.team.id));
    await create(w.lead, ofUser(w.nominee.id));
    await decideNomination(db, as(w.organiser, true), a, { toStatus: "declined", note: "Maybe next time." });
    const mine = await listMyNominations(db, w.nominator.id);
    expect(mine.map((n) => n.id)).toEqual([b, a]);
    const first = mine.find((n) => n.id === a);
    expect(first).toMatchObject({ status: "declined", decisionNote: "Maybe next time.", weekName: w.week.name });
    expect(first?.nominee).toEqual({ type: "user", id: w.nominee.id, name: w.nominee.name, href: `/people/${w.nominee.id}` });
    expect(first?.history.map((e) => [e.fromStatus, e.toStatus, e.note, e.actorName])).toEqual([
      [null, "new", "", w.nominator.name],
      ["new", "declined", "Maybe next time.", w.organiser.name],
    ]);
    expect(typeof first?.history[0]?.createdAt).toBe("string");
    expect(mine.find((n) => n.id === b)?.nominee).toMatchObject({ type: "team", name: w.team.name });
  });

  it("filters the organisers' queue by status, kind and week, and paginates with a total", async () => {
    const w = await recognitionWorld(db);
    const otherWeek = await createWeek(db);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const someone = await w.person();
      ids.push(await create(w.nominator, ofUser(someone.id, { weekId: otherWeek.id, kind: i % 2 ? "award" : "talk" })));
    }
    await decideNomination(db, as(w.organiser, true), ids[0] ?? 0, { toStatus: "accepted", note: "" });
    const all = await listForOrganisers(db, { weekId: otherWeek.id, page: 1 });
    expect(all.total).toBe(5);
    const fresh = await listForOrganisers(db, { status: "new", weekId: otherWeek.id, page: 1 });
    expect(fresh.total).toBe(4);
    expect(fresh.rows.map((r) => r.id)).toEqual(ids.slice(1));
    const awards = await listForOrganisers(db, { kind: "award", weekId: otherWeek.id, page: 1 });
    expect(awards.rows.map((r) => r.kind)).toEqual(["award", "award"]);
    const page2 = await listForOrganisers(db, { weekId: otherWeek.id, page: 2 }, 2);
    expect(page2.total).toBe(5);
    expect(page2.rows.map((r) => r.id)).toEqual(ids.slice(2, 4));
    expect(all.rows.find((r) => r.id === ids[0])?.history).toHaveLength(2);
  });

  it("keeps a nomination private until accepted: nominator and organisers see all, others nothing", async () => {
    const w = await recognitionWorld(db);
    const id = await create(w.nominator, ofUser(w.nominee.id));
    expect((await getNomination(db, as(w.nominator), id)).ok).toBe(true);
    expect((await getNomination(db, as(w.organiser, true), id)).ok).toBe(true);
    expect(await getNomination(db, as(w.nominee), id)).toMatchObject({ ok: false, status: 404 });
    expect(await getNomination(db, as(w.lead), id)).toMatchObject({ ok: false, status: 404 });
    expect(await acceptedNominationsFor(db, w.nominee.id)).toEqual([]);

    await decideNomination(db, as(w.organiser, true), id, { toStatus: "accepted", note: "Internal: budget approved." });
    const asNominee = await getNomination(db, as(w.nominee), id);
    expect(asNominee.ok && asNominee.value).toMatchObject({ access: "public", decisionNote: "", history: [], reason: REASON });
    const asNominator = await getNomination(db, as(w.nominator), id);
    expect(asNominator.ok && asNominator.value).toMatchObject({ access: "full", decisionNote: "Internal: budget approved." });
    expect(asNominator.ok && asNominator.value.history).toHaveLength(2);
  });

  it("acceptedNominationsFor: accepted and done ones, on the person and on teams they are on", async () => {
    const w = await recognitionWorld(db);
    const org = as(w.organiser, true);
    const personal = await create(w.nominator, ofUser(w.member.id, { weekId: w.week.id }));
    const teamOne = await create(w.nominator, ofTeam(w.team.id, "award"));
    const pending = await create(w.nominator, ofUser(w.member.id, { kind: "leadership" }));
    const declined = await create(w.nominator, ofTeam(w.team.id, "talk"));
    await decideNomination(db, org, personal, { toStatus: "accepted", note: "private note" });
    await decideNomination(db, org, teamOne, { toStatus: "accepted", note: "" });
    await decideNomination(db, org, teamOne, { toStatus: "done", note: "" });
    await decideNomination(db, org, declined, { toStatus: "declined", note: "" });

    const forMember = await acceptedNominationsFor(db, w.member.id);
    expect(forMember.map((n) => n.id).sort()).toEqual([personal, teamOne].sort());
    expect(forMember.map((n) => n.id)).not.toContain(pending);
    const team = forMember.find((n) => n.id === teamOne);
    expect(team).toMatchObject({ kind: "award", status: "done", nominatorName: w.nominator.name, weekName: w.week.name });
    expect(team?.nominee).toMatchObject({ type: "team", id: w.team.id });
    expect(JSON.stringify(forMember)).not.toContain("private note");

    expect((await acceptedNominationsFor(db, w.lead.id)).map((n) => n.id)).toEqual([teamOne]);
    expect(await acceptedNominationsFor(db, w.nominee.id)).toEqual([]);
  });
});
