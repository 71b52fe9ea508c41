import { createMemoryCache, createRedisCache, type Cache } from "@hks/cache";
import type { Config } from "@hks/config";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "@hks/db";
import { createMemoryEventBus, createNatsEventBus, type EventBus } from "@hks/events";
import type { Logger } from "@hks/observability";
import { createJetStreamQueue, createMemoryQueue, type Queue } from "@hks/queue";

export interface BackingServices {
  database: DatabaseHandle;
  cache: Cache;
  queue: Queue;
  /** Broadcast events for live updates (core NATS in services mode, in-process when embedded). */
  events: EventBus;
  /** Closes everything opened here, in reverse order; safe to call once on shutdown. */
  close(): Promise<void>;
}

/**
 * Opens the database, cache, queue and event bus the config asks for: the real PostgreSQL, Redis,
 * NATS JetStream and core NATS in services mode, or PGlite with in-process adapters in embedded
 * mode. Pending migrations are applied here so a process never serves on an old schema.
 */
export async function openBackingServices(config: Config, logger: Logger): Promise<BackingServices> {
  const opened: { close(): Promise<void> }[] = [];
  try {
    const database = await openDatabase(config);
    opened.push(database);
    const started = performance.now();
    const { applied } = await migrateDatabase(database);
    logger.info(
      { database: database.kind, migrationsApplied: applied, ms: Math.round(performance.now() - started) },
      "database ready",
    );

    const cache: Cache = config.redisUrl ? createRedisCache({ url: config.redisUrl, onConnectionError: (error) => logger.warn({ err: error }, "redis connection problem; reconnecting") }) : createMemoryCache();
    opened.push(cache);
    await cache.ping();

    const queue: Queue = config.natsUrl
      ? await createJetStreamQueue({ url: config.natsUrl, name: "hexabase-kaas", namespace: config.natsNamespace })
      : createMemoryQueue();
    opened.push(queue);

    const events: EventBus = config.natsUrl
      ? await createNatsEventBus({ url: config.natsUrl, name: "hexabase-kaas-events" })
      : createMemoryEventBus();
    opened.push(events);

    logger.info({ mode: config.mode }, "backing services ready");
    return {
      database,
      cache,
      queue,
      events,
      async close() {
        for (const resource of opened.reverse()) {
          await resource.close().catch((error: unknown) => logger.warn({ err: error }, "error while closing"));
        }
      },
    };
  } catch (error) {
    for (const resource of opened.reverse()) await resource.close().catch(() => {});
    throw error;
  }
}
