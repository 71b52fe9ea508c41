import { errorEnvelopeSchema, pageQuerySchema, securityEventPageSchema } from "@hks/contracts";
import type { Database } from "@hks/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { createAuditLogService } from "../../audit/audit-log-service";
import { toSecurityEvent } from "../../audit/security-event-view";
import { authenticatedAccess } from "../../http/route-access";
import { actorOf } from "../actor";

/** `GET /auth/security-logs`: the caller's own authentication and security events, newest first. */
export function registerSecurityLogRoutes(app: FastifyInstance, db: Database): void {
  const auditLog = createAuditLogService(db);
  app.withTypeProvider<ZodTypeProvider>().get(
    "/auth/security-logs",
    {
      config: { access: authenticatedAccess },
      schema: {
        tags: ["auth"],
        summary: "My security events (sign-ins, token use, session changes, violations)",
        querystring: pageQuerySchema,
        response: { 200: securityEventPageSchema, 401: errorEnvelopeSchema, 429: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const page = await auditLog.userSecurityEvents(actorOf(request).userId, request.query);
      return { nextCursor: page.nextCursor, items: page.items.map(toSecurityEvent) };
    },
  );
}
