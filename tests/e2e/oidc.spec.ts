import { type Browser, expect, type Page, test } from "@playwright/test";
import { claimsForLogin } from "./support/oidc-idp";

const SSO_BUTTON = "Sign in with Acme SSO";

function uniqueLogin() {
  return `sso-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@expedition.test`;
}

/** From the app's sign-in page through the test provider's dev login and consent pages, back home. */
async function signInWithSso(page: Page, login: string) {
  await page.goto("/login");
  await page.getByRole("link", { name: SSO_BUTTON }).click();

  // oidc-provider's development interactions: any login, any password, then consent.
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password at all");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL("/");
  const menu = page.getByRole("button", { name: `Account menu for ${claimsForLogin(login).name}` });
  await expect(menu).toBeVisible();
  return menu;
}

/** The signed-in user's id, read from the account menu's "My profile" link. */
async function signedInUserId(page: Page, login: string): Promise<string> {
  const menu = await signInWithSso(page, login);
  const profile = page.getByRole("menuitem", { name: "My profile" });
  // The menu opens once the page has hydrated; click until it does.
  await expect(async () => {
    if (!(await profile.isVisible())) await menu.click();
    await expect(profile).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(page.getByText(login.toLowerCase(), { exact: true })).toBeVisible();
  const href = await profile.getAttribute("href");
  const id = /^\/people\/(\d+)$/.exec(href ?? "")?.[1];
  expect(id, `profile link ${href}`).toBeTruthy();
  return id as string;
}

async function inFreshContext<T>(browser: Browser, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

test.describe("single sign-on through the company identity provider", () => {
  test("a first SSO sign-in creates the account, and the same login later signs into that same account", async ({ browser }) => {
    const login = uniqueLogin();

    const firstId = await inFreshContext(browser, async (page) => {
      const id = await signedInUserId(page, login);
      // The flow cookie is gone once the callback has run.
      const cookies = await page.context().cookies(new URL("/auth/oidc/callback", page.url()).href);
      expect(cookies.map((c) => c.name)).not.toContain("expedition_oidc");
      return id;
    });

    // A new browser (no session here, none at the provider): the same provider login again.
    const secondId = await inFreshContext(browser, (page) => signedInUserId(page, login));
    expect(secondId).toBe(firstId);
  });

  test("signing in from a protected page returns there afterwards", async ({ page }) => {
    await page.goto("/people");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fpeople/);
    await page.getByRole("link", { name: SSO_BUTTON }).click();
    await page.locator('input[name="login"]').fill(uniqueLogin());
    await page.locator('input[name="password"]').fill("whatever");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL("/people");
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  });

  test("a callback with the wrong state lands on the sign-in page with an error", async ({ page }) => {
    // Start a real sign-in (so the flow cookie exists), then come back with a forged state.
    await page.goto("/login");
    await page.getByRole("link", { name: SSO_BUTTON }).click();
    await expect(page).toHaveURL(/\/interaction\//);
    await page.goto("/auth/oidc/callback?code=forged-code&state=forged-state");

    await expect(page).toHaveURL(/\/login\?sso_error=/);
    await expect(page.getByText("Single sign-on failed: The sign-in response did not match. Try again.")).toBeVisible();
    await expect(page.getByRole("button", { name: /Account menu for/ })).toHaveCount(0);
  });

  test("cancelling at the provider lands on the sign-in page with an error", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: SSO_BUTTON }).click();
    await page.locator('input[name="login"]').fill(uniqueLogin());
    await page.locator('input[name="password"]').fill("whatever");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("link", { name: /Cancel/i }).click();
    await expect(page).toHaveURL(/\/login\?sso_error=/);
    await expect(page.getByText(/Single sign-on failed: Sign-in was cancelled/)).toBeVisible();
  });
});
