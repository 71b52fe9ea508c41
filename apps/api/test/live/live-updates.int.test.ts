import { randomBytes } from "node:crypto";
import { createRedisCache, type Cache } from "@hks/cache";
import { liveCloseCodes, type LiveFrame, type PlatformEvent } from "@hks/contracts";
import { createTestDatabase, type TestDatabase } from "@hks/db/testing";
import { createNatsEventBus } from "@hks/events";
import { createJetStreamQueue } from "@hks/queue";
import type { InjectOptions } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startBackgroundWork } from "../../src/background/background-work";
import { emitEvent } from "../../src/live/platform-event";
import { createPlatformServices } from "../../src/platform-services";
import { enqueueTask } from "../../src/tasks/enqueue-task";
import type { TaskDefinition } from "../../src/tasks/task-definition";
import { buildTestServer, type TestServer } from "../../src/testing/embedded-server";
import { connectLive, isRefusal, openLive, wsUrlOf, type LiveClient } from "./live-client";
import { signedInUser, type LiveUser } from "./live-users";

/** Steps the tests steer by the task's payload. */
let releaseHeldStep: () => void = () => {};
const definitions: TaskDefinition[] = [
  {
    kind: "test.live",
    maxAttempts: 1,
    backoffMs: [],
    steps: ["prepare", "apply"].map((name) => ({
      name,
      async run(context) {
        if (context.payload.scenario === "hold" && name === "prepare") await new Promise<void>((resolve) => (releaseHeldStep = resolve));
        if (context.payload.scenario === "fail" && name === "apply") throw new Error("the host API server is unreachable");
      },
    })),
  },
];

type TaskFrame = Extract<LiveFrame, { type: "task.progress" }>;
const taskFrames = (client: LiveClient, taskId: string) => client.frames.filter((frame): frame is TaskFrame => frame.type === "task.progress" && frame.taskId === taskId);
const describeTaskFrame = (frame: TaskFrame) => (frame.step ? `${frame.status}:${frame.step.name}:${frame.step.status}` : frame.status);
const platformFrames = (client: LiveClient) => client.frames.filter((frame) => frame.type !== "ready" && frame.type !== "heartbeat");

/**
 * Live updates across two API replicas on the real services: both replicas and the worker share
 * PostgreSQL, Redis and NATS (a namespace of their own); work is done through replica A and the
 * worker, and clients listen on replica B. Every socket here is a real `ws` client on a real port.
 */
describe("live updates across replicas (PostgreSQL, Redis, NATS)", () => {
  let database: TestDatabase;
  let replicaA: TestServer;
  let replicaB: TestServer;
  let work: { stop(): Promise<void> };
  let busB: Awaited<ReturnType<typeof createNatsEventBus>>;
  const closers: (() => Promise<void>)[] = [];
  const clients: LiveClient[] = [];
  let owner: LiveUser;
  let member: LiveUser;
  let viewer: LiveUser;
  let stranger: LiveUser;
  let orgId: string;
  let strangerOrgId: string;
  let wsId: string;
  const origin = { ipAddress: "127.0.0.1", userAgent: "live-test", requestId: null };

  /** inject() into a replica, insisting on the expected status. */
  async function call(server: TestServer, user: LiveUser, options: InjectOptions, status: number) {
    const response = await server.app.inject({ ...options, headers: { ...user.headers, ...(options.headers ?? {}) } });
    if (response.statusCode !== status) throw new Error(`${options.method} ${options.url} answered ${response.statusCode}: ${response.body}`);
    return response.statusCode === 204 ? {} : response.json();
  }
  async function join(user: LiveUser, orgIdToJoin = orgId) {
    const invitation = await call(replicaA, owner, { method: "POST", url: `/api/v1/organizations/${orgIdToJoin}/invitations`, payload: { email: user.email } }, 201);
    await call(replicaA, user, { method: "POST", url: "/api/v1/invitations/accept", payload: { token: invitation.token } }, 200);
  }
  const eventsPath = (org: string, query = "") => `/api/v1/organizations/${org}/events${query}`;
  async function listenOnB(user: LiveUser, org = orgId, query = ""): Promise<LiveClient> {
    const client = await connectLive(wsUrlOf(replicaB.app, eventsPath(org, query)), user.headers);
    clients.push(client);
    return client;
  }
  const emit = (event: PlatformEvent) => database.db.transaction((tx) => emitEvent(tx, event));
  const now = () => new Date().toISOString();
  const orgWideSentinel = (org: string, name: string): PlatformEvent => ({ type: "task.progress", organizationId: org, workspaceId: null, taskId: `task_${name}`, kind: "sentinel", status: "SUCCEEDED", step: null, at: now() });
  const isSentinel = (name: string) => (frame: LiveFrame) => frame.type === "task.progress" && frame.taskId === `task_${name}`;
  const enqueue = (scenario: string, workspaceId: string | null = wsId) =>
    database.db.transaction((tx) => enqueueTask(tx, replicaA.deps.identity.audit, origin, definitions[0]!, { organizationId: orgId, workspaceId, payload: { scenario }, createdBy: owner.userId }));

  beforeAll(async () => {
    const natsUrl = process.env.NATS_URL;
    const redisUrl = process.env.REDIS_URL;
    if (!natsUrl || !redisUrl) throw new Error("NATS_URL and REDIS_URL must be set: run integration tests through `npm test`");
    const namespace = `live-${randomBytes(4).toString("hex")}`;
    const keyPrefix = `hks-test-${namespace}:`;
    database = await createTestDatabase();
    // Each "process" has its own connections; what they share is the services and the namespace.
    const replica = async (): Promise<{ cache: Cache; queue: Awaited<ReturnType<typeof createJetStreamQueue>>; events: Awaited<ReturnType<typeof createNatsEventBus>> }> => {
      const cache = createRedisCache({ url: redisUrl, keyPrefix });
      const queue = await createJetStreamQueue({ url: natsUrl, namespace });
      const events = await createNatsEventBus({ url: natsUrl, namespace });
      closers.unshift(() => cache.close(), () => queue.close(), () => events.close());
      return { cache, queue, events };
    };
    const env = { HKS_LIVE_RECHECK_SECONDS: "1", HKS_RATE_LIMIT_WRITE_PER_MINUTE: "100000", HKS_RATE_LIMIT_READ_PER_MINUTE: "100000" };
    const a = await replica();
    const b = await replica();
    busB = b.events;
    replicaA = await buildTestServer({ database, ...a, env, taskDefinitions: definitions });
    replicaB = await buildTestServer({ database, ...b, env, taskDefinitions: definitions });
    await replicaA.app.listen({ host: "127.0.0.1", port: 0 });
    await replicaB.app.listen({ host: "127.0.0.1", port: 0 });
    const w = await replica();
    const platform = await createPlatformServices(replicaA.deps.config, replicaA.deps.logger, { database, cache: w.cache }, { taskDefinitions: definitions });
    work = await startBackgroundWork({ db: database.db, cache: w.cache, queue: w.queue, events: w.events, logger: replicaA.deps.logger, platform, taskBackoffMs: [20], outboxIntervalMs: 20 });
    closers.push(async () => {
      const stream = await createJetStreamQueue({ url: natsUrl, namespace });
      await stream.destroy();
    });

    [owner, member, viewer, stranger] = (await Promise.all(["owner", "member", "viewer", "stranger"].map((name) => signedInUser(replicaA, name)))) as [LiveUser, LiveUser, LiveUser, LiveUser];
    orgId = (await call(replicaA, owner, { method: "POST", url: "/api/v1/organizations", payload: { name: "Live org" } }, 201)).id;
    strangerOrgId = (await call(replicaA, stranger, { method: "POST", url: "/api/v1/organizations", payload: { name: "Stranger org" } }, 201)).id;
    wsId = (await call(replicaA, owner, { method: "POST", url: `/api/v1/organizations/${orgId}/workspaces`, payload: { name: "live", planId: "starter-shared" } }, 201)).id;
    await join(member);
    await join(viewer);
    await call(replicaA, owner, { method: "POST", url: `/api/v1/organizations/${orgId}/workspaces/${wsId}/members`, payload: { userId: viewer.userId, role: "viewer" } }, 201);
  }, 120_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await work?.stop();
    await replicaA?.close();
    await replicaB?.close();
    for (const close of closers) await close().catch(() => {});
    await database?.destroy();
  });

  it("delivers task progress and workspace status for work done through replica A to a client on replica B, and none of it to another organization", async () => {
    const ownerOnB = await listenOnB(owner);
    const strangerOnB = await listenOnB(stranger, strangerOrgId);
    const strangerOnA = await connectLive(wsUrlOf(replicaA.app, eventsPath(strangerOrgId)), stranger.headers);
    clients.push(strangerOnA);

    // As provisioning will: the status change, its event and the task that carries it out, in one transaction.
    const task = await database.db.transaction(async (tx) => {
      await emitEvent(tx, { type: "workspace.status", organizationId: orgId, workspaceId: wsId, status: "CONFIGURING", reason: null, at: now() });
      return enqueueTask(tx, replicaA.deps.identity.audit, origin, definitions[0]!, { organizationId: orgId, workspaceId: wsId, payload: { scenario: "happy" }, createdBy: owner.userId });
    });
    await ownerOnB.waitFor("the task to succeed", (frame) => frame.type === "task.progress" && frame.taskId === task.id && frame.status === "SUCCEEDED");
    expect(taskFrames(ownerOnB, task.id).map(describeTaskFrame)).toEqual([
      "RUNNING",
      "RUNNING:prepare:RUNNING",
      "RUNNING:prepare:DONE",
      "RUNNING:apply:RUNNING",
      "RUNNING:apply:DONE",
      "SUCCEEDED",
    ]);
    expect(taskFrames(ownerOnB, task.id).every((frame) => frame.organizationId === orgId && frame.workspaceId === wsId && frame.kind === "test.live")).toBe(true);
    expect(ownerOnB.frames).toContainEqual(expect.objectContaining({ type: "workspace.status", workspaceId: wsId, status: "CONFIGURING" }));

    // The other organization's clients, on both replicas, get their own event, published after
    // all of the above by the same relay: had any of ours reached them, it would have come first.
    await emit(orgWideSentinel(strangerOrgId, "stranger"));
    await strangerOnB.waitFor("their own event", isSentinel("stranger"));
    await strangerOnA.waitFor("their own event", isSentinel("stranger"));
    expect(platformFrames(strangerOnB)).toEqual([expect.objectContaining({ organizationId: strangerOrgId, taskId: "task_stranger" })]);
    expect(platformFrames(strangerOnA)).toEqual(platformFrames(strangerOnB));
    expect(ownerOnB.frames.some(isSentinel("stranger"))).toBe(false);
  });

  it("keeps a workspace's events from a member without access to it, and gives them to its viewer", async () => {
    const memberOnB = await listenOnB(member);
    const viewerOnB = await listenOnB(viewer);
    const task = await enqueue("happy");
    await emit({ type: "workspace.status", organizationId: orgId, workspaceId: wsId, status: "RUNNING", reason: null, at: now() });
    await viewerOnB.waitFor("the workspace status", (frame) => frame.type === "workspace.status" && frame.status === "RUNNING");
    await viewerOnB.waitFor("the task to succeed", (frame) => frame.type === "task.progress" && frame.taskId === task.id && frame.status === "SUCCEEDED");
    // An organization-wide event after the workspace's: the member gets it, and nothing before it.
    await emit(orgWideSentinel(orgId, "org-wide"));
    await memberOnB.waitFor("the organization-wide event", isSentinel("org-wide"));
    await viewerOnB.waitFor("the organization-wide event", isSentinel("org-wide"));
    expect(platformFrames(memberOnB)).toEqual([expect.objectContaining({ taskId: "task_org-wide", workspaceId: null })]);
  });

  it("gives a project member their project's status and not a sibling project's", async () => {
    const projectMember = await signedInUser(replicaA, "project-member");
    await join(projectMember);
    const projects = `/api/v1/organizations/${orgId}/workspaces/${wsId}/projects`;
    const mine = (await call(replicaA, owner, { method: "POST", url: projects, payload: { name: "mine" } }, 201)).id as string;
    const sibling = (await call(replicaA, owner, { method: "POST", url: projects, payload: { name: "sibling" } }, 201)).id as string;
    await call(replicaA, owner, { method: "POST", url: `${projects}/${mine}/members`, payload: { userId: projectMember.userId, role: "viewer" } }, 201);
    const socket = await listenOnB(projectMember);
    await emit({ type: "project.status", organizationId: orgId, workspaceId: wsId, projectId: sibling, status: "SIBLING_READY", at: now() });
    await emit({ type: "project.status", organizationId: orgId, workspaceId: wsId, projectId: mine, status: "MINE_READY", at: now() });
    await socket.waitFor("their project's status", (frame) => frame.type === "project.status" && frame.status === "MINE_READY");
    expect(platformFrames(socket)).toEqual([expect.objectContaining({ type: "project.status", projectId: mine })]);
  });

  it("refuses a workspace filter the user may not read (404), and narrows to it for one who may", async () => {
    const refused = await openLive(wsUrlOf(replicaB.app, eventsPath(orgId, `?workspaceId=${wsId}`)), member.headers);
    expect(isRefusal(refused) && refused.status).toBe(404);
    const narrowed = await listenOnB(viewer, orgId, `?workspaceId=${wsId}`);
    await emit(orgWideSentinel(orgId, "not-for-the-filter"));
    await emit({ type: "workspace.status", organizationId: orgId, workspaceId: wsId, status: "UPDATING_PLAN", reason: null, at: now() });
    await narrowed.waitFor("the workspace's event", (frame) => frame.type === "workspace.status" && frame.status === "UPDATING_PLAN");
    expect(platformFrames(narrowed)).toEqual([expect.objectContaining({ type: "workspace.status", status: "UPDATING_PLAN" })]);
  });

  it("announces a cancel and a retry requested through the task service", async () => {
    const ownerOnB = await listenOnB(owner);
    const held = await enqueue("hold");
    await ownerOnB.waitFor("the held step to start", (frame) => frame.type === "task.progress" && frame.taskId === held.id && frame.step?.status === "RUNNING");
    await call(replicaA, owner, { method: "POST", url: `/api/v1/tasks/${held.id}/cancel` }, 200);
    releaseHeldStep();
    await ownerOnB.waitFor("the cancellation", (frame) => frame.type === "task.progress" && frame.taskId === held.id && frame.status === "CANCELLED");
    expect(taskFrames(ownerOnB, held.id).map(describeTaskFrame)).toEqual(["RUNNING", "RUNNING:prepare:RUNNING", "RUNNING", "RUNNING:prepare:DONE", "CANCELLED"]);

    const failing = await enqueue("fail");
    await ownerOnB.waitFor("the failure", (frame) => frame.type === "task.progress" && frame.taskId === failing.id && frame.status === "ERROR");
    await call(replicaA, owner, { method: "POST", url: `/api/v1/tasks/${failing.id}/retry` }, 200);
    await ownerOnB.waitFor("the second failure", (frame) => taskFrames(ownerOnB, failing.id).filter((f) => f.status === "ERROR").length === 2 && frame.type === "task.progress");
    expect(taskFrames(ownerOnB, failing.id).map(describeTaskFrame)).toEqual([
      "RUNNING",
      "RUNNING:prepare:RUNNING",
      "RUNNING:prepare:DONE",
      "RUNNING:apply:RUNNING",
      "ERROR:apply:FAILED",
      "PENDING",
      "RUNNING",
      "RUNNING:apply:RUNNING",
      "ERROR:apply:FAILED",
    ]);
  });

  it("closes the socket of a member removed from the organization (4403)", async () => {
    const leaving = await signedInUser(replicaA, "leaving");
    await join(leaving);
    const socket = await listenOnB(leaving);
    await call(replicaA, owner, { method: "DELETE", url: `/api/v1/organizations/${orgId}/members/${leaving.userId}` }, 204);
    expect(await socket.closed).toEqual({ code: liveCloseCodes.ACCESS_REVOKED, reason: "No longer a member of this organization" });
  });

  it("closes the socket of a session that ended (4401)", async () => {
    const user = await signedInUser(replicaA, "signing-out");
    await join(user);
    const socket = await listenOnB(user);
    await replicaA.deps.identity.sessions.revoke(user.userId, user.sessionId, "test", origin);
    expect(await socket.closed).toEqual({ code: liveCloseCodes.SESSION_ENDED, reason: "The session has ended; sign in again" });
  });

  it("refuses unauthenticated and cross-organization connections, and accepts the dashboard's cookie from its own origin only", async () => {
    const url = wsUrlOf(replicaB.app, eventsPath(orgId));
    const anonymous = await openLive(url);
    expect(isRefusal(anonymous) && [anonymous.status, anonymous.body.error?.code]).toEqual([401, "UNAUTHENTICATED"]);
    const crossOrg = await openLive(url, stranger.headers);
    expect(isRefusal(crossOrg) && [crossOrg.status, crossOrg.body.error?.code]).toEqual([404, "NOT_FOUND"]);
    const cookie = `hks_at=${owner.accessToken}; hks_device=${owner.deviceId}`;
    const dashboardOrigin = replicaB.deps.config.auth.corsOrigins[0]!;
    const fromDashboard = await connectLive(url, { cookie, origin: dashboardOrigin });
    clients.push(fromDashboard);
    expect(fromDashboard.frames[0]).toMatchObject({ type: "ready", organizationId: orgId });
    const fromElsewhere = await openLive(url, { cookie, origin: "https://attacker.example" });
    expect(isRefusal(fromElsewhere) && fromElsewhere.status).toBe(403);
  });

  it("tells its clients to resync when the replica's event-bus connection comes back", async () => {
    const ownerOnB = await listenOnB(owner);
    await busB.reconnect();
    await ownerOnB.waitFor("the resync frame", (frame) => frame.type === "resync");
    // And delivery continues on the re-established subscription.
    await busB.ping();
    await emit(orgWideSentinel(orgId, "after-resync"));
    await ownerOnB.waitFor("an event after the resync", isSentinel("after-resync"));
  });
});
