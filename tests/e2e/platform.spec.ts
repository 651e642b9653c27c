import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { ORIGIN, signIn } from "./support/auth";

test("health endpoints answer without signing in", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });
  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ready", database: "ok" });
});

test("cross-site form posts are refused and change nothing", async ({ request }) => {
  const attempts: Record<string, string>[] = [{ Origin: "https://evil.example" }, { "Sec-Fetch-Site": "cross-site" }, {}];
  for (const headers of attempts) {
    const response = await request.post("/signup", {
      headers,
      form: { name: "Mallory", email: "mallory@expedition.test", departmentId: "1", password: "mallory-long-password" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  }
  const login = await request.post("/login", {
    headers: { Origin: ORIGIN },
    form: { email: "mallory@expedition.test", password: "mallory-long-password" },
    maxRedirects: 0,
  });
  expect(login.status()).toBe(401);
});

test("pages carry security headers and a CSP nonce that matches their scripts", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-eval");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toContain("max-age=");
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const second = await request.get("/login");
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
});

test("no state changes on GET: /logout by GET keeps the session", async ({ page }) => {
  await signIn(page, "ben@expedition.test");
  await page.goto("/logout");
  await page.goto("/people");
  await expect(page).toHaveURL("/people");
});

test("unknown pages show a friendly 404 inside the app", async ({ page }) => {
  await signIn(page, "ben@expedition.test");
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the home page" })).toBeVisible();
});

test("a bad page number is a clear 400, not a crash", async ({ page }) => {
  await signIn(page, "ben@expedition.test");
  const response = await page.goto("/people?page=abc");
  expect(response?.status()).toBe(400);
  await expect(page.getByText("The page number must be a positive whole number.")).toBeVisible();
});

test("the dark theme persists across reloads", async ({ page }) => {
  await signIn(page, "ada@expedition.test");
  const html = page.locator("html");
  const before = await html.getAttribute("data-mantine-color-scheme");
  await page.getByRole("button", { name: "Switch light or dark theme" }).click();
  const after = before === "dark" ? "light" : "dark";
  await expect(html).toHaveAttribute("data-mantine-color-scheme", after);
  await page.reload();
  await expect(html).toHaveAttribute("data-mantine-color-scheme", after);
});

test("on a phone the navigation sits behind a burger menu", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signIn(page, "ada@expedition.test");
  await expect(page.getByRole("navigation", { name: "Main", exact: true })).toBeHidden();
  await page.getByRole("button", { name: "Open navigation" }).click();
  await page.getByRole("link", { name: "People" }).click();
  await expect(page).toHaveURL("/people");
  await context.close();
});

test("no serious accessibility violations in the dark theme", async ({ page, context }) => {
  // axe over three full pages: allow for a slow, busy machine.
  test.setTimeout(90_000);
  await context.addCookies([{ name: "expedition_theme", value: "dark", url: ORIGIN }]);
  await signIn(page, "olga@expedition.test");
  for (const path of ["/", "/people", "/weeks/2026-h2/ideas", "/weeks/2026-h2/teams"]) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("data-mantine-color-scheme", "dark");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
    expect(serious.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});

for (const path of [
  "/login",
  "/signup",
  "/",
  "/people",
  "/admin/audit",
  "/weeks/2026-h2/ideas",
  "/weeks/2026-h2/ideas/new",
  "/weeks/2026-h2/teams",
]) {
  test(`no serious accessibility violations on ${path}`, async ({ page }) => {
    if (path !== "/login" && path !== "/signup") await signIn(page, "olga@expedition.test");
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test("the account menu works from the keyboard, closes on Escape and outside clicks, and passes axe when open", async ({
  page,
}) => {
  await signIn(page, "olga@expedition.test");
  const button = page.getByRole("button", { name: /Account menu for/ });
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await button.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: /Account menu for/ });
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("menuitem", { name: "My profile" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Edit profile" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "My profile" })).toBeFocused();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();
  await button.click();
  await expect(menu).toBeVisible();
  await page.getByRole("heading", { level: 1 }).first().click();
  await expect(menu).toHaveCount(0);
  // A menu item navigates and the menu closes.
  await button.click();
  await page.getByRole("menuitem", { name: "Nominations" }).click();
  await expect(page).toHaveURL(/\/nominations$/);
  await expect(menu).toHaveCount(0);
});
