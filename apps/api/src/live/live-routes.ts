import { AppError, errorEnvelopeSchema } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Counter, Gauge } from "prom-client";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import type { ApiDependencies } from "../dependencies";
import { requires } from "../http/route-access";
import { createEventHub } from "./event-hub";
import { createLiveAccess } from "./live-access";
import { defaultLiveConnectionSettings, LiveConnection, type LiveConnectionSettings } from "./live-connection";

const errors = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema, 426: errorEnvelopeSchema, 429: errorEnvelopeSchema };

const querystring = z.object({
  workspaceId: z
    .string()
    .regex(/^ws_[0-9a-z]{26}$/, "not a workspace id")
    .optional()
    .describe("Only this workspace's events (the caller must be able to read it)"),
});

/**
 * `GET /api/v1/organizations/:orgId/events`: the organization's live events over a WebSocket
 * (protocol in docs/live-updates.md). The upgrade request is an ordinary authorized request —
 * `organization:read` on the path's organization, with the bearer token (CLI) or the session
 * cookie (dashboard) — so a stranger gets 404 and no token 401 before any upgrade.
 */
export function registerLiveRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDependencies, "events" | "logger" | "config" | "identity" | "tenancy" | "metrics">,
): void {
  const settings: LiveConnectionSettings = {
    ...defaultLiveConnectionSettings,
    heartbeatMs: deps.config.live.heartbeatMs,
    recheckMs: deps.config.live.recheckMs,
    accessCacheMs: Math.min(defaultLiveConnectionSettings.accessCacheMs, deps.config.live.recheckMs),
  };
  const { authorizer } = deps.tenancy;
  const hub = createEventHub({ events: deps.events, logger: deps.logger });
  const socketsPerUser = new Map<string, number>();
  const openSockets = new Gauge({ name: "hks_live_connections", help: "Open live-updates sockets on this replica", registers: [deps.metrics] });
  const endedSockets = new Counter({ name: "hks_live_connections_ended_total", help: "Live-updates sockets ended, by why", labelNames: ["ending"] as const, registers: [deps.metrics] });
  app.addHook("onClose", async () => hub.close());

  const zod = app.withTypeProvider<ZodTypeProvider>();
  zod.route({
    method: "GET",
    url: "/api/v1/organizations/:orgId/events",
    config: { access: requires("organization:read") },
    schema: {
      tags: ["live"],
      summary: "Live events of the organization (WebSocket)",
      description:
        "Connect with a WebSocket (`Upgrade: websocket`). Text frames carry JSON: a `ready` frame, then `workspace.status`, " +
        "`project.status` and `task.progress` events the caller may see, `heartbeat` frames and, after the server lost " +
        "events, `resync`. A plain HTTP request is answered 426. Close codes: 1001 shutdown, 1011 internal, 4401 session " +
        "ended, 4403 access revoked, 4429 too slow. See docs/live-updates.md.",
      params: z.object({ orgId: z.string() }),
      querystring,
      response: errors,
    },
    preHandler: async (request) => {
      const { userId } = actorOf(request);
      if (request.query.workspaceId) {
        await authorizer.authorize(userId, "workspace:read", { organizationId: request.params.orgId, workspaceId: request.query.workspaceId });
      }
      if ((socketsPerUser.get(userId) ?? 0) >= deps.config.live.maxConnectionsPerUser) {
        throw new AppError("RATE_LIMITED", `At most ${deps.config.live.maxConnectionsPerUser} live connections per user; close one first`);
      }
    },
    handler: async (_request, reply) => {
      void reply.header("upgrade", "websocket");
      throw new AppError("UPGRADE_REQUIRED", "This endpoint streams events over a WebSocket: connect with `Upgrade: websocket`");
    },
    wsHandler: (socket, request) => {
      // The request now lives on as a socket: the handler time limit no longer applies.
      clearTimeout(request.timeoutTimer);
      const actor = actorOf(request);
      const organizationId = request.params.orgId;
      const workspaceId = request.query.workspaceId ?? null;
      const log = deps.logger.child({ userId: actor.userId, organizationId, requestId: request.id });
      socketsPerUser.set(actor.userId, (socketsPerUser.get(actor.userId) ?? 0) + 1);
      openSockets.inc();
      const openedAt = Date.now();
      let leave: (() => Promise<void>) | undefined;

      const connection = new LiveConnection({
        socket,
        access: createLiveAccess({ authorizer, liveness: deps.identity.liveness, actor, organizationId, workspaceId, cacheMs: settings.accessCacheMs }),
        organizationId,
        workspaceId,
        settings,
        logger: log,
        onEnd: (ending) => {
          const left = (socketsPerUser.get(actor.userId) ?? 1) - 1;
          if (left > 0) socketsPerUser.set(actor.userId, left);
          else socketsPerUser.delete(actor.userId);
          openSockets.dec();
          endedSockets.inc({ ending });
          log.info({ ending, seconds: Math.round((Date.now() - openedAt) / 1000) }, "events socket ended");
          void leave?.().catch((error: unknown) => log.warn({ err: error }, "could not leave the event hub"));
        },
      });
      socket.on("pong", () => connection.pong());
      socket.on("close", () => connection.end());
      // Clients only listen; anything they send is ignored (maxPayload bounds it).
      socket.on("message", () => {});
      log.info({ workspaceId, via: actor.via }, "events socket opened");

      hub.join(organizationId, connection).then(
        (unjoin) => {
          if (connection.isClosed) {
            void unjoin();
            return;
          }
          leave = unjoin;
          connection.start();
        },
        (error: unknown) => {
          log.error({ err: error }, "could not subscribe to the organization's events");
          connection.close("INTERNAL", "Could not subscribe to events; reconnect");
        },
      );
    },
  });
}
