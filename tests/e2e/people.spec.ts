import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

const unique = () => Math.random().toString(36).slice(2, 8);

test("Ben edits his profile, sees it on his page, and is found by his new stretch goal as a mentor", async ({ page }) => {
  const offer = `VoiceOver audits and Dynamic Type ${unique()}`;
  await signIn(page, "ben@expedition.test");

  // The account menu leads to the profile form.
  await page.getByRole("button", { name: /Account menu for/ }).click();
  await page.getByRole("menuitem", { name: "Edit profile" }).click();
  await expect(page).toHaveURL(/\/settings\/profile$/);
  await expect(page.getByRole("heading", { level: 1, name: "Edit profile" })).toBeVisible();
  await expect(page.getByLabel(/^Name/)).toHaveValue("Ben Okafor");

  await page.getByRole("combobox", { name: "Stretch goals" }).pressSequentially("Rust,");
  await page.getByLabel(/^I can mentor on/).fill(offer);
  await page.getByLabel(/^Availability/).fill("Thursday afternoons");
  await page.getByRole("button", { name: "Save profile" }).click();

  await expect(page).toHaveURL(/\/people\/\d+\?saved=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Profile saved" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Ben Okafor" })).toBeVisible();
  await expect(page.getByRole("link", { name: "rust", exact: true })).toBeVisible();
  await expect(page.getByText(offer)).toBeVisible();
  await expect(page.getByText("Availability: Thursday afternoons")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Exploration portfolio" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit profile" })).toBeVisible();

  // The directory finds him by the stretch goal, among people who offer mentoring.
  await page.getByRole("link", { name: "People", exact: true }).first().click();
  await page.getByLabel("Wants to learn (stretch goal)").fill("rust");
  await page.getByLabel("Offers mentoring").check();
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/[?&]stretch=rust/);
  await expect(page).toHaveURL(/[?&]mentors=1/);
  const card = page.getByRole("article", { name: "Ben Okafor" });
  await expect(card).toBeVisible();
  await expect(card).toContainText(`Mentors on: ${offer}`);
  await expect(card.getByRole("group", { name: "Stretch goals" })).toContainText("rust");
  await expect(card).toContainText(/In team .+|Not in a team yet/);
  // The filters stay in the form after the search.
  await expect(page.getByLabel("Wants to learn (stretch goal)")).toHaveValue("rust");
  await expect(page.getByLabel("Offers mentoring")).toBeChecked();
});

test("a refused profile keeps what Ben typed and saves nothing (without JavaScript)", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "ben@expedition.test");
  const title = `Staff iOS Engineer ${unique()}`;
  const tooLong = "a".repeat(41);

  await page.goto("/settings/profile");
  await page.getByLabel(/^Job title/).fill(title);
  const skills = page.getByLabel(/^Skills/);
  const typedSkills = `swift, ios, ${tooLong}`;
  await skills.fill(typedSkills);
  await page.getByRole("button", { name: "Save profile" }).click();

  await expect(page).toHaveURL(/\/settings\/profile$/);
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expect(page.getByText(/Each skill can be at most 40 characters/)).toBeVisible();
  await expect(page.getByLabel(/^Job title/)).toHaveValue(title);
  await expect(page.getByLabel(/^Skills/)).toHaveValue(typedSkills);

  await page.goto("/people?q=Ben+Okafor");
  await expect(page.getByRole("article", { name: "Ben Okafor" })).not.toContainText(title);
  await context.close();
});

test("the directory says, for each person, whether they are in a team this week", async ({ page }) => {
  await signIn(page, "ada@expedition.test");
  await page.goto("/people");
  await expect(page.getByText(/Team status is for 2026 H2\./)).toBeVisible();
  const cards = page.getByRole("article");
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(cards.nth(i)).toContainText(/In team .+|Not in a team yet/);
  }
  // Filters are plain URL state: a skill filter from the address works without the form.
  await page.goto("/people?skill=swift");
  await expect(page.getByLabel("Knows (skill)")).toHaveValue("swift");
  await expect(page.getByRole("article", { name: "Ben Okafor" })).toBeVisible();
});

test("no serious accessibility violations on the profile form, a person page and a filtered directory", async ({ page }) => {
  await signIn(page, "ada@expedition.test");
  await page.getByRole("button", { name: /Account menu for/ }).click();
  const myProfile = await page.getByRole("menuitem", { name: "My profile" }).getAttribute("href");
  await page.keyboard.press("Escape");
  for (const path of ["/settings/profile", myProfile ?? "/people", "/people?skill=go&mentors=1"]) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
    expect(serious.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});
