import { PLATFORM_VERSION, livenessSchema, readinessSchema } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { ApiDependencies } from "../dependencies";
import { publicAccess } from "../http/route-access";
import { checkReadiness } from "./dependency-checks";

const startedAt = Date.now();

export function registerHealthRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDependencies, "database" | "cache" | "queue" | "events" | "config">,
): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();

  zod.get(
    "/health",
    {
      config: { access: publicAccess("liveness probe") },
      schema: {
        tags: ["system"],
        summary: "Liveness: the process is up and serving",
        response: { 200: livenessSchema },
      },
    },
    async () => ({
      status: "ok" as const,
      version: PLATFORM_VERSION,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    }),
  );

  zod.get(
    "/readyz",
    {
      config: { access: publicAccess("readiness probe") },
      schema: {
        tags: ["system"],
        summary: "Readiness: every configured dependency answers",
        description:
          "In embedded mode the cache and queue are in-process and always ready; in services mode " +
          "PostgreSQL, Redis and NATS (the JetStream work queue and the core NATS event bus, on separate " +
          "connections) are each pinged with a short timeout. 503 when any fails.",
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (_request, reply) => {
      const embedded = deps.config.mode === "embedded";
      const readiness = await checkReadiness(
        {
          database: () => deps.database.ping(),
          redis: embedded ? undefined : () => deps.cache.ping(),
          nats: embedded ? undefined : () => deps.queue.ping(),
          events: embedded ? undefined : () => deps.events.ping(),
        },
        2_000,
      );
      return reply.code(readiness.status === "ready" ? 200 : 503).send(readiness);
    },
  );
}
