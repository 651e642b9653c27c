import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { canCarryOver, canDiscuss, canEditIdea, canPitch, normaliseTag, parseTags, TAG_MAX, TAGS_MAX } from "~/ideas/rules";
import { IdeaActionSchema, IdeaSchema, parseBoardQuery } from "~/ideas/schemas.server";
import { MARKDOWN_MAX } from "~/lib/markdown.server";
import { PHASES, type Phase } from "~/weeks/phase";

/** Field → messages, like parseForm builds them. */
function fieldErrors(result: z.ZodSafeParseResult<unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "");
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

const GOOD_IDEA = {
  title: "Self-healing runbooks",
  summary: "Runbooks that fix the common pages themselves",
  problem: "On-call is **noisy**.",
  proposal: "Automate the top ten pages.",
  learning: "Kubernetes operators",
  skills: "Go, Kubernetes",
  tags: "on-call\nautomation",
  peopleWanted: "3",
};

const idea = (overrides: Record<string, unknown>) => IdeaSchema.safeParse({ ...GOOD_IDEA, ...overrides });

describe("canPitch", () => {
  const expected: Record<Phase, boolean> = {
    draft: false,
    pitching: true,
    team_formation: true,
    exploring: false,
    demos: false,
    voting: false,
    results: false,
    archived: false,
  };
  it("covers every phase", () => expect(Object.keys(expected).sort()).toEqual([...PHASES].sort()));
  it.each(PHASES.map((p) => [p, expected[p]] as const))("in %s → %s", (phase, allowed) => {
    expect(canPitch(phase)).toBe(allowed);
  });
});

describe("canEditIdea", () => {
  const authorMay = new Set<Phase>(["pitching", "team_formation"]);
  const rows = PHASES.flatMap((phase) => [
    [phase, { isAuthor: true, isOrganiser: false }, authorMay.has(phase)] as const,
    [phase, { isAuthor: false, isOrganiser: true }, true] as const,
    [phase, { isAuthor: true, isOrganiser: true }, true] as const,
    [phase, { isAuthor: false, isOrganiser: false }, false] as const,
  ]);
  it.each(rows)("in %s, %o → %s", (phase, who, allowed) => {
    expect(canEditIdea(phase, who)).toBe(allowed);
  });
});

describe("canDiscuss", () => {
  const rows = PHASES.flatMap((phase) => [
    [phase, "published", phase !== "archived"] as const,
    [phase, "withdrawn", false] as const,
  ]);
  it.each(rows)("in %s, a %s idea → %s", (phase, status, allowed) => {
    expect(canDiscuss(phase, status)).toBe(allowed);
  });
});

describe("canCarryOver", () => {
  const pastPhases = new Set<Phase>(["results", "archived"]);
  const rows = PHASES.flatMap((source) =>
    PHASES.flatMap((target) =>
      [false, true].map((hasDemo) => [source, hasDemo, target, pastPhases.has(source) && !hasDemo && canPitch(target)] as const),
    ),
  );
  it.each(rows)("from %s (demo: %s) into %s → %s", (source, hasDemo, target, allowed) => {
    expect(canCarryOver({ phase: source, hasDemo }, { phase: target })).toBe(allowed);
  });
  it.each(PHASES)("from %s with no target week → false", (source) => {
    expect(canCarryOver({ phase: source, hasDemo: false }, null)).toBe(false);
  });
});

describe("normaliseTag", () => {
  it.each<[string, string]>([
    ["  Machine   Learning ", "machine-learning"],
    ["MACHINE LEARNING", "machine-learning"],
    ["machine_learning", "machine-learning"],
    ["machine - learning", "machine-learning"],
    ["--rust--", "rust"],
    ["Rust!", "rust"],
    ["(rust)", "rust"],
    ["a/b testing", "ab-testing"],
    ["C++", "c++"],
    ["C#", "c#"],
    ["Node.js", "node.js"],
    [".NET", "net"],
    ["web3.", "web3"],
    ["OAuth 2.0", "oauth-2.0"],
    ["Ünïcödé", "ünïcödé"],
    ["cafe\u0301", "café"], // decomposed input is composed (NFKC)
    ["ｆｕｌｌｗｉｄｔｈ", "fullwidth"], // compatibility forms fold (NFKC)
    ["Straße", "straße"],
    ["日本語", "日本語"],
    ["Ελληνικά", "ελληνικά"],
    ["ภาษาไทย", "ภาษาไทย"],
    ["🚀 rockets", "rockets"],
    ["tab\tseparated", "tab-separated"],
    ["", ""],
    ["   ", ""],
    ["!!!", ""],
    ["-", ""],
  ])("%j → %j", (raw, tag) => {
    expect(normaliseTag(raw)).toBe(tag);
  });

  it.each<[string, string]>([
    ["हिन्दी", "हिन्दी"],
    ["தமிழ்", "தமிழ்"],
    ["คิดค้น", "คิดค้น"],
  ])("keeps the combining marks of %j (scripts whose letters need them)", (raw, tag) => {
    // Stripping \p{M} turns "हिन्दी" into "हनद": a different, meaningless word.
    expect(normaliseTag(raw)).toBe(tag);
  });

  it("is idempotent", () => {
    for (const raw of ["  Machine   Learning ", "C++", "--a--b--", "Ünïcödé", "OAuth 2.0", "x.y.z."]) {
      expect(normaliseTag(normaliseTag(raw))).toBe(normaliseTag(raw));
    }
  });
});

describe("parseTags", () => {
  it("splits on commas and newlines, normalises, and drops duplicates keeping first-seen order", () => {
    expect(parseTags("Go, Rust,go ,\nRUST\r\nKubernetes,, ,")).toEqual(["go", "rust", "kubernetes"]);
  });
  it("accepts an array and splits its items too", () => {
    expect(parseTags(["Go", "Rust, Zig", "go"])).toEqual(["go", "rust", "zig"]);
  });
  it("treats spelling variants of one tag as duplicates", () => {
    expect(parseTags("Machine Learning, machine_learning, MACHINE-LEARNING, machine   learning")).toEqual(["machine-learning"]);
  });
  it("returns [] for empty input", () => {
    expect(parseTags(undefined)).toEqual([]);
    expect(parseTags("")).toEqual([]);
    expect(parseTags(" , ,\n")).toEqual([]);
    expect(parseTags([])).toEqual([]);
    expect(parseTags(["!!!", "  "])).toEqual([]);
  });
});

describe("IdeaSchema", () => {
  it("accepts a good pitch and normalises it", () => {
    const result = idea({ title: "  Self-healing runbooks  ", problem: "line 1\r\nline 2" });
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      title: "Self-healing runbooks",
      summary: "Runbooks that fix the common pages themselves",
      problem: "line 1\nline 2",
      proposal: "Automate the top ten pages.",
      learning: "Kubernetes operators",
      skills: ["go", "kubernetes"],
      tags: ["on-call", "automation"],
      peopleWanted: 3,
    });
  });

  it("defaults the optional fields", () => {
    const result = IdeaSchema.safeParse({ title: "Short one", summary: "Just a summary here" });
    expect(result.data).toEqual({
      title: "Short one",
      summary: "Just a summary here",
      problem: "",
      proposal: "",
      learning: "",
      skills: [],
      tags: [],
      peopleWanted: 0,
    });
  });

  it("accepts a title of 120 characters, a summary of 200 and a problem of 20,000", () => {
    expect(MARKDOWN_MAX).toBe(20_000);
    const result = idea({
      title: "t".repeat(120),
      summary: "s".repeat(200),
      problem: "p".repeat(20_000),
      proposal: "q".repeat(20_000),
    });
    expect(fieldErrors(result)).toEqual({});
  });

  it("counts a CRLF line break as one character", () => {
    expect(idea({ problem: "a\r\n".repeat(10_000) }).success).toBe(true); // 30,000 typed, 20,000 stored
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["a title of 121 characters", { title: "t".repeat(121) }, "title", "Use at most 120 characters (you have more)."],
    ["a title of 2 characters", { title: "ab" }, "title", "Use at least 3 characters."],
    ["a blank title", { title: "   " }, "title", "Use at least 3 characters."],
    ["a missing title", { title: undefined }, "title", "Enter a title."],
    ["a summary of 201 characters", { summary: "s".repeat(201) }, "summary", "Use at most 200 characters (you have more)."],
    [
      "a problem of 20,001 characters",
      { problem: "p".repeat(20_001) },
      "problem",
      "The problem can be at most 20,000 characters.",
    ],
    [
      "a proposal of 20,001 characters",
      { proposal: "p".repeat(20_001) },
      "proposal",
      "The proposal can be at most 20,000 characters.",
    ],
    ["learning of 2,001 characters", { learning: "l".repeat(2001) }, "learning", "Use at most 2,000 characters."],
    [
      "a skill of 500 characters",
      { skills: `go, ${"x".repeat(500)}` },
      "skills",
      `Each skill can be at most ${TAG_MAX} characters.`,
    ],
    ["a theme of 500 characters", { tags: "y".repeat(500) }, "tags", `Each theme can be at most ${TAG_MAX} characters.`],
    [
      "13 themes",
      { tags: Array.from({ length: 13 }, (_, i) => `theme-${i}`).join(",") },
      "tags",
      `Use at most ${TAGS_MAX} themes.`,
    ],
    ["13 skills as an array", { skills: Array.from({ length: 13 }, (_, i) => `skill ${i}`) }, "skills", "Use at most 12 skills."],
    ["people wanted “abc”", { peopleWanted: "abc" }, "peopleWanted", "Enter a number."],
    ["people wanted -1", { peopleWanted: "-1" }, "peopleWanted", "Use 0 or more."],
    ["people wanted 51", { peopleWanted: "51" }, "peopleWanted", "At most 50 people."],
    ["people wanted 2.5", { peopleWanted: "2.5" }, "peopleWanted", "Enter a whole number."],
    ["a bell character in the title", { title: "Self\u0007healing" }, "title", "The title cannot contain control characters."],
    ["a newline inside the title", { title: "Self\nhealing" }, "title", "The title cannot contain control characters."],
    [
      "DEL inside the summary",
      { summary: "Runbooks that\u007f fix pages" },
      "summary",
      "The one-line summary cannot contain control characters.",
    ],
    [
      "a null byte in the proposal",
      { proposal: "before\u0000after" },
      "proposal",
      "The proposal cannot contain null characters.",
    ],
    ["a null byte in the problem", { problem: "\u0000" }, "problem", "The problem cannot contain null characters."],
  ])("refuses %s with a clear message", (_name, overrides, field, message) => {
    const result = idea(overrides);
    expect(result.success).toBe(false);
    expect(fieldErrors(result)[field]).toContain(message);
  });

  it("refuses a null byte in what one could learn (PostgreSQL text cannot hold one: it would be a 500)", () => {
    const result = idea({ learning: "before\u0000after" });
    expect(result.success).toBe(false);
    expect(fieldErrors(result).learning?.length).toBeGreaterThan(0);
  });

  it("accepts 13 themes that collapse to 12 distinct ones", () => {
    const tags = [...Array.from({ length: 12 }, (_, i) => `theme-${i}`), "THEME 0"].join(",");
    const result = idea({ tags });
    expect(result.success).toBe(true);
    expect(result.data?.tags).toHaveLength(12);
  });

  it("accepts people wanted 0, 50 and blank (= 0)", () => {
    expect(idea({ peopleWanted: "0" }).data?.peopleWanted).toBe(0);
    expect(idea({ peopleWanted: " 50 " }).data?.peopleWanted).toBe(50);
    expect(idea({ peopleWanted: "" }).data?.peopleWanted).toBe(0);
  });

  it("reports every bad field at once", () => {
    const errors = fieldErrors(idea({ title: "t".repeat(121), summary: "s".repeat(201), peopleWanted: "-1" }));
    expect(Object.keys(errors).sort()).toEqual(["peopleWanted", "summary", "title"]);
  });
});

describe("IdeaActionSchema", () => {
  it.each<[Record<string, unknown>, Record<string, unknown>]>([
    [{ intent: "follow" }, { intent: "follow" }],
    [
      { intent: "comment", body: "  nice idea  " },
      { intent: "comment", body: "nice idea" },
    ],
    [
      { intent: "edit-comment", commentId: "12", body: "edited" },
      { intent: "edit-comment", commentId: 12, body: "edited" },
    ],
    [
      { intent: "delete-comment", commentId: "7" },
      { intent: "delete-comment", commentId: 7 },
    ],
    [
      { intent: "hide-comment", commentId: "7", reason: " off-topic " },
      { intent: "hide-comment", commentId: 7, reason: "off-topic" },
    ],
    [{ intent: "carry-over" }, { intent: "carry-over" }],
  ])("accepts %o", (input, output) => {
    expect(IdeaActionSchema.safeParse(input).data).toEqual(output);
  });

  it.each<[string, Record<string, unknown>]>([
    ["an unknown intent", { intent: "delete-idea" }],
    ["no intent", {}],
    ["a blank comment", { intent: "comment", body: "   " }],
    ["a comment of 5,001 characters", { intent: "comment", body: "c".repeat(5001) }],
    ["a comment with a null byte", { intent: "comment", body: "a\u0000b" }],
    ["a comment id that is not a number", { intent: "delete-comment", commentId: "abc" }],
    ["a comment id of 0", { intent: "delete-comment", commentId: "0" }],
    ["a fractional comment id", { intent: "delete-comment", commentId: "1.5" }],
    ["a hide without a reason", { intent: "hide-comment", commentId: "1", reason: " x " }],
    // PostgreSQL text cannot hold U+0000: let through, hideComment fails with a 500.
    ["a hide reason with a null byte", { intent: "hide-comment", commentId: "1", reason: "spam\u0000spam" }],
  ])("refuses %s", (_name, input) => {
    expect(IdeaActionSchema.safeParse(input).success).toBe(false);
  });
});

describe("parseBoardQuery", () => {
  const parse = (query: string) => parseBoardQuery(new URL(`https://expedition.test/weeks/w/ideas${query}`));

  it("defaults everything", () => {
    const result = parse("");
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      q: "",
      skill: [],
      tag: [],
      department: undefined,
      looking: undefined,
      team: undefined,
      sort: undefined,
      page: 1,
    });
  });

  it("treats empty parameters as absent", () => {
    expect(parse("?q=&department=&page=&sort=&team=&looking=").data).toMatchObject({ q: "", department: undefined, page: 1 });
  });

  it("reads every filter", () => {
    const result = parse("?q=%20on-call%20&skill=Go&tag=Automation&department=42&looking=1&team=no&sort=followed&page=3");
    expect(result.data).toEqual({
      q: "on-call",
      skill: ["go"],
      tag: ["automation"],
      department: 42,
      looking: "1",
      team: "no",
      sort: "followed",
      page: 3,
    });
  });

  it("reads multiple skill and tag parameters, normalised and de-duplicated", () => {
    expect(parse("?skill=Go&skill=Rust&skill=go&skill=Machine%20Learning&tag=a&tag=b").data).toMatchObject({
      skill: ["go", "rust", "machine-learning"],
      tag: ["a", "b"],
    });
  });

  it.each<[string, string]>([
    ["?page=abc", "page"],
    ["?page=0", "page"],
    ["?page=-1", "page"],
    ["?page=1e3", "page"],
    ["?page=1.5", "page"],
    ["?page=9999999", "page"],
    ["?department=x", "department"],
    ["?department=-3", "department"],
    ["?sort=random", "sort"],
    ["?team=maybe", "team"],
    ["?looking=yes", "looking"],
    [`?q=${"q".repeat(201)}`, "q"],
    [`?skill=${"s".repeat(41)}`, "skill"],
    [`?${Array.from({ length: 13 }, (_, i) => `tag=t${i}`).join("&")}`, "tag"],
  ])("refuses %s", (query, field) => {
    const result = parse(query);
    expect(result.success).toBe(false);
    expect(Object.keys(fieldErrors(result))).toContain(field);
  });

  it("explains bad pages and departments in words", () => {
    expect(fieldErrors(parse("?page=0")).page).toEqual(["The page number must be a positive whole number."]);
    expect(fieldErrors(parse("?page=abc")).page).toEqual(["The page number must be a positive whole number."]);
    expect(fieldErrors(parse("?department=x")).department).toEqual(["Choose a department from the list."]);
  });
});
