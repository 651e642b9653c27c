import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { e2eDatabasePort, e2eDb } from "./support/db";
import { demoDayWeek } from "./support/schedule-fixtures";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * A second instance of the production build on the same database, as a load balancer would run it:
 * live events must reach browsers connected to either instance.
 */
async function startSecondInstance(): Promise<{ origin: string; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/prod.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${e2eDatabasePort()}/expedition`,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const origin = `http://localhost:${port}`;
  const stop = () => {
    if (child.exitCode === null && child.pid) process.kill(child.pid, "SIGTERM");
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the second instance exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return { origin, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error("the second instance did not start within 30 s");
}

async function openSchedule(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  // Set a marker that a full reload would wipe.
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
}

const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

test("now presenting updates every open schedule page live, on two app instances", async ({ browser }) => {
  test.setTimeout(90_000);
  const sql = e2eDb();
  const token = Math.random().toString(36).slice(2, 8);
  const week = await demoDayWeek(sql, token);
  await sql.end();
  const [first, second, third] = week.demos;
  if (!first || !second || !third) throw new Error("fixture has three demos");
  const other = await startSecondInstance();
  try {
    // Two people watch the schedule: one through this instance, one through the other.
    const aliceContext = await browser.newContext();
    const alice = await aliceContext.newPage();
    await signIn(alice, "ada@expedition.test");
    await openSchedule(alice, `/weeks/${week.slug}/schedule`);
    await expect(alice.getByTestId("now-presenting-title")).toHaveText("Nobody is presenting right now.");

    const benContext = await browser.newContext();
    const ben = await benContext.newPage();
    await signIn(ben, "ben@expedition.test");
    // Sessions live in PostgreSQL, so the other instance knows ben (cookies are shared across ports).
    await openSchedule(ben, `${other.origin}/weeks/${week.slug}/schedule`);
    await expect(ben.getByRole("heading", { level: 1, name: "Demo day schedule" })).toBeVisible();

    // The organiser runs demo day from a third browser.
    const olgaContext = await browser.newContext();
    const olga = await olgaContext.newPage();
    await signIn(olga, "olga@expedition.test");
    await olga.goto(`/admin/weeks/${week.weekId}/schedule`);
    await olga.getByRole("button", { name: "Start", exact: true }).click();
    await expect(olga.getByTestId("admin-now-presenting")).toContainText(first.title);

    for (const page of [alice, ben]) {
      await expect(page.getByTestId("now-presenting-title")).toHaveText(first.title);
      await expect(page.getByTestId("slot-countdown")).toHaveText(/^[0-3]:\d\d left$/);
      await expect(page.getByTestId(`schedule-row-${first.id}`)).toHaveAttribute("aria-current", "true");
    }

    await olga.getByRole("button", { name: "Next", exact: true }).click();
    for (const page of [alice, ben]) {
      await expect(page.getByTestId("now-presenting-title")).toHaveText(second.title);
      await expect(page.getByTestId(`schedule-row-${second.id}`)).toHaveAttribute("aria-current", "true");
      await expect(page.getByTestId(`schedule-row-${first.id}`)).not.toHaveAttribute("aria-current", "true");
      await expect(page.getByText(`Up next: ${third.title}`)).toBeVisible();
    }

    await olga.getByRole("button", { name: "Clear", exact: true }).click();
    for (const page of [alice, ben]) {
      await expect(page.getByTestId("now-presenting-title")).toHaveText("Nobody is presenting right now.");
      expect(await notReloaded(page)).toBe(true);
    }
    await Promise.all([aliceContext.close(), benContext.close(), olgaContext.close()]);
  } finally {
    other.stop();
  }
});

test("organisers reorder by keyboard; the schedule page follows; a private calendar feed serves the slots", async ({
  browser,
}) => {
  const sql = e2eDb();
  const token = Math.random().toString(36).slice(2, 8);
  const week = await demoDayWeek(sql, token);
  await sql.end();
  const [first, , third] = week.demos;
  if (!first || !third) throw new Error("fixture has three demos");

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, "ada@expedition.test");
  await openSchedule(viewer, `/weeks/${week.slug}/schedule`);

  const olgaContext = await browser.newContext();
  const olga = await olgaContext.newPage();
  await signIn(olga, "olga@expedition.test");
  await olga.goto(`/admin/weeks/${week.weekId}/schedule`);
  // Keyboard only: focus the third demo's "up" button and press Enter twice; focus stays on it.
  await olga.getByRole("button", { name: `Move ${third.title} up` }).focus();
  await olga.keyboard.press("Enter");
  await expect(olga.getByTestId(`order-row-${third.id}`).getByRole("cell").first()).toHaveText("2");
  await expect(olga.getByRole("button", { name: `Move ${third.title} up` })).toBeFocused();
  await olga.keyboard.press("Enter");
  await expect(olga.getByTestId(`order-row-${third.id}`).getByRole("cell").first()).toHaveText("1");

  // The open schedule page picked the new order up without a reload.
  await expect(viewer.locator("tbody tr").first()).toContainText(third.title);
  expect(await notReloaded(viewer)).toBe(true);

  // Calendar: make a private link and fetch it the way a calendar app would (no cookie).
  await viewer.getByRole("button", { name: "Get my calendar link" }).click();
  const https = await viewer.getByTestId("calendar-https").inputValue();
  await expect(viewer.getByTestId("calendar-webcal")).toHaveValue(https.replace(/^http:/, "webcal:"));
  const anonymous = await browser.newContext();
  const response = await anonymous.request.get(https);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const body = await response.text();
  expect(body).toContain(`UID:demo-${third.id}@expedition`);
  expect(body).toContain(`UID:week-${week.weekId}-phase-voting@expedition`);
  const wrong = await anonymous.request.get(https.replace(/token=[^&]+/, `token=${"A".repeat(43)}`));
  expect(wrong.status()).toBe(404);
  await Promise.all([viewerContext.close(), olgaContext.close(), anonymous.close()]);
});
