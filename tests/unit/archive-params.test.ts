import { describe, expect, it } from "vitest";
import { headlineParts } from "~/archive/highlight";
import { archiveGalleryHref, effectiveSort, parseArchiveGalleryQuery } from "~/archive/params";

const parse = (qs: string) => parseArchiveGalleryQuery(new URL(`http://x/archive/demos${qs}`));
const ok = (qs: string) => {
  const result = parse(qs);
  if (!result.success) throw new Error(`expected ${qs} to parse: ${result.error.issues[0]?.message}`);
  return result.data;
};
const refused = (qs: string) => {
  const result = parse(qs);
  if (result.success) throw new Error(`expected ${qs} to be refused, got ${JSON.stringify(result.data)}`);
  return result.error.issues[0]?.message ?? "";
};

describe("parseArchiveGalleryQuery", () => {
  it("reads an empty URL as page 1 of everything", () => {
    expect(ok("")).toEqual({
      q: "",
      week: undefined,
      department: undefined,
      award: undefined,
      tag: undefined,
      outcome: undefined,
      sort: undefined,
      page: 1,
    });
  });

  it("treats empty and blank values as not given (a GET form sends every field)", () => {
    expect(ok("?q=&week=&department=&award=&tag=&outcome=&sort=&page=")).toEqual(ok(""));
    expect(ok("?q=%20%20&week=%20&outcome=%20")).toEqual(ok(""));
  });

  it("reads every parameter", () => {
    expect(
      ok(
        "?q=on-call+robots&week=2025-h1&department=platform&award=Best+in+show&tag=Machine+Learning&outcome=shipped&sort=votes&page=3",
      ),
    ).toEqual({
      q: "on-call robots",
      week: "2025-h1",
      department: "platform",
      award: "Best in show",
      tag: "machine-learning",
      outcome: "shipped",
      sort: "votes",
      page: 3,
    });
  });

  it("collapses whitespace in the search and keeps its syntax for websearch_to_tsquery", () => {
    expect(ok(`?q=${encodeURIComponent('  "feature flags"   -mobile  ')}`).q).toBe('"feature flags" -mobile');
  });

  it('accepts "none" as an outcome and "any" as an award', () => {
    expect(ok("?outcome=none").outcome).toBe("none");
    expect(ok("?award=any").award).toBe("any");
  });

  it.each([
    ["?page=0", "page number"],
    ["?page=-1", "page number"],
    ["?page=1.5", "page number"],
    ["?page=abc", "page number"],
    ["?page=99999999", "page number"],
    ["?sort=random", "sort order"],
    ["?outcome=maybe", "outcome"],
    ["?outcome=SHIPPED", "outcome"],
    ["?week=Not%20A%20Slug", "week"],
    ["?week=-leading-dash", "week"],
    ["?department=%3Bdrop", "department"],
    [`?q=${"x".repeat(201)}`, "200 characters"],
    ["?q=a%00b", "null characters"],
    [`?award=${"x".repeat(81)}`, "award"],
    ["?award=a%07b", "award"],
    [`?tag=${"x".repeat(41)}`, "tag"],
  ])("refuses %s with a message about the %s", (qs, words) => {
    expect(refused(qs)).toContain(words);
  });

  it("ignores a tag that normalises to nothing and parameters it does not know", () => {
    expect(ok("?tag=%20!!!%20").tag).toBeUndefined();
    expect(ok("?utm_source=mail&debug=1")).toEqual(ok(""));
  });

  it("takes the first value when a parameter is repeated", () => {
    expect(ok("?week=2025-h1&week=2025-h2").week).toBe("2025-h1");
  });
});

describe("effectiveSort", () => {
  it("is relevance with a search and newest without, unless asked", () => {
    expect(effectiveSort({ q: "", sort: undefined })).toBe("newest");
    expect(effectiveSort({ q: "robots", sort: undefined })).toBe("relevance");
    expect(effectiveSort({ q: "", sort: "relevance" })).toBe("newest");
    expect(effectiveSort({ q: "robots", sort: "hours" })).toBe("hours");
    expect(effectiveSort({ q: "", sort: "votes" })).toBe("votes");
  });
});

describe("archiveGalleryHref", () => {
  it("leaves out empty values and page 1, and round-trips through the parser", () => {
    expect(archiveGalleryHref({})).toBe("/archive/demos");
    expect(archiveGalleryHref({ q: "", week: undefined, page: 1 })).toBe("/archive/demos");
    const href = archiveGalleryHref({ q: "on-call & robots", tag: "ml", award: "People's choice", page: 2 });
    expect(href).toBe("/archive/demos?q=on-call+%26+robots&tag=ml&award=People%27s+choice&page=2");
    expect(ok(href.slice("/archive/demos".length))).toMatchObject({
      q: "on-call & robots",
      tag: "ml",
      award: "People's choice",
      page: 2,
    });
  });
});

describe("headlineParts", () => {
  it("splits ts_headline output into plain and marked parts", () => {
    expect(headlineParts("we \uE000learned\uE001 that \uE000zeppelin\uE001 wins")).toEqual([
      { text: "we ", match: false },
      { text: "learned", match: true },
      { text: " that ", match: false },
      { text: "zeppelin", match: true },
      { text: " wins", match: false },
    ]);
  });

  it("copes with text without marks, an unclosed mark and an empty string", () => {
    expect(headlineParts("plain")).toEqual([{ text: "plain", match: false }]);
    expect(headlineParts("a \uE000b")).toEqual([
      { text: "a ", match: false },
      { text: "b", match: true },
    ]);
    expect(headlineParts("")).toEqual([]);
  });
});
