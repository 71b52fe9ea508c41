/**
 * A durable work queue: each message is handled by exactly one consumer of a durable group,
 * acknowledged when the handler returns, retried with backoff when it throws, and given up
 * (dead-lettered) after the last attempt. Publishing with a message id is idempotent within the
 * deduplication window, which is what lets an outbox relay publish the same row twice safely.
 *
 * Implementations: NATS JetStream for real deployments and an in-process queue for embedded mode;
 * both pass one contract suite.
 */
export interface Queue {
  publish(subject: string, payload: unknown, options?: { messageId?: string }): Promise<PublishResult>;
  consume(subject: string, handler: MessageHandler, options: ConsumeOptions): Promise<Subscription>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface PublishResult {
  /** True when a message with the same id was already accepted in the dedup window. */
  duplicate: boolean;
}

export interface QueueMessage {
  subject: string;
  payload: unknown;
  messageId: string | undefined;
  /** 1 on the first delivery, 2 on the first retry, … */
  deliveryCount: number;
}

export type MessageHandler = (message: QueueMessage) => Promise<void>;

export interface ConsumeOptions {
  /** Consumers sharing a durable name share the work; the name survives restarts. */
  durable: string;
  /** Total attempts including the first; after the last failure the message is dead-lettered. */
  maxDeliver: number;
  /** Delay before attempt n+1 is backoffMs[n-1] (the last entry repeats). */
  backoffMs: number[];
  /** How long a handler may run before the message is considered lost and redelivered. */
  ackWaitMs?: number;
  onDeadLetter?: (message: QueueMessage, error: unknown) => Promise<void> | void;
}

export interface Subscription {
  /** Stops taking new messages and waits for in-flight handlers to finish. */
  stop(): Promise<void>;
}

export function retryDelay(backoffMs: number[], deliveryCount: number): number {
  if (backoffMs.length === 0) return 0;
  return backoffMs[Math.min(deliveryCount - 1, backoffMs.length - 1)] ?? 0;
}
