import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ChangePasswordSchema, SignUpSchema } from "~/auth/schemas.server";
import { echoValues, formDataToObject, parseForm } from "~/lib/forms.server";

function form(entries: Array<[string, string | Blob]>): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe("echoValues", () => {
  it("drops every field whose name mentions a password, in any case, and internal _fields", () => {
    const values = echoValues(
      form([
        ["email", "ada@company.example"],
        ["password", "hunter2-hunter2"],
        ["currentPassword", "old secret value"],
        ["newPassword", "new secret value"],
        ["confirmPassword", "new secret value"],
        ["PASSWORD_HINT", "secret-ish"],
        ["_action", "save"],
        ["name", "Ada"],
      ]),
    );
    expect(values).toEqual({ email: "ada@company.example", name: "Ada" });
    expect(JSON.stringify(values)).not.toMatch(/secret|hunter2/);
  });

  it("skips files and joins repeated fields", () => {
    const values = echoValues(
      form([
        ["avatar", new File(["img"], "a.png")],
        ["skills", "go"],
        ["skills", "rust"],
      ]),
    );
    expect(values).toEqual({ skills: "go,rust" });
  });

  it("caps an echoed value at 50,000 characters", () => {
    expect(echoValues(form([["bio", "b".repeat(60_000)]])).bio).toHaveLength(50_000);
  });
});

describe("formDataToObject", () => {
  it("keeps single values as strings and repeated ones as arrays", () => {
    expect(
      formDataToObject(
        form([
          ["a", "1"],
          ["b", "2"],
          ["b", "3"],
          ["b", "4"],
        ]),
      ),
    ).toEqual({ a: "1", b: ["2", "3", "4"] });
  });
});

describe("parseForm", () => {
  it("returns parsed data on success", () => {
    const result = parseForm(
      form([
        ["name", "Ada"],
        ["email", "ADA@Company.Example"],
        ["departmentId", "7"],
        ["password", "a long enough secret"],
      ]),
      SignUpSchema,
    );
    expect(result).toEqual({
      ok: true,
      data: { name: "Ada", email: "ada@company.example", departmentId: 7, password: "a long enough secret", redirectTo: "" },
    });
  });

  it("on failure reports field errors and echoes values without the password", () => {
    const fd = form([
      ["name", "Ada"],
      ["email", "not-an-email"],
      ["departmentId", "abc"],
      ["password", "short-pw"],
    ]);
    const result = parseForm(fd, SignUpSchema);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(["departmentId", "email", "password"]);
    expect(result.values).toEqual({ name: "Ada", email: "not-an-email", departmentId: "abc" });
    expect(result.values).not.toHaveProperty("password");
  });

  it("never echoes any of the three change-password fields", () => {
    const result = parseForm(
      form([
        ["currentPassword", "current secret 1"],
        ["newPassword", "new secret 22"],
        ["confirmPassword", "different secret 33"],
      ]),
      ChangePasswordSchema,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.confirmPassword).toEqual(["The two new passwords differ."]);
    expect(result.values).toEqual({});
  });

  it("puts issues without a path into formError", () => {
    const schema = z.object({ a: z.string() }).refine(() => false, "Whole form is wrong.");
    const result = parseForm(form([["a", "x"]]), schema);
    expect(result).toMatchObject({ ok: false, formError: "Whole form is wrong.", errors: {}, values: { a: "x" } });
  });
});
