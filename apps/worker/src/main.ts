import { openBackingServices } from "@hks/backing-services";
import { loadConfigOrExit } from "@hks/config";
import { createLogger } from "@hks/observability";
import { taskHandlers } from "./task-handlers";
import { startWorker } from "./worker";

// The standalone worker process (services mode). In embedded mode the API process runs the same
// worker in-process, because PGlite cannot be shared between processes.
const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel, name: "worker" });
if (config.mode === "embedded") {
  logger.error("the standalone worker needs DATABASE_URL, REDIS_URL and NATS_URL; in embedded mode the API runs the worker");
  process.exit(78);
}
const services = await openBackingServices(config, logger);
const worker = await startWorker({ queue: services.queue, logger, handlers: taskHandlers() });

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
  await worker.stop();
  await services.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
