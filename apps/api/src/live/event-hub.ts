import { platformEventSchema, type PlatformEvent } from "@hks/contracts";
import type { EventBus, EventSubscription } from "@hks/events";
import type { Logger } from "@hks/observability";
import { eventSubjectOf } from "./platform-event";

export interface HubListener {
  deliver(event: PlatformEvent): void;
  resync(reason: string): void;
}

interface OrganizationChannel {
  listeners: Set<HubListener>;
  subscribed: Promise<EventSubscription>;
}

/**
 * This replica's side of the event bus: one bus subscription per organization that has at least
 * one open socket here (however many sockets), fanned out to those sockets, and dropped with the
 * last of them. Payloads are checked against the event schema and against the organization of the
 * subject before any socket sees them. When the bus reports a gap, every socket is told to resync.
 */
export function createEventHub(deps: { events: EventBus; logger: Logger }) {
  const channels = new Map<string, OrganizationChannel>();

  const stopGapListener = deps.events.onGap(() => {
    deps.logger.warn({ organizations: channels.size }, "event bus reconnected; telling live sockets to re-read");
    for (const channel of channels.values()) {
      for (const listener of channel.listeners) listener.resync("The server lost its event stream for a while; re-read what you show");
    }
  });

  const open = (organizationId: string): OrganizationChannel => {
    const listeners = new Set<HubListener>();
    const subscribed = deps.events.subscribe(eventSubjectOf(organizationId), (payload) => {
      const parsed = platformEventSchema.safeParse(payload);
      if (!parsed.success || parsed.data.organizationId !== organizationId) {
        deps.logger.warn({ organizationId, issues: parsed.success ? "organization mismatch" : parsed.error.issues.slice(0, 3) }, "dropping a malformed live event");
        return;
      }
      for (const listener of [...listeners]) listener.deliver(parsed.data);
    });
    const channel = { listeners, subscribed };
    // A failed subscription must not be reused by the next socket.
    subscribed.catch(() => {
      if (channels.get(organizationId) === channel) channels.delete(organizationId);
    });
    return channel;
  };

  return {
    /**
     * Adds a listener for the organization's events; resolves once the bus subscription is
     * active (every event published after that reaches the listener) to a function that removes
     * the listener again.
     */
    async join(organizationId: string, listener: HubListener): Promise<() => Promise<void>> {
      let channel = channels.get(organizationId);
      if (!channel) {
        channel = open(organizationId);
        channels.set(organizationId, channel);
      }
      channel.listeners.add(listener);
      const joined = channel;
      try {
        await joined.subscribed;
      } catch (error) {
        joined.listeners.delete(listener);
        throw error;
      }
      let left = false;
      return async () => {
        if (left) return;
        left = true;
        joined.listeners.delete(listener);
        if (joined.listeners.size > 0 || channels.get(organizationId) !== joined) return;
        channels.delete(organizationId);
        await (await joined.subscribed).unsubscribe();
      };
    },

    /** Organizations with a live subscription on this replica (for tests and metrics). */
    get organizations(): number {
      return channels.size;
    },

    async close(): Promise<void> {
      stopGapListener();
      const open = [...channels.values()];
      channels.clear();
      await Promise.allSettled(open.map(async (channel) => (await channel.subscribed).unsubscribe()));
    },
  };
}

export type EventHub = ReturnType<typeof createEventHub>;
