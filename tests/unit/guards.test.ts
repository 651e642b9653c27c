import { describe, expect, it } from "vitest";
import { hasRole, safeRedirect } from "~/auth/guards.server";
import type { Role } from "~/auth/session.server";

describe("safeRedirect", () => {
  it.each([
    ["/", "/"],
    ["/weeks", "/weeks"],
    ["/weeks/2026-h2/teams?page=2&sort=name", "/weeks/2026-h2/teams?page=2&sort=name"],
    ["/people?q=ada#results", "/people?q=ada#results"],
    ["/a/b/../c", "/a/c"],
  ])("keeps the relative path %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  it.each([
    "https://evil.example",
    "http://evil.example/path",
    "//evil.example",
    "//evil.example/login",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "weeks",
    "",
    " /weeks",
    "/weeks\\..\\evil",
    "/\tevil",
    "/\nevil.example",
    "/ok\r\nSet-Cookie: x=1",
    "/\u0000evil",
    "/\u007fevil",
  ])("refuses %j", (to) => {
    expect(safeRedirect(to, "/fallback")).toBe("/fallback");
  });

  // Dot segments are removed by URL parsing, which can turn a path into a protocol-relative URL.
  it.each(["/.//evil.example", "/..//evil.example", "/a/..//evil.example", "/%2e//evil.example"])(
    "never returns a protocol-relative URL for %j",
    (to) => {
      const result = safeRedirect(to, "/fallback");
      expect(result.startsWith("//")).toBe(false);
      // However it is fixed, the browser must resolve the Location header to this site.
      expect(new URL(result, "https://expedition.example.com/login").origin).toBe("https://expedition.example.com");
    },
  );

  it.each([null, undefined, 42, {}, new File(["x"], "x.txt")])("non-string %s → fallback", (to) => {
    expect(safeRedirect(to as never, "/home")).toBe("/home");
  });

  it("defaults the fallback to /", () => {
    expect(safeRedirect("https://evil.example")).toBe("/");
  });
});

describe("hasRole", () => {
  type R = Array<"participant" | "organiser" | "admin">;
  it.each<[string, R, Role, boolean]>([
    ["participant", ["participant"], "participant", true],
    ["participant", ["participant"], "organiser", false],
    ["participant", ["participant"], "admin", false],
    ["organiser", ["participant", "organiser"], "organiser", true],
    ["organiser", ["participant", "organiser"], "admin", false],
    ["admin", ["participant", "admin"], "organiser", true],
    ["admin", ["participant", "admin"], "admin", true],
    ["admin", ["participant", "admin"], "participant", true],
    ["roles without participant", [], "participant", true],
    ["roles without participant", [], "organiser", false],
  ])("%s %j asking for %s → %s", (_label, roles, role, expected) => {
    expect(hasRole({ roles }, role)).toBe(expected);
  });

  it.each([null, undefined])("nobody (%s) has any role, not even participant", (user) => {
    expect(hasRole(user, "participant")).toBe(false);
    expect(hasRole(user, "admin")).toBe(false);
  });
});
