import type { Cache } from "@hks/cache";
import type { Database } from "@hks/db";
import type { EventBus } from "@hks/events";
import type { Logger } from "@hks/observability";
import type { Queue } from "@hks/queue";
import type { PlatformServices } from "../platform-services";
import { startOutboxRelay } from "../tasks/outbox-relay";
import { TASKS_SUBJECT } from "../tasks/task-definition";
import { createTaskRunner } from "../tasks/task-runner";
import { reconcileJob, workspaceSyncHandler } from "../clusters/workspace-sync";
import { auditRetentionJob, signingKeyRotationJob } from "./maintenance-jobs";
import { startScheduler } from "./scheduler";
import { startTaskConsumers } from "./task-consumers";

/** Default delays between a task's attempts. */
const TASK_BACKOFF_MS = [1_000, 5_000, 15_000, 30_000, 60_000];

/**
 * Everything the worker does: relay the outbox to the queue and the event bus, run tasks, and run scheduled
 * maintenance. The worker process runs it in services mode; in embedded mode the API process
 * runs it beside the HTTP server.
 */
export async function startBackgroundWork(deps: {
  db: Database;
  cache: Cache;
  queue: Queue;
  events: EventBus;
  logger: Logger;
  platform: PlatformServices;
  taskBackoffMs?: number[];
  outboxIntervalMs?: number;
  /** How often every workspace's cluster is compared with the database (default: the config's). */
  reconcileIntervalMs?: number;
  /** Silence after which a task held by a worker is handed to another (see HKS_TASK_ACK_WAIT_SECONDS). */
  taskAckWaitMs?: number;
}) {
  const { identity, tasks, clusters } = deps.platform;
  const taskAckWaitMs = deps.taskAckWaitMs ?? 30_000;
  // The lease a worker holds on a running task lasts as long as the queue waits for a silent consumer.
  const runTask = createTaskRunner({ db: deps.db, registry: tasks.registry, audit: identity.audit, logger: deps.logger, leaseMs: taskAckWaitMs });
  const consumers = await startTaskConsumers({
    queue: deps.queue,
    logger: deps.logger,
    handlers: [
      {
        subject: TASKS_SUBJECT,
        handle: runTask,
        // The runner decides when a task has used up its attempts (and acknowledges it then);
        // the queue only paces the retries.
        retry: { maxDeliver: 1_000, backoffMs: deps.taskBackoffMs ?? TASK_BACKOFF_MS, ackWaitMs: taskAckWaitMs },
      },
      workspaceSyncHandler({ ...clusters.taskDeps, logger: deps.logger }),
    ],
  });
  const relay = startOutboxRelay({ db: deps.db, queue: deps.queue, events: deps.events, logger: deps.logger, ...(deps.outboxIntervalMs ? { intervalMs: deps.outboxIntervalMs } : {}) });
  const scheduler = startScheduler({
    cache: deps.cache,
    logger: deps.logger,
    jobs: [
      signingKeyRotationJob(identity.keys),
      auditRetentionJob(deps.db),
      reconcileJob({ ...clusters.taskDeps, logger: deps.logger, everyMs: deps.reconcileIntervalMs ?? clusters.reconcileIntervalMs }),
    ],
  });
  return {
    async stop() {
      await scheduler.stop();
      await relay.stop();
      await consumers.stop();
    },
  };
}
