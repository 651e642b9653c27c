import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ChangePasswordSchema, EMAIL_MAX, PASSWORD_MAX, SignInSchema, SignUpSchema } from "~/auth/schemas.server";

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

const GOOD_SIGN_UP = {
  name: "Ada Lovelace",
  email: "ada@company.example",
  departmentId: "3",
  password: "correct horse battery",
};

/** An address of exactly `length` characters. */
function emailOfLength(length: number): string {
  const domain = "@example.com";
  return `${"a".repeat(length - domain.length)}${domain}`;
}

describe("SignUpSchema", () => {
  it("accepts a good sign-up, trimming and lower-casing the email and coercing the department", () => {
    const result = SignUpSchema.safeParse({ ...GOOD_SIGN_UP, name: "  Ada Lovelace ", email: "  Ada.L@Company.EXAMPLE " });
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      name: "Ada Lovelace",
      email: "ada.l@company.example",
      departmentId: 3,
      password: "correct horse battery",
      redirectTo: "",
    });
  });

  it(`accepts an email of exactly ${EMAIL_MAX} characters`, () => {
    const email = emailOfLength(EMAIL_MAX);
    expect(email).toHaveLength(254);
    expect(SignUpSchema.safeParse({ ...GOOD_SIGN_UP, email }).success).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["malformed email", { email: "not-an-email" }, "email", /valid email/],
    ["email without domain dot", { email: "ada@localhost" }, "email", /valid email/],
    ["email with a space inside", { email: "ada lovelace@company.example" }, "email", /valid email/],
    ["empty email", { email: "   " }, "email", /Enter your email/],
    ["email of 255 characters", { email: emailOfLength(255) }, "email", /at most 254/],
    ["password of 9 characters", { password: "abcdefgh1" }, "password", /at least 10/],
    ["password of 257 characters", { password: "x".repeat(PASSWORD_MAX + 1) }, "password", /at most 256/],
    ["common password", { password: "password123" }, "password", /too common/],
    ["common password in other case", { password: "QwertyUIOP" }, "password", /too common/],
    [
      "password containing the email's local part",
      { password: "my-ada.l-secret", email: "ada.l@company.example" },
      "password",
      /email/,
    ],
    [
      "password containing the local part in other case",
      { password: "xxADAMSxx-2026", email: "adams@company.example" },
      "password",
      /email/,
    ],
    ["password equal to the email", { password: "ada@company.example" }, "password", /email/],
    ["name with a newline", { name: "Ada\nLovelace" }, "name", /control characters/],
    ["name with a NUL", { name: "Ada\u0000" }, "name", /control characters/],
    ["name with a tab", { name: "Ada\tLovelace" }, "name", /control characters/],
    ["name of only spaces", { name: "   " }, "name", /Enter your name/],
    ["name over 100 characters", { name: "n".repeat(101) }, "name", /at most 100/],
    ["departmentId abc", { departmentId: "abc" }, "departmentId", /Choose your department/],
    ["departmentId 0", { departmentId: "0" }, "departmentId", /Choose your department/],
    ["departmentId 1.5", { departmentId: "1.5" }, "departmentId", /Choose your department/],
    ["departmentId missing", { departmentId: undefined }, "departmentId", /Choose your department/],
  ])("refuses %s", (_label, patch, field, message) => {
    const errors = fieldErrors(SignUpSchema.safeParse({ ...GOOD_SIGN_UP, ...patch }));
    expect(errors[field]?.join(" ")).toMatch(message);
  });

  it("allows a short local part (under 4 characters) inside the password", () => {
    expect(SignUpSchema.safeParse({ ...GOOD_SIGN_UP, email: "al@company.example", password: "totally-al-secret" }).success).toBe(
      true,
    );
  });
});

describe("SignInSchema", () => {
  it("trims and lower-cases the email and keeps the password untouched", () => {
    const result = SignInSchema.safeParse({ email: " Ada@Company.Example ", password: "  spaced  ", redirectTo: "/weeks" });
    expect(result.data).toEqual({ email: "ada@company.example", password: "  spaced  ", redirectTo: "/weeks" });
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["malformed email", { email: "ada@", password: "x" }, "email", /valid email/],
    ["email of 255 characters", { email: emailOfLength(255), password: "x" }, "email", /at most 254/],
    ["empty password", { email: "ada@company.example", password: "" }, "password", /Enter your password/],
    // Over-long passwords get the same answer as wrong ones.
    [
      "password of 257 characters",
      { email: "ada@company.example", password: "x".repeat(257) },
      "password",
      /^Email or password is wrong\.$/,
    ],
    [
      "redirectTo over 2000 characters",
      { email: "ada@company.example", password: "x", redirectTo: `/${"a".repeat(2000)}` },
      "redirectTo",
      /./,
    ],
  ])("refuses %s", (_label, input, field, message) => {
    expect(fieldErrors(SignInSchema.safeParse(input))[field]?.join(" ")).toMatch(message);
  });

  it("does not apply new-password rules to signing in (short and common passwords are checked against the hash)", () => {
    expect(SignInSchema.safeParse({ email: "ada@company.example", password: "short" }).success).toBe(true);
  });
});

describe("ChangePasswordSchema", () => {
  const GOOD = { currentPassword: "old password 1", newPassword: "new password 22", confirmPassword: "new password 22" };

  it("accepts a good change", () => {
    expect(ChangePasswordSchema.safeParse(GOOD).success).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["mismatched confirmation", { confirmPassword: "new password 23" }, "confirmPassword", /differ/],
    ["new password of 9 characters", { newPassword: "123456789", confirmPassword: "123456789" }, "newPassword", /at least 10/],
    [
      "new password of 257 characters",
      { newPassword: "y".repeat(257), confirmPassword: "y".repeat(257) },
      "newPassword",
      /at most 256/,
    ],
    ["common new password", { newPassword: "welcome123", confirmPassword: "welcome123" }, "newPassword", /too common/],
    ["new equal to current", { newPassword: "old password 1", confirmPassword: "old password 1" }, "newPassword", /different/],
    ["empty current password", { currentPassword: "" }, "currentPassword", /current password/],
    ["missing confirmation", { confirmPassword: undefined }, "confirmPassword", /Repeat/],
  ])("refuses %s", (_label, patch, field, message) => {
    expect(fieldErrors(ChangePasswordSchema.safeParse({ ...GOOD, ...patch }))[field]?.join(" ")).toMatch(message);
  });
});
