import { createPlatformServices, startBackgroundWork } from "@hks/api";
import { openBackingServices } from "@hks/backing-services";
import { loadConfigOrExit } from "@hks/config";
import { createLogger } from "@hks/observability";

// The standalone worker process (services mode): task consumers and scheduled maintenance. In
// embedded mode the API process runs the same background work, because PGlite cannot be shared
// between processes.
const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: "worker" });
if (config.mode === "embedded") {
  logger.error("the standalone worker needs DATABASE_URL, REDIS_URL and NATS_URL; in embedded mode the API runs the background work");
  process.exit(78);
}
const services = await openBackingServices(config, logger);
const platform = await createPlatformServices(config, logger, services);
const work = await startBackgroundWork({ db: services.database.db, cache: services.cache, queue: services.queue, events: services.events, logger, platform, taskAckWaitMs: config.taskAckWaitMs });
logger.info("worker started");

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => {
    logger.error("graceful shutdown timed out; exiting");
    process.exit(1);
  }, config.http.shutdownGraceMs);
  force.unref();
  await work.stop();
  await services.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
