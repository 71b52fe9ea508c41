import { buildTestServer } from "@hks/api/testing";
import { sampleMs, summarize, type BenchSuite } from "../bench-suite";

/**
 * The floor every endpoint stands on: the full Fastify pipeline (request id, async context,
 * security headers, origin policy, rate limit, metrics, access log, serialization) for a trivial
 * route, measured in-process with inject so the figure excludes the network.
 */
export const httpBaseline: BenchSuite = {
  name: "http-baseline",
  description: "API request pipeline overhead (GET /health and a 404 envelope, in-process)",
  async run() {
    const { app, close } = await buildTestServer({ env: { HKS_RATE_LIMIT_READ_PER_MINUTE: "1000000" } });
    try {
      const health = await sampleMs(() => app.inject({ method: "GET", url: "/health" }), 2000);
      const notFound = await sampleMs(() => app.inject({ method: "GET", url: "/no/such/route" }), 2000);
      return [summarize("GET /health", health), summarize("GET unknown route → 404 envelope", notFound)];
    } finally {
      await close();
    }
  },
};
