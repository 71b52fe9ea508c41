import { randomBytes } from "node:crypto";
import { createRedisCache } from "@hks/cache";
import { schema } from "@hks/db";
import { createTestDatabase, type TestDatabase } from "@hks/db/testing";
import { createJetStreamQueue } from "@hks/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackgroundWork } from "../../src/background/background-work";
import { enqueueTask } from "../../src/tasks/enqueue-task";
import type { TaskDefinition } from "../../src/tasks/task-definition";
import { buildTestServer, type TestServer } from "../../src/testing/embedded-server";
import { eventually } from "../support/eventually";

/** Behaviour the test steers per task, by the payload's `scenario`. */
const runs = new Map<string, number>();
let allowFixed = false;
let releaseSlowStep: () => void = () => {};

const definitions: TaskDefinition[] = [
  {
    kind: "test.three-steps",
    maxAttempts: 3,
    backoffMs: [],
    steps: ["prepare", "apply", "verify"].map((name) => ({
      name,
      async run(context) {
        const key = `${context.taskId}:${name}`;
        runs.set(key, (runs.get(key) ?? 0) + 1);
        const scenario = context.payload.scenario;
        if (scenario === "flaky" && name === "apply" && context.attempt < 3) throw new Error(`apply not ready yet (attempt ${context.attempt})`);
        if (scenario === "broken" && name === "verify" && !allowFixed) throw new Error("the host API server is unreachable");
        if (scenario === "slow" && name === "prepare") await new Promise<void>((resolve) => (releaseSlowStep = resolve));
      },
    })),
  },
];
const definition = definitions[0]!;


describe("task engine: outbox, relay, JetStream, steps, retries", () => {
  let database: TestDatabase;
  let server: TestServer;
  let work: { stop(): Promise<void> };
  let queue: Awaited<ReturnType<typeof createJetStreamQueue>>;
  let orgId: string;
  let owner: { userId: string; headers: Record<string, string> };
  const origin = { ipAddress: "127.0.0.1", userAgent: "test", requestId: null };

  const enqueue = async (scenario: string) =>
    database.db.transaction((tx) => enqueueTask(tx, server.deps.identity.audit, origin, definition, { organizationId: orgId, payload: { scenario }, createdBy: owner.userId }));
  const task = async (id: string) => (await server.app.inject({ method: "GET", url: `/api/v1/tasks/${id}`, headers: owner.headers })).json();
  const settled = (id: string, status: string) => eventually(`task ${status}`, async () => ((await task(id)).status === status ? task(id) : undefined));

  beforeAll(async () => {
    database = await createTestDatabase();
    const cache = createRedisCache({ url: process.env.REDIS_URL ?? "", keyPrefix: `hks-test-${randomBytes(4).toString("hex")}:` });
    queue = await createJetStreamQueue({ url: process.env.NATS_URL ?? "", namespace: `tasks-${randomBytes(4).toString("hex")}` });
    server = await buildTestServer({ database, cache, queue, taskDefinitions: definitions });
    work = await startBackgroundWork({ db: database.db, cache, queue, events: server.deps.events, logger: server.deps.logger, platform: server.deps, taskBackoffMs: [20], outboxIntervalMs: 20 });
    // A signed-in owner of an organization, through the real services.
    const user = (await database.db.insert(schema.users).values({ id: "usr_01jd00000000000000000taskx", email: "tasks@example.com", displayName: "Tasks" }).returning())[0]!;
    const { session, refreshToken } = await server.deps.identity.sessions.start({ userId: user.id, provider: "test", client: "cli", deviceId: "task-device-00000000", ip: "127.0.0.1", userAgent: "test" }, origin);
    const tokens = await server.deps.identity.tokens.pairFor({ userId: user.id, email: user.email }, session, refreshToken, "127.0.0.1");
    owner = { userId: user.id, headers: { authorization: `Bearer ${tokens.accessToken}`, "x-hks-device-id": "task-device-00000000" } };
    orgId = (await server.app.inject({ method: "POST", url: "/api/v1/organizations", headers: owner.headers, payload: { name: "Tasks org" } })).json().id;
  }, 60_000);
  afterAll(async () => {
    await work?.stop();
    await server?.close();
    await queue?.destroy();
    await database?.destroy();
  });

  it("runs a task's steps in order to SUCCEEDED with full progress", async () => {
    const created = await enqueue("happy");
    const done = await settled(created.id, "SUCCEEDED");
    expect(done).toMatchObject({ progress: 1, attempts: 1, errorReason: null });
    expect(done.steps.map((step: { name: string; status: string }) => `${step.name}:${step.status}`)).toEqual(["prepare:DONE", "apply:DONE", "verify:DONE"]);
  });

  it("retries a failing step with backoff and does not repeat finished steps", async () => {
    const created = await enqueue("flaky");
    const done = await settled(created.id, "SUCCEEDED");
    expect(done.attempts).toBe(3);
    expect(runs.get(`${created.id}:prepare`)).toBe(1);
    expect(runs.get(`${created.id}:apply`)).toBe(3);
  });

  it("ends in ERROR with a reason people can read, and an administrator's retry finishes it", async () => {
    const created = await enqueue("broken");
    const failed = await settled(created.id, "ERROR");
    expect(failed.errorReason).toBe('Step "verify" failed on attempt 3 of 3: the host API server is unreachable');
    expect(failed.steps[2]).toMatchObject({ status: "FAILED", error: "the host API server is unreachable" });
    allowFixed = true;
    const retried = await server.app.inject({ method: "POST", url: `/api/v1/tasks/${created.id}/retry`, headers: owner.headers });
    expect(retried.statusCode).toBe(200);
    const done = await settled(created.id, "SUCCEEDED");
    // The retry resumed at the failed step: finished steps did not run again.
    expect(runs.get(`${created.id}:apply`)).toBe(1);
    expect(runs.get(`${created.id}:verify`)).toBe(4);
    expect(done.attempts).toBe(1);
  });

  it("cancels between steps", async () => {
    const created = await enqueue("slow");
    await eventually("the slow step to start", async () => ((await task(created.id)).steps[0].status === "RUNNING" ? true : undefined));
    expect((await server.app.inject({ method: "POST", url: `/api/v1/tasks/${created.id}/cancel`, headers: owner.headers })).statusCode).toBe(200);
    releaseSlowStep();
    const cancelled = await settled(created.id, "CANCELLED");
    expect(cancelled.steps.map((step: { status: string }) => step.status)).toEqual(["DONE", "PENDING", "PENDING"]);
    expect(runs.get(`${created.id}:apply`)).toBeUndefined();
  });

  it("never runs a task whose transaction rolled back", async () => {
    const counts = async () => ({
      outbox: (await database.db.select().from(schema.outbox)).length,
      tasks: (await database.db.select().from(schema.tasks)).length,
    });
    const before = await counts();
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueTask(tx, server.deps.identity.audit, origin, definition, { organizationId: orgId, payload: { scenario: "happy" }, createdBy: owner.userId });
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    expect(await counts()).toEqual(before);
  });

  it("drops a message the relay publishes twice (deterministic message id)", async () => {
    const created = await enqueue("happy");
    await settled(created.id, "SUCCEEDED");
    const [row] = await database.db.select().from(schema.outbox).orderBy(schema.outbox.id).limit(1);
    // As if the relay crashed after publishing but before marking the row.
    const again = await queue.publish(row!.subject, row!.payload, { messageId: row!.id });
    expect(again.duplicate).toBe(true);
  });

  it("lists tasks for the organization and hides them from strangers", async () => {
    const page = (await server.app.inject({ method: "GET", url: `/api/v1/organizations/${orgId}/tasks?status=SUCCEEDED&limit=2`, headers: owner.headers })).json();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const anyTask = page.items[0].id;
    const stranger = (await database.db.insert(schema.users).values({ id: "usr_01jd00000000000000000strng", email: "stranger@example.com", displayName: "S" }).returning())[0]!;
    const { session, refreshToken } = await server.deps.identity.sessions.start({ userId: stranger.id, provider: "test", client: "cli", deviceId: "stranger-device-0000", ip: "127.0.0.1", userAgent: "test" }, origin);
    const tokens = await server.deps.identity.tokens.pairFor({ userId: stranger.id, email: stranger.email }, session, refreshToken, "127.0.0.1");
    const headers = { authorization: `Bearer ${tokens.accessToken}`, "x-hks-device-id": "stranger-device-0000" };
    expect((await server.app.inject({ method: "GET", url: `/api/v1/tasks/${anyTask}`, headers })).statusCode).toBe(404);
    expect((await server.app.inject({ method: "POST", url: `/api/v1/tasks/${anyTask}/retry`, headers })).statusCode).toBe(404);
  });
});
