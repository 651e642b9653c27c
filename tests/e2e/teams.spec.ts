import { expect, test } from "@playwright/test";
import { ORIGIN, signIn, signUpFresh } from "./support/auth";

test("a cross-department team forms: pitch, start a team, another department joins, a mentor accepts", async ({ browser }) => {
  // A whole journey across three browsers: allow for a slow, busy CI machine.
  test.setTimeout(90_000);
  const token = Math.random().toString(36).slice(2, 8);
  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signUpFresh(lead, `Priya Lead ${token}`, "Payments", "lead");

  // Department A pitches and starts a team.
  const title = `Instant refunds explorer ${token}`;
  await lead.goto("/weeks/2026-h2/ideas/new");
  await lead.getByLabel(/^Title/).fill(title);
  await lead.getByLabel(/^One-line summary/).fill("Show customers exactly where their refund is, in real time.");
  await lead.getByRole("combobox", { name: "Skills needed" }).pressSequentially("react,postgres,");
  await lead.getByRole("button", { name: "Publish idea" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await lead.getByRole("link", { name: "Start a team around this idea" }).click();
  await lead.getByLabel(/^Team name/).fill(`Refund radar ${token}`);
  await lead.getByLabel(/^Capacity/).fill("4");
  await lead.getByRole("button", { name: "Start the team" }).click();
  await expect(lead.getByRole("heading", { level: 1, name: `Refund radar ${token}` })).toBeVisible();
  await expect(lead.getByTestId("team-capacity")).toHaveText("1 of 4 places taken");
  await expect(lead.getByText("Needs someone from another department")).toBeVisible();
  const teamUrl = lead.url().replace(/\?.*$/, "");

  // Department B asks to join.
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signUpFresh(member, `Marco Member ${token}`, "Mobile", "member");
  await member.goto(teamUrl);
  await member.getByLabel(/^Ask to join/).fill("I build our mobile refund screens and want to learn Postgres.");
  await member.getByRole("button", { name: "Ask to join" }).click();
  await expect(member.getByRole("status")).toContainText("Request sent");

  // The lead accepts: two departments, the rule is met.
  await lead.goto(teamUrl);
  const request = lead.getByRole("article", { name: `Request from Marco Member ${token}` });
  await expect(request).toContainText("I build our mobile refund screens");
  await request.getByRole("button", { name: `Accept Marco Member ${token}` }).click();
  await expect(lead.getByTestId("team-capacity")).toHaveText("2 of 4 places taken");
  await expect(lead.getByLabel("2 departments")).toContainText("Payments");
  await expect(lead.getByLabel("2 departments")).toContainText("Mobile");
  await expect(lead.getByTestId("department-rule")).toContainText("Department rule met");
  await expect(lead.getByText("Needs someone from another department")).toHaveCount(0);

  // The member sees it too, and the team appears in the list with both departments.
  await member.goto(teamUrl);
  await expect(member.getByRole("article", { name: `Marco Member ${token}, member` })).toBeVisible();
  await member.goto("/weeks/2026-h2/teams?open=1");
  const card = member.getByRole("article", { name: `Refund radar ${token}` });
  await expect(card).toContainText("2 of 4");
  await expect(card).toContainText("2 departments");

  // The lead edits the team: a capacity outside the week's rules is explained, a valid one saved.
  await lead.goto(teamUrl);
  await lead.getByText("Edit team details").click();
  await lead.getByLabel(/^Capacity/).fill("99");
  await lead.getByRole("button", { name: "Save team details" }).click();
  await expect(lead.getByText("Teams in this week have at most 6 people.").first()).toBeVisible();
  await lead.getByLabel(/^Capacity/).fill("5");
  await lead.getByRole("button", { name: "Save team details" }).click();
  await expect(lead.getByTestId("team-capacity")).toHaveText("2 of 5 places taken");

  // The lead asks a mentor, who accepts.
  await lead.goto(teamUrl);
  const mentors = lead.getByRole("region", { name: "Mentors" });
  const lena = await mentors.locator("select[name=mentorId] option", { hasText: "Lena Hoffmann" }).getAttribute("value");
  await mentors.getByRole("combobox", { name: "Mentor" }).selectOption(lena ?? "");
  await mentors.getByLabel(/^Message/).fill("Could you help us with the payments side?");
  await mentors.getByRole("button", { name: "Ask to mentor" }).click();
  await expect(lead.getByRole("status")).toContainText("Asked");

  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await signIn(mentor, "lena@expedition.test");
  await mentor.goto(teamUrl);
  await mentor
    .getByRole("article", { name: "You were asked to mentor this team" })
    .getByRole("button", { name: "Accept" })
    .click();
  await expect(mentor.getByRole("status")).toBeVisible();
  await lead.goto(teamUrl);
  await expect(lead.getByRole("region", { name: "Mentors" })).toContainText("Lena Hoffmann");
  await expect(lead.getByTestId("team-capacity")).toHaveText("2 of 5 places taken");

  await leadContext.close();
  await memberContext.close();
  await mentorContext.close();
});

test("joining a second team is refused with a clear message", async ({ browser }) => {
  const token = Math.random().toString(36).slice(2, 8);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpFresh(page, `Solo Lead ${token}`, "Security", "solo");
  await page.goto("/weeks/2026-h2/ideas/new");
  await page.getByLabel(/^Title/).fill(`Threat model kit ${token}`);
  await page.getByLabel(/^One-line summary/).fill("A threat modelling kit teams can run in an hour.");
  await page.getByRole("button", { name: "Publish idea" }).click();
  await page.getByRole("link", { name: "Start a team around this idea" }).click();
  await page.getByRole("button", { name: "Start the team" }).click();
  await expect(page.getByTestId("team-capacity")).toBeVisible();

  // Another team with open places: asking to join it is refused, since this person already leads one.
  await page.goto("/weeks/2026-h2/teams?open=1");
  const other = page.getByRole("article").filter({ hasNotText: token }).first();
  await other.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/teams\/\d+$/);
  await expect(page.getByRole("button", { name: "Ask to join" })).toHaveCount(0);
  const response = await page.request.post(page.url(), {
    headers: { Origin: ORIGIN },
    form: { intent: "request", message: "me too" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(409);
  await context.close();
});
