/**
 * Local control plane benchmark: host cold start, warm start, virtual-cluster start and memory
 * per virtual cluster. Prints one JSON line per measurement, then a summary table.
 *
 *   npx tsx packages/kube-local/bench/control-plane.bench.ts [--runs 3]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { startControlPlane } from "../src/control-plane";
import type { ControlPlane } from "../src/control-plane";
import { ensureKubeBinaries } from "../src/kube-binaries";
import { kubeRequest } from "../src/kube-request";
import { runKubectl } from "../src/kubectl";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const RUNS = Math.max(1, Number(values.runs));
const NAMESPACE = "bench";

const samples = new Map<string, number[]>();
function record(metric: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ metric, value: Number(value.toFixed(2)), unit, ...extra })}\n`);
  const key = `${metric} (${unit})`;
  samples.set(key, [...(samples.get(key) ?? []), value]);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const seconds = (startedAt: number) => (performance.now() - startedAt) / 1000;

/** Resident memory of a process in MiB, from /proc/<pid>/status. */
function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) / 1024;
}

async function kubectlOk(controlPlane: ControlPlane, args: string[], input?: string): Promise<string> {
  const result = await runKubectl(controlPlane.binaries.kubectl, controlPlane.kubeconfigPath, args, input === undefined ? {} : { input });
  if (result.code !== 0) throw new Error(`kubectl ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

const statefulSet = (name: string, replicas: number) => `
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
  namespace: ${NAMESPACE}
  labels: { app.kubernetes.io/managed-by: hexabase-kaas, hexabase.io/component: vcluster }
spec:
  replicas: ${replicas}
  serviceName: ${name}
  selector: { matchLabels: { release: ${name} } }
  template:
    metadata: { labels: { release: ${name} } }
    spec: { containers: [{ name: syncer, image: ghcr.io/loft-sh/vcluster-pro:0.30.0 }] }
`;

/**
 * Time from the scale request until the platform could use the virtual cluster: `vc-<name>`
 * exists, points at a serving apiserver, and its credentials list namespaces there.
 */
async function timeVirtualClusterStart(controlPlane: ControlPlane, name: string): Promise<number> {
  const host = { server: controlPlane.server, caPem: controlPlane.caPem, certPem: controlPlane.adminCertPem, keyPem: controlPlane.adminKeyPem };
  const startedAt = performance.now();
  await kubectlOk(controlPlane, ["apply", "-f", "-"], statefulSet(name, 1));
  for (;;) {
    const secret = await kubeRequest(host, { path: `/api/v1/namespaces/${NAMESPACE}/secrets/vc-${name}` });
    if (secret.status === 200) {
      const data = (JSON.parse(secret.body) as { data: Record<string, string> }).data;
      const decode = (key: string) => Buffer.from(data[key] ?? "", "base64").toString();
      const server = /server: "?([^"\n]+)"?/.exec(decode("config"))?.[1] ?? "";
      try {
        const namespaces = await kubeRequest(
          { server, caPem: decode("certificate-authority"), certPem: decode("client-certificate"), keyPem: decode("client-key") },
          { path: "/api/v1/namespaces", timeoutMs: 2_000 },
        );
        if (namespaces.status === 200) return seconds(startedAt);
      } catch {
        // on a restart the kept Secret points at the apiserver that is still starting: keep waiting
      }
    }
    await sleep(100);
  }
}

async function main(): Promise<void> {
  const binaries = await ensureKubeBinaries();
  const benchStartedAt = performance.now();
  process.stderr.write(`kube-local bench: Kubernetes ${binaries.versions.kube}, etcd ${binaries.versions.etcd}, ${RUNS} runs each\n`);

  // Cold: a fresh state dir each time (new PKI, empty etcd, bootstrap of RBAC and priority levels).
  for (let run = 1; run <= RUNS; run++) {
    const startedAt = performance.now();
    const controlPlane = await startControlPlane({ binaries });
    record("host cold start", seconds(startedAt), "s", { run });
    await controlPlane.stop();
  }

  // Warm: the same persisted state dir (existing PKI and etcd data), as local mode restarts.
  const warmDir = mkdtempSync(join(tmpdir(), "hks-kube-bench-warm-"));
  try {
    await (await startControlPlane({ binaries, stateDir: warmDir })).stop();
    for (let run = 1; run <= RUNS; run++) {
      const startedAt = performance.now();
      const controlPlane = await startControlPlane({ binaries, stateDir: warmDir });
      record("host warm start", seconds(startedAt), "s", { run });
      await controlPlane.stop();
    }
  } finally {
    rmSync(warmDir, { recursive: true, force: true });
  }

  // Virtual clusters: first start of new ones (kept running for the memory figures), then restarts.
  const controlPlane = await startControlPlane({ binaries, virtualClusters: true });
  try {
    await kubectlOk(controlPlane, ["create", "namespace", NAMESPACE]);
    record("host kube-apiserver RSS", rssMiB(controlPlane.host.apiserver.pid), "MiB");
    record("host kube-controller-manager RSS", rssMiB(controlPlane.host.controllerManager.pid), "MiB");
    const names = Array.from({ length: RUNS }, (_, i) => `vc-bench-${i + 1}`);
    for (const name of names) {
      record("virtual cluster first start (scale to 1 -> vc-<name> usable)", await timeVirtualClusterStart(controlPlane, name), "s", { name });
    }
    await sleep(10_000); // let the apiservers settle after bootstrap before reading memory
    for (const vc of controlPlane.virtualClusters?.running() ?? []) {
      const apiserver = rssMiB(vc.apiserverPid);
      const controllerManager = rssMiB(vc.controllerManagerPid);
      record("virtual cluster kube-apiserver RSS", apiserver, "MiB", { name: vc.name });
      record("virtual cluster kube-controller-manager RSS", controllerManager, "MiB", { name: vc.name });
      record("virtual cluster total RSS", apiserver + controllerManager, "MiB", { name: vc.name });
    }
    record("etcd RSS (host + virtual clusters)", rssMiB(controlPlane.etcdServer.process.pid), "MiB");
    for (const name of names) {
      await kubectlOk(controlPlane, ["apply", "-f", "-"], statefulSet(name, 0));
    }
    for (;;) {
      await controlPlane.virtualClusters?.idle();
      if ((controlPlane.virtualClusters?.running().length ?? 0) === 0) break;
      await sleep(200);
    }
    for (const name of names) {
      record("virtual cluster restart (scale 0 -> 1, existing data)", await timeVirtualClusterStart(controlPlane, name), "s", { name });
      await kubectlOk(controlPlane, ["apply", "-f", "-"], statefulSet(name, 0));
    }
  } finally {
    await controlPlane.stop();
  }

  process.stderr.write(`\nmedians over ${RUNS} runs (total ${seconds(benchStartedAt).toFixed(0)} s):\n`);
  const width = Math.max(...[...samples.keys()].map((key) => key.length));
  for (const [key, values] of samples) {
    process.stderr.write(`  ${key.padEnd(width)}  ${median(values).toFixed(1).padStart(7)}   [${values.map((v) => v.toFixed(1)).join(", ")}]\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
