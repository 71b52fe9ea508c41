import { createMemoryCache, type Cache } from "@hks/cache";
import { loadConfig } from "@hks/config";
import { connectPglite, migrateDatabase, type DatabaseHandle } from "@hks/db";
import { createMemoryEventBus, type EventBus } from "@hks/events";
import { createLogger, createMetricsRegistry } from "@hks/observability";
import { createMemoryQueue, type Queue } from "@hks/queue";
import type { FastifyInstance } from "fastify";
import type { ApiDependencies } from "../dependencies";
import { createPlatformServices } from "../platform-services";
import { buildServer } from "../server";
import type { TaskDefinition } from "../tasks/task-definition";

export interface TestServer {
  app: FastifyInstance;
  deps: ApiDependencies;
  close(): Promise<void>;
}

/**
 * A server on whatever backing services the caller gives, defaulting to the embedded ones
 * (in-memory PGlite, in-process cache, queue and event bus): the same code path as `npm start`. Tests and
 * benchmarks build servers through this, never by hand.
 */
export async function buildTestServer(options: {
  env?: Record<string, string>;
  database?: DatabaseHandle;
  cache?: Cache;
  queue?: Queue;
  events?: EventBus;
  beforeReady?: (app: FastifyInstance) => void;
  taskDefinitions?: TaskDefinition[];
} = {}): Promise<TestServer> {
  const config = loadConfig({ HKS_LOG_LEVEL: "silent", HKS_ENV: "test", HKS_MASTER_KEY: Buffer.alloc(32, 7).toString("base64"), ...options.env });
  const ownsDatabase = options.database === undefined;
  const database = options.database ?? (await connectPglite({}));
  if (ownsDatabase) await migrateDatabase(database);
  const cache = options.cache ?? createMemoryCache();
  const queue = options.queue ?? createMemoryQueue();
  const events = options.events ?? createMemoryEventBus();
  const logger = createLogger({ level: config.logLevel, name: "api-test" });
  const platform = await createPlatformServices(config, logger, { database, cache }, { taskDefinitions: options.taskDefinitions ?? [] });
  const deps: ApiDependencies = {
    config,
    logger,
    metrics: createMetricsRegistry({ prefix: "hks_test_", defaultMetrics: false }),
    database,
    cache,
    queue,
    events,
    ...platform,
  };
  const app = await buildServer(deps);
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    deps,
    async close() {
      await app.close();
      if (!options.queue) await queue.close();
      if (!options.events) await events.close();
      if (!options.cache) await cache.close();
      if (ownsDatabase) await database.close();
    },
  };
}
export { signInTestUser, type SignedInTestUser } from "./signed-in-user";
