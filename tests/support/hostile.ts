import fc from "fast-check";

/**
 * Hostile input shared by the property tests and the HTTP fuzz: values people (or scripts) can type or
 * send that have broken parsers before: null bytes, lone surrogates, bidi and zero-width characters,
 * numbers past PostgreSQL's integer, NaN/Infinity spelled out, markup, prototype names, huge texts.
 */
export const NASTY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFFy",
  "\u202Eevil\u202C",
  "\u200B",
  "\uFEFF1",
  "\u00A0 \u3000",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-1",
  "0",
  "-0",
  "00",
  "1.5",
  "0x10",
  " 7 ",
  "99999999999999999999",
  "2147483648",
  "4294967296",
  "__proto__",
  "constructor",
  "toString",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  "../../etc/passwd",
  "%00",
  "\r\n",
  "\t",
  "ｆｕｌｌｗｉｄｔｈ",
  "😀👩‍👩‍👧‍👦",
  "e\u0301",
  "true",
  "on",
  "null",
  "undefined",
  "[object Object]",
  "javascript:alert(1)",
  "//evil.example",
  "https://evil.example",
];

export const nasty = fc.constantFrom(...NASTY);
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: nasty, weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 2 },
  { arbitrary: fc.array(nasty, { minLength: 2, maxLength: 4 }).map((parts) => parts.join("")), weight: 2 },
  // Far past every limit in the app (the largest is 20,000 characters).
  { arbitrary: fc.constantFrom(1_000, 25_000, 100_000).map((n) => "x".repeat(n)), weight: 1 },
  { arbitrary: fc.integer({ min: -1e6, max: 1e6 }).map(String), weight: 1 },
);

/** Names an unwary `obj[key]` reads from Object.prototype. */
export const PROTO_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

/** A pitch that passes every rule, as its form sends it: the starting point for one-field-hostile variants. */
export const GOOD_IDEA: Record<string, string> = {
  title: "Automate on-call",
  summary: "Page fewer people at night",
  problem: "Pages",
  proposal: "A bot",
  learning: "Rust",
  skills: "rust, go",
  tags: "ops",
  peopleWanted: "3",
};
