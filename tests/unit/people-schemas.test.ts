import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { PROFILE_LIMITS, ProfileSchema } from "~/people/schemas.server";

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

const GOOD = {
  name: "  Ben Okafor ",
  title: "Senior iOS Engineer",
  bio: "Ships the iOS app.\r\nCares about VoiceOver.",
  departmentId: "3",
  skills: "Swift, iOS ,  Machine Learning, swift",
  stretchGoals: "rust",
  mentorOffer: "Accessibility on iOS",
  mentorAvailability: "Tuesday afternoons",
};

const parse = (overrides: Record<string, unknown> = {}) => ProfileSchema.safeParse({ ...GOOD, ...overrides });

describe("ProfileSchema", () => {
  it("accepts a good profile: trims, normalises and de-duplicates tags, keeps line breaks in the bio", () => {
    const result = parse();
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data).toEqual({
      name: "Ben Okafor",
      title: "Senior iOS Engineer",
      bio: "Ships the iOS app.\nCares about VoiceOver.",
      departmentId: 3,
      skills: ["swift", "ios", "machine-learning"],
      stretchGoals: ["rust"],
      mentorOffer: "Accessibility on iOS",
      mentorAvailability: "Tuesday afternoons",
    });
  });

  it("treats missing optional fields as empty", () => {
    const result = ProfileSchema.safeParse({ name: "Ada", departmentId: "1" });
    expect(result.success).toBe(true);
    if (result.success) {
      expect(result.data).toMatchObject({
        title: "",
        bio: "",
        skills: [],
        stretchGoals: [],
        mentorOffer: "",
        mentorAvailability: "",
      });
    }
  });

  it("accepts exactly the limits", () => {
    const twenty = Array.from({ length: PROFILE_LIMITS.tags }, (_, i) => `skill-${i}`).join(",");
    const result = parse({
      name: "n".repeat(100),
      bio: "b".repeat(2000),
      skills: twenty,
      stretchGoals: `${"s".repeat(40)}`,
      mentorOffer: "m".repeat(300),
      mentorAvailability: "a".repeat(200),
    });
    expect(result.success).toBe(true);
  });

  it("refuses an over-long bio with a message on the bio", () => {
    const errors = fieldErrors(parse({ bio: "b".repeat(2001) }));
    expect(errors.bio).toEqual(["The bio can be at most 2,000 characters."]);
    expect(Object.keys(errors)).toEqual(["bio"]);
  });

  it("refuses 21 skills, saying how many there are", () => {
    const skills = Array.from({ length: 21 }, (_, i) => `skill-${i}`).join(", ");
    expect(fieldErrors(parse({ skills })).skills).toEqual(["List at most 20 skills (you have 21)."]);
  });

  it("counts skills after de-duplication", () => {
    const skills = [...Array.from({ length: 20 }, (_, i) => `skill-${i}`), "SKILL-0", "skill 1"].join(",");
    expect(parse({ skills }).success).toBe(true);
  });

  it("refuses a 41-character skill and a 41-character stretch goal, naming it", () => {
    const long = "k".repeat(41);
    expect(fieldErrors(parse({ skills: `go, ${long}` })).skills?.[0]).toMatch(
      /^Each skill can be at most 40 characters; “k{24}…” is longer\.$/,
    );
    expect(fieldErrors(parse({ stretchGoals: long })).stretchGoals?.[0]).toMatch(
      /^Each stretch goal can be at most 40 characters/,
    );
  });

  it("refuses a department that is not an id from the list", () => {
    for (const departmentId of ["", "abc", "0", "-1", "1.5", "1234567890", undefined]) {
      const errors = fieldErrors(parse({ departmentId }));
      expect(errors.departmentId, String(departmentId)).toHaveLength(1);
      expect(errors.departmentId?.[0]).toMatch(/department/);
    }
  });

  it("refuses control characters in the name, title and availability, and a blank or over-long name", () => {
    expect(fieldErrors(parse({ name: "Ben\u0007Okafor" })).name).toEqual(["A name cannot contain control characters."]);
    expect(fieldErrors(parse({ name: "Ben\nOkafor" })).name).toEqual(["A name cannot contain control characters."]);
    expect(fieldErrors(parse({ title: "iOS\tEngineer" })).title).toEqual(["The job title cannot contain control characters."]);
    expect(fieldErrors(parse({ mentorAvailability: "Mon\u001bTue" })).mentorAvailability).toHaveLength(1);
    expect(fieldErrors(parse({ name: "   " })).name).toEqual(["Enter your name."]);
    expect(fieldErrors(parse({ name: "n".repeat(101) })).name).toEqual(["A name can be at most 100 characters."]);
  });

  it("refuses control characters other than line breaks in the bio and the mentoring offer", () => {
    expect(fieldErrors(parse({ bio: "line\u0000" })).bio).toEqual(["The bio cannot contain control characters."]);
    expect(fieldErrors(parse({ mentorOffer: "Swift\u0008" })).mentorOffer).toEqual([
      "The mentoring offer cannot contain control characters.",
    ]);
  });

  it("refuses over-long mentoring fields", () => {
    expect(fieldErrors(parse({ mentorOffer: "m".repeat(301) })).mentorOffer).toEqual([
      "The mentoring offer can be at most 300 characters.",
    ]);
    expect(fieldErrors(parse({ mentorAvailability: "a".repeat(201) })).mentorAvailability).toEqual([
      "The availability can be at most 200 characters.",
    ]);
  });

  it("asks for a mentoring offer when only availability is given", () => {
    expect(fieldErrors(parse({ mentorOffer: "  " })).mentorOffer).toEqual([
      "Say what you can mentor on, or leave availability empty.",
    ]);
  });
});
