import type { Logger } from "@hks/observability";
import type { Queue, Subscription } from "@hks/queue";
import type { TaskHandler } from "./task-handler";

export interface RunningConsumers {
  /** Stops taking work and waits for in-flight handlers, for a graceful shutdown. */
  stop(): Promise<void>;
}

/** All worker replicas share one durable group per subject, so each task runs once. */
const DURABLE_GROUP = "worker";

export async function startTaskConsumers(deps: { queue: Queue; logger: Logger; handlers: TaskHandler[] }): Promise<RunningConsumers> {
  const subscriptions: Subscription[] = [];
  for (const handler of deps.handlers) {
    subscriptions.push(
      await deps.queue.consume(handler.subject, handler.handle, {
        ...handler.retry,
        durable: DURABLE_GROUP,
        onDeadLetter: async (message, error) => {
          deps.logger.error({ subject: message.subject, messageId: message.messageId, err: error }, "task gave up");
          await handler.retry.onDeadLetter?.(message, error);
        },
      }),
    );
  }
  deps.logger.info({ subjects: deps.handlers.map((h) => h.subject) }, "task consumers started");
  return {
    async stop() {
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      deps.logger.info("task consumers stopped");
    },
  };
}
