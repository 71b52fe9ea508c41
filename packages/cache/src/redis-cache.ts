import { Redis } from "ioredis";
import type { Cache } from "./cache";

/**
 * Sets the TTL only when the counter is new, in the same round trip as the increment, so a crash
 * between INCR and PEXPIRE can never leave a counter that never expires.
 */
const INCREMENT_WITH_TTL = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

export function createRedisCache(options: { url: string; keyPrefix?: string; onConnectionError?: (error: Error) => void }): Cache {
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix ?? "hks:",
    lazyConnect: false,
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
  });
  // ioredis reconnects by itself; without a listener it would print every failed attempt to stderr.
  // Commands issued meanwhile fail with their own errors, which callers handle.
  redis.on("error", (error: Error) => options.onConnectionError?.(error));
  redis.defineCommand("hksIncrementWithTtl", { numberOfKeys: 1, lua: INCREMENT_WITH_TTL });

  return {
    async get(key) {
      return redis.get(key);
    },
    async set(key, value, opts) {
      if (opts?.ttlMs === undefined) await redis.set(key, value);
      else await redis.set(key, value, "PX", opts.ttlMs);
    },
    async setIfAbsent(key, value, opts) {
      return (await redis.set(key, value, "PX", opts.ttlMs, "NX")) === "OK";
    },
    async getDel(key) {
      return redis.getdel(key);
    },
    async del(key) {
      return (await redis.del(key)) > 0;
    },
    async increment(key, opts) {
      const [count, ttl] = (await (redis as unknown as {
        hksIncrementWithTtl(key: string, ttlMs: number): Promise<[number, number]>;
      }).hksIncrementWithTtl(key, opts.ttlMs));
      return { count, ttlMs: ttl < 0 ? opts.ttlMs : ttl };
    },
    async ttlMs(key) {
      const ttl = await redis.pttl(key);
      return ttl < 0 ? null : ttl;
    },
    async ping() {
      await redis.ping();
    },
    async close() {
      await redis.quit();
    },
  };
}
