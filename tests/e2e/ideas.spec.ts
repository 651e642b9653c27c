import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

const unique = () => Math.random().toString(36).slice(2, 8);

test("a participant pitches an idea (seeing what was tried before), others find, follow and discuss it, and the author is notified", async ({
  browser,
}) => {
  // A whole journey across two browsers: allow for a slow, busy CI machine.
  test.setTimeout(90_000);
  const token = unique();
  const title = `Self healing on-call runbook automation ${token}`;

  const adaContext = await browser.newContext();
  const ada = await adaContext.newPage();
  await signIn(ada, "ada@expedition.test");
  await ada.goto("/weeks/2026-h2/ideas/new");
  await ada.getByLabel(/^Title/).fill(title);
  await ada.getByLabel(/^One-line summary/).fill("Let runbooks fix the common pages by themselves, with a human in the loop.");
  // While typing, the form looks across every week for ideas like this one.
  const triedBefore = ada.getByTestId("tried-before");
  await expect(triedBefore).toBeVisible();
  await expect(triedBefore.getByRole("link", { name: "Self-healing on-call runbooks" })).toBeVisible();
  await expect(triedBefore).toContainText("2026 H1");

  await ada
    .getByLabel(/^The problem/)
    .fill("Nights on call are spent on **the same five pages**.\n\n- disk full\n- stuck deploys");
  await ada.getByLabel(/^The proposal/).fill("Wire runbooks to alerts and let them act, with a human approval step.");
  await ada.getByRole("combobox", { name: "Skills needed" }).pressSequentially("Go,Kubernetes,");
  await ada.getByRole("button", { name: "Preview" }).click();
  await expect(ada.getByTestId("idea-preview")).toContainText("the same five pages");
  await ada.getByRole("button", { name: "Publish idea" }).click();
  await expect(ada).toHaveURL(/\/ideas\/\d+$/);
  await expect(ada.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const ideaUrl = ada.url();

  const benContext = await browser.newContext();
  const ben = await benContext.newPage();
  await signIn(ben, "ben@expedition.test");
  await ben.goto("/weeks/2026-h2/ideas");
  await ben.getByLabel("Search ideas").fill(`runbook ${token}`);
  await expect(ben.getByRole("link", { name: title })).toBeVisible();
  await expect(ben).toHaveURL(new RegExp(`q=runbook\\+${token}`));
  await ben.getByRole("link", { name: title }).click();
  await ben.getByRole("button", { name: /^Follow · 0/ }).click();
  await expect(ben.getByRole("button", { name: /^Following · 1/ })).toBeVisible();
  await ben.getByLabel(/^Add a comment/).fill("I have written a few of these in Go. Count me in!");
  await ben.getByRole("button", { name: "Post comment" }).click();
  await expect(ben.getByRole("article", { name: "Comment by Ben Okafor" })).toContainText("Count me in!");

  await ada.goto("/notifications");
  // Each notification is a small form: opening it marks it read, then leads to the idea.
  await expect(ada.getByRole("button", { name: new RegExp(`Ben Okafor commented on your idea “${title}”`) })).toBeVisible();
  await expect(ada.getByRole("button", { name: new RegExp(`Ben Okafor followed your idea “${title}”`) })).toBeVisible();
  await ada.getByRole("button", { name: new RegExp(`Ben Okafor commented on your idea “${title}”`) }).click();
  await expect(ada).toHaveURL(new RegExp(`${ideaUrl.replace(/[/.]/g, "\\$&")}#comment-\\d+$`));
  await adaContext.close();
  await benContext.close();
});

test("the same pitch works with JavaScript disabled", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("ben@expedition.test");
  await page.getByLabel(/^Password/).fill("expedition-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const title = `Offline-first field app ${unique()}`;
  await page.goto("/weeks/2026-h2/ideas/new");
  await page.getByLabel(/^Title/).fill(title);
  await page.getByLabel(/^One-line summary/).fill("Let support engineers work on site without a connection.");
  await page.getByLabel(/^Skills needed/).fill("React Native, sqlite");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("idea-preview")).toContainText(title);
  await expect(page.getByLabel(/^Title/)).toHaveValue(title);
  await page.getByRole("button", { name: "Publish idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("link", { name: "react-native" })).toBeVisible();

  await page.goto(`/weeks/2026-h2/ideas?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await context.close();
});

test("bad input is explained beside the field and keeps what was typed", async ({ page }) => {
  await signIn(page, "ben@expedition.test");
  await page.goto("/weeks/2026-h2/ideas/new");
  await page.getByLabel(/^Title/).fill("ok");
  await page.getByLabel(/^One-line summary/).fill("short");
  await page.getByLabel(/^The proposal/).fill("x".repeat(20_001));
  await page.getByRole("button", { name: "Publish idea" }).click();
  await expect(page.getByText("Use at least 3 characters.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByText("The proposal can be at most 20,000 characters.")).toBeVisible();
  await expect(page.getByLabel(/^Title/)).toHaveValue("ok");
});

test("unknown weeks and malformed pages get clear errors", async ({ page }) => {
  await signIn(page, "ben@expedition.test");
  expect((await page.goto("/weeks/no-such-week/ideas"))?.status()).toBe(404);
  expect((await page.goto("/weeks/2026-h2/ideas?page=abc"))?.status()).toBe(400);
  await expect(page.getByText("The page number must be a positive whole number.")).toBeVisible();
  expect((await page.goto("/ideas/99999999"))?.status()).toBe(404);
  expect((await page.goto("/ideas/abc"))?.status()).toBe(404);
});

test("/ideas leads to the current week's board", async ({ page }) => {
  await signIn(page, "ben@expedition.test");
  await page.goto("/ideas");
  await expect(page).toHaveURL("/weeks/2026-h2/ideas");
  await expect(page.getByRole("heading", { level: 1, name: "Ideas" })).toBeVisible();
});

test("skills typed while the tags input is still loading are kept when it arrives", async ({ page }) => {
  // Hold back the tags input's code, as a slow network would, while Ada types into the plain field.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/ComboInputs-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await signIn(page, "ada@expedition.test");
  await page.goto("/weeks/2026-h2/ideas/new");
  const plain = page.getByRole("textbox", { name: /^Skills needed/ });
  await plain.fill("Go, Kubernetes");
  release();
  const tags = page.getByRole("combobox", { name: "Skills needed" });
  await expect(tags).toBeVisible();
  const field = page.locator(".mantine-TagsInput-root", { has: tags });
  await expect(field.locator(".mantine-Pill-label")).toHaveText(["Go", "Kubernetes"]);
});
