import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { KeyedWorkQueue } from "../src/keyed-work-queue";

describe("KeyedWorkQueue", () => {
  it("runs one key serially and coalesces requests made while it runs into one more run", async () => {
    const runs: string[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const queue = new KeyedWorkQueue(
      async (key) => {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        runs.push(key);
        await sleep(20);
        concurrent--;
      },
      () => {},
    );
    queue.enqueue("a");
    queue.enqueue("a");
    queue.enqueue("a");
    await queue.idle();
    expect(runs).toEqual(["a", "a"]);
    expect(maxConcurrent).toBe(1);
  });

  it("runs different keys independently", async () => {
    let concurrent = 0;
    let maxConcurrent = 0;
    const queue = new KeyedWorkQueue(
      async () => {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await sleep(20);
        concurrent--;
      },
      () => {},
    );
    queue.enqueue("a");
    queue.enqueue("b");
    await queue.idle();
    expect(maxConcurrent).toBe(2);
  });

  it("retries a failing key with backoff and reports each failure", async () => {
    let attempts = 0;
    const errors: number[] = [];
    const queue = new KeyedWorkQueue(
      async () => {
        attempts++;
        if (attempts < 3) throw new Error("not yet");
      },
      (_key, _error, retryInMs) => errors.push(retryInMs),
      40,
    );
    queue.enqueue("a");
    for (let i = 0; i < 100 && attempts < 3; i++) await sleep(10);
    await queue.idle();
    expect(attempts).toBe(3);
    expect(errors).toEqual([40, 40]);
  });

  it("cancels pending retries when closed", async () => {
    let attempts = 0;
    const queue = new KeyedWorkQueue(
      async () => {
        attempts++;
        throw new Error("always");
      },
      () => {},
      20,
    );
    queue.enqueue("a");
    await queue.close();
    await sleep(60);
    expect(attempts).toBe(1);
  });
});
