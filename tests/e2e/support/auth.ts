import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "expedition-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("button", { name: /Account menu for/ })).toBeVisible();
}

export function uniqueEmail(prefix = "e2e") {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@expedition.test`;
}

/** Creates a fresh account through the real sign-up form endpoint and returns its email. */
export async function signUpFresh(page: Page, name: string, department: string, prefix = "e2e") {
  const email = uniqueEmail(prefix);
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Department").selectOption({ label: department });
  await page.getByLabel(/^Password/).fill("a-long-enough-passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: /Account menu for/ })).toBeVisible();
  return email;
}

/** This site's origin, for requests that must look same-site (the CSRF check compares it). */
export const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 4173}`;
