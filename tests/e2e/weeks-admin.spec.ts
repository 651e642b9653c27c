import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./support/auth";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Local date-times in the week's zone (Europe/Berlin), far enough ahead that the week is a draft. */
const DATES: Record<string, string> = {
  "Pitching opens": "2031-09-01T09:00",
  "Team formation opens": "2031-09-15T09:00",
  "Exploring starts": "2031-09-22T09:00",
  "Exploring ends": "2031-09-26T17:00",
  "Demo deadline": "2031-09-26T23:00",
  "Voting opens": "2031-09-29T09:00",
  "Voting closes": "2031-10-01T17:00",
  "Results published": "2031-10-02T12:00",
  Archived: "2031-11-01T00:00",
};

/** A date-time field by its label (the required asterisk is not part of its accessible name). */
const dateField = (page: Page, label: string) => page.getByRole("textbox", { name: label, exact: true });

async function fillDates(page: Page, dates: Record<string, string>) {
  for (const [label, value] of Object.entries(dates)) await dateField(page, label).fill(value);
}

test.describe("organisers create weeks", () => {
  test("an organiser creates a week, fixes out-of-order dates without losing input, and sees its page", async ({ page }) => {
    const id = unique();
    const name = `E2E ${id}`;
    const slug = `e2e-${id}`;
    const description = "Bring **one** idea.\n\n## Goals\n\n- ship a prototype\n- learn something new";
    await signIn(page, "olga@expedition.test");

    await page.goto("/admin");
    await page.getByRole("link", { name: "Weeks", exact: true }).click();
    await expect(page).toHaveURL("/admin/weeks");
    await page.getByRole("link", { name: "New week" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New week" })).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    await page.getByLabel(/^Name/).fill(name);
    // The slug is suggested from the name as it is typed; the organiser replaces it.
    await expect(page.getByLabel(/^Slug/)).toHaveValue(`e2e-${id}`);
    await page.getByLabel(/^Slug/).fill(slug);
    await page.getByLabel(/^Theme/).fill("Tools for the people who help customers");
    await page.getByLabel(/^Description/).fill(description);
    await page.getByLabel(/^Time zone/).selectOption("Europe/Berlin");
    // Exploring starts before team formation opens.
    await fillDates(page, { ...DATES, "Exploring starts": "2031-09-10T09:00" });
    await page.getByLabel(/^Smallest team size/).fill("2");
    await page.getByLabel(/^Largest team size/).fill("6");
    await page.getByLabel(/^Minimum departments per team/).fill("2");
    await page.getByLabel(/^People's-choice votes per person/).fill("3");
    await page.getByRole("button", { name: "Create week" }).click();

    const exploring = dateField(page, "Exploring starts");
    await expect(page.getByText("Must be on or after Team formation opens.")).toBeVisible();
    await expect(exploring).toHaveAttribute("aria-invalid", "true");
    await expect(exploring).toBeFocused();
    await expect(page).toHaveURL("/admin/weeks/new");
    // Everything typed is still there.
    await expect(page.getByLabel(/^Name/)).toHaveValue(name);
    await expect(page.getByLabel(/^Slug/)).toHaveValue(slug);
    await expect(page.getByLabel(/^Description/)).toHaveValue(description);
    await expect(exploring).toHaveValue("2031-09-10T09:00");
    await expect(dateField(page, "Archived")).toHaveValue("2031-11-01T00:00");
    await expect(page.getByLabel(/^Minimum departments per team/)).toHaveValue("2");

    await exploring.fill(DATES["Exploring starts"] ?? "");
    await page.getByRole("button", { name: "Create week" }).click();

    await expect(page).toHaveURL(`/admin/weeks?saved=${slug}`);
    await expect(page.getByRole("status")).toContainText(`Saved ${name}.`);
    const row = page.getByTestId(`week-row-${slug}`);
    await expect(row).toContainText(name);
    await expect(row).toContainText("Draft");
    await expect(row).toContainText(/1 Sept? 2031, 09:00/);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    await row.getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(`/weeks/${slug}`);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Tools for the people who help customers")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Goals" })).toBeVisible();
    await expect(page.locator("strong", { hasText: "one" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "ship a prototype" })).toBeVisible();
    await expect(page.getByTestId("week-rules")).toHaveText(
      "Teams of 2–6 people from at least 2 departments; 3 people's-choice votes each.",
    );
    await expect(page.getByTestId("current-phase")).toHaveText("Draft");
    await expect(page.getByRole("link", { name: "Edit week" })).toBeVisible();

    // Editing shows the dates back in the week's zone, and a taken slug is refused beside the field.
    await page.getByRole("link", { name: "Edit week" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Edit ${name}` })).toBeVisible();
    await expect(dateField(page, "Pitching opens")).toHaveValue("2031-09-01T09:00");
    await page.getByLabel(/^Slug/).fill("2026-h2");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Another week already uses this slug; choose another.")).toBeVisible();
    await expect(page.getByLabel(/^Slug/)).toHaveValue("2026-h2");
  });

  test("the form works without JavaScript: errors come back beside the fields and an empty slug is made from the name", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const id = unique();
    const name = `No script ${id}`;
    await signIn(page, "olga@expedition.test");
    await page.goto("/admin/weeks/new");
    await page.getByLabel(/^Name/).fill(name);
    await page.getByLabel(/^Time zone/).selectOption("Europe/Berlin");
    // 02:30 on 29 March 2026 never happens in Berlin: the clocks jump from 02:00 to 03:00.
    await fillDates(page, { ...DATES, "Pitching opens": "2026-03-29T02:30" });
    await page.getByRole("button", { name: "Create week" }).click();
    await expect(page.getByText(/This time doesn't exist in Europe\/Berlin.*from 02:00 to 03:00/)).toBeVisible();
    await expect(page.getByLabel(/^Name/)).toHaveValue(name);
    await expect(dateField(page, "Voting closes")).toHaveValue(DATES["Voting closes"] ?? "");

    await dateField(page, "Pitching opens").fill(DATES["Pitching opens"] ?? "");
    await page.getByRole("button", { name: "Create week" }).click();
    await expect(page).toHaveURL(`/admin/weeks?saved=no-script-${id}`);
    await expect(page.getByTestId(`week-row-no-script-${id}`)).toContainText(name);
    await context.close();
  });

  test("a participant gets a 403 on the admin week pages", async ({ page }) => {
    await signIn(page, "ada@expedition.test");
    for (const path of ["/admin/weeks/new", "/admin/weeks", "/admin/weeks/1"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByText("This page is for organisers only.")).toBeVisible();
    }
    const post = await page.request.post("/admin/weeks/new", {
      headers: { Origin: new URL(page.url()).origin },
      form: { name: "Sneaky", slug: `sneaky-${unique()}` },
      maxRedirects: 0,
    });
    // Refused by the role guard (same-site, signed in), not by the cross-site check.
    expect(post.status()).toBe(403);
    expect(await post.text()).toContain("This page is for organisers only.");
  });
});

test.describe("the week page", () => {
  test("the demo week 2026-h2 is in team formation, with its rules and the way to the ideas board", async ({ page }) => {
    await signIn(page, "ada@expedition.test");
    const response = await page.goto("/weeks/2026-h2");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "2026 H2" })).toBeVisible();
    await expect(page.getByTestId("current-phase")).toHaveText("Team formation");
    await expect(page.locator('[aria-current="step"]')).toContainText("Team formation");
    await expect(page.getByTestId("week-rules")).toHaveText(
      "Teams of 2–6 people from at least 2 departments; 3 people's-choice votes each.",
    );
    await expect(page.getByRole("heading", { name: "Where to start" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Find a team" })).toHaveAttribute("href", "/weeks/2026-h2/teams");
    await expect(page.getByRole("link", { name: "Ideas board" })).toHaveAttribute("href", "/weeks/2026-h2/ideas");
    // Participants don't get the organiser's edit link.
    await expect(page.getByRole("link", { name: "Edit week" })).toHaveCount(0);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });

  test("an unknown week is a 404", async ({ page }) => {
    await signIn(page, "ada@expedition.test");
    const response = await page.goto("/weeks/no-such-week");
    expect(response?.status()).toBe(404);
    await expect(page.getByText("There is no exploration week at this address.")).toBeVisible();
  });
});
