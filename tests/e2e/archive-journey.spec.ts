import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { ORIGIN, signIn } from "./support/auth";
import { e2eDb, userIdByEmail } from "./support/db";

/**
 * The journeys through the archive: find a past demo by a word from its learnings, record an
 * impact figure on it and see its week's statistics change; nominate a person and find the nomination on
 * their portfolio (and in its Markdown export) once an organiser has accepted it.
 */

const unique = () => Math.random().toString(36).slice(2, 8);
const hoursStat = (page: Page) =>
  page.locator("dl > div", { has: page.locator("dt", { hasText: /^hours saved a year$/ }) }).locator("dd");
const asNumber = (text: string | null) => Number((text ?? "").replace(/[^\d.]/g, ""));

test("search the archive by a word from a demo's learnings, record an impact figure, and the week's statistics change", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const sql = e2eDb();
  let previous: number;
  try {
    // Flag Day's latest "hours saved" figure, which the new measurement replaces in the week's total.
    const [row] = await sql<{ value: string }[]>`
      select l.value from impact_latest l join demos d on d.id = l.demo_id
      where d.title like 'Flag Day:%' and l.kind = 'hours_saved'`;
    previous = Number(row?.value ?? 0);
  } finally {
    await sql.end({ timeout: 5 });
  }

  await signIn(page, "olga@expedition.test");
  await page.goto("/archive/2025-h1");
  await expect(page.getByRole("heading", { level: 1, name: /2025 H1/ })).toBeVisible();
  const before = asNumber(await hoursStat(page).first().textContent());
  expect(before).toBeGreaterThanOrEqual(previous);

  // "kill switches" appears only in Flag Day's learnings.
  await page.goto("/archive/demos");
  const search = page.getByLabel("Search the archive");
  await search.fill("kill switches");
  await search.press("Enter");
  await expect(page).toHaveURL(/q=kill\+switches|q=kill%20switches/);
  const card = page.getByRole("article").filter({ hasText: "Flag Day" });
  await expect(card).toHaveCount(1);
  await card.getByRole("link", { name: /^Flag Day:/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Flag Day:/ })).toBeVisible();

  const section = page.getByRole("region", { name: "Outcome and impact" });
  await expect(section.getByText("Shipped / adopted").first()).toBeVisible();
  await section.getByRole("link", { name: "Update outcome" }).click();
  const impactForm = page.getByRole("region", { name: "Record an impact figure" });
  await impactForm.getByLabel("Kind of figure").selectOption({ label: "Hours saved per year" });
  await impactForm.getByLabel("Measured value").fill("5000");
  await impactForm.getByLabel("Evidence link").fill(`https://wiki.example.com/flag-day/${unique()}`);
  await impactForm.getByRole("button", { name: "Record the figure" }).click();
  await expect(page.getByRole("status")).toContainText("Impact figure recorded.");

  await page.goto("/archive/2025-h1");
  await expect(hoursStat(page).first()).toHaveText(new Intl.NumberFormat("en-GB").format(before - previous + 5000));
});

test("nominate a person; once an organiser accepts, the nomination is on their portfolio and in its Markdown export", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const sql = e2eDb();
  let diegoId: number;
  try {
    diegoId = await userIdByEmail(sql, "diego.fernandez@expedition.test");
  } finally {
    await sql.end({ timeout: 5 });
  }
  const reason = `Diego explains build caches better than anyone; a leadership role would spread it (${unique()}).`;
  const note = `Leads the build guild from next quarter (${unique()}).`;

  const ada = await (await browser.newContext()).newPage();
  await signIn(ada, "ada@expedition.test");
  await ada.goto(`/people/${diegoId}`);
  await ada.getByRole("link", { name: "Nominate" }).click();
  await expect(ada).toHaveURL(new RegExp(`/nominations/new\\?user=${diegoId}$`));
  await ada.getByRole("radio", { name: "Leadership opportunity" }).check();
  await ada.getByLabel(/^Why\?/).fill(reason);
  await ada.getByRole("button", { name: "Send nomination" }).click();
  await expect(ada).toHaveURL(/\/nominations\?made=\d+/);

  // Not on the portfolio while it is new.
  await ada.goto(`/people/${diegoId}`);
  const recognition = ada.getByRole("region", { name: "Recognition" });
  await expect(recognition).toBeVisible();
  await expect(recognition).not.toContainText(reason);

  const olga = await (await browser.newContext()).newPage();
  await signIn(olga, "olga@expedition.test");
  await olga.goto("/admin/nominations?kind=leadership");
  const row = olga.getByRole("article").filter({ hasText: reason });
  await expect(row).toBeVisible();
  await row.getByText("History and decision").click();
  await row.getByLabel("Decision").selectOption({ label: "Accept" });
  await row.getByLabel(/^Note/).fill(note);
  await row.getByRole("button", { name: "Save decision" }).click();
  await expect(olga.getByRole("status").filter({ hasText: "the nomination is accepted" })).toBeVisible();

  await ada.reload();
  const nominations = ada.getByRole("region", { name: "Nominations" });
  await expect(nominations).toContainText(reason);
  await expect(nominations).toContainText("Leadership opportunity");
  await expect(nominations).toContainText("Nominated by Ada");
  // The organisers' note stays private to the nominator.
  await expect(recognition).not.toContainText(note);

  const markdown = await ada.request.get(`/people/${diegoId}/portfolio.md`);
  expect(markdown.status()).toBe(200);
  expect(markdown.headers()["content-type"]).toContain("text/markdown");
  const text = await markdown.text();
  expect(text).toContain("## Nominations");
  expect(text).toContain("**Leadership opportunity**");
  expect(text).toContain(reason);
});

test("a portfolio, a past demo with its outcome and kudos, and the outcome page have no serious accessibility violations, light or dark", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const sql = e2eDb();
  let paths: string[];
  try {
    const diegoId = await userIdByEmail(sql, "diego.fernandez@expedition.test");
    const [demo] = await sql<
      { id: number }[]
    >`select id from demos where title like 'Cache Me If You Can%' or title like 'CI caches%' limit 1`;
    paths = [`/people/${diegoId}`, `/demos/${demo?.id}`, `/demos/${demo?.id}/outcome`, "/admin/outcomes", "/admin/nominations"];
  } finally {
    await sql.end({ timeout: 5 });
  }
  await signIn(page, "olga@expedition.test");
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.context().addCookies([{ name: "expedition_theme", value: scheme, url: ORIGIN }]);
    for (const path of paths) {
      await page.goto(path);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
      expect(serious.map((v) => `${scheme} ${path} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
  }
});

test("the archive, statistics, portfolio, outcome and recognition pages fit a phone screen without sideways scrolling", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const sql = e2eDb();
  let paths: string[];
  try {
    const diegoId = await userIdByEmail(sql, "diego.fernandez@expedition.test");
    const [demo] = await sql<{ id: number }[]>`select id from demos where title like 'Flag Day:%' limit 1`;
    paths = [
      "/archive",
      "/archive/2025-h1",
      "/archive/demos",
      "/archive/demos?q=cache",
      "/stats",
      `/people/${diegoId}`,
      `/demos/${demo?.id}`,
      `/demos/${demo?.id}/outcome`,
      "/nominations",
      "/nominations/new",
      "/admin/nominations?status=all",
      "/admin/outcomes",
    ];
  } finally {
    await sql.end({ timeout: 5 });
  }
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, "olga@expedition.test");
  const overflowing: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
    }));
    if (scroll > width + 1) overflowing.push(`${path}: ${scroll}px wide in a ${width}px screen`);
  }
  expect(overflowing).toEqual([]);
});
