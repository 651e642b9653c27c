import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/lib/markdown.server";
import { XSS } from "../support/xss-corpus";

type Element = { name: string; attribs: Record<string, string> };

/** Every element of `html` as a browser-like tokenizer sees it (attribute entities decoded). */
function elements(html: string): Element[] {
  const out: Element[] = [];
  const parser = new Parser(
    { onopentag: (name, attribs) => out.push({ name: name.toLowerCase(), attribs }) },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

const ALLOWED_TAGS = new Set([
  "p",
  "br",
  "hr",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "pre",
  "code",
  "em",
  "strong",
  "del",
  "s",
  "ul",
  "ol",
  "li",
  "a",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "img",
]);
const FORBIDDEN_TAGS = ["script", "iframe", "object", "embed", "svg", "math", "style", "form", "meta", "base", "link", "input"];

/** http(s)/mailto absolute URLs, or same-origin relative ones (path, query, fragment); never protocol-relative. */
function isSafeUrl(raw: string): boolean {
  // Browsers drop ASCII whitespace and control characters inside a scheme: do the same before judging.
  const url = [...raw].filter((c) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) !== 0x7f).join("");
  if (/^[/\\]{2}/.test(url) || /^\/\\/.test(url)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (!scheme) return true;
  return ["http", "https", "mailto"].includes((scheme[1] ?? "").toLowerCase());
}

/** Asserts the rendered HTML can run nothing and load nothing dangerous. */
function expectSafe(html: string) {
  expect(html).not.toMatch(/<\s*script/i);
  // No event-handler attribute inside any real tag (escaped text like "&lt;img onerror=" is harmless).
  // Quoted attribute values are inert text, so they are blanked before looking for handler names.
  for (const tag of html.match(/<[a-z](?:"[^"]*"|'[^']*'|[^>"'])*>/gi) ?? []) {
    expect(tag.replace(/"[^"]*"|'[^']*'/g, '""')).not.toMatch(/\son[a-z]+\s*=/i);
  }
  for (const el of elements(html)) {
    expect(ALLOWED_TAGS, `unexpected <${el.name}>`).toContain(el.name);
    expect(FORBIDDEN_TAGS).not.toContain(el.name);
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(name, `event handler on <${el.name}>`).not.toMatch(/^on/i);
      if (name === "href" || name === "src" || name === "xlink:href" || name === "action" || name === "formaction") {
        expect(isSafeUrl(value), `unsafe ${name}="${value}" on <${el.name}>`).toBe(true);
      }
      if (name === "style") expect(value).toMatch(/^text-align:\s*(left|right|center);?$/);
    }
    if (el.name === "img" && el.attribs.src !== undefined) expect(el.attribs.src).toMatch(/^https:\/\//);
  }
}

describe("the safety check itself", () => {
  it.each([
    "<script>alert(1)</script>",
    '<img src="https://e.com/x.png" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVa&#x09;Script:alert(1)">x</a>',
    '<a href="//evil.com">x</a>',
    '<img src="http://e.com/x.png">',
    "<iframe></iframe>",
    "<svg></svg>",
    '<td style="background:url(x)">',
  ])("rejects %s", (html) => {
    expect(() => expectSafe(html)).toThrow();
  });
});

describe("renderMarkdown: XSS corpus", () => {
  it("has a large corpus", () => {
    expect(XSS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(XSS)("neutralises %s", (_name, source) => {
    expectSafe(renderMarkdown(source));
  });

  it("keeps a dangerous link as inert text rather than an anchor", () => {
    const html = renderMarkdown("[click](javascript:alert(1))");
    expect(elements(html).filter((e) => e.name === "a")).toHaveLength(0);
    expect(html).toContain("click");
  });

  it("escapes raw HTML as visible text instead of dropping what the user typed", () => {
    expect(renderMarkdown("<b>bold</b>")).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });

  it("renders the whole corpus in one document safely too", () => {
    expectSafe(renderMarkdown(XSS.map(([, s]) => s).join("\n\n")));
  });
});

describe("renderMarkdown: links", () => {
  it('gives external links rel="noopener noreferrer nofollow" and a new tab', () => {
    const [a] = elements(renderMarkdown("[site](https://example.com/page)")).filter((e) => e.name === "a");
    expect(a?.attribs).toMatchObject({ href: "https://example.com/page", rel: "noopener noreferrer nofollow", target: "_blank" });
  });

  it("applies the same rel to linkified bare URLs and plain http", () => {
    for (const source of ["see https://example.com/x", "[old](http://example.com)", "<https://example.com/auto>"]) {
      const anchors = elements(renderMarkdown(source)).filter((e) => e.name === "a");
      expect(anchors, source).toHaveLength(1);
      expect(anchors[0]?.attribs.rel, source).toBe("noopener noreferrer nofollow");
    }
  });

  it("cannot be tricked into dropping rel by an author-supplied rel", () => {
    // Raw HTML is escaped (its URL may be linkified), so every anchor is markdown-it's own.
    const anchors = elements(renderMarkdown('<a href="https://evil.com" rel="opener">x</a> [y](https://ok.com)')).filter(
      (e) => e.name === "a",
    );
    expect(anchors.map((a) => a.attribs.href)).toContain("https://ok.com");
    for (const a of anchors) expect(a.attribs).toMatchObject({ rel: "noopener noreferrer nofollow", target: "_blank" });
  });

  it("keeps relative, fragment and mailto links without an external rel", () => {
    const anchors = elements(renderMarkdown("[a](/weeks/2026-h2) [b](#comments) [c](mailto:team@example.com)")).filter(
      (e) => e.name === "a",
    );
    expect(anchors.map((a) => a.attribs.href)).toEqual(["/weeks/2026-h2", "#comments", "mailto:team@example.com"]);
    for (const a of anchors) expect(a.attribs.rel).toBeUndefined();
  });
});

describe("renderMarkdown: normal Markdown still renders", () => {
  it("renders headings, emphasis, lists and blockquotes", () => {
    const html = renderMarkdown(
      "# Title\n\n## Sub\n\nSome *em* and **strong** and ~~gone~~.\n\n- one\n- two\n\n3. three\n4. four\n\n> quoted",
    );
    const names = elements(html).map((e) => e.name);
    for (const tag of ["h1", "h2", "em", "strong", "s", "ul", "li", "ol", "blockquote"]) expect(names).toContain(tag);
    expect(elements(html).find((e) => e.name === "ol")?.attribs.start).toBe("3");
    expectSafe(html);
  });

  it("renders inline code and fenced code blocks with their content escaped", () => {
    const html = renderMarkdown('Use `a < b`.\n\n```ts\nconst x = 1 < 2 && "<tag>";\n```');
    expect(html).toContain("<code>a &lt; b</code>");
    expect(html).toMatch(/<pre><code[^>]*>const x = 1 &lt; 2 &amp;&amp; "&lt;tag&gt;";\n<\/code><\/pre>/);
    expectSafe(html);
  });

  it("renders tables with alignment", () => {
    const html = renderMarkdown("| left | right | mid |\n|:--|--:|:-:|\n| 1 | 2 | 3 |");
    const names = elements(html).map((e) => e.name);
    for (const tag of ["table", "thead", "tbody", "tr", "th", "td"]) expect(names).toContain(tag);
    expect(html).toContain('<th style="text-align:left">left</th>');
    expect(html).toContain('<td style="text-align:right">2</td>');
    expect(html).toContain('<td style="text-align:center">3</td>');
    expectSafe(html);
  });

  it("renders https images", () => {
    const [img] = elements(renderMarkdown('![diagram](https://example.com/d.png "Architecture")')).filter(
      (e) => e.name === "img",
    );
    expect(img?.attribs).toEqual({ src: "https://example.com/d.png", alt: "diagram", title: "Architecture" });
  });

  it("renders horizontal rules and hard breaks", () => {
    const names = elements(renderMarkdown("a  \nb\n\n---\n\nc")).map((e) => e.name);
    expect(names).toContain("br");
    expect(names).toContain("hr");
  });

  it("renders nothing for blank input", () => {
    expect(renderMarkdown("")).toBe("");
    expect(renderMarkdown("  \n\t ")).toBe("");
  });
});
