import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cache } from "../src";

/** The behaviour every Cache implementation must have; run against each implementation. */
export function describeCacheContract(name: string, create: () => Promise<Cache> | Cache): void {
  describe(`Cache contract: ${name}`, () => {
    let cache: Cache;
    const key = (suffix: string) => `contract:${randomUUID()}:${suffix}`;

    beforeAll(async () => {
      cache = await create();
    });
    afterAll(async () => {
      await cache.close();
    });

    it("answers null for a missing key", async () => {
      expect(await cache.get(key("missing"))).toBeNull();
    });

    it("stores and reads a value", async () => {
      const k = key("set");
      await cache.set(k, "v1");
      expect(await cache.get(k)).toBe("v1");
      expect(await cache.ttlMs(k)).toBeNull();
    });

    it("expires a value after its TTL", async () => {
      const k = key("ttl");
      await cache.set(k, "v", { ttlMs: 60 });
      const ttl = await cache.ttlMs(k);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await cache.get(k)).toBeNull();
    });

    it("consumes a value exactly once with getDel", async () => {
      const k = key("getdel");
      await cache.set(k, "state", { ttlMs: 10_000 });
      const results = await Promise.all([cache.getDel(k), cache.getDel(k), cache.getDel(k)]);
      expect(results.filter((r) => r === "state")).toHaveLength(1);
      expect(await cache.get(k)).toBeNull();
    });

    it("stores with setIfAbsent only once", async () => {
      const k = key("nx");
      const results = await Promise.all([
        cache.setIfAbsent(k, "a", { ttlMs: 10_000 }),
        cache.setIfAbsent(k, "b", { ttlMs: 10_000 }),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(["a", "b"]).toContain(await cache.get(k));
    });

    it("deletes and reports whether the key existed", async () => {
      const k = key("del");
      await cache.set(k, "x");
      expect(await cache.del(k)).toBe(true);
      expect(await cache.del(k)).toBe(false);
    });

    it("counts increments in a window that expires", async () => {
      const k = key("incr");
      const counts = await Promise.all(Array.from({ length: 10 }, () => cache.increment(k, { ttlMs: 100 })));
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (const c of counts) {
        expect(c.ttlMs).toBeGreaterThan(0);
        expect(c.ttlMs).toBeLessThanOrEqual(100);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect((await cache.increment(k, { ttlMs: 100 })).count).toBe(1);
    });

    it("answers ping", async () => {
      await expect(cache.ping()).resolves.toBeUndefined();
    });
  });
}
