import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildTestServer, signInTestUser } from "@hks/api/testing";
import { provisionVirtualClusterByHand } from "@hks/api/testing/provision-by-hand";
import { createRedisCache } from "@hks/cache";
import { createTestDatabase, prepareTemplateDatabase } from "@hks/db/testing";
import { ensureCertificate, ensureCertificateAuthority, startControlPlane } from "@hks/kube-local";
import { percentile, summarize, type BenchSuite, type Measurement } from "../bench-suite";

const OBJECTS = 500;
const RUNS = 50;
const CONCURRENT_CLIENTS = 4;
const REQUESTS_PER_CLIENT = 50;
const NAMESPACE = "bench";

interface ClientSamples {
  bytes: number;
  list: { direct: number[]; gateway: number[] };
  one: { direct: number[]; gateway: number[] };
  health: number[];
  throughput: { direct: number; gateway: number };
}

const clientScript = fileURLToPath(new URL("../kube-gateway-client.ts", import.meta.url));

/** Runs the measuring client in its own process, as kubectl would be. */
function runClient(plan: Record<string, unknown>): Promise<ClientSamples> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", clientScript, JSON.stringify(plan)], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as ClientSamples) : reject(new Error(`the gateway bench client exited ${code}`))));
  });
}

/**
 * The Kubernetes gateway's cost: listing 500 ConfigMaps of a virtual cluster through the gateway
 * (TLS to the API, kube token, session check, authorization, groups, impersonation, mTLS to the
 * cluster, streamed relay) against the same request sent straight to the virtual cluster's API
 * server with its admin certificate. The client runs in a process of its own and keeps its
 * connections alive; real PostgreSQL and Redis; the local control plane's virtual cluster, all on
 * the one machine.
 */
export const kubeGateway: BenchSuite = {
  name: "kube-gateway",
  description: `list ${OBJECTS} ConfigMaps through the gateway vs straight to the virtual cluster (${RUNS} runs; ${CONCURRENT_CLIENTS} clients for throughput)`,
  async run() {
    const redisUrl = process.env.REDIS_URL;
    if (!redisUrl) throw new Error("REDIS_URL is not set; run through `npm run bench`");
    await prepareTemplateDatabase();
    const controlPlane = await startControlPlane({ virtualClusters: true });
    const database = await createTestDatabase();
    const cache = createRedisCache({ url: redisUrl, keyPrefix: `hks-bench-${randomBytes(4).toString("hex")}:` });
    const pki = mkdtempSync(path.join(tmpdir(), "hks-bench-tls-"));
    const ca = await ensureCertificateAuthority(pki, "bench-api-ca");
    const serving = await ensureCertificate(pki, ca, { baseName: "api", commonName: "hks-api", ipAddresses: ["127.0.0.1"], usage: "server" });
    const server = await buildTestServer({
      database,
      cache,
      env: { HKS_TLS_CERT_FILE: serving.certFile, HKS_TLS_KEY_FILE: serving.keyFile, HKS_RATE_LIMIT_KUBE_PER_MINUTE: "100000000", HKS_RATE_LIMIT_WRITE_PER_MINUTE: "100000" },
    });
    try {
      const { app, deps } = server;
      await app.listen({ port: 0, host: "127.0.0.1" });
      const apiOrigin = `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

      const { headers, userId } = await signInTestUser({ deps }, "bench", { userAgent: "bench" });
      const call = async (method: "GET" | "POST", url: string, payload?: Record<string, unknown>) => {
        const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
        if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
        return response.json() as Record<string, unknown> & { id: string };
      };
      const org = await call("POST", "/api/v1/organizations", { name: "Bench" });
      const ws = await call("POST", `/api/v1/organizations/${org.id}/workspaces`, { name: "bench", planId: "starter-shared" });
      const resources = ws.resources as { cpuMillicores: number; memoryMib: number; storageGib: number };
      const { admin } = await provisionVirtualClusterByHand({
        hostKubeconfig: readFileSync(controlPlane.kubeconfigPath, "utf8"),
        workspace: { id: ws.id, organizationId: org.id, name: "bench", nodes: "shared", kubernetesVersion: "v1.35.4", ...resources },
        db: database.db,
        connections: deps.clusters.connections,
      });
      await admin.apply([
        { apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } },
        {
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "RoleBinding",
          metadata: { name: "bench-view", namespace: NAMESPACE },
          subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: userId }],
          roleRef: { kind: "ClusterRole", apiGroup: "rbac.authorization.k8s.io", name: "view" },
        },
      ]);
      for (let start = 0; start < OBJECTS; start += 25) {
        await Promise.all(
          Array.from({ length: Math.min(25, OBJECTS - start) }, (_, offset) =>
            admin.apply([{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${start + offset}`, namespace: NAMESPACE }, data: { index: String(start + offset), payload: "x".repeat(200) } }]),
          ),
        );
      }
      const kubeToken = (await call("POST", `/api/v1/organizations/${org.id}/workspaces/${ws.id}/kube-token`, { ttlSeconds: 3600 })).token as string;

      const connection = await deps.clusters.connections.load(ws.id);
      if (!connection) throw new Error("no connection stored");
      const listPath = `/api/v1/namespaces/${NAMESPACE}/configmaps`;
      const plan = {
        gateway: { origin: apiOrigin, ca: ca.certPem, prefix: `/k8s/workspaces/${ws.id}`, token: kubeToken },
        direct: { origin: connection.server, ca: connection.caPem, cert: connection.clientCertPem, key: connection.clientKeyPem },
        listPath,
        onePath: `${listPath}/cm-7`,
        runs: RUNS,
        smallRuns: RUNS * 4,
        clients: CONCURRENT_CLIENTS,
        perClient: REQUESTS_PER_CLIENT,
      };
      const samples = await runClient(plan);
      const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
      const [listDirect, listGateway] = [sorted(samples.list.direct), sorted(samples.list.gateway)];
      const kib = `${Math.round(samples.bytes / 1024)} KiB`;
      const results: Measurement[] = [
        summarize(`list ${OBJECTS} ConfigMaps, straight to the virtual cluster`, listDirect, kib),
        summarize(`list ${OBJECTS} ConfigMaps, through the gateway`, listGateway, kib),
        {
          metric: "gateway overhead on the list (median, p95)",
          median: percentile(listGateway, 50) - percentile(listDirect, 50),
          p95: percentile(listGateway, 95) - percentile(listDirect, 95),
          unit: "ms",
          samples: RUNS,
        },
        summarize("get one ConfigMap, straight to the virtual cluster", sorted(samples.one.direct)),
        summarize("get one ConfigMap, through the gateway", sorted(samples.one.gateway)),
        summarize("GET /health on the same API (its HTTP pipeline alone)", sorted(samples.health)),
        { metric: `list throughput, straight (${CONCURRENT_CLIENTS} clients)`, median: samples.throughput.direct, unit: "req/s", samples: CONCURRENT_CLIENTS * REQUESTS_PER_CLIENT },
        { metric: `list throughput, through the gateway (${CONCURRENT_CLIENTS} clients)`, median: samples.throughput.gateway, unit: "req/s", samples: CONCURRENT_CLIENTS * REQUESTS_PER_CLIENT },
      ];
      return results;
    } finally {
      await server.close();
      await cache.close();
      await database.destroy();
      await controlPlane.stop();
    }
  },
};
