import { openBackingServices } from "@hks/backing-services";
import { loadConfigOrExit } from "@hks/config";
import { createLogger, createMetricsRegistry } from "@hks/observability";
import { startBackgroundWork } from "./background/background-work";
import { createPlatformServices } from "./platform-services";
import { buildServer } from "./server";

const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: "api" });

process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled promise rejection"));

const services = await openBackingServices(config, logger);
const metrics = createMetricsRegistry({ prefix: "hks_api_" });
const platform = await createPlatformServices(config, logger, services);
const app = await buildServer({ config, logger, metrics, ...platform, ...services });

// PGlite belongs to one process, so in embedded mode this process is the worker too.
const worker =
  config.mode === "embedded"
    ? await startBackgroundWork({ db: services.database.db, cache: services.cache, queue: services.queue, events: services.events, logger, platform, taskAckWaitMs: config.taskAckWaitMs })
    : undefined;

await app.listen({ host: config.http.host, port: config.http.port });
logger.info({ mode: config.mode, url: `http://${config.http.host}:${config.http.port}` }, "api listening");

let stopping = false;
/**
 * Graceful shutdown: stop accepting connections, let in-flight requests finish (Fastify's close
 * waits for them and answers 503 to new ones meanwhile), then stop the worker and close the
 * backing services. A hung request cannot hold the process forever: the grace period ends it.
 */
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => {
    logger.error({ graceMs: config.http.shutdownGraceMs }, "graceful shutdown timed out; exiting");
    process.exit(1);
  }, config.http.shutdownGraceMs);
  force.unref();
  await app.close();
  await worker?.stop();
  await services.close();
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
