import { errorEnvelopeSchema, pageQuerySchema, securityEventPageSchema } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, desc, eq, like, lt, or } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { authenticatedAccess } from "../../http/route-access";
import { actorOf } from "../actor";

/** `GET /auth/security-logs`: the caller's own authentication and security events, newest first. */
export function registerSecurityLogRoutes(app: FastifyInstance, db: Database): void {
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
      const actor = actorOf(request);
      const events = schema.auditEvents;
      // Ids are time-ordered (UUIDv7 inside), so the last id of a page is a stable cursor.
      const rows = await db
        .select()
        .from(events)
        .where(
          and(
            eq(events.actorUserId, actor.userId),
            or(like(events.type, "auth.%"), like(events.type, "security.%")),
            request.query.cursor ? lt(events.id, request.query.cursor) : undefined,
          ),
        )
        .orderBy(desc(events.id))
        .limit(request.query.limit + 1);
      const page = rows.slice(0, request.query.limit);
      return {
        items: page.map((row) => ({
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
        nextCursor: rows.length > request.query.limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );
}
