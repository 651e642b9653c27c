import { expect, test } from "@playwright/test";
import { ORIGIN, signIn } from "./support/auth";
import { e2eDb } from "./support/db";
import { openVoting, votingWeekWithDemos } from "./support/voting-fixtures";

const JUDGE = "lena@expedition.test";

test("an organiser sets up judging; the judge scores an assigned demo and never sees a conflicted one", async ({ browser }) => {
  test.setTimeout(90_000);
  const token = Math.random().toString(36).slice(2, 8);
  const sql = e2eDb();
  try {
    const week = await votingWeekWithDemos(sql, token, JUDGE);
    const [first, second, conflicted] = week.demos;
    if (!first || !second || !conflicted) throw new Error("three demos expected");

    // The organiser adds the judge, the default criteria, one judge per demo, and runs the assignment.
    const organiserContext = await browser.newContext();
    const organiser = await organiserContext.newPage();
    await signIn(organiser, "olga@expedition.test");
    await organiser.goto(`/admin/weeks/${week.weekId}/voting`);
    await expect(organiser.getByRole("heading", { level: 1, name: `Voting · ${week.name}` })).toBeVisible();
    await organiser.getByLabel("Add a judge by email").fill(JUDGE);
    await organiser.getByRole("button", { name: "Add judge" }).click();
    await expect(organiser.getByRole("status")).toHaveText("Judge added.");
    await expect(organiser.getByRole("table", { name: "Judges and their load" })).toContainText("Lena");

    await organiser.getByRole("button", { name: "Add the default set" }).click();
    await expect(organiser.getByRole("status")).toHaveText("Added 5 default criteria.");
    await expect(organiser.getByRole("form", { name: "Edit Impact" })).toBeVisible();
    await expect(organiser.getByRole("form", { name: "Edit Growth (stretch)" })).toBeVisible();

    await organiser.getByLabel("Judges per demo").fill("1");
    await organiser.getByRole("button", { name: "Save settings" }).click();
    await expect(organiser.getByRole("status")).toHaveText("Settings saved.");

    await organiser.getByRole("button", { name: "Run assignment" }).click();
    // The only judge mentors the third team, so that demo cannot get a judge: the page says so.
    const problems = organiser.getByRole("alert").filter({ hasText: "The assignment has problems" });
    await expect(problems).toContainText(conflicted.title);
    const perDemo = organiser.getByRole("table", { name: "Judges assigned to each demo" });
    await expect(perDemo.getByRole("row", { name: new RegExp(first.title) })).toContainText("1 of 1");
    await expect(perDemo.getByRole("row", { name: new RegExp(conflicted.title) })).toContainText("0 of 1");
    await expect(
      organiser.getByRole("table", { name: "Judges and their load" }).getByRole("row", { name: /Lena/ }),
    ).toContainText("2");

    // Voting opens; the judge scores the first demo.
    await openVoting(sql, week.weekId);
    const judgeContext = await browser.newContext();
    const judge = await judgeContext.newPage();
    await signIn(judge, JUDGE);
    await judge.goto(`/weeks/${week.slug}/ballot`);
    await expect(judge.getByRole("heading", { level: 1, name: "Your ballot" })).toBeVisible();
    await expect(judge.getByText("0 of 2 scored")).toBeVisible();
    await expect(judge.getByRole("link", { name: first.title })).toBeVisible();
    await expect(judge.getByRole("link", { name: second.title })).toBeVisible();
    await expect(judge.getByText(conflicted.title)).toHaveCount(0);

    const card = judge.getByRole("region", { name: first.title });
    for (const [criterion, score] of [
      ["Impact", "4"],
      ["Ingenuity", "5"],
      ["Execution", "3"],
      ["Cross-department collaboration", "4"],
      ["Growth (stretch)", "2"],
    ] as const) {
      await card.getByRole("radio", { name: `${criterion}: ${score}`, exact: true }).check();
    }
    await card.getByLabel("Private feedback to the team").fill("Lovely demo; show the numbers next time.");
    await card.getByRole("button", { name: "Save" }).click();
    await expect(card.getByRole("status")).toHaveText("Saved.");
    await expect(judge.getByText("1 of 2 scored")).toBeVisible();
    await expect(card.getByRole("radio", { name: "Impact: 4", exact: true })).toBeChecked();
    await expect(card.getByLabel("Private feedback to the team")).toHaveValue("Lovely demo; show the numbers next time.");

    // The server refuses a score outside the scale and a conflicted demo, whatever the page offers.
    const [impact] = await sql<{ id: number }[]>`select id from criteria where week_id = ${week.weekId} and name = 'Impact'`;
    const outOfScale = await judge.request.post(`/weeks/${week.slug}/ballot`, {
      headers: { Origin: ORIGIN },
      form: { intent: "save", demoId: String(first.id), [`score-${impact?.id}`]: "6" },
    });
    expect(outOfScale.status()).toBe(400);
    const conflictedSave = await judge.request.post(`/weeks/${week.slug}/ballot`, {
      headers: { Origin: ORIGIN },
      form: { intent: "save", demoId: String(conflicted.id), [`score-${impact?.id}`]: "3" },
    });
    expect(conflictedSave.status()).toBe(403);
    const [saved] = await sql<{ value: number }[]>`
      select s.value from ballot_scores s join ballots b on b.id = s.ballot_id
      where b.demo_id = ${first.id} and s.criterion_id = ${impact?.id ?? 0}`;
    expect(saved?.value).toBe(4);

    // People's choice (limit 2 in this week): a fetcher gets JSON, a plain form is sent back with a code.
    const vote = (demoId: number, extra: Record<string, string> = {}) =>
      judge.request.post(`/weeks/${week.slug}/vote`, {
        headers: { Origin: ORIGIN },
        form: { intent: "vote", demoId: String(demoId), ...extra },
        maxRedirects: 0,
      });
    expect((await vote(first.id)).status()).toBe(200);
    expect((await vote(second.id)).status()).toBe(200);
    const third = await vote(conflicted.id);
    expect(third.status()).toBe(409);
    expect(await third.json()).toMatchObject({ ok: false, message: "You have used all 2 votes; withdraw one first." });
    const plain = await vote(conflicted.id, { redirectTo: `/demos/${conflicted.id}` });
    expect(plain.status()).toBe(302);
    expect(plain.headers().location).toBe(`/demos/${conflicted.id}?voteError=limit`);
    const offsite = await vote(first.id, { redirectTo: "//evil.example/" });
    expect(offsite.headers().location).toBe(`/demos/${first.id}`);

    // Once a ballot exists, the organiser's page explains that judges and criteria are locked.
    await organiser.reload();
    await expect(organiser.getByText("Judges and criteria are locked", { exact: true })).toBeVisible();
    await expect(organiser.getByRole("button", { name: "Run assignment" })).toBeDisabled();
    await organiserContext.close();
    await judgeContext.close();
  } finally {
    await sql.end({ timeout: 5 });
  }
});
