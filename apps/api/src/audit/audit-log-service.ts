import { schema, type Database } from "@hks/db";
import { and, desc, eq, gte, inArray, like, lt, lte, or } from "drizzle-orm";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { decodeCursor, pageOf } from "../http/pagination";

export interface OrganizationAuditQuery {
  limit: number;
  cursor?: string | undefined;
  /** An exact type, or a prefix ending in `*` (e.g. `organization.member.*`). */
  type?: string | undefined;
  actor?: string | undefined;
  target?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  success?: "true" | "false" | undefined;
}

type AuditEventRow = typeof schema.auditEvents.$inferSelect;

/**
 * Reading the audit trail, newest first with keyset pagination (ids are time-ordered): the
 * organization's own events for its administrators, and the sign-in and security events of its
 * members (users belong to no single organization, so those are found through membership).
 */
export function createAuditLogService(db: Database) {
  const e = schema.auditEvents;
  const page = async (where: ReturnType<typeof and>, limit: number, cursorValue: string | undefined) => {
    const cursor = decodeCursor(cursorValue);
    const rows = await db
      .select()
      .from(e)
      .where(and(where, cursor ? lt(e.id, cursor.id) : undefined))
      .orderBy(desc(e.id))
      .limit(limit + 1);
    return pageOf<AuditEventRow>(rows, limit, (row) => ({ key: row.id, id: row.id }));
  };

  return {
    organizationEvents(access: ResolvedAccess, query: OrganizationAuditQuery) {
      return page(
        and(
          eq(e.organizationId, access.organizationId),
          query.type ? (query.type.endsWith("*") ? like(e.type, `${query.type.slice(0, -1)}%`) : eq(e.type, query.type)) : undefined,
          query.actor ? eq(e.actorUserId, query.actor) : undefined,
          query.target ? eq(e.targetId, query.target) : undefined,
          query.since ? gte(e.occurredAt, new Date(query.since)) : undefined,
          query.until ? lte(e.occurredAt, new Date(query.until)) : undefined,
          query.success ? eq(e.success, query.success === "true") : undefined,
        ),
        query.limit,
        query.cursor,
      );
    },

    /** A user's own sign-in and security events. */
    userSecurityEvents(userId: string, query: { limit: number; cursor?: string | undefined }) {
      return page(and(eq(e.actorUserId, userId), or(like(e.type, "auth.%"), like(e.type, "security.%"))), query.limit, query.cursor);
    },

    memberSecurityEvents(access: ResolvedAccess, query: { limit: number; cursor?: string | undefined; user?: string | undefined }) {
      const members = db
        .select({ id: schema.organizationMembers.userId })
        .from(schema.organizationMembers)
        .where(eq(schema.organizationMembers.organizationId, access.organizationId));
      return page(
        and(inArray(e.actorUserId, members), or(like(e.type, "auth.%"), like(e.type, "security.%")), query.user ? eq(e.actorUserId, query.user) : undefined),
        query.limit,
        query.cursor,
      );
    },
  };
}

export type AuditLogService = ReturnType<typeof createAuditLogService>;
