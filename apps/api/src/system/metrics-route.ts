import type { FastifyInstance } from "fastify";
import type { Registry } from "prom-client";
import { publicAccess } from "../http/route-access";

/**
 * Prometheus scrape endpoint. Operators usually keep it off the public load balancer; it carries
 * no tenant data, only request counts and latencies by route template.
 */
export function registerMetricsRoute(app: FastifyInstance, registry: Registry): void {
  app.get(
    "/metrics",
    {
      config: { access: publicAccess("scraped by Prometheus; no tenant data") },
      schema: { tags: ["system"], summary: "Prometheus metrics (text exposition format)" },
    },
    async (_request, reply) => {
      const body = await registry.metrics();
      return reply.type(registry.contentType).send(body);
    },
  );
}
