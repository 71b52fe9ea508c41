import type { ConsumeOptions, MessageHandler } from "@hks/queue";

/**
 * One kind of background work: the subject it consumes and how it retries. Modules contribute
 * handlers (provisioning, reconciliation, billing sync, retention); the worker only runs them.
 */
export interface TaskHandler {
  subject: string;
  handle: MessageHandler;
  retry: Omit<ConsumeOptions, "durable">;
}
