import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRedisCache, type Cache } from "@hks/cache";
import { schema } from "@hks/db";
import { createTestDatabase, type TestDatabase } from "@hks/db/testing";
import { createClusterClient, hostNamespaceOf } from "@hks/kube";
import { startControlPlane, type ControlPlane } from "@hks/kube-local";
import { createJetStreamQueue } from "@hks/queue";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackgroundWork } from "../../src/background/background-work";
import { buildTestServer, signInTestUser, type TestServer } from "../../src/testing/embedded-server";
import { freePort, startProcess, waitForPort, type RunningProcess } from "../support/child-process";
import { eventually } from "../support/eventually";
const poll = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000) => eventually(what, probe, { timeoutMs });


const repoRoot = fileURLToPath(new URL("../../../..", import.meta.url));
const MASTER_KEY = Buffer.alloc(32, 7).toString("base64");


/**
 * Faults during provisioning, on private NATS, Redis, host control plane and worker processes
 * (so restarting them disturbs no other test): nothing is lost and nothing is done twice.
 */
describe("workspace tasks survive faults", () => {
  const dir = mkdtempSync(join(tmpdir(), "hks-faults-"));
  let database: TestDatabase;
  let controlPlane: ControlPlane;
  let nats: RunningProcess;
  let redis: RunningProcess;
  let worker: RunningProcess | undefined;
  let natsPort: number;
  let redisPort: number;
  let cache: Cache;
  let queue: Awaited<ReturnType<typeof createJetStreamQueue>>;
  let server: TestServer;
  let headers: Record<string, string>;
  let orgId: string;
  const namespace = `faults-${randomBytes(4).toString("hex")}`;

  const startNats = async () => {
    nats = startProcess("nats-server", ["-js", "-a", "127.0.0.1", "-p", String(natsPort), "-sd", join(dir, "nats")]);
    await waitForPort(natsPort);
  };
  const startRedis = async () => {
    // With an append-only file, as Redis runs in production: sessions survive its restart.
    redis = startProcess("redis-server", ["--bind", "127.0.0.1", "--port", String(redisPort), "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", join(dir, "redis")]);
    await waitForPort(redisPort);
  };
  const workerEnv = () => ({
    HKS_ENV: "test",
    HKS_LOG_LEVEL: "warn",
    HKS_MASTER_KEY: MASTER_KEY,
    HKS_STATE_DIR: join(dir, "worker-state"),
    DATABASE_URL: database.url,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    NATS_URL: `nats://127.0.0.1:${natsPort}`,
    HKS_NATS_NAMESPACE: namespace,
    HKS_HOST_KUBECONFIG: controlPlane.kubeconfigPath,
    HKS_TASK_ACK_WAIT_SECONDS: "2",
    HKS_VCLUSTER_READY_TIMEOUT_SECONDS: "60",
  });
  const startWorkerProcess = () => {
    worker = startProcess(process.execPath, ["--import", "tsx", join(repoRoot, "apps/worker/src/main.ts")], { cwd: repoRoot, env: workerEnv() });
  };
  const api = (method: "GET" | "POST", url: string, payload?: Record<string, unknown>) =>
    server.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const provisionTaskOf = async (wsId: string) => {
    const [task] = await database.db.select().from(schema.tasks).where(eq(schema.tasks.workspaceId, wsId));
    const steps = task ? await database.db.select().from(schema.taskSteps).where(eq(schema.taskSteps.taskId, task.id)) : [];
    return { task, steps: steps.sort((a, b) => a.position - b.position) };
  };
  const createWorkspace = async (name: string) => {
    const response = await api("POST", `/api/v1/organizations/${orgId}/workspaces`, { name, planId: "enterprise-shared" });
    expect(response.statusCode).toBe(201);
    const wsId = response.json().id as string;
    const project = await api("POST", `/api/v1/organizations/${orgId}/workspaces/${wsId}/projects`, { name: "web", quota: { cpuMillicores: 500 } });
    expect(project.statusCode).toBe(201);
    return wsId;
  };
  const statusOf = async (wsId: string) => (await api("GET", `/api/v1/organizations/${orgId}/workspaces/${wsId}`)).json() as { status: string; statusReason: string | null };
  const waitRunning = (wsId: string) =>
    poll(`${wsId} RUNNING`, async () => {
      const workspace = await statusOf(wsId);
      if (workspace.status === "ERROR") throw new Error(`ERROR: ${workspace.statusReason}\n${worker?.output() ?? ""}`);
      return workspace.status === "RUNNING" ? workspace : undefined;
    });
  /** Exactly one of each host object for the workspace, and the inside configured once. */
  const expectSingleCluster = async (wsId: string) => {
    const host = createClusterClient((await import("node:fs")).readFileSync(controlPlane.kubeconfigPath, "utf8"));
    const statefulSets = await host.list({ apiVersion: "apps/v1", kind: "StatefulSet", namespace: hostNamespaceOf(wsId) });
    expect(statefulSets.map((item) => item.metadata?.name)).toEqual(["vcluster"]);
    const connections = await database.db.select().from(schema.workspaceClusters).where(eq(schema.workspaceClusters.workspaceId, wsId));
    expect(connections).toHaveLength(1);
    const { task, steps } = await provisionTaskOf(wsId);
    expect(task?.status).toBe("SUCCEEDED");
    expect(steps.every((step) => step.status === "DONE")).toBe(true);
    const inside = createClusterClient((await server.deps.clusters.connections.load(wsId))!.kubeconfig);
    const namespaces = await inside.list({ apiVersion: "v1", kind: "Namespace", labelSelector: "hexabase.io/component=project" });
    expect(namespaces.map((item) => item.metadata?.name)).toEqual(["web"]);
    return task!;
  };

  beforeAll(async () => {
    [natsPort, redisPort] = [await freePort(), await freePort()];
    mkdirSync(join(dir, "redis"));
    await Promise.all([startNats(), startRedis()]);
    controlPlane = await startControlPlane({ virtualClusters: true, stateDir: join(dir, "kube"), unsafeNoFsync: true });
    database = await createTestDatabase();
    cache = createRedisCache({ url: `redis://127.0.0.1:${redisPort}` });
    queue = await createJetStreamQueue({ url: `nats://127.0.0.1:${natsPort}`, namespace });
    server = await buildTestServer({ database, cache, queue, env: { HKS_HOST_KUBECONFIG: controlPlane.kubeconfigPath, HKS_MASTER_KEY: MASTER_KEY } });
    ({ headers } = await signInTestUser(server, "faults"));
    orgId = (await api("POST", "/api/v1/organizations", { name: "Faults" })).json().id;
    startWorkerProcess();
  }, 180_000);

  afterAll(async () => {
    await worker?.kill("SIGKILL");
    await server?.close();
    await queue?.destroy().catch(() => {});
    await cache?.close();
    await database?.destroy();
    await controlPlane?.stop({ keepState: false });
    await Promise.all([nats?.kill(), redis?.kill()]);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("a worker killed mid-provisioning: another one finishes the task, without duplicates", async () => {
    const wsId = await createWorkspace("killed");
    // Kill it while it waits for the virtual cluster, after it created the host objects.
    await poll("the wait step to start", async () => ((await provisionTaskOf(wsId)).steps[1]?.status === "RUNNING" ? true : undefined), 60_000);
    await worker!.kill("SIGKILL");
    expect((await provisionTaskOf(wsId)).task?.status).toBe("RUNNING");
    startWorkerProcess();
    await waitRunning(wsId);
    const task = await expectSingleCluster(wsId);
    expect(task.attempts, `${task.errorReason}\n${worker?.output()}`).toBe(2);
  }, 180_000);

  it("NATS restarted while a task runs: the task completes", async () => {
    const wsId = await createWorkspace("nats-restart");
    await poll("provisioning to start", async () => ((await provisionTaskOf(wsId)).steps[0]?.status === "DONE" ? true : undefined), 60_000);
    await nats.kill("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await startNats();
    await waitRunning(wsId);
    await expectSingleCluster(wsId);
  }, 180_000);

  it("Redis restarted while a task runs: the task completes", async () => {
    const wsId = await createWorkspace("redis-restart");
    await poll("provisioning to start", async () => ((await provisionTaskOf(wsId)).steps[0]?.status === "DONE" ? true : undefined), 60_000);
    await redis.kill("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await startRedis();
    await waitRunning(wsId);
    await expectSingleCluster(wsId);
  }, 180_000);

  it("the host API server unreachable: retries, then ERROR with the reason; a retry after it is back succeeds", async () => {
    // This one runs its worker in-process with short backoffs, so its five attempts take seconds.
    await worker!.kill("SIGTERM");
    const inProcess = await startBackgroundWork({ db: database.db, cache, queue, events: server.deps.events, logger: server.deps.logger, platform: server.deps, taskBackoffMs: [100, 200, 300], outboxIntervalMs: 25, taskAckWaitMs: 2_000 });
    try {
      await controlPlane.stop({ keepState: true });
      const wsId = await createWorkspace("host-down");
      const failed = await poll("ERROR", async () => {
        const workspace = await statusOf(wsId);
        return workspace.status === "ERROR" ? workspace : undefined;
      }, 60_000);
      expect(failed.statusReason).toContain("The host cluster's API server could not be reached");
      expect(failed.statusReason).toContain("attempt 5 of 5");
      expect(failed.statusReason).not.toMatch(/127\.0\.0\.1|:\d{4,5}/);
      const { task } = await provisionTaskOf(wsId);
      expect(task).toMatchObject({ status: "ERROR", attempts: 5 });

      controlPlane = await startControlPlane({ virtualClusters: true, stateDir: join(dir, "kube"), unsafeNoFsync: true });
      const retried = await api("POST", `/api/v1/tasks/${task!.id}/retry`);
      expect(retried.statusCode).toBe(200);
      // The workspace leaves ERROR when the retried task's next step starts.
      await poll("the retried task to succeed", async () => ((await provisionTaskOf(wsId)).task?.status === "SUCCEEDED" ? true : undefined), 120_000);
      await waitRunning(wsId);
      await expectSingleCluster(wsId);
    } finally {
      await inProcess.stop();
    }
  }, 240_000);
});
