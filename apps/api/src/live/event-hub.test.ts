import type { PlatformEvent } from "@hks/contracts";
import { createMemoryEventBus, type EventBus } from "@hks/events";
import { createLogger } from "@hks/observability";
import { beforeEach, describe, expect, it } from "vitest";
import { createEventHub, type HubListener } from "./event-hub";

const logger = createLogger({ level: "silent", name: "event-hub-test" });
const orgA = "org_01jd00000000000000000000aa";
const orgB = "org_01jd00000000000000000000bb";
const event = (organizationId: string, status: string): PlatformEvent => ({ type: "workspace.status", organizationId, workspaceId: "ws_01jd00000000000000000000aa", status, reason: null, at: "2026-01-01T00:00:00.000Z" });

class RecordingListener implements HubListener {
  events: PlatformEvent[] = [];
  resyncs: string[] = [];
  deliver(received: PlatformEvent) {
    this.events.push(received);
  }
  resync(reason: string) {
    this.resyncs.push(reason);
  }
  statuses() {
    return this.events.map((received) => received.status);
  }
}

/** An in-process bus whose "connection" the test can drop, to raise a gap. */
function busWithGaps(): EventBus & { gap(): void } {
  const inner = createMemoryEventBus();
  const listeners = new Set<() => void>();
  return {
    ...inner,
    onGap(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    gap() {
      for (const listener of listeners) listener();
    },
  };
}

describe("event hub", () => {
  let bus: ReturnType<typeof busWithGaps>;
  let hub: ReturnType<typeof createEventHub>;
  beforeEach(() => {
    bus = busWithGaps();
    hub = createEventHub({ events: bus, logger });
  });

  it("shares one subscription per organization among its sockets and drops it with the last", async () => {
    const first = new RecordingListener();
    const second = new RecordingListener();
    const other = new RecordingListener();
    const leaveFirst = await hub.join(orgA, first);
    const leaveSecond = await hub.join(orgA, second);
    const leaveOther = await hub.join(orgB, other);
    expect(hub.organizations).toBe(2);
    await bus.publish(`events.${orgA}`, event(orgA, "ONE"));
    await bus.publish(`events.${orgB}`, event(orgB, "B"));
    expect(first.statuses()).toEqual(["ONE"]);
    expect(second.statuses()).toEqual(["ONE"]);
    expect(other.statuses()).toEqual(["B"]);

    await leaveFirst();
    await leaveFirst();
    await bus.publish(`events.${orgA}`, event(orgA, "TWO"));
    expect(first.statuses()).toEqual(["ONE"]);
    expect(second.statuses()).toEqual(["ONE", "TWO"]);
    await leaveSecond();
    expect(hub.organizations).toBe(1);
    await leaveOther();
    expect(hub.organizations).toBe(0);

    // A later socket gets a fresh subscription.
    const late = new RecordingListener();
    await hub.join(orgA, late);
    await bus.publish(`events.${orgA}`, event(orgA, "THREE"));
    expect(late.statuses()).toEqual(["THREE"]);
  });

  it("drops payloads that are not events, or that name another organization than their subject", async () => {
    const listener = new RecordingListener();
    await hub.join(orgA, listener);
    await bus.publish(`events.${orgA}`, { type: "workspace.status", organizationId: orgA });
    await bus.publish(`events.${orgA}`, "hello");
    await bus.publish(`events.${orgA}`, event(orgB, "FOREIGN"));
    await bus.publish(`events.${orgA}`, event(orgA, "OK"));
    expect(listener.statuses()).toEqual(["OK"]);
  });

  it("tells every socket to resync when the bus reports a gap, and unsubscribes everything on close", async () => {
    const a = new RecordingListener();
    const b = new RecordingListener();
    await hub.join(orgA, a);
    await hub.join(orgB, b);
    bus.gap();
    expect(a.resyncs).toHaveLength(1);
    expect(b.resyncs).toEqual(a.resyncs);
    await hub.close();
    expect(hub.organizations).toBe(0);
    await bus.publish(`events.${orgA}`, event(orgA, "AFTER_CLOSE"));
    bus.gap();
    expect(a.events).toEqual([]);
    expect(a.resyncs).toHaveLength(1);
  });

  it("reports a failed subscription to the socket and does not reuse it", async () => {
    await bus.close();
    await expect(hub.join(orgA, new RecordingListener())).rejects.toThrow("closed");
    expect(hub.organizations).toBe(0);
  });
});
