import { expect, test } from "@playwright/test";
import type postgres from "postgres";
import { signIn, signUpFresh } from "./support/auth";
import { e2eDb, userIdByEmail } from "./support/db";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * A week whose voting closed yesterday: three demos, two judges with complete ballots on two criteria,
 * two people's-choice votes, a judged award and a people's-choice award. `memberEmail` leads the first
 * team. Pitching opened 50 days ago, so the home page keeps featuring the seed's current week.
 */
async function closedVotingWeek(sql: postgres.Sql, token: string, memberEmail: string) {
  const now = Date.now();
  const at = (ms: number) => new Date(now + ms);
  const slug = `e2e-results-${token}`;
  const [week] = await sql<{ id: number }[]>`
    insert into weeks (name, slug, time_zone, pitching_opens_at, team_formation_opens_at, exploring_starts_at,
      exploring_ends_at, demo_deadline_at, voting_opens_at, voting_closes_at, results_published_at, archived_at)
    values (${`Results week ${token}`}, ${slug}, 'Europe/Berlin', ${at(-50 * DAY)}, ${at(-40 * DAY)}, ${at(-10 * DAY)},
      ${at(-5 * DAY)}, ${at(-4 * DAY)}, ${at(-3 * DAY)}, ${at(-DAY)}, ${at(2 * DAY)}, ${at(60 * DAY)})
    returning id`;
  if (!week) throw new Error("week insert returned no row");
  const [department] = await sql<{ id: number }[]>`select id from departments order by id limit 1`;
  if (!department) throw new Error("no departments: is the demo data seeded?");
  const person = async (label: string) => {
    const [row] = await sql<{ id: number }[]>`
      insert into users (email, name, department_id)
      values (${`results-${token}-${label}@expedition.test`}, ${`${label} ${token}`}, ${department.id})
      returning id`;
    if (!row) throw new Error("user insert returned no row");
    return row.id;
  };
  const [impact, craft] = await sql<{ id: number }[]>`
    insert into criteria (week_id, name, weight, position)
    values (${week.id}, 'Impact', 2, 0), (${week.id}, 'Craft', 1, 1)
    returning id`;
  if (!impact || !craft) throw new Error("criteria insert returned no rows");
  const demos: Array<{ id: number; title: string; team: string }> = [];
  for (let i = 1; i <= 3; i++) {
    const leadId = i === 1 ? await userIdByEmail(sql, memberEmail) : await person(`Presenter ${i}`);
    const [idea] = await sql<{ id: number }[]>`
      insert into ideas (week_id, author_id, department_id, title, summary)
      values (${week.id}, ${leadId}, ${department.id}, ${`Results idea ${i} ${token}`}, 'Made for the results test.')
      returning id`;
    if (!idea) throw new Error("idea insert returned no row");
    const team = `Results team ${i} ${token}`;
    const [teamRow] = await sql<{ id: number }[]>`
      insert into teams (week_id, idea_id, lead_id, name, capacity, confirmed_at)
      values (${week.id}, ${idea.id}, ${leadId}, ${team}, 6, now())
      returning id`;
    if (!teamRow) throw new Error("team insert returned no row");
    await sql`insert into team_members (team_id, user_id, week_id, role) values (${teamRow.id}, ${leadId}, ${week.id}, 'lead')`;
    const title = `Results demo ${i} ${token}`;
    const [demo] = await sql<{ id: number }[]>`
      insert into demos (week_id, team_id, title, summary, submitted_at)
      values (${week.id}, ${teamRow.id}, ${title}, 'What we built.', ${at(-4 * DAY - (10 - i) * MINUTE)})
      returning id`;
    if (!demo) throw new Error("demo insert returned no row");
    demos.push({ id: demo.id, title, team });
  }
  const [judgeA, judgeB, voter] = [await person("Judge Alpha"), await person("Judge Beta"), await person("Voter")];
  const scores: Array<[number, number, [number, number], string]> = [
    [judgeA, 0, [5, 5], "Alpha: a strong, clear demo."],
    [judgeA, 1, [4, 1], ""],
    [judgeA, 2, [1, 4], ""],
    [judgeB, 0, [3, 3], "Beta: tell us more about the users."],
    [judgeB, 1, [5, 5], ""],
    [judgeB, 2, [4, 4], ""],
  ];
  for (const [judgeId, index, [i, c], feedback] of scores) {
    const demoId = demos[index]?.id;
    const [ballot] = await sql<{ id: number }[]>`
      insert into ballots (week_id, judge_id, demo_id, feedback) values (${week.id}, ${judgeId}, ${demoId ?? 0}, ${feedback})
      returning id`;
    if (!ballot) throw new Error("ballot insert returned no row");
    await sql`insert into ballot_scores (ballot_id, criterion_id, value)
      values (${ballot.id}, ${impact.id}, ${i}), (${ballot.id}, ${craft.id}, ${c})`;
  }
  await sql`insert into peoples_choice_votes (week_id, user_id, demo_id)
    values (${week.id}, ${voter}, ${demos[2]?.id ?? 0}), (${week.id}, ${judgeA}, ${demos[2]?.id ?? 0})`;
  await sql`insert into awards (week_id, name, kind, position)
    values (${week.id}, 'Best demo', 'judged', 0), (${week.id}, 'Crowd favourite', 'peoples_choice', 1)`;
  return { weekId: week.id, slug, demos };
}

/** A minimal RFC 4180 reader for our own export. */
function parseCsv(text: string): string[][] {
  const input = text.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && input[i + 1] === "\n") {
      rows.push([...row, cell]);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length) rows.push([...row, cell]);
  return rows;
}

test("an organiser previews and publishes; the results page, the team's feedback and results.csv agree", async ({ browser }) => {
  const token = Math.random().toString(36).slice(2, 8);
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const memberEmail = await signUpFresh(member, `Rita Results ${token}`, "Payments", "results");
  const sql = e2eDb();
  const fixture = await closedVotingWeek(sql, token, memberEmail).finally(() => sql.end());
  const [d1, d2, d3] = fixture.demos;
  if (!d1 || !d2 || !d3) throw new Error("three demos expected");

  // Before publishing: a friendly notice, and the team sees no feedback yet.
  await member.goto(`/weeks/${fixture.slug}/results`);
  await expect(member.getByText("Results are not published yet")).toBeVisible();
  await expect(member.getByText("Feedback from the judges")).toHaveCount(0);
  const early = await member.request.get(`/admin/weeks/${fixture.weekId}/export/results.csv`, { maxRedirects: 0 });
  expect(early.status()).toBe(403);

  const orgContext = await browser.newContext();
  const org = await orgContext.newPage();
  await signIn(org, "olga@expedition.test");
  const notYet = await org.request.get(`/admin/weeks/${fixture.weekId}/export/results.csv`);
  expect(notYet.status()).toBe(409);
  await org.goto(`/admin/weeks/${fixture.weekId}/results`);
  await expect(org.getByText("Preview — not visible to participants")).toBeVisible();
  const preview = org.getByRole("table", { name: "Full ranking (preview)" });
  await expect(preview.getByRole("row").nth(1)).toContainText(d2.title);
  // A jury award, given by hand: without a citation it is refused beside the field.
  const add = org.getByRole("form", { name: "Add an award" });
  await add.getByLabel(/^Name/).fill("Jury prize");
  await add.getByLabel("Kind").selectOption({ label: "Given by hand" });
  await add.getByLabel("Demo (given by hand)").selectOption({ label: `${d1.title} (${d1.team})` });
  await add.getByRole("button", { name: "Add award" }).click();
  await expect(org.getByRole("form", { name: "Add an award" }).getByText("Write a citation")).toBeVisible();
  await org
    .getByRole("form", { name: "Add an award" })
    .getByLabel(/^Citation/)
    .fill("For the bravest pivot of the week.");
  await org.getByRole("form", { name: "Add an award" }).getByRole("button", { name: "Add award" }).click();
  await expect(org.getByRole("status")).toContainText("Award saved.");
  await expect(org.getByRole("form", { name: "Edit Jury prize" })).toBeVisible();

  await org.getByRole("button", { name: "Publish results" }).click();
  await expect(org.getByRole("status")).toContainText("Results published");
  await expect(org.getByText("Published", { exact: true })).toBeVisible();

  // The public page.
  await org.goto(`/weeks/${fixture.slug}/results`);
  await expect(org.getByRole("heading", { level: 1, name: `Results · Results week ${token}` })).toBeVisible();
  const best = org.getByRole("article", { name: "Best demo" });
  await expect(best).toContainText(d2.title);
  await expect(org.getByRole("article", { name: "Crowd favourite" })).toContainText(`${d3.title} by ${d3.team} · 2 votes`);
  await expect(org.getByRole("article", { name: "Jury prize" })).toContainText("For the bravest pivot of the week.");
  await expect(org.getByRole("heading", { name: "How we count" })).toBeVisible();
  const table = org.getByRole("table", { name: "Full ranking" });
  const pageRows = await table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => (td.textContent ?? "").trim())));
  expect(pageRows.map((r) => r[1])).toEqual([d2.title, d1.title, d3.title]);

  // The CSV, downloaded with the organiser's session, says the same.
  const response = await org.request.get(`/admin/weeks/${fixture.weekId}/export/results.csv`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["content-disposition"]).toBe(`attachment; filename="${fixture.slug}-results.csv"`);
  const [header, ...rows] = parseCsv(await response.text());
  expect(header?.slice(0, 8)).toEqual(["Award", "Kind", "Rank", "Winner", "Demo", "Team", "Score", "Raw mean"]);
  const full = rows.filter((r) => r[0] === "Full ranking");
  // Page columns: rank, demo, team, score, raw mean, judges, tie-break.
  expect(full.map((r) => [r[2], r[4], r[5], r[6], r[7], r[8], r[10]])).toEqual(pageRows);
  const winners = rows.filter((r) => r[3] === "yes").map((r) => [r[0], r[4]]);
  expect(winners).toEqual([
    ["Best demo", d2.title],
    ["Crowd favourite", d3.title],
    ["Jury prize", d1.title],
  ]);
  const unknown = await org.request.get(`/admin/weeks/${fixture.weekId}/export/passwords.csv`);
  expect(unknown.status()).toBe(404);

  // The team sees its judges' feedback, anonymised.
  await member.goto(`/weeks/${fixture.slug}/results`);
  const feedback = member.getByRole("region", { name: "Feedback from the judges" });
  await expect(feedback).toContainText("Judge 1");
  await expect(feedback).toContainText("Alpha: a strong, clear demo.");
  await expect(feedback).toContainText("Judge 2");
  await expect(feedback).not.toContainText(`Judge Alpha ${token}`);

  await memberContext.close();
  await orgContext.close();
});
