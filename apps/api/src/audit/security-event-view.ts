import type { schema } from "@hks/db";

/** The API shape of a sign-in or security event (no metadata: it is for people checking access). */
export function toSecurityEvent(row: typeof schema.auditEvents.$inferSelect) {
  return {
    id: row.id,
    type: row.type,
    success: row.success,
    occurredAt: row.occurredAt.toISOString(),
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    provider: row.provider,
    sessionId: row.sessionId,
    errorCode: row.errorCode,
  };
}
