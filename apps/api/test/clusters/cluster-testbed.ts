import { randomBytes } from "node:crypto";
import type { WorkspaceStatus } from "@hks/contracts";
import { startControlPlane, type ControlPlane } from "@hks/kube-local";
import { createJetStreamQueue, type Queue } from "@hks/queue";
import { startBackgroundWork } from "../../src/background/background-work";
import { startTenancyTestbed, type SignedInUser, type TenancyTestbed } from "../tenancy/tenancy-testbed";
import { eventually } from "../support/eventually";
const poll = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number) => eventually(what, probe, { timeoutMs });


export interface ClusterTestbed extends TenancyTestbed {
  controlPlane: ControlPlane;
  queue: Queue & { destroy(): Promise<void> };
  /** Polls the workspace until it has `status` (fails fast on ERROR unless that is what is awaited). */
  waitForStatus(user: SignedInUser, orgId: string, wsId: string, status: WorkspaceStatus | "DELETED", timeoutMs?: number): Promise<Record<string, unknown>>;
  waitForTask(user: SignedInUser, taskId: string, status: "SUCCEEDED" | "ERROR" | "CANCELLED", timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Stops the worker (as if its process died) and starts a fresh one. */
  restartWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
}


/**
 * The whole platform on real services: PostgreSQL, Redis, NATS JetStream, a real host control
 * plane with the virtual-cluster runtime, the API and a worker running tasks.
 */
export async function startClusterTestbed(env: Record<string, string> = {}): Promise<ClusterTestbed> {
  const controlPlane = await startControlPlane({ virtualClusters: true });
  const queue = await createJetStreamQueue({ url: process.env.NATS_URL ?? "", namespace: `clusters-${randomBytes(4).toString("hex")}` });
  const bed = await startTenancyTestbed({ HKS_HOST_KUBECONFIG: controlPlane.kubeconfigPath, HKS_VCLUSTER_READY_TIMEOUT_SECONDS: "90", ...env }, { queue });
  const { deps } = bed.server;
  let worker: { stop(): Promise<void> } | undefined;
  const startWorker = async () => {
    worker = await startBackgroundWork({ db: bed.database.db, cache: deps.cache, queue, events: deps.events, logger: deps.logger, platform: deps, taskBackoffMs: [200, 500, 1_000], outboxIntervalMs: 25, reconcileIntervalMs: 2_000 });
  };
  const stopWorker = async () => {
    await worker?.stop();
    worker = undefined;
  };
  await startWorker();

  const workspace = async (user: SignedInUser, orgId: string, wsId: string) => bed.call(user, { method: "GET", url: `/api/v1/organizations/${orgId}/workspaces/${wsId}` });
  return {
    ...bed,
    controlPlane,
    queue,
    startWorker,
    stopWorker,
    async restartWorker() {
      await stopWorker();
      await startWorker();
    },
    waitForStatus: (user, orgId, wsId, status, timeoutMs = 120_000) =>
      poll(`workspace ${wsId} to be ${status}`, async () => {
        const response = await workspace(user, orgId, wsId);
        if (status === "DELETED") return response.statusCode === 404 ? { status: "DELETED" } : undefined;
        const body = response.json();
        if (body.status === "ERROR" && status !== "ERROR") throw new Error(`workspace went to ERROR: ${body.statusReason}`);
        return body.status === status ? body : undefined;
      }, timeoutMs),
    waitForTask: (user, taskId, status, timeoutMs = 120_000) =>
      poll(`task ${taskId} to be ${status}`, async () => {
        const body = (await bed.call(user, { method: "GET", url: `/api/v1/tasks/${taskId}` })).json();
        return body.status === status ? body : undefined;
      }, timeoutMs),
    async close() {
      await stopWorker();
      await bed.close();
      await queue.destroy();
      await controlPlane.stop();
    },
  };
}
