import type { PlatformEvent } from "@hks/contracts";
import { createLogger } from "@hks/observability";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { visibilityOf, type AccessVerdict, type LiveAccess } from "./live-access";
import { LiveConnection, type LiveEnding, type LiveSocket } from "./live-connection";

/** Records what the connection does to its socket. */
class RecordingSocket implements LiveSocket {
  sent: string[] = [];
  closedWith: { code: number; reason: string } | undefined;
  terminated = false;
  pings = 0;
  bufferedAmount = 0;
  send(data: string) {
    this.sent.push(data);
  }
  close(code: number, reason: string) {
    this.closedWith = { code, reason };
  }
  terminate() {
    this.terminated = true;
  }
  ping() {
    this.pings++;
  }
  frames(): { type: string; [key: string]: unknown }[] {
    return this.sent.map((data) => JSON.parse(data));
  }
}

/** Access decided by the test: verdicts in order, readable workspaces and projects, optional slowness. */
class ScriptedAccess implements LiveAccess {
  verdicts: (AccessVerdict | Error)[] = [];
  verifyCalls = 0;
  readable = new Set<string>();
  /** While set, maySee waits for it. */
  gate: Promise<void> | undefined;
  async verify(): Promise<AccessVerdict> {
    this.verifyCalls++;
    const next = this.verdicts.shift() ?? null;
    if (next instanceof Error) throw next;
    return next;
  }
  async maySee(event: PlatformEvent): Promise<boolean> {
    await this.gate;
    const visibility = visibilityOf(event);
    if (visibility === null) return true;
    return this.readable.has(visibility.action === "project:read" ? visibility.projectId : visibility.workspaceId);
  }
}

const logger = createLogger({ level: "silent", name: "live-connection-test" });
const settings = { heartbeatMs: 1_000, recheckMs: 3_000, accessCacheMs: 500, maxPendingEvents: 5, maxBufferedBytes: 10_000, closeTimeoutMs: 2_000 };
const at = "2026-01-01T00:00:00.000Z";
const workspaceEvent = (workspaceId: string, status: string): PlatformEvent => ({ type: "workspace.status", organizationId: "org_a", workspaceId, status, reason: null, at });
const orgTask = (status: string): PlatformEvent => ({ type: "task.progress", organizationId: "org_a", workspaceId: null, taskId: "task_1", kind: "k", status, step: null, at });

describe("LiveConnection", () => {
  let socket: RecordingSocket;
  let access: ScriptedAccess;
  let clock: number;
  let endings: LiveEnding[];
  const connection = (workspaceId: string | null = null, overrides: Partial<typeof settings> = {}) =>
    new LiveConnection({ socket, access, organizationId: "org_a", workspaceId, settings: { ...settings, ...overrides }, logger, onEnd: (ending) => endings.push(ending), now: () => clock });
  /** Lets the connection's promise chains run. */
  const settle = () => vi.advanceTimersByTimeAsync(0);

  beforeEach(() => {
    vi.useFakeTimers();
    socket = new RecordingSocket();
    access = new ScriptedAccess();
    clock = 0;
    endings = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends ready first, then events in order, holding those that arrive before it starts", async () => {
    const live = connection();
    live.deliver(orgTask("PENDING"));
    await settle();
    expect(socket.sent).toEqual([]);
    live.start();
    live.deliver(orgTask("RUNNING"));
    await settle();
    expect(socket.frames()).toEqual([
      { type: "ready", organizationId: "org_a", workspaceId: null, heartbeatSeconds: 1 },
      expect.objectContaining({ type: "task.progress", status: "PENDING" }),
      expect.objectContaining({ type: "task.progress", status: "RUNNING" }),
    ]);
  });

  it("delivers a workspace's events only when the user may read it, keeping the order", async () => {
    access.readable.add("ws_mine");
    const live = connection();
    live.start();
    for (const event of [workspaceEvent("ws_mine", "A"), workspaceEvent("ws_hidden", "B"), orgTask("C"), workspaceEvent("ws_mine", "D")]) live.deliver(event);
    await settle();
    expect(socket.frames().slice(1).map((frame) => frame.status)).toEqual(["A", "C", "D"]);
  });

  it("delivers a project's status only when the user may read that project", async () => {
    access.readable.add("prj_mine");
    const live = connection();
    live.start();
    const projectStatus = (projectId: string, status: string): PlatformEvent => ({ type: "project.status", organizationId: "org_a", workspaceId: "ws_a", projectId, status, at });
    for (const event of [projectStatus("prj_sibling", "A"), projectStatus("prj_mine", "B")]) live.deliver(event);
    await settle();
    expect(socket.frames().slice(1).map((frame) => frame.status)).toEqual(["B"]);
  });

  it("narrows to the filtered workspace, dropping other workspaces' and organization-wide events", async () => {
    access.readable.add("ws_mine").add("ws_other");
    const live = connection("ws_mine");
    live.start();
    for (const event of [workspaceEvent("ws_other", "A"), orgTask("B"), workspaceEvent("ws_mine", "C")]) live.deliver(event);
    await settle();
    expect(socket.frames()[0]).toMatchObject({ type: "ready", workspaceId: "ws_mine" });
    expect(socket.frames().slice(1).map((frame) => frame.status)).toEqual(["C"]);
  });

  it("re-checks access before delivering once the last check is stale, and closes 4401 when the session ended", async () => {
    const live = connection();
    live.start();
    live.deliver(orgTask("FRESH"));
    await settle();
    expect(access.verifyCalls).toBe(0);
    clock += settings.accessCacheMs;
    access.verdicts.push({ code: "SESSION_ENDED", reason: "The session has ended; sign in again" });
    live.deliver(orgTask("AFTER_SIGN_OUT"));
    await settle();
    expect(access.verifyCalls).toBe(1);
    expect(socket.closedWith).toEqual({ code: 4401, reason: "The session has ended; sign in again" });
    expect(socket.frames().map((frame) => frame.status ?? frame.type)).toEqual(["ready", "FRESH"]);
    expect(endings).toEqual(["SESSION_ENDED"]);
  });

  it("re-checks periodically and closes 4403 when the membership ended, even with no events flowing", async () => {
    const live = connection(null, { heartbeatMs: 60_000 });
    live.start();
    access.verdicts.push(null, { code: "ACCESS_REVOKED", reason: "No longer a member of this organization" });
    await vi.advanceTimersByTimeAsync(settings.recheckMs);
    expect(socket.closedWith).toBeUndefined();
    await vi.advanceTimersByTimeAsync(settings.recheckMs);
    expect(socket.closedWith).toEqual({ code: 4403, reason: "No longer a member of this organization" });
    expect(live.isClosed).toBe(true);
  });

  it("fails closed (1011) when access cannot be checked", async () => {
    const live = connection(null, { heartbeatMs: 60_000 });
    live.start();
    access.verdicts.push(new Error("database unreachable"));
    await vi.advanceTimersByTimeAsync(settings.recheckMs);
    expect(socket.closedWith?.code).toBe(1011);
    expect(endings).toEqual(["INTERNAL"]);
  });

  it("closes a client whose unsent bytes pass the limit (4429), sending nothing more", async () => {
    const live = connection();
    live.start();
    socket.bufferedAmount = settings.maxBufferedBytes + 1;
    live.deliver(orgTask("X"));
    await settle();
    expect(socket.closedWith).toEqual({ code: 4429, reason: "Fell too far behind; reconnect and re-read" });
    expect(socket.frames().map((frame) => frame.type)).toEqual(["ready"]);
  });

  it("closes when too many events wait for delivery (4429), and drops them", async () => {
    let open: () => void = () => {};
    access.gate = new Promise((resolve) => (open = resolve));
    access.readable.add("ws_a");
    const live = connection();
    live.start();
    for (let i = 0; i <= settings.maxPendingEvents + 1; i++) live.deliver(workspaceEvent("ws_a", `E${i}`));
    expect(socket.closedWith?.code).toBe(4429);
    open();
    await settle();
    expect(socket.frames().map((frame) => frame.type)).toEqual(["ready"]);
  });

  it("pings and sends heartbeats while answered, and cuts a socket that stops answering", async () => {
    const live = connection();
    live.start();
    await vi.advanceTimersByTimeAsync(settings.heartbeatMs);
    expect(socket.pings).toBe(1);
    live.pong();
    await vi.advanceTimersByTimeAsync(settings.heartbeatMs);
    expect(socket.pings).toBe(2);
    expect(socket.frames().filter((frame) => frame.type === "heartbeat")).toHaveLength(2);
    expect(socket.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(settings.heartbeatMs);
    expect(socket.terminated).toBe(true);
    expect(endings).toEqual(["NO_PONG"]);
  });

  it("tells the client to resync, and ends once however it ends", async () => {
    const live = connection();
    live.start();
    live.resync("The server lost its event stream for a while");
    expect(socket.frames()[1]).toEqual({ type: "resync", reason: "The server lost its event stream for a while" });
    live.close("SERVER_SHUTDOWN", "Server is shutting down");
    live.close("INTERNAL", "again");
    live.end();
    expect(socket.closedWith).toEqual({ code: 1001, reason: "Server is shutting down" });
    expect(endings).toEqual(["SERVER_SHUTDOWN"]);
    live.deliver(orgTask("LATE"));
    await settle();
    expect(socket.frames()).toHaveLength(2);
    // A peer that never finishes the close handshake is cut.
    expect(socket.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(settings.closeTimeoutMs);
    expect(socket.terminated).toBe(true);
  });

  it("stops its timers when the client goes away", async () => {
    const live = connection();
    live.start();
    live.end();
    expect(endings).toEqual(["CLIENT_CLOSED"]);
    await vi.advanceTimersByTimeAsync(settings.recheckMs * 3);
    expect(socket.pings).toBe(0);
    expect(access.verifyCalls).toBe(0);
  });
});

describe("visibilityOf", () => {
  it("asks for the project for a project's status, the workspace for other workspace events, nothing for organization-wide ones", () => {
    expect(visibilityOf({ type: "project.status", organizationId: "org_a", workspaceId: "ws_a", projectId: "prj_a", status: "ACTIVE", at })).toEqual({ action: "project:read", workspaceId: "ws_a", projectId: "prj_a" });
    expect(visibilityOf(workspaceEvent("ws_a", "RUNNING"))).toEqual({ action: "workspace:read", workspaceId: "ws_a" });
    expect(visibilityOf({ ...orgTask("RUNNING"), workspaceId: "ws_a" })).toEqual({ action: "workspace:read", workspaceId: "ws_a" });
    expect(visibilityOf(orgTask("RUNNING"))).toBeNull();
  });
});
