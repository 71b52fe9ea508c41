import { errorEnvelopeSchema, revokedCountSchema, sessionListSchema, sessionUserSchema } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { authenticatedAccess } from "../../http/route-access";
import { actorOf } from "../actor";
import type { Identity } from "../identity";
import { requestOriginOf } from "../request-device";
import { clearSessionCookies } from "./auth-cookies";

const errors = { 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema, 429: errorEnvelopeSchema };

export function registerSessionRoutes(app: FastifyInstance, identity: Identity): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();

  zod.get(
    "/auth/me",
    {
      config: { access: authenticatedAccess },
      schema: { tags: ["auth"], summary: "The signed-in user", response: { 200: sessionUserSchema, ...errors } },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await identity.users.byId(actor.userId);
      return {
        id: user.id,
        email: user.email,
        name: user.displayName,
        avatarUrl: user.avatarUrl,
        provider: actor.provider,
        sessionId: actor.sessionId,
        organizationIds: actor.organizationIds,
      };
    },
  );

  zod.get(
    "/auth/sessions",
    {
      config: { access: authenticatedAccess },
      schema: { tags: ["auth"], summary: "My active sessions (devices)", response: { 200: sessionListSchema, ...errors } },
    },
    async (request) => {
      const actor = actorOf(request);
      const sessions = await identity.sessions.listActive(actor.userId);
      return {
        sessions: sessions.map((session) => ({
          id: session.id,
          current: session.id === actor.sessionId,
          provider: session.provider,
          client: session.client as "web" | "cli",
          userAgent: session.userAgent,
          ipAddress: session.ipAddress,
          lastSeenIp: session.live.lastSeenIp,
          createdAt: session.createdAt.toISOString(),
          lastSeenAt: new Date(session.live.lastSeenAt).toISOString(),
          expiresAt: session.absoluteExpiresAt.toISOString(),
        })),
      };
    },
  );

  zod.delete(
    "/auth/sessions/:id",
    {
      config: { access: authenticatedAccess },
      schema: {
        tags: ["auth"],
        summary: "Revoke one of my sessions",
        params: z.object({ id: z.string().regex(/^ses_[0-9a-z]{26}$/, "not a session id") }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await identity.sessions.revoke(actor.userId, request.params.id, "revoked_by_user", requestOriginOf(request));
      if (request.params.id === actor.sessionId) {
        await identity.liveness.revokeAccessToken(actor.tokenId, actor.tokenExpiresAt.getTime());
        clearSessionCookies(reply);
      }
      return reply.code(204).send(null);
    },
  );

  zod.post(
    "/auth/sessions/revoke-all",
    {
      config: { access: authenticatedAccess },
      schema: { tags: ["auth"], summary: "Revoke all my other sessions", response: { 200: revokedCountSchema, ...errors } },
    },
    async (request) => {
      const actor = actorOf(request);
      return { revoked: await identity.sessions.revokeOthers(actor.userId, actor.sessionId, requestOriginOf(request)) };
    },
  );
}
