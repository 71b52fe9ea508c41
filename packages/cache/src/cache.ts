/**
 * The key-value store the platform needs from Redis: short-lived values with TTLs, atomic
 * take-once reads (OAuth `state`), set-if-absent (locks, one-time tokens) and counters that expire
 * (fixed-window rate limits). Two implementations pass one contract suite: Redis for real
 * deployments and an in-process map for the embedded single-process mode.
 */
export interface Cache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options?: { ttlMs?: number }): Promise<void>;
  /** Stores only when the key does not exist; true when this call stored it. */
  setIfAbsent(key: string, value: string, options: { ttlMs: number }): Promise<boolean>;
  /** Returns the value and deletes the key in one atomic step, so it can be consumed only once. */
  getDel(key: string): Promise<string | null>;
  del(key: string): Promise<boolean>;
  /**
   * Increments a counter, creating it at 1 with the given TTL. Returns the new count and the
   * milliseconds until the counter expires (what a 429's Retry-After is computed from).
   */
  increment(key: string, options: { ttlMs: number }): Promise<{ count: number; ttlMs: number }>;
  /** Milliseconds until the key expires; null when the key is absent or has no expiry. */
  ttlMs(key: string): Promise<number | null>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
