import { describe, expect, it } from "vitest";
import { isForeignMutation } from "~/auth/csrf";

const SELF = "https://expedition.example.com";
const headers = (h: Record<string, string>) => new Headers(h);

describe("isForeignMutation", () => {
  it.each(["GET", "HEAD", "OPTIONS", "get", "options"])("%s is never foreign, whatever the headers", (method) => {
    expect(isForeignMutation(method, headers({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }), SELF)).toBe(
      false,
    );
    expect(isForeignMutation(method, headers({}), SELF)).toBe(false);
  });

  it.each<[string, Record<string, string>, boolean]>([
    ["same Origin", { origin: SELF }, false],
    [
      "same Origin even if Sec-Fetch-Site claims cross-site (Origin wins)",
      { origin: SELF, "sec-fetch-site": "cross-site" },
      false,
    ],
    ["other Origin", { origin: "https://evil.example" }, true],
    [
      "other Origin even with Sec-Fetch-Site same-origin",
      { origin: "https://evil.example", "sec-fetch-site": "same-origin" },
      true,
    ],
    ["same host over http (other scheme)", { origin: "http://expedition.example.com" }, true],
    ["same host, other port", { origin: "https://expedition.example.com:8443" }, true],
    ["sibling subdomain", { origin: "https://evil.expedition.example.com" }, true],
    ["Origin: null falls through to Sec-Fetch-Site same-origin", { origin: "null", "sec-fetch-site": "same-origin" }, false],
    ["Origin: null with Sec-Fetch-Site cross-site", { origin: "null", "sec-fetch-site": "cross-site" }, true],
    ["Origin: null without Sec-Fetch-Site", { origin: "null" }, true],
    ["no Origin, Sec-Fetch-Site same-origin", { "sec-fetch-site": "same-origin" }, false],
    ["no Origin, Sec-Fetch-Site same-site (a sibling subdomain is not us)", { "sec-fetch-site": "same-site" }, true],
    ["no Origin, Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }, true],
    // Strict on purpose: a user-initiated navigation does not POST, so "none" is not trusted either.
    ["no Origin, Sec-Fetch-Site none", { "sec-fetch-site": "none" }, true],
    ["neither header", {}, true],
  ])("POST with %s → foreign=%s", (_label, h, foreign) => {
    expect(isForeignMutation("POST", headers(h), SELF)).toBe(foreign);
  });

  it.each(["PUT", "PATCH", "DELETE", "post"])("%s is checked like POST", (method) => {
    expect(isForeignMutation(method, headers({ origin: "https://evil.example" }), SELF)).toBe(true);
    expect(isForeignMutation(method, headers({ origin: SELF }), SELF)).toBe(false);
  });
});
