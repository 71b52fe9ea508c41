import type { Cache } from "./cache";

interface Entry {
  value: string;
  expiresAt: number | undefined;
}

/**
 * In-process cache for embedded mode (one process, nothing shared). Expiry is checked lazily on
 * access and swept periodically so abandoned keys do not pile up.
 */
export function createMemoryCache(options: { now?: () => number; sweepIntervalMs?: number } = {}): Cache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const sweeper = setInterval(() => {
    for (const key of entries.keys()) live(key);
  }, options.sweepIntervalMs ?? 60_000);
  sweeper.unref();

  return {
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, opts) {
      entries.set(key, { value, expiresAt: opts?.ttlMs === undefined ? undefined : now() + opts.ttlMs });
    },
    async setIfAbsent(key, value, opts) {
      if (live(key)) return false;
      entries.set(key, { value, expiresAt: now() + opts.ttlMs });
      return true;
    },
    async getDel(key) {
      const entry = live(key);
      entries.delete(key);
      return entry?.value ?? null;
    },
    async del(key) {
      const existed = live(key) !== undefined;
      entries.delete(key);
      return existed;
    },
    async increment(key, opts) {
      const entry = live(key);
      if (!entry) {
        entries.set(key, { value: "1", expiresAt: now() + opts.ttlMs });
        return { count: 1, ttlMs: opts.ttlMs };
      }
      const count = Number(entry.value) + 1;
      entry.value = String(count);
      return { count, ttlMs: entry.expiresAt === undefined ? opts.ttlMs : entry.expiresAt - now() };
    },
    async ttlMs(key) {
      const entry = live(key);
      if (!entry || entry.expiresAt === undefined) return null;
      return entry.expiresAt - now();
    },
    async ping() {},
    async close() {
      clearInterval(sweeper);
      entries.clear();
    },
  };
}
