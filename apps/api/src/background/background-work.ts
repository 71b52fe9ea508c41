import type { Cache } from "@hks/cache";
import type { Database } from "@hks/db";
import type { Logger } from "@hks/observability";
import type { Queue } from "@hks/queue";
import type { Identity } from "../auth/identity";
import { auditRetentionJob, signingKeyRotationJob } from "./maintenance-jobs";
import { startScheduler } from "./scheduler";
import { startTaskConsumers } from "./task-consumers";
import type { TaskHandler } from "./task-handler";

/**
 * Everything the worker does: consume tasks and run scheduled maintenance. The worker process
 * runs it in services mode; in embedded mode the API process runs it beside the HTTP server.
 */
export async function startBackgroundWork(deps: { db: Database; cache: Cache; queue: Queue; logger: Logger; identity: Identity }) {
  // Task handlers (provisioning, lifecycle, reconciliation) are contributed by their modules.
  const handlers: TaskHandler[] = [];
  const consumers = await startTaskConsumers({ queue: deps.queue, logger: deps.logger, handlers });
  const scheduler = startScheduler({
    cache: deps.cache,
    logger: deps.logger,
    jobs: [signingKeyRotationJob(deps.identity.keys), auditRetentionJob(deps.db)],
  });
  return {
    async stop() {
      await scheduler.stop();
      await consumers.stop();
    },
  };
}
