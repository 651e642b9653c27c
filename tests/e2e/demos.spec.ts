import { expect, test } from "@playwright/test";
import { signUpFresh } from "./support/auth";
import { e2eDb } from "./support/db";
import { exploringWeekWithConfirmedTeam, pngBuffer } from "./support/demo-fixtures";

test("a member of a confirmed team submits a demo with a screenshot; the gallery and the demo page show it", async ({
  browser,
}) => {
  test.slow(); // two sign-ups, two submissions and three pages: well past the default 30 s on a busy machine
  const token = Math.random().toString(36).slice(2, 8);
  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  const leadEmail = await signUpFresh(lead, `Dana Lead ${token}`, "Payments", "demolead");
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  const memberEmail = await signUpFresh(member, `Omar Member ${token}`, "Mobile", "demomember");

  const sql = e2eDb();
  const fixture = await exploringWeekWithConfirmedTeam(sql, [leadEmail, memberEmail], token).finally(() => sql.end());

  // The team page offers the submission to members.
  await member.goto(`/teams/${fixture.teamId}`);
  await member.getByRole("link", { name: "Submit your demo" }).click();
  await expect(member.getByRole("heading", { level: 1, name: "Submit your demo" })).toBeVisible();

  const title = `Quiet nights ${token}`;
  const screenshot = { name: "inbox.png", mimeType: "image/png", buffer: pngBuffer(64, 40) };
  await member.getByLabel(/^Title/).fill(title);
  await member.getByLabel(/^Summary/).fill("Alerts are grouped, so whoever is on call sleeps through the noise.");
  await member.getByLabel(/^The problem and what you built/).fill("We built a **grouping** service for alerts.");
  await member.getByLabel("Link 1 address").fill("javascript:alert(1)");
  await member.getByLabel(`Reflection of Omar Member ${token}`).fill("I stretched into Go and learned a lot.");
  await member.getByLabel("Add screenshots").setInputFiles(screenshot);
  await member.getByRole("button", { name: "Submit demo" }).click();

  // A javascript: link is refused beside its row; what was typed stays, files must be chosen again.
  await expect(member.getByTestId("link-row-0")).toContainText("Only http:// and https:// links are allowed.");
  await expect(member.getByRole("alert").first()).toContainText("choose your screenshots again");
  await expect(member.getByLabel(/^Title/)).toHaveValue(title);
  await expect(member.getByLabel(`Reflection of Omar Member ${token}`)).toHaveValue("I stretched into Go and learned a lot.");

  await member.getByLabel("Link 1 address").fill("https://video.example/quiet-nights");
  await member.getByLabel("Add screenshots").setInputFiles(screenshot);
  await member.getByRole("button", { name: "Submit demo" }).click();

  // The demo page.
  await expect(member.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(member.getByRole("status")).toContainText("Demo saved.");
  await expect(member.getByRole("link", { name: fixture.teamName })).toBeVisible();
  await expect(member.getByText("I stretched into Go and learned a lot.")).toBeVisible();
  await expect(member.locator("strong", { hasText: "grouping" })).toBeVisible();
  const link = member.getByRole("link", { name: /video\.example\/quiet-nights/ });
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(link).toHaveAttribute("target", "_blank");
  const shot = member.getByRole("img", { name: `Screenshot 1 of ${title}` });
  await expect(shot).toBeVisible();
  await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  await expect(member.getByRole("link", { name: "Edit demo" })).toBeVisible();

  // The image is served from the database with the right headers.
  const src = await shot.getAttribute("src");
  const response = await member.request.get(src ?? "");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  expect(response.headers()["cache-control"]).toBe("private, max-age=31536000, immutable");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  const etag = response.headers().etag ?? "";
  expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
  expect((await member.request.get(src ?? "", { headers: { "If-None-Match": etag } })).status()).toBe(304);
  expect((await member.request.get("/demo-images/not-a-number")).status()).toBe(404);
  expect((await member.request.get("/demo-images/999999999")).status()).toBe(404);

  // The gallery shows it with its screenshot, to everyone; search finds it.
  await lead.goto(`/weeks/${fixture.slug}/demos`);
  const card = lead.getByRole("article", { name: title });
  await expect(card).toBeVisible();
  await expect(card.getByRole("img")).toHaveAttribute("src", src ?? "");
  await expect(card).toContainText("Payments");
  await expect(card).toContainText("Mobile");
  await lead.goto(`/weeks/${fixture.slug}/demos?q=nonexistentwordzz`);
  await expect(lead.getByText("No demos match.")).toBeVisible();
  await lead.goto(`/weeks/${fixture.slug}/demos?q=grouping`);
  await expect(lead.getByRole("article", { name: title })).toBeVisible();

  await leadContext.close();
  await memberContext.close();
});
