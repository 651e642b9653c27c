import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { ORIGIN, signIn } from "./support/auth";

// The seed's past weeks; the current week (2026-h2) is in team formation. Counts are not asserted here
// (the seed grows); integration tests check the numbers against raw rows.
const PAST = "2026-h1";
const CURRENT = "2026-h2";

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
  expect(serious.map((v) => `${label} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the archive lists past weeks with winners and leads to a showcase and the search", async ({ page }) => {
  await signIn(page, "ben@expedition.test");
  await page.goto("/archive");
  await expect(page.getByRole("heading", { name: "Archive", level: 1 })).toBeVisible();
  const cards = page.getByRole("article");
  expect(await cards.count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole("link", { name: "Impact and statistics" })).toBeVisible();
  await expectNoSeriousViolations(page, "/archive");

  await page.getByRole("link", { name: /^2026 H1$/ }).click();
  await expect(page).toHaveURL(`/archive/${PAST}`);
  await expect(page.getByRole("heading", { name: "Winners" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Every demo \(\d+\)/ })).toBeVisible();
  await expect(page.getByText("How these numbers are counted")).toBeVisible();
  // The outcome chart is drawn once the page is interactive; its numbers stay one click away.
  await expect(page.getByRole("img", { name: /What became of the demos/ })).toBeVisible();
  await expect(page.getByText("Show the numbers as a table").first()).toBeVisible();
  await expectNoSeriousViolations(page, `/archive/${PAST}`);
});

test("a week whose results are not published is not in the archive yet; an unknown week is a 404", async ({ page }) => {
  await signIn(page, "ben@expedition.test");
  const pending = await page.goto(`/archive/${CURRENT}`);
  expect(pending?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: /is not in the archive yet/ })).toBeVisible();
  const missing = await page.goto("/archive/no-such-week");
  expect(missing?.status()).toBe(404);
});

test("the gallery searches as one types, filters through the URL and refuses a bad page", async ({ page }) => {
  await signIn(page, "ben@expedition.test");
  await page.goto("/archive/demos");
  const firstTitle = (await page.getByRole("article").first().getByRole("heading").textContent())?.trim() ?? "";
  const word = firstTitle.split(/[^A-Za-z]+/).sort((a, b) => b.length - a.length)[0] ?? firstTitle;
  await page.getByLabel("Search the archive").fill(word);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(word)}`));
  await expect(page.getByRole("heading", { name: firstTitle })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`for “${word}”`);

  await page.getByRole("combobox", { name: "Week" }).selectOption({ label: "2026 H1" });
  await expect(page).toHaveURL(/week=2026-h1/);
  await page.getByRole("combobox", { name: "Outcome" }).selectOption({ label: "No outcome yet" });
  await expect(page).toHaveURL(/outcome=none/);
  await expectNoSeriousViolations(page, "/archive/demos");

  const bad = await page.goto("/archive/demos?page=zero");
  expect(bad?.status()).toBe(400);
  await expect(page.getByText("The page number must be a positive whole number.")).toBeVisible();
});

test("the gallery works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("ben@expedition.test");
  await page.getByLabel(/^Password/).fill("expedition-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.goto("/archive");
  await page.getByLabel(/Search every demo/).fill("zzzznotaword");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/archive\/demos\?q=zzzznotaword/);
  await expect(page.getByText("No demos match.")).toBeVisible();
  // The dashboard's charts are tables without JavaScript.
  await page.goto("/stats");
  await expect(page.getByRole("table").first()).toBeVisible();
  await expect(page.getByRole("img", { name: /Participation per week/ })).toHaveCount(0);
  await context.close();
});

test("the dashboard loads the chart code only where charts are drawn", async ({ page }) => {
  await signIn(page, "lena@expedition.test");
  const chartChunks: string[] = [];
  page.on("request", (request) => {
    if (/\/assets\/StatsCharts-[^/]+\.js$/.test(request.url())) chartChunks.push(request.url());
  });
  for (const path of ["/", "/archive", "/archive/demos", `/weeks/${PAST}/demos`]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(chartChunks).toEqual([]);

  await page.goto("/stats");
  await expect(page.getByRole("heading", { name: "Impact and statistics", level: 1 })).toBeVisible();
  for (const name of ["Participation per week", "Cross-department teams", "Outcomes by status", "Hours saved per year"]) {
    await expect(page.getByRole("img", { name: new RegExp(name) })).toBeVisible();
  }
  expect(chartChunks.length).toBeGreaterThan(0);
  await expect(page.getByRole("table", { name: /Statistics of every past week/ })).toBeVisible();
  await expectNoSeriousViolations(page, "/stats");
});

test("no serious accessibility violations in the dark theme", async ({ page, context }) => {
  test.setTimeout(90_000);
  await context.addCookies([{ name: "expedition_theme", value: "dark", url: ORIGIN }]);
  await signIn(page, "olga@expedition.test");
  for (const path of [`/archive/${PAST}`, "/stats"]) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("data-mantine-color-scheme", "dark");
    await expect(page.getByRole("img").first()).toBeVisible(); // the charts are drawn
    await expectNoSeriousViolations(page, `${path} (dark)`);
  }
});
