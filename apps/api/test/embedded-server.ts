import { createMemoryCache } from "@hks/cache";
import { loadConfig } from "@hks/config";
import { connectPglite, migrateDatabase } from "@hks/db";
import { createLogger, createMetricsRegistry } from "@hks/observability";
import { createMemoryQueue } from "@hks/queue";
import type { FastifyInstance } from "fastify";
import type { ApiDependencies } from "../src/dependencies";
import { buildServer } from "../src/server";

/**
 * A server on the embedded adapters (in-memory PGlite, in-process cache and queue): the same code
 * path as `npm start` without services, fast enough for unit tests of HTTP behaviour.
 */
export async function buildEmbeddedTestServer(
  env: Record<string, string> = {},
  beforeReady?: (app: FastifyInstance) => void,
): Promise<{ app: FastifyInstance; deps: ApiDependencies; close(): Promise<void> }> {
  const config = loadConfig({ HKS_LOG_LEVEL: "silent", ...env });
  const database = await connectPglite({});
  await migrateDatabase(database);
  const deps: ApiDependencies = {
    config,
    logger: createLogger({ level: config.logLevel, name: "api-test" }),
    metrics: createMetricsRegistry({ prefix: "hks_test_", defaultMetrics: false }),
    database,
    cache: createMemoryCache(),
    queue: createMemoryQueue(),
  };
  const app = await buildServer(deps);
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    deps,
    async close() {
      await app.close();
      await deps.queue.close();
      await deps.cache.close();
      await database.close();
    },
  };
}
