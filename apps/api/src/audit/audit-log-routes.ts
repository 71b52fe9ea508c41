import { auditEventSchema, errorEnvelopeSchema, securityEventPageSchema } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, desc, eq, gte, inArray, like, lt, lte, or } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { accessOf } from "../authorization/authorization-hook";
import { decodeCursor, listQuerySchema, pageOf, pageSchema } from "../http/pagination";
import { requires } from "../http/route-access";

const auditQuerySchema = listQuerySchema.extend({
  type: z.string().max(100).regex(/^[a-z_.]+\*?$/, "an event type, optionally ending in * (e.g. auth.*)").optional(),
  actor: z.string().max(40).optional().describe("Only events by this user id"),
  target: z.string().max(60).optional().describe("Only events about this resource id"),
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  success: z.enum(["true", "false"]).optional(),
});

/** The organization's audit log for its administrators, newest first, filterable. */
export function registerAuditLogRoutes(app: FastifyInstance, db: Database): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/organizations/:orgId/audit-logs",
    {
      config: { access: requires("audit:read") },
      schema: {
        tags: ["audit"],
        summary: "Audit events of the organization",
        params: z.object({ orgId: z.string() }),
        querystring: auditQuerySchema,
        response: { 200: pageSchema(auditEventSchema), 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const q = request.query;
      const cursor = decodeCursor(q.cursor);
      const e = schema.auditEvents;
      const rows = await db
        .select()
        .from(e)
        .where(
          and(
            eq(e.organizationId, access.organizationId),
            q.type ? (q.type.endsWith("*") ? like(e.type, `${q.type.slice(0, -1)}%`) : eq(e.type, q.type)) : undefined,
            q.actor ? eq(e.actorUserId, q.actor) : undefined,
            q.target ? eq(e.targetId, q.target) : undefined,
            q.since ? gte(e.occurredAt, new Date(q.since)) : undefined,
            q.until ? lte(e.occurredAt, new Date(q.until)) : undefined,
            q.success ? eq(e.success, q.success === "true") : undefined,
            cursor ? lt(e.id, cursor.id) : undefined,
          ),
        )
        .orderBy(desc(e.id))
        .limit(q.limit + 1);
      const page = pageOf(rows, q.limit, (row) => ({ key: row.id, id: row.id }));
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((row) => ({
          id: row.id,
          type: row.type,
          success: row.success,
          occurredAt: row.occurredAt.toISOString(),
          actorUserId: row.actorUserId,
          targetType: row.targetType,
          targetId: row.targetId,
          ipAddress: row.ipAddress,
          requestId: row.requestId,
          errorCode: row.errorCode,
          metadata: row.metadata,
        })),
      };
    },
  );
}

/**
 * Sign-in and security events of the organization's members (§8: the view for organization
 * administrators). Users are not owned by one organization, so these events carry no
 * organization id; they are selected through current membership instead.
 */
export function registerMemberSecurityLogRoutes(app: FastifyInstance, db: Database): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/organizations/:orgId/security-logs",
    {
      config: { access: requires("audit:read") },
      schema: {
        tags: ["audit"],
        summary: "Sign-in and security events of the organization's members",
        params: z.object({ orgId: z.string() }),
        querystring: listQuerySchema.extend({ user: z.string().max(40).optional().describe("Only this member") }),
        response: { 200: securityEventPageSchema, 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const access = accessOf(request);
      const cursor = decodeCursor(request.query.cursor);
      const e = schema.auditEvents;
      const members = db
        .select({ id: schema.organizationMembers.userId })
        .from(schema.organizationMembers)
        .where(eq(schema.organizationMembers.organizationId, access.organizationId));
      const rows = await db
        .select()
        .from(e)
        .where(
          and(
            inArray(e.actorUserId, members),
            or(like(e.type, "auth.%"), like(e.type, "security.%")),
            request.query.user ? eq(e.actorUserId, request.query.user) : undefined,
            cursor ? lt(e.id, cursor.id) : undefined,
          ),
        )
        .orderBy(desc(e.id))
        .limit(request.query.limit + 1);
      const page = pageOf(rows, request.query.limit, (row) => ({ key: row.id, id: row.id }));
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((row) => ({
          id: row.id,
          type: row.type,
          success: row.success,
          occurredAt: row.occurredAt.toISOString(),
          ipAddress: row.ipAddress,
          userAgent: row.userAgent,
          provider: row.provider,
          sessionId: row.sessionId,
          errorCode: row.errorCode,
        })),
      };
    },
  );
}
