import { describe, expect, it } from "vitest";
import {
  clearedSessionCookie,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  sessionIdFromToken,
  sessionPolicy,
} from "~/auth/session.server";

const ID = "abcdefghijklmnopqrstuvwx"; // 24 base32 characters
const SECRET = "234567abcdefghijklmnopqr";

describe("readCookie", () => {
  it.each<[string | null, string, string | null]>([
    [null, SESSION_COOKIE, null],
    ["", SESSION_COOKIE, null],
    [`${SESSION_COOKIE}=${ID}.${SECRET}`, SESSION_COOKIE, `${ID}.${SECRET}`],
    [`theme=dark; ${SESSION_COOKIE}=tok; other=1`, SESSION_COOKIE, "tok"],
    [`theme=dark;${SESSION_COOKIE}=tok`, SESSION_COOKIE, "tok"],
    [`  ${SESSION_COOKIE}  =  tok  `, SESSION_COOKIE, "tok"],
    ["a=x%20y", "a", "x y"],
    ["a=b=c", "a", "b=c"],
    ["a=%E0%A4%A", "a", null],
    ["flag; a=1", "a", "1"],
    [`x${SESSION_COOKIE}=evil`, SESSION_COOKIE, null],
    [`${SESSION_COOKIE}x=evil`, SESSION_COOKIE, null],
    [`${SESSION_COOKIE}=first; ${SESSION_COOKIE}=second`, SESSION_COOKIE, "first"],
    ["a=", "a", ""],
  ])("readCookie(%j, %j) → %j", (header, name, expected) => {
    expect(readCookie(header, name)).toBe(expected);
  });
});

describe("sessionCookie", () => {
  it("is HttpOnly, SameSite=Lax, Path=/ with Max-Age, without Secure unless asked", () => {
    const cookie = sessionCookie(`${ID}.${SECRET}`, { secure: false, maxAgeSeconds: 3600 });
    const [first, ...attributes] = cookie.split("; ");
    expect(first).toBe(`${SESSION_COOKIE}=${ID}.${SECRET}`);
    expect(attributes.sort()).toEqual(["HttpOnly", "Max-Age=3600", "Path=/", "SameSite=Lax"]);
    expect(cookie).not.toMatch(/secure/i);
  });

  it("adds Secure when asked and floors Max-Age", () => {
    const cookie = sessionCookie("t", { secure: true, maxAgeSeconds: 604_800.9 });
    expect(cookie.split("; ")).toContain("Secure");
    expect(cookie.split("; ")).toContain("Max-Age=604800");
  });

  it("round-trips through readCookie", () => {
    const cookie = sessionCookie(`${ID}.${SECRET}`, { secure: true, maxAgeSeconds: 60 });
    const pair = cookie.split("; ")[0] ?? "";
    expect(readCookie(`other=1; ${pair}`, SESSION_COOKIE)).toBe(`${ID}.${SECRET}`);
  });

  it("the cleared cookie empties the value and expires at once", () => {
    expect(clearedSessionCookie({ secure: false }).split("; ").sort()).toEqual(
      [`${SESSION_COOKIE}=`, "HttpOnly", "Max-Age=0", "Path=/", "SameSite=Lax"].sort(),
    );
    expect(clearedSessionCookie({ secure: true }).split("; ")).toContain("Secure");
  });
});

describe("sessionIdFromToken", () => {
  it.each<[string, string | null]>([
    [`${ID}.${SECRET}`, ID],
    [ID, ID],
    ["", null],
    [`.${SECRET}`, null],
    [`${ID.toUpperCase()}.${SECRET}`, null],
    [`${ID.slice(1)}.${SECRET}`, null],
    [`${ID}a.${SECRET}`, null],
    [`abcdefghijklmnopqrstuvw1.${SECRET}`, null], // 1 is not base32
    ["../../etc/passwd", null],
  ])("%j → %j", (token, expected) => {
    expect(sessionIdFromToken(token)).toBe(expected);
  });
});

describe("sessionPolicy", () => {
  it.each<[number, number, { idleTimeoutMs: number; maxAgeMs: number; activityCheckMs: number }]>([
    [168, 30, { idleTimeoutMs: 604_800_000, maxAgeMs: 2_592_000_000, activityCheckMs: 3_600_000 }],
    [1, 1, { idleTimeoutMs: 3_600_000, maxAgeMs: 86_400_000, activityCheckMs: 360_000 }],
  ])("sessionPolicy(%s h, %s d)", (hours, days, expected) => {
    expect(sessionPolicy(hours, days)).toEqual(expected);
  });
});
