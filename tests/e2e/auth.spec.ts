import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, ORIGIN, signIn, uniqueEmail } from "./support/auth";

test.describe("signing up and in", () => {
  test("a new person signs up, lands on the current week and signs out", async ({ page }) => {
    const email = uniqueEmail("signup");
    await page.goto("/signup");
    await page.getByLabel("Full name").fill("Grace Hopper");
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Department").selectOption({ label: "Payments" });
    await page.getByLabel(/^Password/).fill("a-long-enough-passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { level: 1, name: "2026 H2" })).toBeVisible();
    await expect(page.getByTestId("current-phase")).toHaveText("Team formation");

    await page.getByRole("button", { name: "Account menu for Grace Hopper" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL("/login");
    await page.goto("/");
    await expect(page).toHaveURL("/login");
  });

  test("bad sign-up input is explained beside the field and nothing typed is lost", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Full name").fill("Ada Again");
    await page.getByLabel("Work email").fill("ADA@Expedition.TEST");
    await page.getByLabel("Department").selectOption({ label: "Mobile" });
    await page.getByLabel(/^Password/).fill("another-long-passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue("Ada Again");
    await expect(page.getByLabel("Department")).toHaveValue(/\d+/);
    await expect(page.getByLabel(/^Password/)).toHaveValue("");
  });

  test("a demo account sees the current week's name after signing in", async ({ page }) => {
    await signIn(page, "ada@expedition.test");
    await expect(page.getByRole("heading", { level: 1, name: "2026 H2" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Find a team" })).toBeVisible();
  });

  test("a wrong password gets a generic message and keeps the email", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("ben@expedition.test");
    await page.getByLabel(/^Password/).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert")).toHaveText("Email or password is wrong.");
    await expect(page.getByLabel("Email")).toHaveValue("ben@expedition.test");
    await expect(page.getByLabel(/^Password/)).toHaveValue("");
  });

  test("repeated failures lock the account for a while, even with the right password", async ({ page, playwright }) => {
    const email = uniqueEmail("throttle");
    // A context without cookies: a signed-in visitor to /login is simply sent home.
    const request = await playwright.request.newContext({ baseURL: ORIGIN });
    const signup = await request.post("/signup", {
      headers: { Origin: ORIGIN },
      form: { name: "Throttle Test", email, departmentId: "1", password: "correct-horse-battery" },
      maxRedirects: 0,
    });
    expect(signup.status()).toBe(302);
    await request.post("/logout", { headers: { Origin: ORIGIN }, maxRedirects: 0 });
    for (let i = 0; i < 5; i++) {
      const r = await request.post("/login", {
        headers: { Origin: ORIGIN },
        form: { email, password: `wrong-${i}` },
        maxRedirects: 0,
      });
      expect([401, 429]).toContain(r.status());
    }
    await request.dispose();
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel(/^Password/).fill("correct-horse-battery");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText("Too many failed sign-ins. Wait");
    await expect(page).toHaveURL(/\/login/);
  });

  test("after signing in, a person lands on the page they asked for", async ({ page }) => {
    await page.goto("/people?q=kubernetes");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fpeople%3Fq%3Dkubernetes/);
    await page.getByLabel("Email").fill("ben@expedition.test");
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL("/people?q=kubernetes");
    await expect(page.getByLabel("Name, title, skill or stretch goal")).toHaveValue("kubernetes");
  });

  test("an open redirect in redirectTo is ignored", async ({ page }) => {
    await page.goto("/login?redirectTo=https://evil.example/phish");
    await page.getByLabel("Email").fill("ben@expedition.test");
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL("/");
  });

  test("signing in works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill("ada@expedition.test");
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "2026 H2" })).toBeVisible();
    await context.close();
  });
});

test.describe("sessions", () => {
  test("the session cookie is HttpOnly, SameSite=Lax and a new token is issued at each sign-in", async ({ page, context }) => {
    await context.addCookies([
      { name: "expedition_session", value: "aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb", url: ORIGIN },
    ]);
    await signIn(page, "ada@expedition.test");
    const cookie = (await context.cookies()).find((c) => c.name === "expedition_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.path).toBe("/");
    expect(cookie?.value).not.toBe("aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb");
    expect(cookie?.value).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
  });

  test("a forged or expired session cookie is treated as signed out and cleared", async ({ page, context }) => {
    await context.addCookies([
      { name: "expedition_session", value: "cccccccccccccccccccccccc.dddddddddddddddddddddddd", url: ORIGIN },
    ]);
    await page.goto("/");
    await expect(page).toHaveURL("/login");
    expect((await context.cookies()).find((c) => c.name === "expedition_session")).toBeUndefined();
  });

  test("changing the password signs out every other session", async ({ browser }) => {
    const email = uniqueEmail("pw");
    const first = await browser.newContext();
    const a = await first.newPage();
    await a.goto("/signup");
    await a.getByLabel("Full name").fill("Pat Change");
    await a.getByLabel("Work email").fill(email);
    await a.getByLabel("Department").selectOption({ label: "Security" });
    await a.getByLabel(/^Password/).fill("first-long-password");
    await a.getByRole("button", { name: "Create account" }).click();
    await expect(a).toHaveURL("/");

    const second = await browser.newContext();
    const b = await second.newPage();
    await signIn(b, email, "first-long-password");

    await a.goto("/settings/password");
    await a.getByLabel("Current password").fill("first-long-password");
    await a.getByLabel(/^New password/).fill("second-long-password");
    await a.getByLabel("Repeat new password").fill("second-long-password");
    await a.getByRole("button", { name: "Change password" }).click();
    await expect(a.getByRole("status")).toContainText("1 other session was signed out.");

    await b.goto("/people");
    await expect(b).toHaveURL(/\/login/);
    await a.goto("/people");
    await expect(a).toHaveURL("/people");
    await signIn(b, email, "second-long-password");
    await first.close();
    await second.close();
  });
});

test.describe("roles", () => {
  test("a participant cannot open the admin pages", async ({ page }) => {
    await signIn(page, "ada@expedition.test");
    await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this" })).toBeVisible();
    expect((await page.goto("/admin/people"))?.status()).toBe(403);
  });

  test("an organiser reaches admin and the audit log, but not role management", async ({ page }) => {
    await signIn(page, "olga@expedition.test");
    await page.getByRole("navigation", { name: "Main", exact: true }).getByRole("link", { name: "Admin" }).click();
    await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();
    await page.getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    expect((await page.goto("/admin/people"))?.status()).toBe(403);
  });

  test("an admin grants and revokes the organiser role, and the audit log shows it", async ({ page }) => {
    await signIn(page, "sam@expedition.test");
    await page.goto("/admin/people?q=Ben");
    const row = page.getByRole("row", { name: /Ben Okafor/ });
    await row.getByRole("button", { name: "Make organiser" }).click();
    await expect(row.getByRole("button", { name: "Remove organiser" })).toBeVisible();
    await row.getByRole("button", { name: "Remove organiser" }).click();
    await expect(row.getByRole("button", { name: "Make organiser" })).toBeVisible();
    await page.goto("/admin/audit");
    await expect(page.getByRole("cell", { name: "role.granted" }).first()).toBeVisible();
    await expect(page.getByRole("cell", { name: "role.revoked" }).first()).toBeVisible();
  });
});
