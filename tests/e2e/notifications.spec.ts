import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import type postgres from "postgres";
import { ORIGIN, signIn } from "./support/auth";
import { e2eDb, userIdByEmail } from "./support/db";

// Ben's unread count is shared state: these tests run one after the other.
test.describe.configure({ mode: "serial" });

const BEN = "ben@expedition.test";
const ADA = "ada@expedition.test";
/** Makes this run's messages unique, so nothing else in the demo data can match them. */
const marker = `run-${Date.now().toString(36)}`;

let sql: postgres.Sql;
let benId: number;
let adaId: number;
let adaName: string;

test.beforeAll(async () => {
  sql = e2eDb();
  benId = await userIdByEmail(sql, BEN);
  adaId = await userIdByEmail(sql, ADA);
  const [ada] = await sql<{ name: string }[]>`select name from users where id = ${adaId}`;
  adaName = ada?.name ?? "";
});

test.afterAll(async () => {
  await sql?.end({ timeout: 5 });
});

async function unreadOf(userId: number): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from notifications where user_id = ${userId} and read_at is null`;
  return row?.n ?? 0;
}

async function give(userId: number, items: Array<{ message: string; link: string; minutesAgo: number }>) {
  const ids: number[] = [];
  for (const item of items) {
    const [row] = await sql<{ id: string }[]>`
      insert into notifications (user_id, kind, actor_id, link, message, created_at)
      values (${userId}, 'idea_commented', ${adaId}, ${item.link}, ${item.message},
              now() - make_interval(mins => ${item.minutesAgo}))
      returning id`;
    ids.push(Number(row?.id));
  }
  return ids;
}

function bell(page: Page) {
  return page.getByRole("banner").getByRole("link", { name: /^Notifications/ });
}

test("Ben follows a notification, the bell counts down, and mark all as read clears it", async ({ page }) => {
  const messages = {
    profile: `${marker}: Ada mentioned you on her profile`,
    people: `${marker}: Ada commented on your idea`,
    password: `${marker}: Ada followed your idea`,
  };
  await give(benId, [
    { message: messages.profile, link: `/people/${adaId}`, minutesAgo: 3 },
    { message: messages.people, link: "/people", minutesAgo: 2 },
    { message: messages.password, link: "/settings/password", minutesAgo: 1 },
  ]);
  // Other specs may have notified Ben too: count from what the database says now.
  const before = await unreadOf(benId);
  expect(before).toBeGreaterThanOrEqual(3);

  await signIn(page, BEN);
  await expect(bell(page)).toHaveAccessibleName(`Notifications, ${before} unread`);
  await expect(page.getByRole("banner").getByText(String(before > 99 ? "99+" : before), { exact: true })).toBeVisible();

  await bell(page).click();
  await expect(page).toHaveURL("/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const list = page.getByRole("list", { name: "Notifications" });
  // Newest first; unread ones are announced as such.
  await expect(list.getByRole("button", { name: `Unread: ${messages.password}` })).toBeVisible();
  await expect(list.getByRole("button", { name: `Unread: ${messages.people}` })).toBeVisible();
  await expect(list.getByRole("button", { name: `Unread: ${messages.profile}` })).toBeVisible();
  const order = await list.getByRole("button", { name: new RegExp(marker) }).allTextContents();
  expect(order.map((t) => t.replace(/^Unread: /, ""))).toEqual([messages.password, messages.people, messages.profile]);
  await expect(list.getByRole("link", { name: adaName }).first()).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Following one marks it read and lands on its link.
  await list.getByRole("button", { name: `Unread: ${messages.profile}` }).click();
  await expect(page).toHaveURL(`/people/${adaId}`);
  await expect(page.getByRole("heading", { level: 1, name: adaName })).toBeVisible();
  await expect(bell(page)).toHaveAccessibleName(`Notifications, ${before - 1} unread`);

  // Unread only hides it; the other two are still there.
  await bell(page).click();
  await page.getByRole("navigation", { name: "Filter notifications" }).getByRole("link", { name: "Unread only" }).click();
  await expect(page).toHaveURL("/notifications?unread=1");
  await expect(list.getByRole("button", { name: `Unread: ${messages.people}` })).toBeVisible();
  await expect(list.getByText(messages.profile)).toHaveCount(0);

  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("status")).toContainText(`Marked ${before - 1} notifications as read.`);
  await expect(bell(page)).toHaveAccessibleName("Notifications");
  await expect(page.getByRole("banner").getByText(/^\d+\+?$/)).toHaveCount(0);
  await expect(page.getByText("You're all caught up")).toBeVisible();
  expect(await unreadOf(benId)).toBe(0);

  // All of them are still listed, none as unread.
  await page.getByRole("navigation", { name: "Filter notifications" }).getByRole("link", { name: "All" }).click();
  await expect(list.getByRole("button", { name: messages.profile, exact: true })).toBeVisible();
  await expect(list.getByRole("button", { name: /^Unread: / })).toHaveCount(0);
});

test("Ada never sees Ben's notifications and cannot open them", async ({ page }) => {
  const message = `${marker}: only for Ben`;
  const [benNotification] = await give(benId, [{ message, link: "/people", minutesAgo: 0 }]);
  const adaUnread = await unreadOf(adaId);

  await signIn(page, ADA);
  await expect(bell(page)).toHaveAccessibleName(adaUnread ? `Notifications, ${adaUnread} unread` : "Notifications");
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByText(marker)).toHaveCount(0);

  // Posting Ben's id by hand finds nothing and leaves it unread.
  const response = await page.request.post("/notifications", {
    headers: { Origin: ORIGIN },
    form: { intent: "open", id: String(benNotification) },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(404);
  const [row] = await sql<{ read_at: Date | null }[]>`select read_at from notifications where id = ${benNotification ?? 0}`;
  expect(row?.read_at).toBeNull();
});

test("a bad page number is a friendly 400", async ({ page }) => {
  await signIn(page, ADA);
  const response = await page.goto("/notifications?page=abc");
  expect(response?.status()).toBe(400);
  await expect(page.getByText("The page number must be a positive whole number.")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("following a notification and marking all as read work as plain form posts", async ({ page }) => {
    const message = `${marker}: plain HTML for Ada`;
    await give(adaId, [
      { message, link: "/people", minutesAgo: 5 },
      { message: `${message} (second)`, link: "/people", minutesAgo: 4 },
    ]);
    const before = await unreadOf(adaId);

    await signIn(page, ADA);
    await expect(bell(page)).toHaveAccessibleName(`Notifications, ${before} unread`);
    await page.goto("/notifications");
    await page.getByRole("button", { name: `Unread: ${message}`, exact: true }).click();
    await expect(page).toHaveURL("/people");
    await expect(bell(page)).toHaveAccessibleName(`Notifications, ${before - 1} unread`);

    await page.goto("/notifications");
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await expect(page.getByRole("status")).toContainText(/Marked \d+ notifications? as read\./);
    await expect(bell(page)).toHaveAccessibleName("Notifications");
    expect(await unreadOf(adaId)).toBe(0);
  });
});

test.describe("refreshing", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("the bell refreshes every minute while the tab is visible, and never while it is hidden", async ({ page }) => {
    await give(adaId, [{ message: `${marker}: before refreshing`, link: "/people", minutesAgo: 1 }]);
    const base = await unreadOf(adaId);
    await signIn(page, ADA);
    await page.goto("/notifications");
    await expect(bell(page)).toHaveAccessibleName(`Notifications, ${base} unread`);
    // The server renders times in UTC; the browser re-renders them in its own zone once hydrated.
    await expect(page.locator("time").first()).toContainText("GMT+9");
    await page.clock.install();
    const dataRequests: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname.endsWith(".data")) dataRequests.push(request.url());
    });

    // Hidden: minutes pass, nothing is asked of the server.
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await give(adaId, [{ message: `${marker}: while hidden`, link: "/people", minutesAgo: 0 }]);
    await page.clock.runFor(5 * 60_000);
    expect(dataRequests).toEqual([]);

    // Visible again after more than a minute: one refresh at once, and the bell catches up.
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await expect(bell(page)).toHaveAccessibleName(`Notifications, ${base + 1} unread`);
    await expect(page.getByRole("button", { name: `Unread: ${marker}: while hidden` })).toBeVisible();
    expect(dataRequests).toHaveLength(1);

    // While visible, the next minute brings the next refresh.
    await give(adaId, [{ message: `${marker}: while visible`, link: "/people", minutesAgo: 0 }]);
    await page.clock.runFor(61_000);
    await expect(bell(page)).toHaveAccessibleName(`Notifications, ${base + 2} unread`);
    expect(dataRequests).toHaveLength(2);
  });
});
