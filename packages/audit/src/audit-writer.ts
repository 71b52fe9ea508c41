import { newId, schema, type Database } from "@hks/db";
import type { AuditEventInput, AuditOrigin, RetentionClass } from "./audit-event";
import { retentionClassOf } from "./audit-event";

export interface RetentionPolicy {
  /** Days each class is kept. */
  days: Record<RetentionClass, number>;
}

export const defaultRetentionPolicy: RetentionPolicy = { days: { security: 90, failure: 30, operation: 30 } };

/** A transaction handle or the database itself: the event joins whatever transaction it is given. */
export type AuditExecutor = Pick<Database, "insert">;

/**
 * Writes audit events. Callers pass their transaction, so the event commits or rolls back with
 * the change it describes; an event about a refused request (no change) is written on its own.
 */
export function createAuditWriter(policy: RetentionPolicy = defaultRetentionPolicy, now: () => Date = () => new Date()) {
  return {
    async record(executor: AuditExecutor, origin: AuditOrigin, event: AuditEventInput): Promise<string> {
      const id = newId("auditEvent");
      const occurredAt = now();
      const retentionClass = retentionClassOf(event);
      const retainUntil = new Date(occurredAt.getTime() + policy.days[retentionClass] * 86_400_000);
      await executor.insert(schema.auditEvents).values({
        id,
        occurredAt,
        type: event.type,
        retentionClass,
        success: event.success,
        actorUserId: event.actorUserId ?? null,
        organizationId: event.organizationId ?? null,
        targetType: event.targetType ?? null,
        targetId: event.targetId ?? null,
        sessionId: event.sessionId ?? null,
        provider: event.provider ?? null,
        errorCode: event.errorCode ?? null,
        ipAddress: origin.ipAddress,
        userAgent: origin.userAgent?.slice(0, 512) ?? null,
        requestId: origin.requestId,
        metadata: event.metadata ?? {},
        retainUntil,
      });
      return id;
    },
  };
}

export type AuditWriter = ReturnType<typeof createAuditWriter>;
