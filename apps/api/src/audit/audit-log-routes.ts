import { auditEventSchema, errorEnvelopeSchema, securityEventPageSchema } from "@hks/contracts";
import type { Database } from "@hks/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { accessOf } from "../authorization/authorization-hook";
import { listQuerySchema, pageSchema } from "../http/pagination";
import { createAuditLogService } from "./audit-log-service";
import { toSecurityEvent } from "./security-event-view";
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
  const auditLog = createAuditLogService(db);
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
      const page = await auditLog.organizationEvents(accessOf(request), request.query);
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
  const auditLog = createAuditLogService(db);
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
      const page = await auditLog.memberSecurityEvents(accessOf(request), request.query);
      return { nextCursor: page.nextCursor, items: page.items.map(toSecurityEvent) };
    },
  );
}
