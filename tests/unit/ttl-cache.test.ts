import { describe, expect, it } from "vitest";
import { ttlCache } from "~/lib/ttl-cache";

describe("ttlCache", () => {
  it("shares one load between callers within the time to live, and loads again after it", async () => {
    const cache = ttlCache<string, number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    const a = cache.get("k", load, 0);
    const b = cache.get("k", load, 999);
    expect(b).toBe(a);
    expect(await a).toBe(1);
    expect(await cache.get("k", load, 1000)).toBe(2);
    expect(await cache.get("other", load, 1000)).toBe(3);
  });

  it("does not remember a failed load", async () => {
    const cache = ttlCache<string, number>(1000);
    await expect(cache.get("k", () => Promise.reject(new Error("database down")), 0)).rejects.toThrow("database down");
    expect(await cache.get("k", async () => 7, 1)).toBe(7);
  });

  it("forgets everything on clear", async () => {
    const cache = ttlCache<string, number>(60_000);
    expect(await cache.get("k", async () => 1, 0)).toBe(1);
    cache.clear();
    expect(await cache.get("k", async () => 2, 1)).toBe(2);
  });
});
