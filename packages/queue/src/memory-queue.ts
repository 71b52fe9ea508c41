import type { ConsumeOptions, MessageHandler, Queue, QueueMessage, Subscription } from "./queue";
import { retryDelay } from "./queue";

interface Group {
  subject: string;
  handler: MessageHandler;
  options: ConsumeOptions;
  inFlight: Set<Promise<void>>;
  stopped: boolean;
}

/**
 * In-process work queue for embedded mode. Messages published before anyone consumes wait in a
 * backlog, like a JetStream work-queue stream. Nothing survives a restart; in embedded mode the
 * database's outbox is the durable record, and the relay republishes what was not done.
 */
export function createMemoryQueue(options: { dedupWindowMs?: number; now?: () => number } = {}): Queue {
  const now = options.now ?? Date.now;
  const dedupWindowMs = options.dedupWindowMs ?? 120_000;
  const seenIds = new Map<string, number>();
  const backlog = new Map<string, QueueMessage[]>();
  const groups = new Map<string, Group>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const groupFor = (subject: string): Group | undefined =>
    [...groups.values()].find((group) => !group.stopped && group.subject === subject);

  const deliver = (group: Group, message: QueueMessage): void => {
    const run = (async () => {
      try {
        await group.handler(message);
      } catch (error) {
        if (message.deliveryCount >= group.options.maxDeliver) {
          await group.options.onDeadLetter?.(message, error);
          return;
        }
        const retry = { ...message, deliveryCount: message.deliveryCount + 1 };
        const timer = setTimeout(() => {
          timers.delete(timer);
          dispatch(retry);
        }, retryDelay(group.options.backoffMs, message.deliveryCount));
        timers.add(timer);
      }
    })();
    group.inFlight.add(run);
    void run.finally(() => group.inFlight.delete(run));
  };

  const dispatch = (message: QueueMessage): void => {
    if (closed) return;
    const group = groupFor(message.subject);
    if (group) deliver(group, message);
    else backlog.set(message.subject, [...(backlog.get(message.subject) ?? []), message]);
  };

  return {
    async publish(subject, payload, opts) {
      if (closed) throw new Error("queue is closed");
      const messageId = opts?.messageId;
      if (messageId !== undefined) {
        const seenAt = seenIds.get(messageId);
        if (seenAt !== undefined && now() - seenAt < dedupWindowMs) return { duplicate: true };
        seenIds.set(messageId, now());
      }
      // A structured clone mirrors the serialization a real broker does: consumers never share
      // an object with the publisher.
      dispatch({ subject, payload: structuredClone(payload), messageId, deliveryCount: 1 });
      return { duplicate: false };
    },
    async consume(subject, handler, consumeOptions): Promise<Subscription> {
      const group: Group = { subject, handler, options: consumeOptions, inFlight: new Set(), stopped: false };
      groups.set(`${consumeOptions.durable}:${subject}`, group);
      const waiting = backlog.get(subject) ?? [];
      backlog.delete(subject);
      for (const message of waiting) deliver(group, message);
      return {
        async stop() {
          group.stopped = true;
          groups.delete(`${consumeOptions.durable}:${subject}`);
          await Promise.allSettled([...group.inFlight]);
        },
      };
    },
    async ping() {
      if (closed) throw new Error("queue is closed");
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...groups.values()].flatMap((group) => [...group.inFlight]));
      groups.clear();
    },
  };
}
