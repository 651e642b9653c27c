import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "~/lib/outage.server";

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe("which errors mean the database is unreachable (answered 503, not 500)", () => {
  it("socket, driver and PostgreSQL shutdown errors, also when wrapped by Drizzle or an AggregateError", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "CONNECTION_CLOSED",
      "CONNECTION_ENDED",
      "CONNECT_TIMEOUT",
      "57P01",
      "57P03",
      "08006",
    ]) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
      expect(isDatabaseUnavailable(new DrizzleQueryError("select 1", [], withCode(code))), `wrapped ${code}`).toBe(true);
    }
    expect(isDatabaseUnavailable(new AggregateError([withCode("ECONNREFUSED")], "connect failed"))).toBe(true);
  });

  it("not a query's own failure: constraint violations, bad SQL, deadlocks and ordinary errors stay errors", () => {
    for (const code of ["23505", "23503", "42601", "40P01", "22P02"]) {
      expect(isDatabaseUnavailable(new DrizzleQueryError("insert", [], withCode(code))), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});
