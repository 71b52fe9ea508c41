import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JsMsg,
} from "@nats-io/jetstream";
import { headers, nanos } from "@nats-io/nats-core";
import { connect } from "@nats-io/transport-node";
import type { ConsumeOptions, MessageHandler, Queue, QueueMessage, Subscription } from "./queue";
import { retryDelay } from "./queue";

export interface JetStreamQueueOptions {
  url: string;
  /**
   * Prefix of every subject on the wire and name of the stream (`<NAMESPACE>_WORK`, capturing
   * `<namespace>.>`). Callers use short logical subjects ("work.tasks"); separate namespaces let
   * several platforms (or test runs) share one NATS server without overlapping streams.
   */
  namespace?: string;
  dedupWindowMs?: number;
  name?: string;
}

const MESSAGE_ID_HEADER = "Nats-Msg-Id";

/**
 * JetStream work queue: a stream with work-queue retention (a message is removed once acked), one
 * durable pull consumer per (durable, subject), explicit acks, `nak(delay)` for backoff and `term`
 * after the last attempt. Message ids use JetStream's own deduplication.
 */
export async function createJetStreamQueue(options: JetStreamQueueOptions): Promise<Queue & { destroy(): Promise<void> }> {
  const namespace = options.namespace ?? "hks";
  if (!/^[A-Za-z0-9_-]+$/.test(namespace)) throw new Error(`queue namespace "${namespace}" may hold only letters, digits, _ and -`);
  const streamName = `${namespace.toUpperCase().replace(/-/g, "_")}_WORK`;
  const subjects = [`${namespace}.>`];
  const wire = (subject: string) => `${namespace}.${subject}`;
  const logical = (subject: string) => subject.slice(namespace.length + 1);
  const nc = await connect({
    servers: options.url,
    name: options.name ?? "hexabase-kaas",
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
  const jsm = await jetstreamManager(nc);
  const streamConfig = {
    name: streamName,
    subjects,
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: nanos(options.dedupWindowMs ?? 120_000),
  };
  try {
    await jsm.streams.info(streamName);
    await jsm.streams.update(streamName, streamConfig);
  } catch {
    await jsm.streams.add(streamConfig);
  }
  const js = jetstream(nc);

  const toMessage = (msg: JsMsg): QueueMessage => ({
    subject: logical(msg.subject),
    payload: msg.json(),
    messageId: msg.headers?.get(MESSAGE_ID_HEADER) || undefined,
    deliveryCount: msg.info.deliveryCount,
  });

  return {
    async publish(subject, payload, opts) {
      const body = JSON.stringify(payload);
      if (opts?.messageId === undefined) {
        const ack = await js.publish(wire(subject), body);
        return { duplicate: ack.duplicate };
      }
      // The id travels as a header too so consumers can see it; msgID is what dedups.
      const h = headers();
      h.set(MESSAGE_ID_HEADER, opts.messageId);
      const ack = await js.publish(wire(subject), body, { msgID: opts.messageId, headers: h });
      return { duplicate: ack.duplicate };
    },

    async consume(subject, handler: MessageHandler, consumeOptions: ConsumeOptions): Promise<Subscription> {
      // A consumer name may not contain '.', '*' or '>'; the durable plus the subject keeps
      // consumers of different subjects on the same work-queue stream non-overlapping.
      const durableName = `${consumeOptions.durable}_${subject}`.replace(/[.*>\s]/g, "_");
      const ackWaitMs = consumeOptions.ackWaitMs ?? 60_000;
      const consumerConfig = {
        durable_name: durableName,
        filter_subject: wire(subject),
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: nanos(ackWaitMs),
        // JetStream counts deliveries itself; one spare delivery lets the last failure be
        // handled here (dead-lettered and terminated) rather than silently dropped.
        max_deliver: consumeOptions.maxDeliver + 1,
      };
      try {
        await jsm.consumers.info(streamName, durableName);
        await jsm.consumers.update(streamName, durableName, consumerConfig);
      } catch {
        await jsm.consumers.add(streamName, consumerConfig);
      }
      const consumer = await js.consumers.get(streamName, durableName);
      const messages = await consumer.consume({ max_messages: 16 });
      const inFlight = new Set<Promise<void>>();

      const handle = async (msg: JsMsg): Promise<void> => {
        const message = toMessage(msg);
        // While the handler runs, tell JetStream it is still being worked on: only a consumer
        // that died stops doing so, and only its messages are redelivered after the ack wait.
        const stillWorking = setInterval(() => msg.working(), Math.max(500, Math.floor(ackWaitMs / 3)));
        try {
          await handler(message);
          msg.ack();
        } catch (error) {
          if (message.deliveryCount >= consumeOptions.maxDeliver) {
            await consumeOptions.onDeadLetter?.(message, error);
            msg.term("handler failed on the last attempt");
          } else {
            msg.nak(retryDelay(consumeOptions.backoffMs, message.deliveryCount));
          }
        } finally {
          clearInterval(stillWorking);
        }
      };

      const loop = (async () => {
        for await (const msg of messages) {
          const run = handle(msg);
          inFlight.add(run);
          void run.finally(() => inFlight.delete(run));
        }
      })();

      return {
        async stop() {
          messages.stop();
          await loop;
          await Promise.allSettled([...inFlight]);
        },
      };
    },

    async ping() {
      await nc.flush();
    },

    async close() {
      await nc.drain();
    },

    /** Removes the stream and its consumers (for tests and tear-down; never on shutdown). */
    async destroy() {
      await jsm.streams.delete(streamName);
      await nc.drain();
    },
  };
}
