import { boolean, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Who did what, when, from where, and whether it worked. Written in the same transaction as the
 * change it records; security violations that change nothing are written on their own.
 * `retainUntil` is fixed at write time from the event's retention class, so the retention job is
 * one indexed delete.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: text("id").primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Dotted event type, e.g. `auth.login.succeeded`, `security.refresh_token_reused`. */
    type: text("type").notNull(),
    /** `security` (kept 90 days), `failure` or `operation` (30 days). */
    retentionClass: text("retention_class").notNull(),
    success: boolean("success").notNull(),
    actorUserId: text("actor_user_id"),
    organizationId: text("organization_id"),
    targetType: text("target_type"),
    targetId: text("target_id"),
    sessionId: text("session_id"),
    provider: text("provider"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    errorCode: text("error_code"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    retainUntil: timestamp("retain_until", { withTimezone: true, mode: "date" }).notNull(),
  },
  (table) => [
    index("audit_events_actor_idx").on(table.actorUserId, table.occurredAt),
    index("audit_events_org_idx").on(table.organizationId, table.occurredAt),
    index("audit_events_retain_until_idx").on(table.retainUntil),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEventRow = typeof auditEvents.$inferInsert;
