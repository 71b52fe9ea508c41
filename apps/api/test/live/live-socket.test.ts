import http from "node:http";
import type { AddressInfo } from "node:net";
import { liveCloseCodes, type PlatformEvent } from "@hks/contracts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { emitEvent } from "../../src/live/platform-event";
import { startOutboxRelay } from "../../src/tasks/outbox-relay";
import { buildTestServer, type TestServer } from "../../src/testing/embedded-server";
import { connectLive, isRefusal, openLive, wsUrlOf, type LiveClient } from "./live-client";
import { signedInUser, type LiveUser } from "./live-users";

/**
 * The events socket in embedded mode (PGlite, in-process cache, queue and event bus — what
 * `npm start` runs): the handshake's refusals, delivery through the outbox relay, heartbeats,
 * dead peers, the per-user limit and shutdown. Two replicas on the real services are in
 * `live-updates.int.test.ts`.
 */
describe("events socket (embedded mode)", () => {
  let server: TestServer;
  let relay: { stop(): Promise<void> };
  let owner: LiveUser;
  let stranger: LiveUser;
  let orgId: string;
  let wsId: string;
  const clients: LiveClient[] = [];

  const path = (org = orgId, query = "") => `/api/v1/organizations/${org}/events${query}`;
  const connect = async (user: LiveUser, query = "", options: { autoPong?: boolean } = {}) => {
    const client = await connectLive(wsUrlOf(server.app, path(orgId, query)), user.headers, options);
    clients.push(client);
    return client;
  };
  const emit = (event: PlatformEvent) => server.deps.database.db.transaction((tx) => emitEvent(tx, event));
  const workspaceStatus = (status: string, workspaceId = wsId): PlatformEvent => ({ type: "workspace.status", organizationId: orgId, workspaceId, status, reason: null, at: new Date().toISOString() });

  beforeAll(async () => {
    server = await buildTestServer({ env: { HKS_LIVE_HEARTBEAT_SECONDS: "1", HKS_LIVE_MAX_CONNECTIONS_PER_USER: "3" } });
    await server.app.listen({ host: "127.0.0.1", port: 0 });
    relay = startOutboxRelay({ db: server.deps.database.db, queue: server.deps.queue, events: server.deps.events, logger: server.deps.logger, intervalMs: 20 });
    owner = await signedInUser(server, "owner");
    stranger = await signedInUser(server, "stranger");
    orgId = (await server.app.inject({ method: "POST", url: "/api/v1/organizations", headers: owner.headers, payload: { name: "Live org" } })).json().id;
    wsId = (await server.app.inject({ method: "POST", url: `/api/v1/organizations/${orgId}/workspaces`, headers: owner.headers, payload: { name: "live", planId: "starter-shared" } })).json().id;
    await server.app.inject({ method: "POST", url: "/api/v1/organizations", headers: stranger.headers, payload: { name: "Stranger org" } });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  afterAll(async () => {
    await relay?.stop();
    await server?.close();
  });

  it("answers a plain HTTP request with 426 and the error envelope", async () => {
    const response = await server.app.inject({ method: "GET", url: path(), headers: owner.headers });
    expect(response.statusCode).toBe(426);
    expect(response.headers.upgrade).toBe("websocket");
    expect(response.json().error).toMatchObject({ code: "UPGRADE_REQUIRED", message: expect.stringContaining("WebSocket") });
  });

  it("is described in the OpenAPI document with its refusals", async () => {
    const document = (await server.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const operation = document.paths["/api/v1/organizations/{orgId}/events"]?.get;
    expect(operation?.summary).toBe("Live events of the organization (WebSocket)");
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(["400", "401", "404", "426", "429"]));
    expect(operation?.parameters).toContainEqual(expect.objectContaining({ name: "workspaceId", in: "query" }));
  });

  it("refuses the upgrade without credentials (401), across tenants (404) and from a foreign origin (403)", async () => {
    const url = wsUrlOf(server.app, path());
    const anonymous = await openLive(url);
    expect(isRefusal(anonymous) && anonymous.status).toBe(401);
    expect(isRefusal(anonymous) && anonymous.body.error?.code).toBe("UNAUTHENTICATED");
    const badToken = await openLive(url, { authorization: "Bearer not-a-token", "x-hks-device-id": owner.deviceId });
    expect(isRefusal(badToken) && badToken.status).toBe(401);
    const crossTenant = await openLive(url, stranger.headers);
    expect(isRefusal(crossTenant) && crossTenant.status).toBe(404);
    expect(isRefusal(crossTenant) && crossTenant.body.error?.code).toBe("NOT_FOUND");
    const foreignPage = await openLive(url, { ...owner.headers, origin: "https://evil.example" });
    expect(isRefusal(foreignPage) && foreignPage.status).toBe(403);
  });

  it("validates the workspace filter: a malformed id is 400 naming the field, an invisible one 404", async () => {
    const malformed = await openLive(wsUrlOf(server.app, path(orgId, "?workspaceId=nope")), owner.headers);
    expect(isRefusal(malformed) && malformed.status).toBe(400);
    expect(isRefusal(malformed) && malformed.body.error).toMatchObject({ code: "VALIDATION_FAILED", details: [expect.objectContaining({ field: "querystring.workspaceId" })] });
    const unknown = await openLive(wsUrlOf(server.app, path(orgId, "?workspaceId=ws_00000000000000000000000000")), owner.headers);
    expect(isRefusal(unknown) && unknown.status).toBe(404);
  });

  it("sends ready, then the organization's events as they commit, through the outbox relay", async () => {
    const client = await connect(owner);
    expect(client.frames[0]).toEqual({ type: "ready", organizationId: orgId, workspaceId: null, heartbeatSeconds: 1 });
    await emit(workspaceStatus("CONFIGURING"));
    await emit(workspaceStatus("RUNNING"));
    await client.waitFor("RUNNING", (frame) => frame.type === "workspace.status" && frame.status === "RUNNING");
    const statuses = client.frames.flatMap((frame) => (frame.type === "workspace.status" ? [frame.status] : []));
    expect(statuses).toEqual(["CONFIGURING", "RUNNING"]);
  });

  it("does not deliver an event whose transaction rolled back", async () => {
    const client = await connect(owner);
    await expect(
      server.deps.database.db.transaction(async (tx) => {
        await emitEvent(tx, workspaceStatus("ROLLED_BACK"));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await emit(workspaceStatus("AFTER_ROLLBACK"));
    await client.waitFor("the committed event", (frame) => frame.type === "workspace.status" && frame.status === "AFTER_ROLLBACK");
    expect(client.frames.some((frame) => frame.type === "workspace.status" && frame.status === "ROLLED_BACK")).toBe(false);
  });

  it("narrows to one workspace with ?workspaceId=", async () => {
    const other = (await server.app.inject({ method: "POST", url: `/api/v1/organizations/${orgId}/workspaces`, headers: owner.headers, payload: { name: "other", planId: "starter-shared" } })).json().id as string;
    const client = await connect(owner, `?workspaceId=${wsId}`);
    expect(client.frames[0]).toMatchObject({ type: "ready", workspaceId: wsId });
    await emit(workspaceStatus("OTHER", other));
    await emit(workspaceStatus("MINE"));
    await client.waitFor("this workspace's event", (frame) => frame.type === "workspace.status" && frame.status === "MINE");
    expect(client.frames.filter((frame) => frame.type === "workspace.status").map((frame) => frame.type === "workspace.status" && frame.workspaceId)).toEqual([wsId]);
  });

  it("pings and sends heartbeats, and drops a peer that stops answering pings", async () => {
    const healthy = await connect(owner);
    const deaf = await connect(owner, "", { autoPong: false });
    await healthy.waitFor("a heartbeat", (frame) => frame.type === "heartbeat");
    const ended = await deaf.closed;
    // Cut without a close frame: the peer is presumed dead.
    expect(ended.code).toBe(1006);
    expect(healthy.socket.readyState).toBe(healthy.socket.OPEN);
  });

  it("limits the open sockets per user (429) and frees a slot when one closes", async () => {
    const user = await signedInUser(server, "busy");
    await server.app.inject({ method: "POST", url: `/api/v1/organizations/${orgId}/invitations`, headers: owner.headers, payload: { email: user.email } }).then((invitation) =>
      server.app.inject({ method: "POST", url: "/api/v1/invitations/accept", headers: user.headers, payload: { token: invitation.json().token } }),
    );
    const open = [await connect(user), await connect(user), await connect(user)];
    const refused = await openLive(wsUrlOf(server.app, path()), user.headers);
    expect(isRefusal(refused) && refused.status).toBe(429);
    expect(isRefusal(refused) && refused.body.error?.code).toBe("RATE_LIMITED");
    await open[0]!.close();
    const again = await connect(user);
    expect(again.frames[0]?.type).toBe("ready");
  });

  it("ignores what clients send, and refuses oversized messages without harm to others", async () => {
    const chatty = await connect(owner);
    const bystander = await connect(owner);
    chatty.socket.send("hello");
    chatty.socket.send("x".repeat(10_000));
    expect((await chatty.closed).code).toBe(1009);
    await emit(workspaceStatus("STILL_SERVING"));
    await bystander.waitFor("the next event", (frame) => frame.type === "workspace.status" && frame.status === "STILL_SERVING");
  });

  it("closes every socket with 1001 on shutdown, and the server stops", { timeout: 30_000 }, async () => {
    const second = await buildTestServer();
    await second.app.listen({ host: "127.0.0.1", port: 0 });
    const user = await signedInUser(second, "shutdown");
    const org = (await second.app.inject({ method: "POST", url: "/api/v1/organizations", headers: user.headers, payload: { name: "Shutdown org" } })).json().id as string;
    const client = await connectLive(wsUrlOf(second.app, path(org)), user.headers);
    // A refused upgrade from a client that keeps its connection must not hold shutdown open.
    const { port } = second.app.server.address() as AddressInfo;
    const refusedStatus = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, path: path(org), headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" } });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on("error", reject);
      request.end();
    });
    expect(refusedStatus).toBe(401);
    await second.close();
    expect(await client.closed).toEqual({ code: liveCloseCodes.SERVER_SHUTDOWN, reason: "Server is shutting down" });
  });
});
