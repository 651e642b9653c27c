import { expect, type Page, test } from "@playwright/test";
import { signIn, signUpFresh } from "./support/auth";
import { e2eDb } from "./support/db";
import { pngBuffer } from "./support/demo-fixtures";
import { closeSubmissions, closeVotingNow, journeyWeek, openVotingNow } from "./support/journey-fixtures";

const JUDGE = "lena@expedition.test";
const ORGANISER = "olga@expedition.test";
const CRITERIA = ["Impact", "Ingenuity", "Execution", "Cross-department collaboration", "Growth (stretch)"];

/** A minimal RFC 4180 reader for our own export (as in results.spec.ts). */
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

const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

test("demos and leadership voting, end to end: submit, schedule, judge, vote, watch live, publish, results = CSV", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const token = Math.random().toString(36).slice(2, 8);
  const sql = e2eDb();
  try {
    // --- 1. Exploring: a team member submits a demo with a PNG screenshot before the deadline. ---
    const memberContext = await browser.newContext();
    const member = await memberContext.newPage();
    const memberName = `Jules Journey ${token}`;
    const memberEmail = await signUpFresh(member, memberName, "Payments", "journey");
    const week = await journeyWeek(sql, token, memberEmail, JUDGE);
    const { b, c: conflicted } = week;

    await member.goto(`/teams/${week.teamA.teamId}`);
    await member.getByRole("link", { name: "Submit your demo" }).click();
    await expect(member.getByRole("heading", { level: 1, name: "Submit your demo" })).toBeVisible();
    const titleA = `Journey demo A ${token}`;
    await member.getByLabel(/^Title/).fill(titleA);
    await member.getByLabel(/^Summary/).fill("Alerts are grouped, so whoever is on call sleeps through the noise.");
    await member.getByLabel(/^The problem and what you built/).fill("We built a **grouping** service for alerts.");
    await member.getByLabel(`Reflection of ${memberName}`).fill("I learned to ship small.");
    await member
      .getByLabel("Add screenshots")
      .setInputFiles({ name: "inbox.png", mimeType: "image/png", buffer: pngBuffer(64, 40) });
    await member.getByRole("button", { name: "Submit demo" }).click();
    await expect(member.getByRole("heading", { level: 1, name: titleA })).toBeVisible();
    await expect(member.getByRole("status")).toContainText("Demo saved.");
    const demoAId = Number(/\/demos\/(\d+)/.exec(member.url())?.[1]);
    expect(demoAId).toBeGreaterThan(0);
    const shot = member.getByRole("img", { name: `Screenshot 1 of ${titleA}` });
    await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
    const src = await shot.getAttribute("src");

    // The gallery shows the demo with its screenshot (and loads the image).
    await member.goto(`/weeks/${week.slug}/demos`);
    const card = member.getByRole("article", { name: titleA });
    await expect(card).toBeVisible();
    await expect(card.getByRole("img")).toHaveAttribute("src", src ?? "");
    await expect.poll(() => card.getByRole("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
    await expect(member.getByRole("article", { name: b.title })).toBeVisible();

    // --- 2. Demo day: the deadline passes (test setup: move the week's dates). ---
    await closeSubmissions(sql, week.weekId);

    // The organiser moves the new demo to the top of the running order; the schedule page shows it.
    const organiserContext = await browser.newContext();
    const organiser = await organiserContext.newPage();
    await signIn(organiser, ORGANISER);
    await organiser.goto(`/admin/weeks/${week.weekId}/schedule`);
    await expect(organiser.getByRole("heading", { level: 1, name: "Demo day" })).toBeVisible();
    await expect(organiser.getByTestId(`order-row-${demoAId}`).getByRole("cell").first()).toHaveText("3");
    await organiser.getByRole("button", { name: `Move ${titleA} up` }).click();
    await expect(organiser.getByTestId(`order-row-${demoAId}`).getByRole("cell").first()).toHaveText("2");
    await organiser.getByRole("button", { name: `Move ${titleA} up` }).click();
    await expect(organiser.getByTestId(`order-row-${demoAId}`).getByRole("cell").first()).toHaveText("1");
    await member.goto(`/weeks/${week.slug}/schedule`);
    const scheduleRows = member.locator("tbody tr");
    await expect(scheduleRows).toHaveCount(3);
    await expect(scheduleRows.nth(0)).toContainText(titleA);
    await expect(scheduleRows.nth(1)).toContainText(b.title);
    await expect(scheduleRows.nth(2)).toContainText(conflicted.title);

    // The organiser adds the judge, the default criteria, one judge per demo, and runs the assignment.
    await organiser.goto(`/admin/weeks/${week.weekId}/voting`);
    await expect(organiser.getByRole("heading", { level: 1, name: `Voting · ${week.name}` })).toBeVisible();
    await organiser.getByLabel("Add a judge by email").fill(JUDGE);
    await organiser.getByRole("button", { name: "Add judge" }).click();
    await expect(organiser.getByRole("status")).toHaveText("Judge added.");
    await organiser.getByRole("button", { name: "Add the default set" }).click();
    await expect(organiser.getByRole("status")).toHaveText("Added 5 default criteria.");
    await organiser.getByLabel("Judges per demo").fill("1");
    await organiser.getByRole("button", { name: "Save settings" }).click();
    await expect(organiser.getByRole("status")).toHaveText("Settings saved.");
    await organiser.getByRole("button", { name: "Run assignment" }).click();
    // The judge mentors team C, so that demo cannot get a judge.
    await expect(organiser.getByRole("alert").filter({ hasText: "The assignment has problems" })).toContainText(conflicted.title);
    const perDemo = organiser.getByRole("table", { name: "Judges assigned to each demo" });
    await expect(perDemo.getByRole("row", { name: new RegExp(titleA) })).toContainText("1 of 1");
    await expect(perDemo.getByRole("row", { name: new RegExp(b.title) })).toContainText("1 of 1");
    await expect(perDemo.getByRole("row", { name: new RegExp(conflicted.title) })).toContainText("0 of 1");

    // --- 3. Voting opens (test setup: move the week's dates). ---
    await openVotingNow(sql, week.weekId);

    // The organiser keeps the live dashboard open in its own page; it must update without reloading.
    const dashboard = await organiserContext.newPage();
    await dashboard.goto(`/admin/weeks/${week.weekId}/dashboard`);
    await expect(dashboard.getByRole("heading", { level: 1, name: "Live voting dashboard" })).toBeVisible();
    await expect(dashboard.getByTestId("live-status")).toHaveText("Live");
    await dashboard.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
    });
    await expect(dashboard.getByTestId("ballots-complete")).toHaveText("0 / 2");
    await expect(dashboard.getByTestId("turnout")).toHaveText("0 people · 0 votes");

    // The judge's ballot offers the two assigned demos and not the conflicted one.
    const judgeContext = await browser.newContext();
    const judge = await judgeContext.newPage();
    await signIn(judge, JUDGE);
    await judge.goto(`/weeks/${week.slug}/ballot`);
    await expect(judge.getByRole("heading", { level: 1, name: "Your ballot" })).toBeVisible();
    await expect(judge.getByText("0 of 2 scored")).toBeVisible();
    await expect(judge.getByRole("link", { name: titleA })).toBeVisible();
    await expect(judge.getByRole("link", { name: b.title })).toBeVisible();
    await expect(judge.getByText(conflicted.title)).toHaveCount(0);

    const score = async (title: string, value: string, expected: string) => {
      const region = judge.getByRole("region", { name: title });
      for (const criterion of CRITERIA) {
        await region.getByRole("radio", { name: `${criterion}: ${value}`, exact: true }).check();
      }
      await region.getByRole("button", { name: "Save" }).click();
      await expect(region.getByRole("status")).toHaveText("Saved.");
      await expect(judge.getByText(expected)).toBeVisible();
    };
    await score(titleA, "5", "1 of 2 scored");
    await expect(dashboard.getByTestId("ballots-complete")).toHaveText("1 / 2");
    await score(b.title, "3", "2 of 2 scored");
    await expect(dashboard.getByTestId("ballots-complete")).toHaveText("2 / 2");

    // Two people vote for people's choice from the demo pages: B twice, A once.
    const vote = async (page: Page, demoId: number) => {
      await page.goto(`/demos/${demoId}`);
      const form = page.getByRole("form", { name: "People's choice" });
      await form.getByRole("button", { name: "Vote", exact: true }).click();
      await expect(form.getByRole("button", { name: "Voted ✓ — withdraw" })).toBeVisible();
    };
    const voterOneContext = await browser.newContext();
    const voterOne = await voterOneContext.newPage();
    await signUpFresh(voterOne, `Vera Voter ${token}`, "Mobile", "journeyvoter");
    await vote(voterOne, b.id);
    await expect(dashboard.getByTestId("turnout")).toHaveText("1 person · 1 vote");
    await vote(voterOne, demoAId);
    const voterTwoContext = await browser.newContext();
    const voterTwo = await voterTwoContext.newPage();
    await signUpFresh(voterTwo, `Victor Voter ${token}`, "Mobile", "journeyvoter");
    await vote(voterTwo, b.id);
    await expect(dashboard.getByTestId("turnout")).toHaveText("2 people · 3 votes");
    await expect(dashboard.getByTestId("ballots-complete")).toHaveText("2 / 2");
    expect(await notReloaded(dashboard)).toBe(true);

    // --- 4. Voting closes (test setup: move the week's dates); the organiser adds awards and publishes. ---
    await closeVotingNow(sql, week.weekId);
    await organiser.goto(`/admin/weeks/${week.weekId}/results`);
    await expect(organiser.getByText("Preview — not visible to participants")).toBeVisible();
    const addAward = async (name: string, kind: string) => {
      const add = organiser.getByRole("form", { name: "Add an award" });
      await add.getByLabel(/^Name/).fill(name);
      await add.getByLabel("Kind").selectOption({ label: kind });
      await add.getByRole("button", { name: "Add award" }).click();
      await expect(organiser.getByRole("status")).toContainText("Award saved.");
      await expect(organiser.getByRole("form", { name: `Edit ${name}` })).toBeVisible();
    };
    await addAward("Best demo", "Judged (overall)");
    await addAward("Crowd favourite", "People's choice");
    await organiser.getByRole("button", { name: "Publish results" }).click();
    await expect(organiser.getByRole("status")).toContainText("Results published");

    // The public results page.
    await member.goto(`/weeks/${week.slug}/results`);
    await expect(member.getByRole("heading", { level: 1, name: `Results · ${week.name}` })).toBeVisible();
    await expect(member.getByRole("article", { name: "Best demo" })).toContainText(titleA);
    await expect(member.getByRole("article", { name: "Crowd favourite" })).toContainText(`${b.title} by ${b.teamName} · 2 votes`);
    const pageRows = await member
      .getByRole("table", { name: "Full ranking" })
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => (td.textContent ?? "").trim())));
    expect(pageRows.length).toBeGreaterThanOrEqual(2);
    expect(pageRows.slice(0, 2).map((r) => r[1])).toEqual([titleA, b.title]);

    // results.csv, downloaded with the organiser's session, agrees with the page.
    const response = await organiser.request.get(`/admin/weeks/${week.weekId}/export/results.csv`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const [header, ...rows] = parseCsv(await response.text());
    expect(header?.slice(0, 8)).toEqual(["Award", "Kind", "Rank", "Winner", "Demo", "Team", "Score", "Raw mean"]);
    const full = rows.filter((r) => r[0] === "Full ranking");
    // Page columns: rank, demo, team, score, raw mean, judges, tie-break.
    // The page shows "—" where a demo has no score (the conflicted demo C had no judge); the CSV leaves the cell empty.
    const asCsv = (cells: string[]) => cells.map((cell) => (cell === "—" ? "" : cell));
    expect(full.map((r) => [r[2], r[4], r[5], r[6], r[7], r[8], r[10]])).toEqual(pageRows.map(asCsv));
    expect(full.at(-1)?.[4]).toBe(conflicted.title);
    const winners = rows.filter((r) => r[3] === "yes").map((r) => [r[0], r[4]]);
    expect(winners).toEqual([
      ["Best demo", titleA],
      ["Crowd favourite", b.title],
    ]);

    await Promise.all(
      [memberContext, organiserContext, judgeContext, voterOneContext, voterTwoContext].map((ctx) => ctx.close()),
    );
  } finally {
    await sql.end({ timeout: 5 });
  }
});
