import { expect, test } from "@playwright/test";
import type postgres from "postgres";
import { signIn, signUpFresh } from "./support/auth";
import { e2eDb, userIdByEmail } from "./support/db";

const DAY = 86_400_000;

/** A week whose results were published 35 days ago, with two demos: one led by `memberEmail`, one by someone else. */
async function publishedWeek(sql: postgres.Sql, token: string, memberEmail: string) {
  const now = Date.now();
  const at = (days: number) => new Date(now + days * DAY);
  const [week] = await sql<{ id: number }[]>`
    insert into weeks (name, slug, time_zone, pitching_opens_at, team_formation_opens_at, exploring_starts_at,
      exploring_ends_at, demo_deadline_at, voting_opens_at, voting_closes_at, results_published_at, archived_at)
    values (${`Outcome week ${token}`}, ${`e2e-outcomes-${token}`}, 'Europe/Berlin', ${at(-80)}, ${at(-70)}, ${at(-60)},
      ${at(-55)}, ${at(-54)}, ${at(-53)}, ${at(-40)}, ${at(-36)}, ${at(30)})
    returning id`;
  if (!week) throw new Error("week insert returned no row");
  await sql`insert into voting_settings (week_id, published_at, published_results) values (${week.id}, ${at(-35)}, '{}'::jsonb)`;
  const [department] = await sql<{ id: number }[]>`select id from departments order by id limit 1`;
  if (!department) throw new Error("no departments: is the demo data seeded?");
  const [other] = await sql<{ id: number }[]>`
    insert into users (email, name, department_id) values (${`outcomes-${token}@expedition.test`}, ${`Other ${token}`}, ${department.id})
    returning id`;
  const member = await userIdByEmail(sql, memberEmail);
  const demoIds: number[] = [];
  for (const [i, leadId] of [member, other?.id ?? 0].entries()) {
    const [idea] = await sql<{ id: number }[]>`
      insert into ideas (week_id, author_id, department_id, title, summary)
      values (${week.id}, ${leadId}, ${department.id}, ${`Outcome idea ${i} ${token}`}, 'Made for the outcomes test.')
      returning id`;
    const [team] = await sql<{ id: number }[]>`
      insert into teams (week_id, idea_id, lead_id, name, capacity, confirmed_at)
      values (${week.id}, ${idea?.id ?? 0}, ${leadId}, ${`Outcome team ${i} ${token}`}, 6, ${at(-60)})
      returning id`;
    await sql`insert into team_members (team_id, user_id, week_id, role) values (${team?.id ?? 0}, ${leadId}, ${week.id}, 'lead')`;
    const [demo] = await sql<{ id: number }[]>`
      insert into demos (week_id, team_id, title, summary) values (${week.id}, ${team?.id ?? 0}, ${`Outcome demo ${i} ${token}`}, 'What we built.')
      returning id`;
    demoIds.push(demo?.id ?? 0);
  }
  return { weekId: week.id, mine: demoIds[0] ?? 0, theirs: demoIds[1] ?? 0 };
}

test("a team member records an outcome and an impact figure; bad input is refused beside the field and kept", async ({
  page,
}) => {
  const token = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = await signUpFresh(page, `Outcome Owner ${token}`, "Platform Engineering", "outcomes");
  const sql = e2eDb();
  try {
    const { mine, theirs, weekId } = await publishedWeek(sql, token, email);

    await page.goto(`/demos/${mine}`);
    const section = page.getByRole("region", { name: "Outcome and impact" });
    await expect(section.getByText("No outcome yet")).toBeVisible();
    await expect(section.getByText("30-day check-in due")).toBeVisible();
    await section.getByRole("link", { name: "Update outcome" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Outcome and impact" })).toBeVisible();

    // "Continued" without an owning team: refused beside the field, the note is kept.
    const outcomeForm = page.getByRole("region", { name: "Add an outcome update" });
    await outcomeForm.getByLabel("Continued on a roadmap").check();
    await outcomeForm.getByLabel("What happened").fill("The payments team liked it.");
    await outcomeForm.getByRole("button", { name: "Add the update" }).click();
    await expect(outcomeForm.getByText("Say which team owns it now on its roadmap.")).toBeVisible();
    await expect(outcomeForm.getByLabel("What happened")).toHaveValue("The payments team liked it.");
    await outcomeForm.getByLabel("Owning team").fill("Payments platform");
    await outcomeForm.getByRole("button", { name: "Add the update" }).click();
    await expect(page.getByRole("status")).toContainText("Outcome update recorded.");
    await expect(page.getByRole("list", { name: "Outcome timeline" })).toContainText("Owned by: Payments platform");

    // A negative figure and a non-http evidence link are refused beside their fields.
    const impactForm = page.getByRole("region", { name: "Record an impact figure" });
    await impactForm.getByLabel("Kind of figure").selectOption({ label: "Money saved per year" });
    await impactForm.getByLabel("Currency").selectOption("USD");
    await impactForm.getByLabel("Measured value").fill("-5");
    await impactForm.getByLabel("Evidence link").fill("ftp://files.example.com/report");
    await impactForm.getByRole("button", { name: "Record the figure" }).click();
    await expect(impactForm.getByText("The measured value cannot be negative.")).toBeVisible();
    await expect(impactForm.getByText("Only http:// and https:// links are allowed as evidence.")).toBeVisible();
    await expect(impactForm.getByLabel("Evidence link")).toHaveValue("ftp://files.example.com/report");
    await impactForm.getByLabel("Measured value").fill("25,000");
    await impactForm.getByLabel("Baseline (before)").fill("1000");
    await impactForm.getByLabel("Evidence link").fill("https://finance.example.com/report");
    await impactForm.getByRole("button", { name: "Record the figure" }).click();
    await expect(page.getByRole("status")).toContainText("Impact figure recorded.");
    const figure = page.getByRole("article", { name: "Money saved per year" });
    await expect(figure).toContainText("1,000 USD per year → 25,000 USD per year");

    // Back on the demo page: the status and the figure, and the checkpoint is answered.
    await page.goto(`/demos/${mine}`);
    await expect(section.getByText("Continued on a roadmap").first()).toBeVisible();
    await expect(section.getByText("30-day check-in due")).toHaveCount(0);
    await expect(section.getByRole("article", { name: "Money saved per year" })).toContainText("25,000 USD per year");

    // Someone else's demo is read-only for this person.
    await page.goto(`/demos/${theirs}/outcome`);
    await expect(page.getByText(/Only members of .* and organisers record/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Add the update" })).toHaveCount(0);

    // Organisers see the other demo's checkpoint as due, filtered by week.
    await page.context().clearCookies();
    await signIn(page, "olga@expedition.test");
    await page.goto(`/admin/outcomes?week=${weekId}`);
    const row = page.getByRole("row", { name: new RegExp(`Outcome demo 1 ${token}`) });
    await expect(row).toContainText("Due now");
    await expect(page.getByRole("row", { name: new RegExp(`Outcome demo 0 ${token}`) })).toHaveCount(0);
  } finally {
    await sql.end({ timeout: 5 });
  }
});
