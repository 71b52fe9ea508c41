import { randomUUID } from "node:crypto";
import { createJetStreamQueue } from "@hks/queue";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { describe, expect, it } from "vitest";
import { createNatsEventBus, type EventBus } from "../src";
import { describeEventBusContract, eventually } from "./event-bus-contract";

function natsUrl(): string {
  const url = process.env.NATS_URL;
  if (!url) throw new Error("NATS_URL is not set: run integration tests through `npm test`");
  return url;
}

describeEventBusContract("core NATS", async (namespace) => createNatsEventBus({ url: natsUrl(), namespace }));

describe("core NATS event bus across processes", () => {
  const namespace = () => `bus-${randomUUID().slice(0, 8)}`;

  it("delivers an event from one replica to the subscribers of every other replica", async () => {
    const ns = namespace();
    const [publisher, replicaA, replicaB] = await Promise.all([0, 1, 2].map(() => createNatsEventBus({ url: natsUrl(), namespace: ns })));
    const atA: unknown[] = [];
    const atB: unknown[] = [];
    await replicaA!.subscribe("events.org_a", (payload) => atA.push(payload));
    await replicaB!.subscribe("events.org_a", (payload) => atB.push(payload));
    await publisher!.publish("events.org_a", { n: 1 });
    await publisher!.publish("events.org_a", { n: 2 });
    await eventually("both replicas", () => atA.length === 2 && atB.length === 2);
    expect(atA).toEqual([{ n: 1 }, { n: 2 }]);
    expect(atB).toEqual(atA);
    await Promise.all([publisher, replicaA, replicaB].map((bus) => bus!.close()));
  });

  it("keeps namespaces apart on one server", async () => {
    const mine = await createNatsEventBus({ url: natsUrl(), namespace: namespace() });
    const theirs = await createNatsEventBus({ url: natsUrl(), namespace: namespace() });
    const received: unknown[] = [];
    await mine.subscribe("events.org_x", (payload) => received.push(payload));
    // The other platform's publish is confirmed by the server before ours is sent, so had it
    // been routed to us it would have arrived first.
    await theirs.publish("events.org_x", { from: "another platform" });
    await mine.publish("events.org_x", { from: "us" });
    await eventually("our event", () => received.length >= 1);
    expect(received).toEqual([{ from: "us" }]);
    await mine.close();
    await theirs.close();
  });

  it("is never captured by the JetStream work stream of the same namespace", async () => {
    const ns = namespace();
    const queue = await createJetStreamQueue({ url: natsUrl(), namespace: ns });
    const bus = await createNatsEventBus({ url: natsUrl(), namespace: ns });
    const nc = await connect({ servers: natsUrl() });
    try {
      const jsm = await jetstreamManager(nc);
      // The work stream exists and captures `<ns>.>`; the bus's wire subject is outside it.
      await expect(jsm.streams.find(`${ns}.work.tasks`)).resolves.toBeTruthy();
      await expect(jsm.streams.find(`${ns}-broadcast.events.org_x`)).rejects.toThrow();
      await bus.publish("events.org_x", { n: 1 });
      const stream = await jsm.streams.find(`${ns}.work.tasks`);
      expect((await jsm.streams.info(stream)).state.messages).toBe(0);
    } finally {
      await nc.close();
      await bus.close();
      await queue.destroy();
    }
  });

  it("reports a gap after losing its connection, and its subscriptions work again afterwards", async () => {
    const ns = namespace();
    const subscriber = await createNatsEventBus({ url: natsUrl(), namespace: ns });
    const publisher: EventBus = await createNatsEventBus({ url: natsUrl(), namespace: ns });
    const received: unknown[] = [];
    let gaps = 0;
    subscriber.onGap(() => gaps++);
    await subscriber.subscribe("events.org_g", (payload) => received.push(payload));
    await subscriber.reconnect();
    await eventually("the gap notice", () => gaps === 1);
    // The client re-sends its subscriptions when it reconnects; a ping confirms the server has them.
    await subscriber.ping();
    await publisher.publish("events.org_g", { after: "reconnect" });
    await eventually("delivery after the reconnect", () => received.length > 0);
    expect(received[0]).toEqual({ after: "reconnect" });
    await subscriber.close();
    await publisher.close();
  });
});
