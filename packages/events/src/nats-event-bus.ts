import { connect } from "@nats-io/transport-node";
import { assertEventSubject, type EventBus } from "./event-bus";

export interface NatsEventBusOptions {
  url: string;
  /**
   * Separates platforms (or test runs) sharing one NATS server. Events travel on the core NATS
   * subject `<namespace>-broadcast.<subject>`: a first token of their own, so the JetStream work
   * stream of the same namespace (which captures `<namespace>.>`) never stores them.
   */
  namespace?: string;
  name?: string;
  /** How long a publish (or subscribe) may wait for the server's acknowledgement of receipt. */
  timeoutMs?: number;
}

/**
 * Core NATS publish/subscribe, on a connection of its own (the work queue's JetStream connection
 * has different traffic and a different life cycle). Core NATS rather than JetStream because the
 * subscribers are live WebSockets that only care about what happens while they are connected:
 * nothing needs storing, acknowledging or replaying, and the database remains the record. The
 * price is at-most-once delivery per subscriber: events published while this process is cut off
 * from NATS are not delivered to it; it says so through `onGap` once it is back.
 *
 * `publish` resolves after a flush (a PING/PONG round trip), i.e. once the server has received
 * the message, so the outbox relay marks a row published only when NATS really has it.
 */
export async function createNatsEventBus(options: NatsEventBusOptions): Promise<EventBus & { reconnect(): Promise<void> }> {
  const namespace = options.namespace ?? "hks";
  if (!/^[A-Za-z0-9_-]+$/.test(namespace)) throw new Error(`event bus namespace "${namespace}" may hold only letters, digits, _ and -`);
  const wire = (subject: string) => `${namespace}-broadcast.${subject}`;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const nc = await connect({
    servers: options.url,
    name: options.name ?? "hexabase-kaas-events",
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
  const gapListeners = new Set<() => void>();

  const statusLoop = (async () => {
    for await (const status of nc.status()) {
      if (status.type !== "reconnect") continue;
      for (const listener of [...gapListeners]) {
        try {
          listener();
        } catch {
          // One listener's failure must not keep the others from hearing about the gap.
        }
      }
    }
  })();

  /** Resolves once the server has processed everything sent so far, or fails after the timeout. */
  const confirmed = async (what: string): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        nc.flush(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`NATS did not confirm the ${what} within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async publish(subject, payload) {
      assertEventSubject(subject);
      const json = JSON.stringify(payload);
      if (json === undefined) throw new Error("event payload is not JSON-serializable");
      nc.publish(wire(subject), json);
      await confirmed("publish");
    },

    async subscribe(subject, handler) {
      assertEventSubject(subject);
      const subscription = nc.subscribe(wire(subject), {
        callback: (error, message) => {
          if (error) return;
          let payload: unknown;
          try {
            payload = message.json();
          } catch {
            return; // not JSON: not one of ours
          }
          try {
            handler(payload);
          } catch {
            // A failing subscriber loses its own event, never anyone else's.
          }
        },
      });
      await confirmed("subscription");
      return {
        async unsubscribe() {
          if (!nc.isClosed() && !subscription.isClosed()) subscription.unsubscribe();
        },
      };
    },

    onGap(listener) {
      gapListeners.add(listener);
      return () => gapListeners.delete(listener);
    },

    async ping() {
      await confirmed("ping");
    },

    async close() {
      gapListeners.clear();
      if (!nc.isClosed() && !nc.isDraining()) await nc.drain();
      await statusLoop;
    },

    /** Drops and re-establishes the connection (tests use it to cause a gap). */
    async reconnect() {
      await nc.reconnect();
    },
  };
}
