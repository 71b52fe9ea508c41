import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventBus } from "../src";

/** Waits until `condition` holds, failing with `what` after `timeoutMs`. */
export async function eventually(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The behaviour every EventBus implementation must have. `create` receives a namespace unique to
 * this run; buses created with the same namespace are peers (replicas of one platform).
 */
export function describeEventBusContract(name: string, create: (namespace: string) => Promise<EventBus>): void {
  describe(`EventBus contract: ${name}`, () => {
    const namespace = `contract-${randomUUID().slice(0, 8)}`;
    let bus: EventBus;
    let n = 0;
    const subject = () => `events.s${++n}`;

    beforeAll(async () => {
      bus = await create(namespace);
    });
    afterAll(async () => {
      await bus.close();
    });

    it("delivers every event to every subscriber of the subject, in publication order", async () => {
      const s = subject();
      const first: unknown[] = [];
      const second: unknown[] = [];
      const a = await bus.subscribe(s, (payload) => first.push(payload));
      const b = await bus.subscribe(s, (payload) => second.push(payload));
      const events = Array.from({ length: 20 }, (_, i) => ({ n: i, nested: { at: "2026-01-01T00:00:00.000Z", list: [i] } }));
      for (const event of events) await bus.publish(s, event);
      await eventually("both subscribers", () => first.length === events.length && second.length === events.length);
      expect(first).toEqual(events);
      expect(second).toEqual(events);
      await a.unsubscribe();
      await b.unsubscribe();
    });

    it("delivers nothing published on other subjects", async () => {
      const mine = subject();
      const other = subject();
      const received: unknown[] = [];
      const sub = await bus.subscribe(mine, (payload) => received.push(payload));
      await bus.publish(other, { for: "someone else" });
      await bus.publish(`${mine}.deeper`, { for: "a longer subject" });
      await bus.publish(mine, { for: "me" });
      await eventually("my event", () => received.length >= 1);
      // Order is kept per publisher: had the other events been delivered, they would be first.
      expect(received).toEqual([{ for: "me" }]);
      await sub.unsubscribe();
    });

    it("keeps nothing: a subscriber never sees events published before it subscribed", async () => {
      const s = subject();
      await bus.publish(s, { early: true });
      const received: unknown[] = [];
      const sub = await bus.subscribe(s, (payload) => received.push(payload));
      await bus.publish(s, { late: true });
      await eventually("the late event", () => received.length >= 1);
      expect(received).toEqual([{ late: true }]);
      await sub.unsubscribe();
    });

    it("stops delivering to a subscription after unsubscribe, and only to it", async () => {
      const s = subject();
      const leaving: unknown[] = [];
      const staying: unknown[] = [];
      const gone = await bus.subscribe(s, (payload) => leaving.push(payload));
      const kept = await bus.subscribe(s, (payload) => staying.push(payload));
      await bus.publish(s, { n: 1 });
      await eventually("the first event", () => leaving.length === 1 && staying.length === 1);
      await gone.unsubscribe();
      await bus.publish(s, { n: 2 });
      await bus.publish(s, { n: 3 });
      await eventually("the later events", () => staying.length === 3);
      expect(leaving).toEqual([{ n: 1 }]);
      expect(staying).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      await kept.unsubscribe();
    });

    it("gives each subscriber its own copy, and a throwing subscriber loses only its own event", async () => {
      const s = subject();
      const calm: unknown[] = [];
      let throws = 0;
      const a = await bus.subscribe(s, (payload) => {
        (payload as { n: number }).n = -1;
        throws++;
        throw new Error("subscriber bug");
      });
      const b = await bus.subscribe(s, (payload) => calm.push(payload));
      await bus.publish(s, { n: 1 });
      await bus.publish(s, { n: 2 });
      await eventually("both events", () => calm.length === 2 && throws === 2);
      expect(calm).toEqual([{ n: 1 }, { n: 2 }]);
      await a.unsubscribe();
      await b.unsubscribe();
    });

    it("refuses wildcard and malformed subjects and payloads that are not JSON", async () => {
      for (const bad of ["events.*", "events.>", "", "events..x", "has space", "events.org/1"]) {
        await expect(bus.publish(bad, {})).rejects.toThrow("is not an event subject");
        await expect(bus.subscribe(bad, () => {})).rejects.toThrow("is not an event subject");
      }
      await expect(bus.publish(subject(), { big: BigInt(1) })).rejects.toThrow();
      await expect(bus.publish(subject(), undefined)).rejects.toThrow("not JSON-serializable");
    });

    it("answers ping, and refuses to publish once closed", async () => {
      await expect(bus.ping()).resolves.toBeUndefined();
      const other = await create(namespace);
      await other.publish(subject(), { before: "close" });
      await other.close();
      await expect(other.publish(subject(), { after: "close" })).rejects.toThrow();
    });
  });
}
