import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { e2eDb } from "./support/db";

const unique = () => Math.random().toString(36).slice(2, 8);

test("Ada nominates Ben for a talk, Olga accepts it, Ada sees the decision and Ben sees it about him", async ({ browser }) => {
  test.setTimeout(60_000);
  const reason = `Ben's talk on offline sync would help every mobile team (${unique()}).`;
  const note = `A slot at the mobile guild in May (${unique()}).`;

  const ada = await (await browser.newContext()).newPage();
  await signIn(ada, "ada@expedition.test");
  await ada.goto("/nominations");
  await expect(ada.getByRole("heading", { level: 1, name: "Nominations" })).toBeVisible();
  await ada.getByRole("link", { name: "Nominate someone" }).click();
  await expect(ada).toHaveURL(/\/nominations\/new$/);

  // A refused form keeps what was typed and says why beside the field.
  // Once hydrated, the plain select becomes a searchable one.
  await expect(ada.locator("select[name=userId]")).toHaveCount(0);
  await ada.getByRole("combobox", { name: "Person" }).fill("Ben Oka");
  await ada.getByRole("option", { name: /^Ben Okafor/ }).click();
  await ada.getByRole("radio", { name: "Talk" }).check();
  await ada.getByLabel(/^Why\?/).fill("Too short");
  await ada.getByRole("button", { name: "Send nomination" }).click();
  await expect(ada.getByText("Say a little more: at least 20 characters.")).toBeVisible();
  await expect(ada.getByLabel(/^Why\?/)).toHaveValue("Too short");
  await expect(ada.getByRole("radio", { name: "Talk" })).toBeChecked();

  await ada.getByLabel(/^Why\?/).fill(reason);
  await ada.getByRole("button", { name: "Send nomination" }).click();
  await expect(ada).toHaveURL(/\/nominations\?made=\d+/);
  await expect(ada.getByRole("alert").or(ada.getByRole("status")).filter({ hasText: "Nomination sent" })).toBeVisible();
  const mine = ada.getByRole("article", { name: "Your nomination of Ben Okafor for talk" });
  await expect(mine).toContainText("New");
  await expect(mine).toContainText(reason);

  const olga = await (await browser.newContext()).newPage();
  await signIn(olga, "olga@expedition.test");
  await olga.goto("/admin/nominations?kind=talk");
  const row = olga.getByRole("article", { name: "Ben Okafor: Talk, New" }).filter({ hasText: reason });
  await expect(row).toBeVisible();
  await row.getByText("History and decision").click();
  await row.getByLabel("Decision").selectOption({ label: "Accept" });
  await row.getByLabel(/^Note/).fill(note);
  await row.getByRole("button", { name: "Save decision" }).click();
  await expect(olga.getByRole("status").filter({ hasText: "the nomination is accepted" })).toBeVisible();

  await ada.reload();
  await expect(mine).toContainText("Accepted");
  await expect(mine.getByTestId("latest-note")).toContainText(note);
  await mine.getByText("History").click();
  await expect(mine.getByRole("list", { name: "History" })).toContainText("new → accepted by Olga");

  const ben = await (await browser.newContext()).newPage();
  await signIn(ben, "ben@expedition.test");
  await ben.goto("/nominations");
  const about = ben.getByRole("article", { name: "Talk nomination by Ada Lovelace" }).filter({ hasText: reason });
  await expect(about).toBeVisible();
  await expect(about).not.toContainText(note);
});

test("Ada gives kudos on a team, with and without JavaScript; an empty one is refused beside the field", async ({ browser }) => {
  const sql = e2eDb();
  const [team] = await sql<{ id: number; name: string }[]>`
    select t.id, t.name from teams t
    where not exists (select 1 from team_members m join users u on u.id = m.user_id
                      where m.team_id = t.id and u.email = 'ada@expedition.test')
    order by t.id desc limit 1`;
  await sql.end();
  if (!team) throw new Error("no team to thank");
  const thanks = `Thanks for the brilliant pairing (${unique()})`;

  const page = await (await browser.newContext()).newPage();
  await signIn(page, "ada@expedition.test");
  await page.goto(`/teams/${team.id}`);
  await expect(page.getByRole("link", { name: "Nominate this team" })).toBeVisible();
  const panel = page.getByRole("region", { name: "Kudos" });
  await panel.getByLabel(/^Say thanks/).fill("   ");
  await panel.getByRole("button", { name: "Give kudos" }).click();
  await expect(panel.getByText("Write a short thank-you first.")).toBeVisible();
  await panel.getByLabel(/^Say thanks/).fill(thanks);
  await panel.getByRole("button", { name: "Give kudos" }).click();
  await expect(panel.getByRole("list", { name: "Kudos received" })).toContainText(thanks);
  await expect(panel.getByLabel(/^Say thanks/)).toHaveValue("");

  const noJs = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(noJs, "ada@expedition.test");
  await noJs.goto(`/teams/${team.id}`);
  const plain = noJs.getByRole("region", { name: "Kudos" });
  await plain.getByLabel(/^Say thanks/).fill(`Second thanks ${unique()}`);
  await plain.getByRole("button", { name: "Give kudos" }).click();
  await expect(noJs).toHaveURL(new RegExp(`/teams/${team.id}\\?kudos=given#kudos$`));
  await expect(plain.getByRole("status")).toContainText("Kudos sent");
  await expect(plain.getByRole("list", { name: "Kudos received" })).toContainText("Second thanks");

  // The author removes their own kudos, without JavaScript.
  await plain.getByRole("listitem").filter({ hasText: thanks }).getByRole("button", { name: "Remove my kudos" }).click();
  await expect(noJs).toHaveURL(/kudos=removed/);
  await expect(plain.getByRole("list", { name: "Kudos received" })).not.toContainText(thanks);
});

test("Ben nominates a team without JavaScript; a second open nomination is refused kindly; the pages pass axe", async ({
  browser,
}) => {
  const sql = e2eDb();
  const [team] = await sql<{ id: number; name: string }[]>`
    select t.id, t.name from teams t
    where not exists (select 1 from team_members m join users u on u.id = m.user_id
                      where m.team_id = t.id and u.email = 'ben@expedition.test')
    order by t.id limit 1`;
  await sql.end();
  if (!team) throw new Error("no team to nominate");
  const reason = `They demoed the hardest problem of the week with grace (${unique()}).`;

  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(page, "ben@expedition.test");
  await page.goto(`/teams/${team.id}`);
  await page.getByRole("link", { name: "Nominate this team" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Nominate ${team.name}` })).toBeVisible();
  await page.getByRole("radio", { name: "All-hands demo" }).check();
  await page.getByLabel(/^Why\?/).fill(reason);
  await page.getByRole("button", { name: "Send nomination" }).click();
  await expect(page).toHaveURL(/\/nominations\?made=\d+/);
  await expect(page.getByRole("article", { name: `Your nomination of ${team.name} for all-hands demo` })).toContainText(reason);

  await page.goto(`/nominations/new?team=${team.id}`);
  await page.getByRole("radio", { name: "All-hands demo" }).check();
  await page.getByLabel(/^Why\?/).fill(reason);
  await page.getByRole("button", { name: "Send nomination" }).click();
  await expect(page.getByRole("alert")).toContainText(`You have already nominated ${team.name} for all-hands demo`);
  await expect(page.getByLabel(/^Why\?/)).toHaveValue(reason);

  const js = await (await browser.newContext()).newPage();
  await signIn(js, "olga@expedition.test");
  for (const path of ["/nominations/new", "/nominations", "/admin/nominations?status=all", `/teams/${team.id}`]) {
    await js.goto(path);
    await expect(js.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page: js }).analyze();
    expect(results.violations, `${path}: ${results.violations.map((v) => v.id).join(", ")}`).toEqual([]);
  }
});
