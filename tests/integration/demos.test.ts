import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type DemoActor,
  type DemoInput,
  demoForTeam,
  demoGallery,
  extendDeadline,
  loadDemoPage,
  saveDemo,
  teamDemoLink,
} from "~/demos/demos.server";
import { addImages, prepareImages, removeImage, reorderImages } from "~/demos/images.server";
import { parseDemoForm } from "~/demos/schemas.server";
import { getDb } from "~db/client";
import { auditLog, demoImages, demoReflections, demos, teams } from "~db/schema";
import {
  createDemo,
  createIdea,
  createTeam,
  createUser,
  createWeek,
  createWeekInPhase,
  type TeamRow,
  type TestUser,
  tinyPng,
  tracedDatabase,
  uid,
  type WeekRow,
  weekInstants,
} from "../support/factories";

const db = getDb();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const as = (user: { id: number }, isOrganiser = false): DemoActor => ({ id: user.id, isOrganiser });

type Fixture = { week: WeekRow; team: TeamRow; lead: TestUser; member: TestUser; outsider: TestUser };

/** A week (in `phase`, or with the given instants) with a team of two from two departments. */
async function fixture(
  phase: Parameters<typeof createWeekInPhase>[1] | WeekRow = "exploring",
  options: { confirmed?: boolean } = {},
): Promise<Fixture> {
  const week = typeof phase === "string" ? await createWeekInPhase(db, phase) : phase;
  const lead = await createUser(db, { name: `Lead ${uid()}` });
  const member = await createUser(db, { name: `Member ${uid()}` });
  const outsider = await createUser(db, { name: `Outsider ${uid()}` });
  const idea = await createIdea(db, { weekId: week.id, author: lead });
  const team = await createTeam(db, {
    weekId: week.id,
    ideaId: idea.id,
    leadId: lead.id,
    memberIds: [member.id],
    confirmedAt: options.confirmed === false ? null : new Date(),
  });
  return { week, team, lead, member, outsider };
}

/** A week whose demo deadline passed `hoursAgo` hours ago, with voting opening 3 hours from now. */
async function weekAfterDeadline() {
  const start = new Date(Date.now() - (19 * DAY + 21 * HOUR));
  return createWeek(db, weekInstants(start));
}

const input = (overrides: Partial<DemoInput> = {}): DemoInput => ({
  title: `Demo ${uid()}`,
  summary: "We made on-call quieter by grouping alerts.",
  built: "## Built\nA **grouping** service.",
  learnings: "Postgres full-text search is great.",
  links: [{ kind: "repository", url: "https://git.example/repo" }],
  tags: ["on-call", "postgres"],
  ...overrides,
});

const pngFile = async (name = "shot.png", w = 3, h = 2) =>
  new File([new Uint8Array(await tinyPng(w, h))], name, { type: "image/png" });

async function imageCount(demoId: number) {
  const [row] = await db.select({ n: count() }).from(demoImages).where(eq(demoImages.demoId, demoId));
  return row?.n ?? 0;
}

async function auditsFor(action: string, targetId: number | string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(targetId))));
}

let organiser: TestUser;

beforeAll(async () => {
  organiser = await createUser(db, { roles: ["organiser"], name: `Organiser ${uid()}` });
});

describe("saveDemo: who and when", () => {
  it("lets a member of a confirmed team submit during exploring, then edit", async () => {
    const f = await fixture("exploring");
    const first = await saveDemo(db, as(f.member), f.team.id, input({ title: "Alert grouping" }));
    expect(first).toMatchObject({ ok: true, value: { created: true } });
    if (!first.ok) return;
    const again = await saveDemo(db, as(f.lead), f.team.id, input({ title: "Alert grouping v2" }));
    expect(again).toEqual({ ok: true, value: { id: first.value.id, created: false } });
    const current = await demoForTeam(db, f.team.id);
    expect(current?.demo).toMatchObject({ title: "Alert grouping v2", weekId: f.week.id, tags: ["on-call", "postgres"] });
    // Member edits are not audited.
    expect(await auditsFor("demo.edited_by_organiser", first.value.id)).toHaveLength(0);
  });

  it("refuses a non-member with 403", async () => {
    const f = await fixture("exploring");
    const result = await saveDemo(db, as(f.outsider), f.team.id, input());
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(await demoForTeam(db, f.team.id)).toBeNull();
  });

  it("refuses an unconfirmed team with 409", async () => {
    const f = await fixture("exploring", { confirmed: false });
    const result = await saveDemo(db, as(f.lead), f.team.id, input());
    expect(result).toMatchObject({ ok: false, status: 409 });
    if (!result.ok) expect(result.message).toMatch(/^Confirm your team first/);
    expect(await demoForTeam(db, f.team.id)).toBeNull();
  });

  it("refuses before exploring starts and after the deadline with 409", async () => {
    const early = await fixture("team_formation");
    const before = await saveDemo(db, as(early.lead), early.team.id, input());
    expect(before).toMatchObject({ ok: false, status: 409 });
    if (!before.ok) expect(before.message).toMatch(/Demos open when exploring starts/);

    const late = await fixture(await weekAfterDeadline());
    const after = await saveDemo(db, as(late.lead), late.team.id, input());
    expect(after).toMatchObject({ ok: false, status: 409 });
    if (!after.ok) expect(after.message).toMatch(/deadline .* has passed/);
    expect(await demoForTeam(db, late.team.id)).toBeNull();
  });

  it("allows members during the demos phase up to the deadline", async () => {
    const f = await fixture("demos");
    expect(await saveDemo(db, as(f.member), f.team.id, input())).toMatchObject({ ok: true });
  });

  it("lets organisers edit after the deadline (audited), and an extension reopens it for the team only", async () => {
    const f = await fixture(await weekAfterDeadline());
    const created = await saveDemo(db, as(organiser, true), f.team.id, input({ title: "Organiser rescue" }));
    expect(created).toMatchObject({ ok: true });
    if (!created.ok) return;
    expect(await auditsFor("demo.submitted_by_organiser", created.value.id)).toHaveLength(1);

    const edited = await saveDemo(db, as(organiser, true), f.team.id, input({ title: "Organiser rescue, edited" }));
    expect(edited).toMatchObject({ ok: true });
    const [entry] = await auditsFor("demo.edited_by_organiser", created.value.id);
    expect(entry?.actorId).toBe(organiser.id);
    expect(entry?.summary).toMatchObject({ before: { title: "Organiser rescue" }, after: { title: "Organiser rescue, edited" } });

    // Members are still locked out …
    expect(await saveDemo(db, as(f.member), f.team.id, input())).toMatchObject({ ok: false, status: 409 });
    // … until an organiser extends this team's deadline.
    expect(await extendDeadline(db, as(f.member), f.team.id, new Date(Date.now() + HOUR))).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await extendDeadline(db, as(organiser, true), f.team.id, new Date(Date.now() + 5 * HOUR))).toMatchObject({
      ok: false,
      status: 400,
      field: "until",
    });
    const until = new Date(Date.now() + 2 * HOUR);
    const extended = await extendDeadline(db, as(organiser, true), f.team.id, until);
    expect(extended).toMatchObject({ ok: true, value: { demoId: created.value.id } });
    const [audit] = await auditsFor("demo.deadline_extended", f.team.id);
    expect(audit?.summary).toMatchObject({ after: { deadlineOverrideAt: until.toISOString() } });

    const byMember = await saveDemo(db, as(f.member), f.team.id, input({ title: "Member after extension" }));
    expect(byMember).toMatchObject({ ok: true });
    expect(await auditsFor("demo.edited_by_organiser", created.value.id)).toHaveLength(1);
    expect(await teamDemoLink(db, f.member, f.team.id)).toMatchObject({ label: "Edit your demo" });

    // Another team of the same week keeps the week's deadline.
    const other = await fixture(f.week);
    expect(await saveDemo(db, as(other.lead), other.team.id, input())).toMatchObject({ ok: false, status: 409 });
  });

  it("refuses organisers while voting is open", async () => {
    const f = await fixture("voting");
    const refused = await saveDemo(db, as(organiser, true), f.team.id, input());
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(!refused.ok && refused.message).toMatch(/^Voting is open: demos cannot change until it closes/);
  });

  it("keeps an archived week's demo read-only for its team, while an organiser may still correct it (audited)", async () => {
    const f = await fixture("archived");
    const original = await createDemo(db, { weekId: f.week.id, teamId: f.team.id, title: "Archived demo" });
    const refused = await saveDemo(db, as(f.lead), f.team.id, input({ title: "Rewritten history" }));
    expect(refused).toEqual({
      ok: false,
      status: 409,
      message: "This week's demos are in the archive and read-only. Ask an organiser to correct a mistake.",
    });
    const [unchanged] = await db.select().from(demos).where(eq(demos.id, original.id));
    expect(unchanged?.title).toBe("Archived demo");
    const corrected = await saveDemo(db, as(organiser, true), f.team.id, input({ title: "Archived demo, typo fixed" }));
    expect(corrected.ok).toBe(true);
    const [after] = await db.select().from(demos).where(eq(demos.id, original.id));
    expect(after?.title).toBe("Archived demo, typo fixed");
    expect(await auditsFor("demo.edited_by_organiser", original.id)).toHaveLength(1);
  });
});

describe("saveDemo: bad input changes nothing", () => {
  it("refuses a javascript: link from the form and in the domain function", async () => {
    const f = await fixture("exploring");
    const form = new FormData();
    form.set("title", "Clickjack demo");
    form.set("summary", "A summary that is long enough.");
    form.append("linkKind", "video");
    form.append("linkUrl", "https://video.example/1");
    form.append("linkKind", "repository");
    form.append("linkUrl", "javascript:alert(1)");
    const parsed = parseDemoForm(form);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors["linkUrl.1"]?.[0]).toBe("Only http:// and https:// links are allowed.");

    const result = await saveDemo(db, as(f.lead), f.team.id, input({ links: [{ kind: "video", url: "javascript:alert(1)" }] }));
    expect(result).toMatchObject({ ok: false, status: 400, field: "linkUrl.0" });
    expect(await demoForTeam(db, f.team.id)).toBeNull();

    // An existing demo keeps its links too.
    const ok = await saveDemo(db, as(f.lead), f.team.id, input());
    expect(ok.ok).toBe(true);
    await saveDemo(
      db,
      as(f.lead),
      f.team.id,
      input({ title: "changed", links: [{ kind: "other", url: " JavaScript:alert(1)" }] }),
    );
    const current = await demoForTeam(db, f.team.id);
    expect(current?.demo.links).toEqual([{ kind: "repository", url: "https://git.example/repo" }]);
    expect(current?.demo.title).not.toBe("changed");
  });

  it("keeps reflections to members: each writes their own, outsiders none", async () => {
    const f = await fixture("exploring");
    const outsiderReflection = await saveDemo(
      db,
      as(f.lead),
      f.team.id,
      input({ reflections: [{ userId: f.outsider.id, stretchGoal: "rust", reflection: "I was not there." }] }),
    );
    expect(outsiderReflection).toMatchObject({ ok: false, status: 400 });
    expect(await demoForTeam(db, f.team.id)).toBeNull();

    const forSomeoneElse = await saveDemo(
      db,
      as(f.lead),
      f.team.id,
      input({ reflections: [{ userId: f.member.id, stretchGoal: "rust", reflection: "Written for them." }] }),
    );
    expect(forSomeoneElse).toMatchObject({ ok: false, status: 403 });

    const own = await saveDemo(
      db,
      as(f.member),
      f.team.id,
      input({ reflections: [{ userId: f.member.id, stretchGoal: "rust", reflection: "I learned ownership." }] }),
    );
    expect(own.ok).toBe(true);
    if (!own.ok) return;
    const rows = await db.select().from(demoReflections).where(eq(demoReflections.demoId, own.value.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: f.member.id, stretchGoal: "rust", reflection: "I learned ownership." });

    // Upserted, not duplicated.
    await saveDemo(
      db,
      as(f.member),
      f.team.id,
      input({ reflections: [{ userId: f.member.id, stretchGoal: "rust", reflection: "Ownership, and lifetimes." }] }),
    );
    const page = await loadDemoPage(db, as(f.outsider), own.value.id);
    expect(page?.members.find((m) => m.id === f.member.id)?.reflection?.reflection).toBe("Ownership, and lifetimes.");
    expect(page?.permissions).toEqual({ edit: false, extend: false });
  });
});

describe("screenshots", () => {
  it("stores real images with their type, size and sha256; removes and reorders them", async () => {
    const f = await fixture("exploring");
    const prepared = await prepareImages([await pngFile("one.png", 4, 3), await pngFile("two.jpg", 8, 6)]);
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    const saved = await saveDemo(db, as(f.lead), f.team.id, input({ images: { add: prepared.value } }));
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const current = await demoForTeam(db, f.team.id);
    expect(current?.images.map((i) => [i.contentType, i.width, i.height, i.position])).toEqual([
      ["image/png", 4, 3, 0],
      ["image/png", 8, 6, 1],
    ]);
    expect(current?.images[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);

    const ids = current?.images.map((i) => i.id) ?? [];
    expect(await reorderImages(db, as(f.member), saved.value.id, [...ids].reverse())).toMatchObject({ ok: true });
    expect((await demoForTeam(db, f.team.id))?.images.map((i) => i.id)).toEqual([...ids].reverse());
    expect(await reorderImages(db, as(f.member), saved.value.id, [ids[0] ?? 0])).toMatchObject({ ok: false, status: 400 });

    expect(await removeImage(db, as(f.outsider), ids[0] ?? 0)).toMatchObject({ ok: false, status: 403 });
    expect(await removeImage(db, as(f.member), ids[0] ?? 0)).toMatchObject({ ok: true });
    expect(await imageCount(saved.value.id)).toBe(1);

    // Alt text and removal through saveDemo.
    const [kept] = (await demoForTeam(db, f.team.id))?.images ?? [];
    await saveDemo(db, as(f.lead), f.team.id, input({ images: { alt: [{ id: kept?.id ?? 0, alt: "The alert inbox" }] } }));
    expect((await demoForTeam(db, f.team.id))?.images[0]?.alt).toBe("The alert inbox");
  });

  it("refuses a 6 MB image with 413 and a renamed non-image with 415, changing nothing", async () => {
    const f = await fixture("exploring");
    const saved = await saveDemo(db, as(f.lead), f.team.id, input());
    if (!saved.ok) throw new Error(saved.message);
    const big = new File([new Uint8Array(Buffer.concat([await tinyPng(), Buffer.alloc(6 * 1024 * 1024)]))], "big.png", {
      type: "image/png",
    });
    const tooBig = await addImages(db, as(f.lead), saved.value.id, [big]);
    expect(tooBig).toMatchObject({ ok: false, status: 413, field: "screenshots" });
    if (!tooBig.ok) expect(tooBig.message).toMatch(/at most 5 MB/);

    const renamed = new File(["#!/bin/sh\necho not a picture\n"], "screenshot.png", { type: "image/png" });
    const wrongType = await addImages(db, as(f.lead), saved.value.id, [await pngFile(), renamed]);
    expect(wrongType).toMatchObject({ ok: false, status: 415, field: "screenshots" });
    if (!wrongType.ok) expect(wrongType.message).toMatch(/not a PNG, JPEG or WebP/);

    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], "x.webp", {
      type: "image/webp",
    });
    expect(await addImages(db, as(f.lead), saved.value.id, [svg])).toMatchObject({ ok: false, status: 415 });
    expect(await imageCount(saved.value.id)).toBe(0);
  });

  it("refuses a sixth screenshot, whether added alone or in one go", async () => {
    const f = await fixture("exploring");
    const five = await prepareImages(await Promise.all([1, 2, 3, 4, 5].map((n) => pngFile(`s${n}.png`, n, n))));
    if (!five.ok) throw new Error(five.message);
    const saved = await saveDemo(db, as(f.lead), f.team.id, input({ images: { add: five.value } }));
    if (!saved.ok) throw new Error(saved.message);
    expect(await imageCount(saved.value.id)).toBe(5);

    const sixth = await addImages(db, as(f.member), saved.value.id, [await pngFile("six.png")]);
    expect(sixth).toMatchObject({ ok: false, status: 400, field: "screenshots" });
    if (!sixth.ok) expect(sixth.message).toMatch(/at most 5 screenshots/);
    expect(await imageCount(saved.value.id)).toBe(5);

    const one = await prepareImages([await pngFile("six.png")]);
    if (!one.ok) throw new Error(one.message);
    const title = (await demoForTeam(db, f.team.id))?.demo.title;
    const viaSave = await saveDemo(db, as(f.lead), f.team.id, input({ title: "should not stick", images: { add: one.value } }));
    expect(viaSave).toMatchObject({ ok: false, status: 400 });
    expect((await demoForTeam(db, f.team.id))?.demo.title).toBe(title);

    // Removing one first makes room.
    const [first] = (await demoForTeam(db, f.team.id))?.images ?? [];
    const swap = await saveDemo(db, as(f.lead), f.team.id, input({ images: { add: one.value, remove: [first?.id ?? 0] } }));
    expect(swap.ok).toBe(true);
    expect(await imageCount(saved.value.id)).toBe(5);

    // A screenshot of another demo cannot be removed through this one.
    const g = await fixture("exploring");
    const foreign = await saveDemo(db, as(g.lead), g.team.id, input({ images: { remove: [first?.id ?? 0] } }));
    expect(foreign).toMatchObject({ ok: false, status: 400 });
  });
});

describe("demoGallery", () => {
  it("searches, filters by tag and department, and shows the first screenshot in a constant number of queries", async () => {
    const week = await createWeekInPhase(db, "demos");
    const made: Array<{ teamId: number; demoId: number; departmentId: number }> = [];
    for (const [i, words] of ["kafka streaming pipeline", "mobile onboarding redesign", "kafka consumer lag alerts"].entries()) {
      const f = await fixture(week);
      const images = await prepareImages(i === 0 ? [await pngFile("a.png", 5, 4), await pngFile("b.png")] : []);
      if (!images.ok) throw new Error(images.message);
      const saved = await saveDemo(
        db,
        as(f.lead),
        f.team.id,
        input({ title: `Demo ${i} ${words}`, tags: i === 1 ? ["mobile"] : ["kafka"], images: { add: images.value } }),
      );
      if (!saved.ok) throw new Error(saved.message);
      made.push({ teamId: f.team.id, demoId: saved.value.id, departmentId: f.lead.departmentId });
    }
    const all = await demoGallery(db, week.id, { page: 1 });
    expect(all.total).toBe(3);
    const withImage = all.rows.find((r) => r.id === made[0]?.demoId);
    expect(withImage?.image).toMatchObject({ width: 5, height: 4 });
    expect(withImage?.departments).toHaveLength(2);
    expect(all.facets.tags).toEqual(["kafka", "mobile"]);

    const kafka = await demoGallery(db, week.id, { q: "kafka", page: 1 });
    expect(kafka.rows.map((r) => r.id).sort()).toEqual([made[0]?.demoId, made[2]?.demoId].sort());
    const mobile = await demoGallery(db, week.id, { tag: "mobile", page: 1 });
    expect(mobile.rows.map((r) => r.id)).toEqual([made[1]?.demoId]);
    const dept = await demoGallery(db, week.id, { department: made[2]?.departmentId, page: 1 });
    expect(dept.rows.map((r) => r.id)).toEqual([made[2]?.demoId]);

    const traced = tracedDatabase(process.env.DATABASE_URL, { max: 1 });
    const appQueries = () => traced.queries.filter((q) => !q.text.includes("pg_catalog.pg_type"));
    try {
      await traced.db.select().from(teams).limit(1); // open the connection first
      traced.reset();
      await demoGallery(traced.db, week.id, { page: 1 });
      expect(appQueries()).toHaveLength(3);
      traced.reset();
      await demoGallery(traced.db, week.id, { q: "kafka", tag: "kafka", department: made[0]?.departmentId, page: 1 });
      expect(appQueries()).toHaveLength(3);
    } finally {
      await traced.end();
    }
  });

  it("lists only the week's demos and keeps teams' links out of other weeks", async () => {
    const f = await fixture("exploring");
    const saved = await saveDemo(db, as(f.lead), f.team.id, input());
    if (!saved.ok) throw new Error(saved.message);
    const other = await createWeekInPhase(db, "exploring");
    expect((await demoGallery(db, other.id, { page: 1 })).total).toBe(0);
    const [team] = await db.select().from(teams).where(eq(teams.id, f.team.id));
    expect(team?.weekId).toBe(f.week.id);
    const [demo] = await db.select({ weekId: demos.weekId }).from(demos).where(eq(demos.id, saved.value.id));
    expect(demo?.weekId).toBe(f.week.id);
  });
});
