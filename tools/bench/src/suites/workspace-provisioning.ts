import { randomBytes } from "node:crypto";
import { startBackgroundWork } from "@hks/api";
import { buildTestServer, signInTestUser } from "@hks/api/testing";
import { createRedisCache } from "@hks/cache";
import { schema } from "@hks/db";
import { createTestDatabase, prepareTemplateDatabase } from "@hks/db/testing";
import { startControlPlane } from "@hks/kube-local";
import { createJetStreamQueue } from "@hks/queue";
import { eq } from "drizzle-orm";
import { summarize, type BenchSuite, type Measurement } from "../bench-suite";

const RUNS = 10;

/**
 * POST a workspace → RUNNING, end to end on the real services and a real host control plane: the
 * API call, the outbox relay, JetStream, the worker, server-side apply on the host, the virtual
 * cluster coming up (the local runtime starts a real kube-apiserver for it), the sealed kubeconfig,
 * two project namespaces with quota and policies, and RBAC inside. The platform's own share is
 * everything except waiting for the virtual cluster's API server to come up.
 */
export const workspaceProvisioning: BenchSuite = {
  name: "workspace-provisioning",
  description: `POST workspace → RUNNING, ${RUNS} runs, and how much of it is the platform's own work`,
  async run() {
    const { REDIS_URL: redisUrl, NATS_URL: natsUrl } = process.env;
    if (!redisUrl || !natsUrl) throw new Error("REDIS_URL and NATS_URL must be set; run through `npm run bench`");
    await prepareTemplateDatabase();
    const controlPlane = await startControlPlane({ virtualClusters: true });
    const database = await createTestDatabase();
    const cache = createRedisCache({ url: redisUrl, keyPrefix: `hks-bench-${randomBytes(4).toString("hex")}:` });
    const queue = await createJetStreamQueue({ url: natsUrl, namespace: `bench-${randomBytes(4).toString("hex")}` });
    const { app, deps, close } = await buildTestServer({
      database,
      cache,
      queue,
      env: { HKS_HOST_KUBECONFIG: controlPlane.kubeconfigPath, HKS_RATE_LIMIT_WRITE_PER_MINUTE: "100000", HKS_RATE_LIMIT_READ_PER_MINUTE: "1000000" },
    });
    // The worker as it runs by default (outbox polled every 250 ms).
    const work = await startBackgroundWork({ db: database.db, cache, queue, events: deps.events, logger: deps.logger, platform: deps });
    try {
      const { headers } = await signInTestUser({ deps }, "bench", { userAgent: "bench" });
      const call = async (method: "GET" | "POST" | "DELETE", url: string, payload?: Record<string, unknown>) => {
        const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
        if (response.statusCode >= 400) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
        return response.json() as Record<string, unknown>;
      };
      const orgId = String((await call("POST", "/api/v1/organizations", { name: "Bench" })).id);

      const total: number[] = [];
      const waiting: number[] = [];
      const own: number[] = [];
      for (let run = 0; run < RUNS + 1; run++) {
        const started = performance.now();
        const workspace = await call("POST", `/api/v1/organizations/${orgId}/workspaces`, { name: `bench-${run}`, planId: "enterprise-shared" });
        const wsId = String(workspace.id);
        for (const name of ["web", "api"]) await call("POST", `/api/v1/organizations/${orgId}/workspaces/${wsId}/projects`, { name, quota: { cpuMillicores: 1000 } });
        for (;;) {
          const { status, statusReason } = await call("GET", `/api/v1/organizations/${orgId}/workspaces/${wsId}`);
          if (status === "RUNNING") break;
          if (status === "ERROR") throw new Error(`provisioning failed: ${String(statusReason)}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const elapsed = performance.now() - started;
        const [task] = await database.db.select().from(schema.tasks).where(eq(schema.tasks.workspaceId, wsId));
        const steps = await database.db.select().from(schema.taskSteps).where(eq(schema.taskSteps.taskId, task!.id));
        const wait = steps.find((step) => step.name === "wait-for-virtual-cluster");
        const waitMs = wait?.startedAt && wait.finishedAt ? wait.finishedAt.getTime() - wait.startedAt.getTime() : 0;
        // The first run warms caches and JIT; it is not counted.
        if (run > 0) {
          total.push(elapsed);
          waiting.push(waitMs);
          own.push(elapsed - waitMs);
        }
        // Tear it down so every run starts from the same host (and memory stays bounded).
        await call("DELETE", `/api/v1/organizations/${orgId}/workspaces/${wsId}`);
        for (;;) {
          const response = await app.inject({ method: "GET", url: `/api/v1/organizations/${orgId}/workspaces/${wsId}`, headers });
          if (response.statusCode === 404) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
      const results: Measurement[] = [
        summarize("POST workspace → RUNNING (2 projects, RBAC)", sorted(total)),
        summarize("  of which the virtual cluster's API server starting", sorted(waiting), "the local runtime starts a real kube-apiserver + controller manager"),
        summarize("  of which the platform's own work", sorted(own), "API, outbox, JetStream, worker, apply on host and inside, sealing"),
      ];
      return results;
    } finally {
      await work.stop();
      await close();
      await queue.destroy();
      await cache.close();
      await database.destroy();
      await controlPlane.stop();
    }
  },
};
