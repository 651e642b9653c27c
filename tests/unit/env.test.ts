import { describe, expect, it } from "vitest";
import { oidcConfigured, parseEnv } from "~/env.server";

describe("parseEnv", () => {
  it("fills defaults for an empty environment", () => {
    const e = parseEnv({});
    expect(e).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "0.0.0.0",
      DATABASE_POOL_SIZE: 10,
      DATA_DIR: ".data",
      SEED_DEMO_DATA: false,
      TRUST_PROXY: false,
      LOG_LEVEL: "info",
      SESSION_IDLE_TIMEOUT_HOURS: 168,
      SESSION_MAX_AGE_DAYS: 30,
      ALLOWED_EMAIL_DOMAINS: [],
      OIDC_NAME: "company SSO",
      OIDC_SCOPES: "openid email profile",
    });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(oidcConfigured(e)).toBe(false);
  });

  it("coerces numbers and flags", () => {
    const e = parseEnv({ PORT: "8080", SEED_DEMO_DATA: "yes", TRUST_PROXY: "1", SESSION_IDLE_TIMEOUT_HOURS: "0.5" });
    expect(e.PORT).toBe(8080);
    expect(e.SEED_DEMO_DATA).toBe(true);
    expect(e.TRUST_PROXY).toBe(true);
    expect(e.SESSION_IDLE_TIMEOUT_HOURS).toBe(0.5);
  });

  it.each([
    ["postgres://u:p@localhost:5432/db", "postgres://u:p@localhost:5432/db"],
    ["postgresql://localhost/db", "postgresql://localhost/db"],
    ["", undefined],
  ])("accepts DATABASE_URL %j", (value, expected) => {
    expect(parseEnv({ DATABASE_URL: value }).DATABASE_URL).toBe(expected);
  });

  it.each<[string, Record<string, string>, string]>([
    ["PORT not a number", { PORT: "eighty" }, "PORT"],
    ["PORT out of range", { PORT: "70000" }, "PORT"],
    ["PORT zero", { PORT: "0" }, "PORT"],
    ["PORT not an integer", { PORT: "80.5" }, "PORT"],
    ["DATABASE_URL of another database", { DATABASE_URL: "mysql://localhost/db" }, "DATABASE_URL"],
    ["DATABASE_URL without scheme", { DATABASE_URL: "localhost:5432/db" }, "DATABASE_URL"],
    ["OIDC_ISSUER without client id", { OIDC_ISSUER: "https://sso.example.com" }, "OIDC_CLIENT_ID"],
    [
      "OIDC_ISSUER with id but no secret",
      { OIDC_ISSUER: "https://sso.example.com", OIDC_CLIENT_ID: "expedition" },
      "OIDC_CLIENT_ID",
    ],
    ["OIDC_ISSUER not http(s)", { OIDC_ISSUER: "ftp://sso.example.com" }, "OIDC_ISSUER"],
    ["unknown LOG_LEVEL", { LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    ["unknown flag value", { SEED_DEMO_DATA: "maybe" }, "SEED_DEMO_DATA"],
    ["negative idle timeout", { SESSION_IDLE_TIMEOUT_HOURS: "-1" }, "SESSION_IDLE_TIMEOUT_HOURS"],
  ])("%s → readable error naming %s", (_label, source, variable) => {
    let message = "";
    try {
      parseEnv(source);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid environment configuration:/);
    expect(message).toContain(`  - ${variable}: `);
  });

  it("explains that OIDC_ISSUER needs the client credentials", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://sso.example.com" })).toThrow(
      /OIDC_ISSUER is set, so OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required/,
    );
  });

  it("lists every bad variable in one error", () => {
    expect(() => parseEnv({ PORT: "x", DATABASE_URL: "mysql://x" })).toThrow(/PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/);
  });

  it("a complete OIDC configuration is accepted", () => {
    const e = parseEnv({ OIDC_ISSUER: "https://sso.example.com", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "secret" });
    expect(oidcConfigured(e)).toBe(true);
  });

  it.each<[string | undefined, string[]]>([
    ["@Acme.com, example.org", ["acme.com", "example.org"]],
    ["ACME.COM", ["acme.com"]],
    [" a.example ,, @b.example ,", ["a.example", "b.example"]],
    ["", []],
    [undefined, []],
  ])("ALLOWED_EMAIL_DOMAINS %j → %j", (value, expected) => {
    expect(parseEnv({ ALLOWED_EMAIL_DOMAINS: value }).ALLOWED_EMAIL_DOMAINS).toEqual(expected);
  });
});
