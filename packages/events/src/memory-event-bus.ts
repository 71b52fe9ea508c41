import { assertEventSubject, type EventBus, type EventHandler } from "./event-bus";

/**
 * The in-process bus for embedded mode, where the API, the outbox relay and every WebSocket live
 * in one process. Delivery is synchronous, in publication order; each subscriber gets its own copy
 * of the payload through JSON, as over NATS. It never loses its "connection", so it never reports
 * a gap.
 */
export function createMemoryEventBus(): EventBus {
  const handlers = new Map<string, Set<EventHandler>>();
  let closed = false;

  return {
    async publish(subject, payload) {
      assertEventSubject(subject);
      if (closed) throw new Error("event bus is closed");
      const json = JSON.stringify(payload);
      if (json === undefined) throw new Error("event payload is not JSON-serializable");
      for (const handler of [...(handlers.get(subject) ?? [])]) {
        try {
          handler(JSON.parse(json));
        } catch {
          // A failing subscriber loses its own event, never anyone else's.
        }
      }
    },

    async subscribe(subject, handler) {
      assertEventSubject(subject);
      if (closed) throw new Error("event bus is closed");
      // A wrapper per subscription, so subscribing the same function twice gives two deliveries.
      const entry: EventHandler = (payload) => handler(payload);
      const set = handlers.get(subject) ?? new Set<EventHandler>();
      set.add(entry);
      handlers.set(subject, set);
      return {
        async unsubscribe() {
          set.delete(entry);
          if (set.size === 0 && handlers.get(subject) === set) handlers.delete(subject);
        },
      };
    },

    onGap() {
      return () => {};
    },

    async ping() {
      if (closed) throw new Error("event bus is closed");
    },

    async close() {
      closed = true;
      handlers.clear();
    },
  };
}
