import type { PlatformEvent } from "@hks/contracts";
import { connectPglite, migrateDatabase, newId, schema, type DatabaseHandle } from "@hks/db";
import { createMemoryEventBus, type EventBus } from "@hks/events";
import { createLogger } from "@hks/observability";
import { createMemoryQueue, type Queue, type QueueMessage } from "@hks/queue";
import { asc, isNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emitEvent } from "../live/platform-event";
import { startOutboxRelay } from "./outbox-relay";
import { TASKS_SUBJECT } from "./task-definition";

const logger = createLogger({ level: "silent", name: "outbox-relay-test" });
const orgId = "org_01jd0000000000000000000001";
const statusEvent = (status: string): PlatformEvent => ({ type: "workspace.status", organizationId: orgId, workspaceId: "ws_01jd0000000000000000000001", status, reason: null, at: "2026-01-01T00:00:00.000Z" });

async function eventually(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The outbox relay on PGlite with the in-process queue and bus: where each row goes, and when it counts as sent. */
describe("outbox relay routing", () => {
  let database: DatabaseHandle;
  let queue: Queue;
  let events: EventBus;
  let work: QueueMessage[];
  let heard: unknown[];

  const unpublished = async () => (await database.db.select().from(schema.outbox).where(isNull(schema.outbox.publishedAt)).orderBy(asc(schema.outbox.id))).map((row) => row.subject);
  const dispatch = (taskId: string) => ({ id: newId("outbox"), subject: TASKS_SUBJECT, payload: { taskId } });

  beforeAll(async () => {
    database = await connectPglite({});
    await migrateDatabase(database);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await database.db.delete(schema.outbox);
    queue = createMemoryQueue();
    events = createMemoryEventBus();
    work = [];
    heard = [];
    await queue.consume(TASKS_SUBJECT, async (message) => void work.push(message), { durable: "test", maxDeliver: 1, backoffMs: [] });
    await events.subscribe(`events.${orgId}`, (payload) => heard.push(payload));
  });

  it("sends events.* rows to the event bus and everything else to the work queue, then marks them", async () => {
    await database.db.transaction(async (tx) => {
      await tx.insert(schema.outbox).values(dispatch("task_1"));
      await emitEvent(tx, statusEvent("CONFIGURING"));
      await emitEvent(tx, statusEvent("RUNNING"));
    });
    const relay = startOutboxRelay({ db: database.db, queue, events, logger, intervalMs: 10 });
    await eventually("every row sent", async () => (await unpublished()).length === 0);
    await relay.stop();
    expect(heard).toEqual([statusEvent("CONFIGURING"), statusEvent("RUNNING")]);
    expect(work.map((message) => message.payload)).toEqual([{ taskId: "task_1" }]);
    // Nothing of the events went to the work queue: a consumer of their subject finds no backlog.
    const leaked: unknown[] = [];
    await queue.consume(`events.${orgId}`, async (message) => void leaked.push(message.payload), { durable: "probe", maxDeliver: 1, backoffMs: [] });
    expect(leaked).toEqual([]);
  });

  it("stops at the first row it cannot send: marks the ones before, keeps it and the ones after, in order", async () => {
    const closedBus = createMemoryEventBus();
    await closedBus.close();
    await database.db.transaction(async (tx) => {
      await tx.insert(schema.outbox).values(dispatch("task_before"));
      await emitEvent(tx, statusEvent("STUCK"));
      await tx.insert(schema.outbox).values(dispatch("task_after"));
    });
    const failing = startOutboxRelay({ db: database.db, queue, events: closedBus, logger, intervalMs: 10 });
    await failing.stop();
    expect(work.map((message) => message.payload)).toEqual([{ taskId: "task_before" }]);
    expect(await unpublished()).toEqual([`events.${orgId}`, TASKS_SUBJECT]);

    // Once the bus is back, the rest goes out in order.
    const relay = startOutboxRelay({ db: database.db, queue, events, logger, intervalMs: 10 });
    await eventually("the rest sent", async () => (await unpublished()).length === 0);
    await relay.stop();
    expect(heard).toEqual([statusEvent("STUCK")]);
    expect(work.map((message) => message.payload)).toEqual([{ taskId: "task_before" }, { taskId: "task_after" }]);
  });

  it("drops an event row with an invalid subject instead of blocking the rows behind it", async () => {
    await database.db.insert(schema.outbox).values([
      { id: newId("outbox"), subject: "events.org with spaces", payload: statusEvent("BAD") },
      dispatch("task_behind"),
    ]);
    const relay = startOutboxRelay({ db: database.db, queue, events, logger, intervalMs: 10 });
    await eventually("every row handled", async () => (await unpublished()).length === 0);
    await relay.stop();
    expect(work.map((message) => message.payload)).toEqual([{ taskId: "task_behind" }]);
    expect(heard).toEqual([]);
  });

  it("refuses to emit a malformed event in the caller's transaction", async () => {
    await expect(database.db.transaction((tx) => emitEvent(tx, { ...statusEvent("X"), at: "yesterday" }))).rejects.toThrow();
    await expect(database.db.transaction((tx) => emitEvent(tx, { ...statusEvent("X"), organizationId: "org with spaces" }))).rejects.toThrow("is not an event subject");
    expect(await unpublished()).toEqual([]);
  });
});
