import AxeBuilder from "@axe-core/playwright";
import { type Browser, devices, expect, type Page, test } from "@playwright/test";
import { XSS } from "../support/xss-corpus";
import { signIn, signUpFresh } from "./support/auth";
import { e2eDb } from "./support/db";
import { exploringWeekWithConfirmedTeam, pngBuffer } from "./support/demo-fixtures";

/*
 * Hostile text typed into every free-text field through the real forms, then every page that shows it
 * loaded in Chromium with JavaScript: nothing typed may run, open a dialog, add live markup or break the
 * layout. The payloads try to set `window.__xss` (or call alert), and every element they would create is
 * marked `data-xss`, so a payload that reached the DOM as markup is found even where the CSP stops it.
 */

/** The nastiest vectors, typed one per field or all together where a field takes long text. */
const NASTY = [
  `<img src=x data-xss onerror="window.__xss=1">`,
  `<svg data-xss onload="window.__xss=2">`,
  `"><script data-xss>window.__xss=3</script>`,
  `'><img src=x data-xss onerror=window.__xss=4>`,
  `[click me](javascript:window.__xss=5)`,
  `<a data-xss href="javascript:window.__xss=6">click</a>`,
  `<iframe data-xss src="javascript:window.__xss=7"></iframe>`,
  `<details data-xss open ontoggle="window.__xss=8">x</details>`,
  `</textarea></title><script data-xss>window.__xss=9</script>`,
  `<style data-xss>*{display:none!important}</style>`,
  `<form data-xss action="javascript:window.__xss=10"><button>go</button></form>`,
  `<object data-xss data="javascript:window.__xss=11"></object>`,
  `{{constructor.constructor('window.__xss=12')()}} \${window.__xss=13}`,
  `<a data-xss href=# style="position:fixed;inset:0;z-index:9999">cover</a>`,
  `Ünïcödé ‮gnp.exe zero​width 🧨 ${"W".repeat(60)}`,
];
const NASTY_TEXT = NASTY.join("\n\n");
/** The whole Markdown corpus of the unit test (alert(1) and friends) in one document. */
const CORPUS_TEXT = XSS.map(([, source]) => source).join("\n\n");
/** Short ones for single-line fields with small limits (names, titles, tags). */
const SHORT = {
  img: `<img src=x data-xss onerror=window.__xss=1>`,
  svg: `"><svg data-xss onload=window.__xss=2>`,
  script: `'"><script data-xss>alert(1)</script>`,
  tagA: `<svg/onload=alert(1)>`,
  tagB: `"><img src=x onerror=alert(2)>`,
};

type Guard = { problems: string[] };

/** Records every sign that hostile text ran: dialogs, page errors and scripts the CSP had to refuse. */
function guard(page: Page): Guard {
  const g: Guard = { problems: [] };
  page.on("dialog", (dialog) => {
    g.problems.push(`dialog opened on ${page.url()}: ${dialog.type()} “${dialog.message()}”`);
    void dialog.dismiss().catch(() => {});
  });
  page.on("pageerror", (error) => g.problems.push(`page error on ${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    const text = message.text();
    // A refused inline handler or script means hostile markup reached the DOM and tried to run.
    if (/Content Security Policy/i.test(text) && /Refused to (execute|evaluate|load the script|frame)/i.test(text)) {
      g.problems.push(`CSP had to stop a script on ${page.url()}: ${text.slice(0, 200)}`);
    }
  });
  return g;
}

async function newUser(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { page, guard: guard(page) };
}

/**
 * Loads `path` as the signed-in user of `page` and asserts that nothing typed by users ran or became
 * markup, that the `expected` texts are shown literally (escaped), and that the layout is intact.
 */
async function expectInert(page: Page, g: Guard, path: string, expected: string[] = []) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await expectInertHere(page, g, path, expected);
}

/** The checks of `expectInert` on the page as it is now (e.g. after a preview or a refused form). */
async function expectInertHere(page: Page, g: Guard, path: string, expected: string[] = []) {
  await expect(page.getByRole("heading", { level: 1 }).first(), path).toBeVisible();
  // The main navigation, or on a phone its menu button.
  const narrow = (page.viewportSize()?.width ?? 1280) < 992;
  const nav = narrow
    ? page.getByRole("button", { name: "Open navigation" })
    : page.getByRole("navigation", { name: "Main", exact: true });
  await expect(nav, path).toBeVisible();
  // Let hydration and effects run before judging.
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null), { timeout: 2_000 })));
  const found = await liveMarkup(page);
  expect(found, `${path}: ${found.join("; ")}`).toEqual([]);
  const main = page.locator("main");
  for (const text of expected) await expect(main, `${path} shows “${text}” as text`).toContainText(text);
  expect(g.problems, g.problems.join("\n")).toEqual([]);
}

/**
 * Everything on the page now that user text must never produce: a set canary, payload elements, event
 * handler attributes, script URLs, frames and objects, inline scripts without the CSP nonce, user-written
 * styles, sideways scrolling, and anything covering the page's heading or main navigation.
 */
function liveMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const w = window as unknown as { __xss?: unknown };
    if (w.__xss !== undefined) bad.push(`window.__xss was set to ${String(w.__xss)}`);
    for (const el of Array.from(document.querySelectorAll("*"))) {
      const tag = el.tagName.toLowerCase();
      if (el.hasAttribute("data-xss")) bad.push(`a payload <${tag}> is in the DOM`);
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) bad.push(`<${tag} ${attr.name}="${attr.value.slice(0, 40)}">`);
        // Browsers ignore whitespace and control characters inside a scheme: so does this check.
        const url = [...attr.value].filter((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) !== 0x7f).join("");
        if (
          ["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"].includes(attr.name) &&
          /^(javascript|vbscript|data:text)/i.test(url)
        ) {
          bad.push(`<${tag} ${attr.name}="${attr.value.slice(0, 40)}">`);
        }
      }
    }
    for (const el of Array.from(document.querySelectorAll("iframe, object, embed, base, meta[http-equiv=refresh]"))) {
      bad.push(`a <${el.tagName.toLowerCase()}> is in the DOM`);
    }
    // The app's own inline scripts carry the CSP nonce; one without it came from user text.
    for (const script of Array.from(document.scripts)) {
      if (!script.src && !script.nonce) bad.push(`an inline script without the nonce: ${script.textContent?.slice(0, 60)}`);
    }
    for (const style of Array.from(document.querySelectorAll("style"))) {
      if (/\*\{display:none!important\}|url\(javascript:/i.test(style.textContent ?? ""))
        bad.push("a user-written <style> is in the DOM");
    }
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    if (overflow > 1) {
      // Name the elements that stick out of a parent that does not, to say what to fix.
      const width = document.documentElement.clientWidth;
      const sticksOut = (el: Element | null) => el !== null && el.getBoundingClientRect().right > width + 1;
      const named = Array.from(document.querySelectorAll("body *"))
        .filter((el) => sticksOut(el) && !sticksOut(el.parentElement))
        .slice(0, 3)
        .map((el) => `<${el.tagName.toLowerCase()}> “${el.textContent?.slice(0, 40)}”`);
      bad.push(`the page scrolls sideways by ${overflow}px (${named.join(", ")})`);
    }
    for (const el of [document.querySelector('nav[aria-label="Main"]'), document.querySelector("main h1")]) {
      if (!el) continue;
      el.scrollIntoView({ block: "center" });
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue; // not shown at this width (the phone menu replaces the navigation)
      const top = document.elementFromPoint(box.left + Math.min(box.width / 2, 40), box.top + box.height / 2);
      if (top === null || !(el === top || el.contains(top))) bad.push(`something covers <${el.tagName.toLowerCase()}>`);
    }
    return bad;
  });
}

/** `expectInert` for each path on a phone-sized screen, signed in as Ben. */
async function expectInertOnPhone(browser: Browser, paths: string[]) {
  const context = await browser.newContext({ ...devices["Pixel 7"] });
  const phone = await context.newPage();
  const phoneGuard = guard(phone);
  await signIn(phone, "ben@expedition.test");
  for (const path of paths) await expectInert(phone, phoneGuard, path);
  await context.close();
}

/** Opens a form page and waits until React has hydrated its fields, so typing is not lost to hydration. */
async function openForm(page: Page, path: string) {
  await page.goto(path);
  await page.waitForFunction(() => {
    // The first heading and form are the app's own (user Markdown may add headings further down).
    const fields = [document.querySelector("main h1"), document.querySelector("main form")].filter((el) => el !== null);
    return fields.length > 0 && fields.every((el) => Object.keys(el).some((key) => key.startsWith("__reactFiber")));
  });
}

/** Types into a tags field (Mantine TagsInput once hydrated): each value, then Enter. */
async function typeTags(page: Page, label: string, values: string[]) {
  const input = page.getByRole("combobox", { name: label });
  for (const value of values) {
    await input.fill(value);
    await input.press("Enter");
  }
}

test("ideas, comments, teams, journal, profiles, kudos and nominations show hostile text as text on every page", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const token = `x${Math.random().toString(36).slice(2, 8)}`;

  // The author: hostile name, idea, team, journal and profile.
  const ivy = await newUser(browser);
  const ivyName = `Ivy ${SHORT.img} ${token}`;
  await signUpFresh(ivy.page, ivyName, "Payments", "xss");

  const title = `${SHORT.svg} Pitch ${token}`;
  const summary = `${SHORT.script} a summary that is long enough`;
  await openForm(ivy.page, "/weeks/2026-h2/ideas/new");
  await ivy.page.getByLabel(/^Title/).fill(title);
  await ivy.page.getByLabel(/^One-line summary/).fill(summary);
  await ivy.page.getByLabel(/^The problem/).fill(NASTY_TEXT);
  await ivy.page.getByLabel(/^The proposal/).fill(CORPUS_TEXT);
  await ivy.page.getByLabel(/^What someone could learn/).fill(NASTY_TEXT);
  await typeTags(ivy.page, "Skills needed", [SHORT.tagA, SHORT.tagB]);
  await typeTags(ivy.page, "Themes", [`${SHORT.tagA}${token}`]);
  await ivy.page.getByRole("button", { name: "Preview" }).click();
  await expect(ivy.page.getByTestId("idea-preview")).toContainText(title);
  await expectInertHere(ivy.page, ivy.guard, "the idea preview", [title]);
  // The corpus's null byte is refused beside the field, keeping what was typed; without it the idea is published.
  await ivy.page.getByRole("button", { name: "Publish idea" }).click();
  await expect(ivy.page.getByText("This field contains a null character; remove it and try again.")).toBeVisible();
  await expectInertHere(ivy.page, ivy.guard, "the refused idea form");
  await expect(ivy.page.getByLabel(/^Title/)).toHaveValue(title);
  await expect(ivy.page.getByLabel(/^The proposal/)).toHaveValue(CORPUS_TEXT);
  await ivy.page.getByLabel(/^The proposal/).fill(CORPUS_TEXT.replaceAll("\u0000", ""));
  await ivy.page.getByRole("button", { name: "Publish idea" }).click();
  await expect(ivy.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const ideaPath = new URL(ivy.page.url()).pathname;

  const teamName = `${SHORT.img.slice(0, 40)} T ${token}`;
  await ivy.page.getByRole("link", { name: "Start a team around this idea" }).click();
  await expect(ivy.page).toHaveURL(/\/team$/);
  await openForm(ivy.page, new URL(ivy.page.url()).pathname);
  await ivy.page.getByLabel(/^Team name/).fill(teamName);
  await ivy.page.getByLabel(/^What the team will do/).fill(NASTY_TEXT.slice(0, 2000));
  await typeTags(ivy.page, "Skills you are looking for", [SHORT.tagB]);
  await ivy.page.getByRole("button", { name: "Start the team" }).click();
  await expect(ivy.page.getByRole("heading", { level: 1, name: teamName })).toBeVisible();
  const teamPath = new URL(ivy.page.url()).pathname;

  await ivy.page.getByLabel(/^Post an update/).fill(NASTY_TEXT);
  await ivy.page.getByRole("button", { name: "Post update" }).click();
  await expect(ivy.page.getByRole("status").filter({ hasText: "Update posted." })).toBeVisible();
  const mentors = ivy.page.getByRole("region", { name: "Mentors" });
  const lena = await mentors.locator("select[name=mentorId] option", { hasText: "Lena Hoffmann" }).getAttribute("value");
  await mentors.getByRole("combobox", { name: "Mentor" }).selectOption(lena ?? "");
  const mentorMessage = `${SHORT.svg} help? ${token}`;
  await mentors.getByLabel(/^Message/).fill(mentorMessage);
  await mentors.getByRole("button", { name: "Ask to mentor" }).click();
  await expect(ivy.page.getByRole("status").filter({ hasText: "Asked" })).toBeVisible();

  await openForm(ivy.page, "/settings/profile");
  await ivy.page.getByLabel(/^Job title/).fill(SHORT.script);
  await ivy.page.getByLabel(/^Bio/).fill(NASTY_TEXT.slice(0, 2000));
  await typeTags(ivy.page, "Skills", [SHORT.tagA]);
  await typeTags(ivy.page, "Stretch goals", [SHORT.tagB]);
  await ivy.page.getByLabel(/^I can mentor on/).fill(NASTY.slice(0, 4).join(" ").slice(0, 300));
  await ivy.page.getByLabel(/^Availability/).fill(SHORT.svg);
  await ivy.page.getByRole("button", { name: "Save profile" }).click();
  await expect(ivy.page).toHaveURL(/\/people\/\d+/);
  const ivyPath = new URL(ivy.page.url()).pathname;

  // Another participant: hostile name, comment, join request, kudos and a nomination.
  const kai = await newUser(browser);
  const kaiName = `Kai ${SHORT.script} ${token}`;
  await signUpFresh(kai.page, kaiName, "Mobile", "xss");
  await openForm(kai.page, ideaPath);
  await kai.page.getByLabel(/^Add a comment/).fill(NASTY_TEXT);
  await kai.page.getByRole("button", { name: "Post comment" }).click();
  await expect(kai.page.getByRole("article", { name: `Comment by ${kaiName}` })).toBeVisible();

  await openForm(kai.page, teamPath);
  await kai.page.getByLabel(/^Ask to join/).fill(NASTY.slice(0, 6).join(" ").slice(0, 500));
  await kai.page.getByRole("button", { name: "Ask to join" }).click();
  await expect(kai.page.getByRole("status").filter({ hasText: "Request sent" })).toBeVisible();
  const kudos = kai.page.getByRole("region", { name: "Kudos" });
  await kudos.getByLabel(/^Say thanks/).fill(`${SHORT.svg} thanks ${token}`);
  await kudos.getByRole("button", { name: "Give kudos" }).click();
  await expect(kudos.getByRole("list", { name: "Kudos received" })).toContainText(`thanks ${token}`);

  await openForm(kai.page, ivyPath);
  const personKudos = kai.page.getByRole("region", { name: "Kudos" });
  await personKudos.getByLabel(/^Say thanks/).fill(`${SHORT.img} merci ${token}`);
  await personKudos.getByRole("button", { name: "Give kudos" }).click();
  await expect(personKudos.getByRole("list", { name: "Kudos received" })).toContainText(`merci ${token}`);

  const teamId = teamPath.split("/").pop();
  await openForm(kai.page, `/nominations/new?team=${teamId}`);
  await kai.page.getByRole("radio", { name: "Award" }).check();
  const reason = `${NASTY.slice(0, 5).join(" ")} because ${token}`;
  await kai.page.getByLabel(/^Why\?/).fill(reason);
  await kai.page.getByRole("button", { name: "Send nomination" }).click();
  await expect(kai.page).toHaveURL(/\/nominations\?made=\d+/);

  // Every page that shows it, as each person who sees it.
  await expectInert(kai.page, kai.guard, ideaPath, [title, summary, ivyName, kaiName]);
  await expectInert(kai.page, kai.guard, `/weeks/2026-h2/ideas?q=${token}`, [title]);
  await expectInert(kai.page, kai.guard, "/weeks/2026-h2/teams", [teamName]);
  await expectInert(kai.page, kai.guard, teamPath, [teamName, ivyName]);
  await expectInert(kai.page, kai.guard, ivyPath, [ivyName, SHORT.script]);
  await expectInert(kai.page, kai.guard, `/people?q=${token}`, [ivyName, kaiName]);
  await expectInert(ivy.page, ivy.guard, "/notifications", [kaiName]);
  await expectInert(ivy.page, ivy.guard, teamPath, [kaiName]);
  await expectInert(ivy.page, ivy.guard, `${ideaPath}/edit`);
  await expectInert(ivy.page, ivy.guard, "/settings/profile");
  await expectInert(ivy.page, ivy.guard, "/");

  const markdown = await ivy.page.request.get(`${ivyPath}/portfolio.md`);
  expect(markdown.status()).toBe(200);
  expect(markdown.headers()["content-type"]).toMatch(/^text\/markdown/);
  expect(markdown.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await markdown.text()).toContain(token);

  const olga = await newUser(browser);
  await signIn(olga.page, "olga@expedition.test");
  // The organiser's decision note on that nomination.
  await openForm(olga.page, "/admin/nominations?status=all");
  const row = olga.page.getByRole("article", { name: `${teamName}: Award, New` });
  await row.getByText("History and decision").click();
  await row.getByLabel("Decision").selectOption({ label: "Accept" });
  const note = `${NASTY.slice(5, 9).join(" ")} ${token}`;
  await row.getByLabel(/^Note/).fill(note);
  await row.getByRole("button", { name: "Save decision" }).click();
  await expect(olga.page.getByRole("status").filter({ hasText: "the nomination is accepted" })).toBeVisible();
  await expectInert(olga.page, olga.guard, "/admin/nominations?status=all", [teamName]);
  await expectInert(kai.page, kai.guard, "/nominations", [teamName, note]);
  await expectInert(olga.page, olga.guard, ideaPath, [title]);
  await expectInert(olga.page, olga.guard, "/admin/audit");
  // Hostile text leaves no serious accessibility fault on the pages that list it (as the platform spec asks of them).
  for (const path of [ideaPath, "/weeks/2026-h2/ideas", "/people"]) {
    await kai.page.goto(path);
    const results = await new AxeBuilder({ page: kai.page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "critical" || v.impact === "serious");
    expect(serious.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }

  // On a phone too: long words and hostile text must not push the page sideways.
  await expectInertOnPhone(browser, [ideaPath, teamPath, ivyPath, `/weeks/2026-h2/ideas?q=${token}`, `/people?q=${token}`]);

  const lenaUser = await newUser(browser);
  await signIn(lenaUser.page, "lena@expedition.test");
  await expectInert(lenaUser.page, lenaUser.guard, teamPath, [teamName, mentorMessage]);
  const sam = await newUser(browser);
  await signIn(sam.page, "sam@expedition.test");
  await expectInert(sam.page, sam.guard, `/admin/people?q=${token}`, [ivyName, kaiName]);
});

test("demos, links, reflections, screenshots' descriptions, outcomes and impact figures show hostile text as text on every page", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const token = `x${Math.random().toString(36).slice(2, 8)}`;
  const uma = await newUser(browser);
  const umaName = `Uma ${SHORT.svg} ${token}`;
  const email = await signUpFresh(uma.page, umaName, "Mobile", "xss");
  const sql = e2eDb();
  try {
    const fixture = await exploringWeekWithConfirmedTeam(sql, [email], token);

    // The demo, through the submission form.
    const title = `${SHORT.script} Demo ${token}`;
    const evilLink = `https://evil.example/${token}?q="><svg/data-xss/onload=window.__xss=1>`;
    await openForm(uma.page, `/teams/${fixture.teamId}/demo`);
    await uma.page.getByLabel(/^Title/).fill(title);
    await uma.page.getByLabel(/^Summary/).fill(`${SHORT.img} ${SHORT.svg}`);
    await uma.page.getByLabel(/^The problem and what you built/).fill(`${NASTY_TEXT}\n\n${CORPUS_TEXT.replaceAll("\u0000", "")}`);
    await uma.page.getByLabel(/^What we learned/).fill(NASTY_TEXT);
    await uma.page.getByLabel("Link 1 address").fill(evilLink);
    await typeTags(uma.page, "Tags", [SHORT.tagA, `${SHORT.tagB.slice(0, 20)}${token}`]);
    await uma.page.getByLabel(`Stretch goal of ${umaName}`).fill(SHORT.img);
    await uma.page.getByLabel(`Reflection of ${umaName}`).fill(NASTY_TEXT.slice(0, 1000));
    await uma.page
      .getByLabel("Add screenshots")
      .setInputFiles({ name: "a.png", mimeType: "image/png", buffer: pngBuffer(32, 20) });
    await uma.page.getByRole("button", { name: "Submit demo" }).click();
    await expect(uma.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    const demoPath = new URL(uma.page.url()).pathname;

    // The screenshot's description (its alt text), in a second save.
    await openForm(uma.page, `/teams/${fixture.teamId}/demo`);
    await expectInertHere(uma.page, uma.guard, "the demo's edit form");
    await uma.page.getByLabel("Description of screenshot 1").fill(`" onerror="window.__xss=1" data-xss="${token}`);
    await uma.page.getByRole("button", { name: "Save demo" }).click();
    await expect(uma.page.getByRole("heading", { level: 1, name: title })).toBeVisible();

    // Results are out (the calendar moves on): the team records what became of it.
    await sql`update weeks set pitching_opens_at = now() - interval '80 days', team_formation_opens_at = now() - interval '70 days',
      exploring_starts_at = now() - interval '60 days', exploring_ends_at = now() - interval '55 days',
      demo_deadline_at = now() - interval '54 days', voting_opens_at = now() - interval '53 days',
      voting_closes_at = now() - interval '40 days', results_published_at = now() - interval '36 days'
      where id = ${fixture.weekId}`;
    await sql`insert into voting_settings (week_id, published_at, published_results)
      values (${fixture.weekId}, now() - interval '35 days', '{}'::jsonb)`;

    await openForm(uma.page, `${demoPath}/outcome`);
    const outcome = uma.page.getByRole("region", { name: "Add an outcome update" });
    await outcome.getByLabel("Stopped").check();
    await outcome.getByLabel("Lessons").fill(NASTY.slice(0, 6).join(" "));
    await outcome.getByLabel("What happened").fill(`${NASTY.slice(6, 12).join(" ")} ${token}`);
    await outcome.getByRole("button", { name: "Add the update" }).click();
    await expect(uma.page.getByRole("status").filter({ hasText: "Outcome update recorded." })).toBeVisible();
    const impact = uma.page.getByRole("region", { name: "Record an impact figure" });
    await impact.getByLabel("Kind of figure").selectOption({ label: "Another measure" });
    await impact.getByLabel("Name of the measure").fill(SHORT.tagB);
    await impact.getByLabel("Unit").fill(SHORT.tagA);
    await impact.getByLabel("Measured value").fill("12");
    await impact.getByLabel("Evidence link").fill(`https://evidence.example/${token}?"><img/src=x/data-xss/onerror=alert(1)>`);
    await impact.getByLabel("Note").fill(NASTY.slice(0, 4).join(" "));
    await impact.getByRole("button", { name: "Record the figure" }).click();
    await expect(uma.page.getByRole("status").filter({ hasText: "Impact figure recorded." })).toBeVisible();

    const olga = await newUser(browser);
    await signIn(olga.page, "olga@expedition.test");
    await openForm(olga.page, demoPath);
    const kudos = olga.page.getByRole("region", { name: "Kudos" });
    await kudos.getByLabel(/^Say thanks/).fill(`${SHORT.script} bravo ${token}`);
    await kudos.getByRole("button", { name: "Give kudos" }).click();
    await expect(kudos.getByRole("list", { name: "Kudos received" })).toContainText(`bravo ${token}`);

    const umaPath = `/people/${await sql<{ id: number }[]>`select id from users where email = ${email}`.then(([u]) => u?.id)}`;
    await expectInert(olga.page, olga.guard, demoPath, [title, umaName]);
    // The hostile link stays one https:// address, in a new tab without access to this page.
    for (const host of ["evil", "evidence"]) {
      const link = olga.page.locator(`main a[href^="https://${host}.example/${token}?"]`);
      await expect(link).toHaveCount(1);
      await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
    }
    await expectInert(olga.page, olga.guard, `${demoPath}/outcome`, [title, SHORT.tagB]);
    await expectInert(olga.page, olga.guard, `/weeks/${fixture.slug}/demos`, [title]);
    await expectInert(olga.page, olga.guard, `/archive/demos?q=${token}`, [title]);
    await expectInert(olga.page, olga.guard, `/archive/${fixture.slug}`, [title]);
    await expectInert(olga.page, olga.guard, `/teams/${fixture.teamId}`, [umaName]);
    await expectInert(olga.page, olga.guard, `/admin/outcomes?week=${fixture.weekId}`);
    await expectInert(olga.page, olga.guard, "/stats");
    await expectInert(uma.page, uma.guard, umaPath, [umaName, title]);
    await expectInert(uma.page, uma.guard, "/notifications");

    await expectInertOnPhone(browser, [
      demoPath,
      `${demoPath}/outcome`,
      `/weeks/${fixture.slug}/demos`,
      `/archive/demos?q=${token}`,
    ]);

    // The screenshot's description stays one attribute value.
    await uma.page.goto(demoPath);
    const shot = uma.page.locator("main img[src^='/demo-images/']").first();
    await expect(shot).toHaveAttribute("alt", `" onerror="window.__xss=1" data-xss="${token}`);

    const markdown = await uma.page.request.get(`${umaPath}/portfolio.md`);
    expect(markdown.headers()["content-type"]).toMatch(/^text\/markdown/);
    expect(await markdown.text()).toContain(token);
  } finally {
    await sql.end({ timeout: 5 });
  }
});

test("the check itself finds live markup, script URLs, stray scripts, user styles, overflow and covered landmarks", async ({
  page,
}) => {
  await signIn(page, "ben@expedition.test");
  await page.goto("/people");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await liveMarkup(page)).toEqual([]);
  const planted = [
    `<img data-xss alt="">`,
    `<span onmouseover="x()">x</span>`,
    `<a href=" java\tscript:x()">x</a>`,
    `<iframe></iframe>`,
    `<style>*{display:none!important}</style>`,
    `<div style="width:5000px">wide</div>`,
    `<div style="position:fixed;inset:0;z-index:9999;background:white">cover</div>`,
  ];
  for (const html of planted) {
    await page.evaluate(
      (h) => document.querySelector("main")?.insertAdjacentHTML("beforeend", `<div id="planted">${h}</div>`),
      html,
    );
    expect(await liveMarkup(page), html).not.toEqual([]);
    await page.evaluate(() => document.getElementById("planted")?.remove());
  }
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "1";
    document.body.append(script);
  });
  expect(await liveMarkup(page)).toContainEqual(expect.stringContaining("without the nonce"));
  await page.evaluate(() => Object.assign(window, { __xss: 1 }));
  expect(await liveMarkup(page)).toContainEqual("window.__xss was set to 1");
});

test("organisers' texts (week name, theme, description, criteria, award names and citations) show as text", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const token = `x${Math.random().toString(36).slice(2, 8)}`;
  const slug = `xss-${token}`;
  const name = `${SHORT.svg} W ${token}`;
  const olga = await newUser(browser);
  await signIn(olga.page, "olga@expedition.test");
  await openForm(olga.page, "/admin/weeks/new");
  await olga.page.getByLabel(/^Name/).fill(name);
  await olga.page.getByLabel(/^Slug/).fill(slug);
  await olga.page.getByLabel(/^Theme/).fill(SHORT.img);
  await olga.page.getByLabel(/^Description/).fill(NASTY_TEXT);
  await olga.page.getByLabel(/^Time zone/).selectOption("Europe/Berlin");
  // A draft far ahead, so no other test's "current week" changes.
  const dates: Record<string, string> = {
    "Pitching opens": "2032-09-01T09:00",
    "Team formation opens": "2032-09-15T09:00",
    "Exploring starts": "2032-09-22T09:00",
    "Exploring ends": "2032-09-26T17:00",
    "Demo deadline": "2032-09-26T23:00",
    "Voting opens": "2032-09-29T09:00",
    "Voting closes": "2032-10-01T17:00",
    "Results published": "2032-10-02T12:00",
    Archived: "2032-11-01T00:00",
  };
  for (const [label, value] of Object.entries(dates)) {
    await olga.page.getByRole("textbox", { name: label, exact: true }).fill(value);
  }
  await olga.page.getByRole("button", { name: "Create week" }).click();
  await expect(olga.page).toHaveURL(`/admin/weeks?saved=${slug}`);
  const sql = e2eDb();
  const [week] = await sql<{ id: number }[]>`select id from weeks where slug = ${slug}`.finally(() => sql.end());
  if (!week) throw new Error("the week was not created");

  await openForm(olga.page, `/admin/weeks/${week.id}/voting`);
  const criterion = olga.page.getByRole("form", { name: "Add a criterion" });
  const criterionName = `${SHORT.tagB} ${token}`;
  await criterion.getByLabel(/^Name/).fill(criterionName);
  await criterion.getByLabel(/^Description/).fill(NASTY.slice(0, 5).join(" ").slice(0, 300));
  await criterion.getByRole("button", { name: "Add criterion" }).click();
  await expect(olga.page.getByRole("form", { name: `Edit ${criterionName}` })).toBeVisible();

  await openForm(olga.page, `/admin/weeks/${week.id}/results`);
  const award = olga.page.getByRole("form", { name: "Add an award" });
  const awardName = `${SHORT.script} A ${token}`;
  await award.getByLabel(/^Name/).fill(awardName);
  await award.getByLabel(/^Citation/).fill(NASTY.slice(5, 10).join(" ").slice(0, 300));
  await award.getByRole("button", { name: "Add award" }).click();
  await expect(olga.page.getByRole("form", { name: `Edit ${awardName}` })).toBeVisible();

  await expectInert(olga.page, olga.guard, `/weeks/${slug}`, [name, SHORT.img]);
  await expectInert(olga.page, olga.guard, "/admin/weeks", [name]);
  await expectInert(olga.page, olga.guard, `/admin/weeks/${week.id}`);
  // On these two pages the criterion and the award are edit forms: the hostile names are field values.
  await expectInert(olga.page, olga.guard, `/admin/weeks/${week.id}/voting`);
  await expect(olga.page.getByRole("form", { name: `Edit ${criterionName}` }).getByLabel(/^Name/)).toHaveValue(criterionName);
  await expectInert(olga.page, olga.guard, `/admin/weeks/${week.id}/results`);
  await expect(olga.page.getByRole("form", { name: `Edit ${awardName}` }).getByLabel(/^Name/)).toHaveValue(awardName);
  await expectInert(olga.page, olga.guard, "/weeks", [name]);
  await expectInert(olga.page, olga.guard, "/admin/audit", [name]);
});
