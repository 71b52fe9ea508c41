import type { AuditEventInput, AuditOrigin, AuditWriter } from "@hks/audit";
import type { Cache } from "@hks/cache";
import type { Database } from "@hks/db";

/**
 * Security violations are audited, but an attacker repeating one must not be able to flood the
 * audit table: the same violation from the same source is written at most once per window.
 */
export function createThrottledAudit(deps: { db: Database; cache: Cache; audit: AuditWriter; windowMs?: number }) {
  const windowMs = deps.windowMs ?? 60_000;
  return async (source: string, origin: AuditOrigin, event: AuditEventInput): Promise<void> => {
    const first = await deps.cache.setIfAbsent(`audit-throttle:${event.type}:${event.errorCode ?? ""}:${source}`, "1", { ttlMs: windowMs });
    if (first) await deps.audit.record(deps.db, origin, event);
  };
}

export type ThrottledAudit = ReturnType<typeof createThrottledAudit>;
