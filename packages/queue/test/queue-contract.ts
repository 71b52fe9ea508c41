import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Queue, QueueMessage } from "../src";

/** Waits until `condition` holds, failing with `what` after `timeoutMs`. */
async function eventually(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The behaviour every Queue implementation must have. `create` receives a subject prefix unique to
 * this run, under which every subject the suite uses lives.
 */
export function describeQueueContract(name: string, create: (prefix: string) => Promise<Queue>): void {
  describe(`Queue contract: ${name}`, () => {
    const prefix = `contract${randomUUID().slice(0, 8)}`;
    let queue: Queue;
    let n = 0;
    const subject = () => `${prefix}.s${++n}`;
    const durable = () => `d${n}`;

    beforeAll(async () => {
      queue = await create(prefix);
    });
    afterAll(async () => {
      await queue.close();
    });

    it("delivers a published message with its payload to a consumer", async () => {
      const s = subject();
      const received: QueueMessage[] = [];
      const sub = await queue.consume(s, async (m) => void received.push(m), {
        durable: durable(),
        maxDeliver: 3,
        backoffMs: [10],
      });
      await queue.publish(s, { hello: "world", n: 1 }, { messageId: "m-1" });
      await eventually("delivery", () => received.length === 1);
      expect(received[0]).toMatchObject({ subject: s, payload: { hello: "world", n: 1 }, messageId: "m-1", deliveryCount: 1 });
      await sub.stop();
    });

    it("keeps messages published before a consumer exists", async () => {
      const s = subject();
      await queue.publish(s, { early: true });
      const received: unknown[] = [];
      const sub = await queue.consume(s, async (m) => void received.push(m.payload), {
        durable: durable(),
        maxDeliver: 1,
        backoffMs: [],
      });
      await eventually("backlog delivery", () => received.length === 1);
      expect(received).toEqual([{ early: true }]);
      await sub.stop();
    });

    it("drops a duplicate message id within the window", async () => {
      const s = subject();
      const id = randomUUID();
      const first = await queue.publish(s, { v: 1 }, { messageId: id });
      const second = await queue.publish(s, { v: 2 }, { messageId: id });
      expect(first.duplicate).toBe(false);
      expect(second.duplicate).toBe(true);
      const received: unknown[] = [];
      const sub = await queue.consume(s, async (m) => void received.push(m.payload), {
        durable: durable(),
        maxDeliver: 1,
        backoffMs: [],
      });
      await eventually("delivery", () => received.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toEqual([{ v: 1 }]);
      await sub.stop();
    });

    it("retries a failing handler with increasing delivery counts, then succeeds", async () => {
      const s = subject();
      const attempts: number[] = [];
      let done = false;
      const sub = await queue.consume(
        s,
        async (m) => {
          attempts.push(m.deliveryCount);
          if (m.deliveryCount < 3) throw new Error("transient");
          done = true;
        },
        { durable: durable(), maxDeliver: 5, backoffMs: [20, 40] },
      );
      await queue.publish(s, { job: 1 });
      await eventually("third attempt", () => done);
      expect(attempts).toEqual([1, 2, 3]);
      await sub.stop();
    });

    it("dead-letters after the last attempt and stops retrying", async () => {
      const s = subject();
      const attempts: number[] = [];
      const dead: { message: QueueMessage; error: unknown }[] = [];
      const sub = await queue.consume(
        s,
        async (m) => {
          attempts.push(m.deliveryCount);
          throw new Error(`boom ${m.deliveryCount}`);
        },
        {
          durable: durable(),
          maxDeliver: 2,
          backoffMs: [20],
          onDeadLetter: (message, error) => void dead.push({ message, error }),
        },
      );
      await queue.publish(s, { job: "doomed" });
      await eventually("dead letter", () => dead.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(attempts).toEqual([1, 2]);
      expect(dead[0]?.message.payload).toEqual({ job: "doomed" });
      expect(String(dead[0]?.error)).toContain("boom 2");
      await sub.stop();
    });

    it("gives each message to one consumer of a durable group", async () => {
      const s = subject();
      const d = durable();
      const seen: string[] = [];
      const handler = async (m: QueueMessage) => void seen.push((m.payload as { id: string }).id);
      const a = await queue.consume(s, handler, { durable: d, maxDeliver: 1, backoffMs: [] });
      const b = await queue.consume(s, handler, { durable: d, maxDeliver: 1, backoffMs: [] });
      const ids = Array.from({ length: 20 }, (_, i) => `job-${i}`);
      for (const id of ids) await queue.publish(s, { id });
      await eventually("all jobs", () => seen.length >= ids.length);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect([...seen].sort()).toEqual([...ids].sort());
      await a.stop();
      await b.stop();
    });

    it("answers ping", async () => {
      await expect(queue.ping()).resolves.toBeUndefined();
    });
  });
}
