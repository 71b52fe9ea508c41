import { buildServer } from "@hks/api";
import { createMemoryCache } from "@hks/cache";
import { loadConfig } from "@hks/config";
import { connectPglite, migrateDatabase } from "@hks/db";
import { createLogger, createMetricsRegistry } from "@hks/observability";
import { createMemoryQueue } from "@hks/queue";
import { sampleMs, summarize, type BenchSuite } from "../bench-suite";

/**
 * The floor every endpoint stands on: the full Fastify pipeline (request id, async context,
 * metrics, access log, serialization) for a trivial route, measured in-process with inject so the
 * figure excludes the network.
 */
export const httpBaseline: BenchSuite = {
  name: "http-baseline",
  description: "API request pipeline overhead (GET /health and a 404 envelope, in-process)",
  async run() {
    const config = loadConfig({ HKS_LOG_LEVEL: "silent" });
    const database = await connectPglite({});
    await migrateDatabase(database);
    const app = await buildServer({
      config,
      logger: createLogger({ level: "silent", name: "bench" }),
      metrics: createMetricsRegistry({ prefix: "bench_", defaultMetrics: false }),
      database,
      cache: createMemoryCache(),
      queue: createMemoryQueue(),
    });
    await app.ready();
    try {
      const health = await sampleMs(() => app.inject({ method: "GET", url: "/health" }), 2000);
      const notFound = await sampleMs(() => app.inject({ method: "GET", url: "/no/such/route" }), 2000);
      return [summarize("GET /health", health), summarize("GET unknown route → 404 envelope", notFound)];
    } finally {
      await app.close();
      await database.close();
    }
  },
};
