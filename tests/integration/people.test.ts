import { and, eq, type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_SIZE } from "~/lib/pagination";
import {
  cachedSkillSuggestions,
  getPerson,
  getPortfolio,
  searchPeople,
  skillSuggestions,
  updateProfile,
} from "~/people/people.server";
import { type ProfileInput, ProfileSchema } from "~/people/schemas.server";
import { getDb, type Queryable } from "~db/client";
import { auditLog, teamMembers, teamMentors, teams, users } from "~db/schema";
import {
  createDepartment,
  createIdea,
  createUser,
  createWeekInPhase,
  type DepartmentRow,
  type IdeaRow,
  type TestUser,
  tracedDatabase,
  uid,
  type WeekRow,
} from "../support/factories";

const db = getDb();

/** A user with profile fields set (the factory only sets name, email and department). */
async function createPerson(
  options: {
    departmentId?: number;
    name?: string;
    title?: string;
    skills?: string[];
    stretchGoals?: string[];
    mentorOffer?: string;
    mentorAvailability?: string;
    deactivatedAt?: Date | null;
    roles?: Array<"organiser" | "admin">;
  } = {},
): Promise<TestUser> {
  const { skills = [], stretchGoals = [], mentorOffer = "", mentorAvailability = "", title = "", ...rest } = options;
  const user = await createUser(db, rest);
  await db.update(users).set({ skills, stretchGoals, mentorOffer, mentorAvailability, title }).where(eq(users.id, user.id));
  return user;
}

/** A team on `idea` in its week, led by `lead`, with `members` as plain members. */
async function createTeamWith(
  database: Queryable,
  options: { idea: IdeaRow; lead: { id: number }; members?: Array<{ id: number }>; name?: string },
) {
  const [team] = await database
    .insert(teams)
    .values({
      weekId: options.idea.weekId,
      ideaId: options.idea.id,
      leadId: options.lead.id,
      name: options.name ?? `Team ${uid()}`,
      capacity: 6,
    })
    .returning();
  if (!team) throw new Error("team insert returned no row");
  await database
    .insert(teamMembers)
    .values([
      { teamId: team.id, userId: options.lead.id, weekId: team.weekId, role: "lead" as const },
      ...(options.members ?? []).map((m) => ({ teamId: team.id, userId: m.id, weekId: team.weekId, role: "member" as const })),
    ]);
  return team;
}

async function addMentor(
  teamId: number,
  mentor: { id: number },
  status: "pending" | "accepted" | "declined",
  requestedBy: { id: number },
) {
  await db.insert(teamMentors).values({ teamId, userId: mentor.id, status, requestedById: requestedBy.id });
}

const traced = tracedDatabase(process.env.DATABASE_URL, { max: 1 });
afterAll(() => traced.end());
/** Statements the app sent (not postgres.js's own array-type lookup on connect). */
const appQueries = () => traced.queries.filter((q) => !q.text.includes("pg_catalog.pg_type"));

describe("searchPeople", () => {
  const token = uid();
  const skill = `skill-${token}`;
  const stretch = `stretch-${token}`;
  let department: DepartmentRow;
  let week: WeekRow;
  let otherWeek: WeekRow;
  let alice: TestUser;
  let bruno: TestUser;
  let chen: TestUser;
  let gone: TestUser;
  let aliceTeam: { id: number; name: string };

  beforeAll(async () => {
    department = await createDepartment(db);
    const departmentId = department.id;
    alice = await createPerson({
      departmentId,
      name: `Alice ${token}`,
      title: "Platform engineer",
      skills: [skill, "go"],
      stretchGoals: [stretch],
      mentorOffer: "Kubernetes operators",
      mentorAvailability: "Mornings",
    });
    bruno = await createPerson({ departmentId, name: `Bruno ${token}`, skills: [skill] });
    chen = await createPerson({ departmentId, name: `Chen ${token}`, stretchGoals: [stretch, "go"] });
    gone = await createPerson({
      departmentId,
      name: `Dora ${token}`,
      skills: [skill],
      stretchGoals: [stretch],
      mentorOffer: "Anything",
      deactivatedAt: new Date(),
    });
    week = await createWeekInPhase(db, "team_formation");
    otherWeek = await createWeekInPhase(db, "archived");
    const idea = await createIdea(db, { weekId: week.id, author: alice });
    aliceTeam = await createTeamWith(db, { idea, lead: alice, members: [bruno], name: `Night owls ${token}` });
    // Chen is in a team in another week only: not "in a team this week".
    const oldIdea = await createIdea(db, { weekId: otherWeek.id, author: chen });
    await createTeamWith(db, { idea: oldIdea, lead: chen });
  });

  const names = (rows: Array<{ name: string }>) => rows.map((r) => r.name);

  it("filters by an exact skill tag, leaving out deactivated people", async () => {
    const result = await searchPeople(db, { skill, page: 1 });
    expect(names(result.rows)).toEqual([alice.name, bruno.name]);
    expect(result.total).toBe(2);
  });

  it("filters by stretch goal", async () => {
    const result = await searchPeople(db, { stretch, page: 1 });
    expect(names(result.rows)).toEqual([alice.name, chen.name]);
    expect(result.total).toBe(2);
  });

  it("lists only people who offer to mentor, with their offer", async () => {
    const result = await searchPeople(db, { departmentId: department.id, mentors: true, page: 1 });
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ id: alice.id, mentorOffer: "Kubernetes operators", mentorAvailability: "Mornings" });
    expect(result.total).toBe(1);
  });

  it("combines filters with AND", async () => {
    const both = await searchPeople(db, { skill, stretch, page: 1 });
    expect(names(both.rows)).toEqual([alice.name]);
    const none = await searchPeople(db, { departmentId: department.id, skill: "go", stretch: "go", page: 1 });
    expect(none.rows).toEqual([]);
    expect(none.total).toBe(0);
    const byDepartment = await searchPeople(db, { departmentId: department.id, page: 1 });
    expect(names(byDepartment.rows)).toEqual([alice.name, bruno.name, chen.name]);
  });

  it("matches q against name, title, and skills or stretch goals as normalised tags", async () => {
    expect(names((await searchPeople(db, { q: `bruno ${token}`, page: 1 })).rows)).toEqual([bruno.name]);
    expect(names((await searchPeople(db, { q: "platform engineer", departmentId: department.id, page: 1 })).rows)).toEqual([
      alice.name,
    ]);
    expect(names((await searchPeople(db, { q: `  STRETCH ${token} `, page: 1 })).rows)).toEqual([alice.name, chen.name]);
    expect(names((await searchPeople(db, { q: skill.toUpperCase(), page: 1 })).rows)).toEqual([alice.name, bruno.name]);
    // LIKE wildcards are literal.
    expect((await searchPeople(db, { q: "%", departmentId: department.id, page: 1 })).rows).toEqual([]);
  });

  it("reports each person's team in the given week, and none without a week", async () => {
    const result = await searchPeople(db, { departmentId: department.id, weekId: week.id, page: 1 });
    const byId = new Map(result.rows.map((r) => [r.id, r.teamThisWeek]));
    expect(byId.get(alice.id)).toEqual({ id: aliceTeam.id, name: aliceTeam.name });
    expect(byId.get(bruno.id)).toEqual({ id: aliceTeam.id, name: aliceTeam.name });
    expect(byId.get(chen.id)).toBeNull();
    expect(result.total).toBe(3);

    const previous = await searchPeople(db, { departmentId: department.id, weekId: otherWeek.id, page: 1 });
    expect(previous.rows.find((r) => r.id === chen.id)?.teamThisWeek).toMatchObject({ name: expect.any(String) });
    expect(previous.rows.find((r) => r.id === alice.id)?.teamThisWeek).toBeNull();

    const noWeek = await searchPeople(db, { departmentId: department.id, page: 1 });
    expect(noWeek.rows.every((r) => r.teamThisWeek === null)).toBe(true);
  });

  it("excludes deactivated people everywhere", async () => {
    const all = await searchPeople(db, { departmentId: department.id, mentors: false, page: 1 });
    expect(all.rows.map((r) => r.id)).not.toContain(gone.id);
  });

  it("issues one query for the page and one count, using tag containment (GIN) for tag filters", async () => {
    await traced.db.select({ id: users.id }).from(users).limit(1); // open the connection first
    traced.reset();
    const result = await searchPeople(traced.db, {
      q: stretch,
      skill,
      stretch,
      mentors: true,
      departmentId: department.id,
      weekId: week.id,
      page: 1,
    });
    expect(result.rows.map((r) => r.id)).toEqual([alice.id]);
    const queries = appQueries();
    expect(queries).toHaveLength(2);
    const page = queries.find((q) => q.text.includes("limit"))?.text ?? "";
    expect(page).toContain('left join "team_members"');
    expect(page).toMatch(/"skills" @> array\[\$\d+\]::text\[\]/);
    expect(page).toMatch(/"stretch_goals" @> array\[\$\d+\]::text\[\]/);
    expect(page).not.toMatch(/= any\(/);
  });

  it("the containment predicates can use the GIN indexes on skills and stretch goals", async () => {
    const plans = await db.transaction(async (tx) => {
      // Tiny test tables are cheaper to scan; forbid that to see whether the index is usable at all.
      await tx.execute(sql`set local enable_seqscan = off`);
      const plan = async (column: SQL) =>
        (await tx.execute<{ "QUERY PLAN": string }>(sql`explain select id from users where ${column} @> array[${skill}]::text[]`))
          .map((r) => r["QUERY PLAN"])
          .join("\n");
      return [await plan(sql`skills`), await plan(sql`stretch_goals`)];
    });
    expect(plans[0]).toContain("users_skills_idx");
    expect(plans[1]).toContain("users_stretch_goals_idx");
  });
});

describe("searchPeople pagination", () => {
  const tag = `paged-${uid()}`;
  const size = PAGE_SIZE + 6;
  let week: WeekRow;

  beforeAll(async () => {
    const department = await createDepartment(db);
    week = await createWeekInPhase(db, "team_formation");
    const people: TestUser[] = [];
    for (let i = 0; i < size; i++) {
      people.push(
        await createPerson({ departmentId: department.id, name: `Paged ${String(i).padStart(2, "0")} ${tag}`, skills: [tag] }),
      );
    }
    // Put several of them in teams: the join must not add or drop rows.
    for (const lead of people.slice(0, 3)) {
      const idea = await createIdea(db, { weekId: week.id, author: lead });
      await createTeamWith(db, { idea, lead });
    }
  });

  it("pages agree with the count: no one twice, no one left out, in name order", async () => {
    const first = await searchPeople(db, { skill: tag, weekId: week.id, page: 1 });
    const second = await searchPeople(db, { skill: tag, weekId: week.id, page: 2 });
    const third = await searchPeople(db, { skill: tag, weekId: week.id, page: 3 });
    expect(first.total).toBe(size);
    expect(second.total).toBe(size);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(second.rows).toHaveLength(size - PAGE_SIZE);
    expect(third.rows).toEqual([]);
    const all = [...first.rows, ...second.rows].map((r) => r.name);
    expect(new Set(all).size).toBe(size);
    expect(all).toEqual([...all].sort());
    expect(first.rows.filter((r) => r.teamThisWeek !== null)).toHaveLength(3);
  });
});

describe("skillSuggestions", () => {
  it("lists tags from skills and stretch goals of active people, most used first, in one query", async () => {
    const token = uid();
    const common = `common-${token}`;
    const rare = `rare-${token}`;
    const hidden = `hidden-${token}`;
    await createPerson({ skills: [common], stretchGoals: [rare] });
    await createPerson({ stretchGoals: [common] });
    await createPerson({ skills: [hidden], deactivatedAt: new Date() });
    await traced.db.select({ id: users.id }).from(users).limit(1);
    traced.reset();
    const tags = await skillSuggestions(traced.db, 100_000);
    expect(appQueries()).toHaveLength(1);
    expect(tags).toContain(common);
    expect(tags).toContain(rare);
    expect(tags).not.toContain(hidden);
    expect(tags.indexOf(common)).toBeLessThan(tags.indexOf(rare));
    expect(new Set(tags).size).toBe(tags.length);
  });
});

describe("getPortfolio", () => {
  let person: TestUser;
  let other: TestUser;
  let oldWeek: WeekRow;
  let newWeek: WeekRow;
  let mentorOnlyWeek: WeekRow;
  let oldIdea: IdeaRow;
  let newIdea: IdeaRow;
  let withdrawn: IdeaRow;
  let otherIdea: IdeaRow;
  let oldTeam: { id: number; name: string };
  let newTeam: { id: number; name: string };
  let mentoredTeam: { id: number; name: string };
  let lateMentoredTeam: { id: number; name: string };

  beforeAll(async () => {
    person = await createPerson();
    other = await createPerson();
    oldWeek = await createWeekInPhase(db, "archived");
    mentorOnlyWeek = await createWeekInPhase(db, "results");
    newWeek = await createWeekInPhase(db, "team_formation");

    oldIdea = await createIdea(db, { weekId: oldWeek.id, author: person, title: `Old idea ${uid()}` });
    oldTeam = await createTeamWith(db, { idea: oldIdea, lead: person, members: [other] });

    newIdea = await createIdea(db, { weekId: newWeek.id, author: person, title: `New idea ${uid()}` });
    withdrawn = await createIdea(db, {
      weekId: newWeek.id,
      author: person,
      title: `Withdrawn idea ${uid()}`,
      status: "withdrawn",
      withdrawnAt: new Date(),
    });
    otherIdea = await createIdea(db, { weekId: newWeek.id, author: other, title: `Other idea ${uid()}` });
    newTeam = await createTeamWith(db, { idea: otherIdea, lead: other, members: [person] });

    // Mentoring: accepted counts; pending and declined do not.
    const mentorIdea = await createIdea(db, { weekId: mentorOnlyWeek.id, author: other });
    mentoredTeam = await createTeamWith(db, { idea: mentorIdea, lead: other });
    await addMentor(mentoredTeam.id, person, "accepted", other);
    const pendingIdea = await createIdea(db, { weekId: oldWeek.id, author: other });
    const pendingTeam = await createTeamWith(db, { idea: pendingIdea, lead: await createPerson(), name: `Pending ${uid()}` });
    await addMentor(pendingTeam.id, person, "pending", other);
    const declinedIdea = await createIdea(db, { weekId: mentorOnlyWeek.id, author: other });
    const declinedTeam = await createTeamWith(db, { idea: declinedIdea, lead: await createPerson() });
    await addMentor(declinedTeam.id, person, "declined", other);
    // A team of the new week the person mentors while being a member of another one.
    const extraIdea = await createIdea(db, { weekId: newWeek.id, author: other });
    lateMentoredTeam = await createTeamWith(db, { idea: extraIdea, lead: await createPerson() });
    await addMentor(lateMentoredTeam.id, person, "accepted", person);
  });

  it("groups ideas, team and role, and mentoring per week, newest week first, hiding withdrawn ideas", async () => {
    const portfolio = await getPortfolio(db, person.id);
    expect(portfolio.map((p) => p.week.id)).toEqual([newWeek.id, mentorOnlyWeek.id, oldWeek.id]);
    const [latest, middle, earliest] = portfolio;

    expect(latest?.week).toMatchObject({ name: newWeek.name, slug: newWeek.slug });
    expect(latest?.ideas).toEqual([{ id: newIdea.id, title: newIdea.title, summary: newIdea.summary, status: "published" }]);
    expect(latest?.team).toEqual({
      id: newTeam.id,
      name: newTeam.name,
      role: "member",
      ideaId: otherIdea.id,
      ideaTitle: otherIdea.title,
    });
    expect(latest?.mentoring.map((m) => m.id)).toEqual([lateMentoredTeam.id]);

    expect(middle?.ideas).toEqual([]);
    expect(middle?.team).toBeNull();
    expect(middle?.mentoring).toEqual([
      { id: mentoredTeam.id, name: mentoredTeam.name, ideaId: expect.any(Number), ideaTitle: expect.any(String) },
    ]);

    expect(earliest?.ideas.map((i) => i.id)).toEqual([oldIdea.id]);
    expect(earliest?.team).toMatchObject({ id: oldTeam.id, role: "lead", ideaId: oldIdea.id, ideaTitle: oldIdea.title });
    expect(earliest?.mentoring).toEqual([]);
  });

  it("shows withdrawn ideas when asked (the person or an organiser is looking)", async () => {
    const portfolio = await getPortfolio(db, person.id, { includeWithdrawn: true });
    const latest = portfolio.find((p) => p.week.id === newWeek.id);
    expect(latest?.ideas.map((i) => [i.id, i.status])).toEqual([
      [newIdea.id, "published"],
      [withdrawn.id, "withdrawn"],
    ]);
  });

  it("is empty for someone who took part in nothing", async () => {
    const newcomer = await createPerson();
    expect(await getPortfolio(db, newcomer.id)).toEqual([]);
  });

  it("takes three queries however much there is (ideas, teams with their demos, mentoring)", async () => {
    await traced.db.select({ id: users.id }).from(users).limit(1);
    for (const userId of [person.id, other.id]) {
      traced.reset();
      await getPortfolio(traced.db, userId, { includeWithdrawn: true });
      expect(appQueries()).toHaveLength(3);
    }
  });
});

describe("updateProfile", () => {
  let from: DepartmentRow;
  let to: DepartmentRow;

  beforeAll(async () => {
    from = await createDepartment(db);
    to = await createDepartment(db);
  });

  const input = (overrides: Record<string, string> = {}): ProfileInput =>
    ProfileSchema.parse({
      name: `Renamed ${uid()}`,
      title: "Staff engineer",
      bio: "Likes databases.\nAnd bikes.",
      departmentId: String(from.id),
      skills: "PostgreSQL, Go",
      stretchGoals: "Rust",
      mentorOffer: "Query plans",
      mentorAvailability: "Fridays",
      ...overrides,
    });

  const auditFor = (userId: number) =>
    db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "user.department_changed"),
          eq(auditLog.targetType, "user"),
          eq(auditLog.targetId, String(userId)),
        ),
      );

  it("the cached suggestions are reused, and refreshed at once when this process saves a profile with a new skill", async () => {
    const user = await createPerson({ departmentId: from.id });
    const first = cachedSkillSuggestions(db);
    expect(cachedSkillSuggestions(db)).toBe(first);
    await first;
    const skill = `zig${uid().replace(/\d/g, "").slice(0, 6)}`;
    // Used by 30 people, so it is among the 80 most used.
    for (let i = 0; i < 30; i++) await createPerson({ skills: [skill] });
    expect(await cachedSkillSuggestions(db)).not.toContain(skill);
    const outcome = await updateProfile(db, { id: user.id }, user.id, input({ skills: skill }));
    expect(outcome.ok).toBe(true);
    expect(await cachedSkillSuggestions(db)).toContain(skill);
  });

  it("saves every field; without a department change nothing is audited", async () => {
    const user = await createPerson({ departmentId: from.id });
    const values = input();
    const outcome = await updateProfile(db, { id: user.id }, user.id, values);
    expect(outcome).toEqual({ ok: true, value: { userId: user.id, departmentChanged: false } });
    const person = await getPerson(db, user.id);
    expect(person).toMatchObject({
      name: values.name,
      title: "Staff engineer",
      bio: "Likes databases.\nAnd bikes.",
      departmentId: from.id,
      skills: ["postgresql", "go"],
      stretchGoals: ["rust"],
      mentorOffer: "Query plans",
      mentorAvailability: "Fridays",
    });
    expect(await auditFor(user.id)).toEqual([]);
  });

  it("audits a department change with before and after, in the same transaction", async () => {
    const user = await createPerson({ departmentId: from.id });
    const outcome = await updateProfile(
      db,
      { id: user.id, requestId: `req-${uid()}` },
      user.id,
      input({ departmentId: String(to.id) }),
    );
    expect(outcome).toMatchObject({ ok: true, value: { departmentChanged: true } });
    expect((await getPerson(db, user.id))?.departmentId).toBe(to.id);
    const rows = await auditFor(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: user.id,
      requestId: expect.stringMatching(/^req-/),
      summary: {
        before: { departmentId: from.id, department: from.name },
        after: { departmentId: to.id, department: to.name },
      },
    });
  });

  it("refuses an unknown department on the field and changes nothing", async () => {
    const user = await createPerson({ departmentId: from.id });
    const before = await getPerson(db, user.id);
    const outcome = await updateProfile(db, { id: user.id }, user.id, input({ departmentId: "999999999" }));
    expect(outcome).toEqual({ ok: false, status: 400, field: "departmentId", message: "Choose a department from the list." });
    expect(await getPerson(db, user.id)).toEqual(before);
    expect(await auditFor(user.id)).toEqual([]);
  });

  it("lets people edit only their own profile, unless they are an organiser", async () => {
    const owner = await createPerson({ departmentId: from.id });
    const stranger = await createPerson();
    const before = await getPerson(db, owner.id);
    const refused = await updateProfile(db, { id: stranger.id }, owner.id, input());
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(await getPerson(db, owner.id)).toEqual(before);

    const organiser = await createPerson({ roles: ["organiser"] });
    const allowed = await updateProfile(
      db,
      { id: organiser.id, isOrganiser: true },
      owner.id,
      input({ departmentId: String(to.id) }),
    );
    expect(allowed.ok).toBe(true);
    const [entry] = await auditFor(owner.id);
    expect(entry?.actorId).toBe(organiser.id);
  });

  it("answers 404 for an unknown person and 409 for a deactivated one", async () => {
    const organiser = { id: (await createPerson({ roles: ["organiser"] })).id, isOrganiser: true };
    expect(await updateProfile(db, organiser, 999_999_999, input())).toMatchObject({ ok: false, status: 404 });
    const gone = await createPerson({ deactivatedAt: new Date() });
    expect(await updateProfile(db, { id: gone.id }, gone.id, input())).toMatchObject({ ok: false, status: 409 });
  });
});
