import { existsSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControlPlane } from "../src/control-plane";
import type { ControlPlane } from "../src/control-plane";
import { virtualClusterEtcdPrefix } from "../src/etcd-key-range";
import { kubeRequest } from "../src/kube-request";
import { runKubectl } from "../src/kubectl";

/** One host control plane with the virtual-cluster runtime, shared by the whole file. */
let controlPlane: ControlPlane;

beforeAll(async () => {
  controlPlane = await startControlPlane({ virtualClusters: true });
}, 240_000);

afterAll(async () => {
  await controlPlane?.stop();
}, 90_000);

const NAMESPACE = "workspace-team-a";

const hostKubectl = async (args: string[], input?: string): Promise<string> => {
  const result = await runKubectl(
    controlPlane.binaries.kubectl,
    controlPlane.kubeconfigPath,
    args,
    input === undefined ? {} : { input },
  );
  if (result.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
};

/** What the platform renders for a workspace (reduced to what matters here). */
const vclusterStatefulSet = (name: string, replicas: number, labelled = true) => `
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
  namespace: ${NAMESPACE}
  labels:
    app.kubernetes.io/managed-by: ${labelled ? "hexabase-kaas" : "someone-else"}
    hexabase.io/component: vcluster
spec:
  replicas: ${replicas}
  serviceName: ${name}-headless
  selector: { matchLabels: { app: vcluster, release: ${name} } }
  template:
    metadata: { labels: { app: vcluster, release: ${name} } }
    spec:
      containers:
      - name: syncer
        image: ghcr.io/loft-sh/vcluster-pro:0.30.0
`;

/** Reads `vc-<name>` the way the docs tell operators to, and writes it to a file. */
async function fetchVirtualClusterKubeconfig(name: string): Promise<string> {
  const encoded = await hostKubectl(["get", "secret", `vc-${name}`, "-n", NAMESPACE, "-o", "jsonpath={.data.config}"]);
  const path = join(controlPlane.stateDir, `${name}-from-secret.kubeconfig`);
  writeFileSync(path, Buffer.from(encoded, "base64"));
  return path;
}

async function vclusterKubectl(kubeconfigPath: string, args: string[], input?: string) {
  return runKubectl(controlPlane.binaries.kubectl, kubeconfigPath, args, input === undefined ? {} : { input });
}

async function vclusterKubectlOk(kubeconfigPath: string, args: string[], input?: string): Promise<string> {
  const result = await vclusterKubectl(kubeconfigPath, args, input);
  if (result.code !== 0) throw new Error(`vcluster kubectl ${args.join(" ")} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

async function eventually<T>(fn: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

/** The platform's way to wait: the StatefulSet's status, via `kubectl rollout status`. */
const waitForRollout = (name: string) =>
  hostKubectl(["rollout", "status", `statefulset/${name}`, "-n", NAMESPACE, "--timeout=150s"]);

const readyReplicas = async (name: string) =>
  (await hostKubectl(["get", "statefulset", name, "-n", NAMESPACE, "-o", "jsonpath={.status.readyReplicas}"])) || "0";

/** Whether anything still accepts connections at the server's address. */
function isServing(server: string): Promise<boolean> {
  const { hostname, port } = new URL(server);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("virtual clusters", () => {
  let kubeconfigPath: string;
  let server: string;

  beforeAll(async () => {
    await hostKubectl(["create", "namespace", NAMESPACE]);
  });

  it("goes up when its StatefulSet is scaled to 1 and publishes a working vc-<name> kubeconfig", { timeout: 200_000 }, async () => {
    await hostKubectl(["apply", "-f", "-"], vclusterStatefulSet("ws-1", 0));
    expect(await readyReplicas("ws-1")).toBe("0");
    await hostKubectl(["scale", "statefulset", "ws-1", "-n", NAMESPACE, "--replicas=1"]);
    await waitForRollout("ws-1");
    expect(await readyReplicas("ws-1")).toBe("1");

    kubeconfigPath = await fetchVirtualClusterKubeconfig("ws-1");
    const secretKeys = await hostKubectl(["get", "secret", "vc-ws-1", "-n", NAMESPACE, "-o", "go-template={{range $k, $v := .data}}{{$k}} {{end}}"]);
    expect(secretKeys.trim().split(" ").sort()).toEqual(["certificate-authority", "client-certificate", "client-key", "config"]);
    server = (await vclusterKubectlOk(kubeconfigPath, ["config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}"])).trim();
    expect(server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server).not.toBe(controlPlane.server);

    // A cluster of its own: the host's namespaces are not there, and its version is the pinned one.
    const namespaces = await vclusterKubectlOk(kubeconfigPath, ["get", "namespaces", "-o", "name"]);
    expect(namespaces).toContain("namespace/default");
    expect(namespaces).not.toContain(`namespace/${NAMESPACE}`);
    const version = JSON.parse(await vclusterKubectlOk(kubeconfigPath, ["version", "-o", "json"])) as {
      serverVersion: { gitVersion: string };
    };
    expect(version.serverVersion.gitVersion).toBe(controlPlane.binaries.versions.kube);
    expect(controlPlane.virtualClusters?.running().map((vc) => `${vc.namespace}/${vc.name}`)).toEqual([`${NAMESPACE}/ws-1`]);
  });

  it("runs the platform's objects inside the virtual cluster, quota and namespace deletion included", { timeout: 150_000 }, async () => {
    await vclusterKubectlOk(
      kubeconfigPath,
      ["apply", "-f", "-"],
      `
apiVersion: v1
kind: Namespace
metadata: { name: project-x }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: survivor, namespace: project-x }
data: { written: before-stop }
---
apiVersion: v1
kind: ResourceQuota
metadata: { name: q, namespace: project-x }
spec: { hard: { pods: "0" } }
`,
    );
    await eventually(async () => {
      const result = await vclusterKubectl(kubeconfigPath, ["run", "p", "-n", "project-x", "--image=registry.k8s.io/pause:3.10"]);
      expect(result.stderr).toMatch(/exceeded quota: q/);
    });
    await vclusterKubectlOk(kubeconfigPath, ["create", "namespace", "short-lived"]);
    await vclusterKubectlOk(kubeconfigPath, ["delete", "namespace", "short-lived", "--wait=true", "--timeout=90s"]);
    expect((await vclusterKubectl(kubeconfigPath, ["get", "namespace", "short-lived"])).stderr).toMatch(/NotFound/);
  });

  it("keeps its objects across a stop (replicas 0) and start (replicas 1)", { timeout: 200_000 }, async () => {
    await hostKubectl(["scale", "statefulset", "ws-1", "-n", NAMESPACE, "--replicas=0"]);
    await eventually(async () => {
      expect(await readyReplicas("ws-1")).toBe("0");
      await controlPlane.virtualClusters?.idle();
      expect(controlPlane.virtualClusters?.running()).toEqual([]);
    });
    expect(await isServing(server)).toBe(false);
    expect(await controlPlane.etcd.countPrefix(`${virtualClusterEtcdPrefix(NAMESPACE, "ws-1")}/`)).toBeGreaterThan(0);

    await hostKubectl(["scale", "statefulset", "ws-1", "-n", NAMESPACE, "--replicas=1"]);
    await waitForRollout("ws-1");
    const restartedKubeconfig = await fetchVirtualClusterKubeconfig("ws-1");
    expect(
      await vclusterKubectlOk(restartedKubeconfig, ["get", "configmap", "survivor", "-n", "project-x", "-o", "jsonpath={.data.written}"]),
    ).toBe("before-stop");
    // Same identity and (port permitting) the same address: kubeconfigs handed out earlier keep working.
    expect(await vclusterKubectlOk(kubeconfigPath, ["get", "namespace", "project-x", "-o", "name"])).toBe("namespace/project-x\n");
  });

  it("isolates virtual clusters from each other: own data, own CA and admin identity", { timeout: 200_000 }, async () => {
    await hostKubectl(["apply", "-f", "-"], vclusterStatefulSet("ws-2", 1));
    await waitForRollout("ws-2");
    const otherKubeconfig = await fetchVirtualClusterKubeconfig("ws-2");
    expect((await vclusterKubectl(otherKubeconfig, ["get", "namespace", "project-x"])).stderr).toMatch(/NotFound/);

    // ws-1's admin certificate means nothing to ws-2's apiserver.
    const ws2 = controlPlane.virtualClusters?.running().find((vc) => vc.name === "ws-2");
    const ws1Secret = JSON.parse(await hostKubectl(["get", "secret", "vc-ws-1", "-n", NAMESPACE, "-o", "json"])) as {
      data: Record<string, string>;
    };
    const ws2Secret = JSON.parse(await hostKubectl(["get", "secret", "vc-ws-2", "-n", NAMESPACE, "-o", "json"])) as {
      data: Record<string, string>;
    };
    const decode = (value: string | undefined) => Buffer.from(value ?? "", "base64").toString();
    const crossed = await kubeRequest(
      {
        server: ws2!.server,
        caPem: decode(ws2Secret.data["certificate-authority"]),
        certPem: decode(ws1Secret.data["client-certificate"]),
        keyPem: decode(ws1Secret.data["client-key"]),
      },
      { path: "/api/v1/namespaces" },
    );
    expect(crossed.status).toBe(401);
  });

  it("ignores StatefulSets without the platform's labels", { timeout: 60_000 }, async () => {
    await hostKubectl(["apply", "-f", "-"], vclusterStatefulSet("not-ours", 1, false));
    await sleep(2_000);
    await controlPlane.virtualClusters?.idle();
    const secrets = await hostKubectl(["get", "secrets", "-n", NAMESPACE, "-o", "name"]);
    expect(secrets).not.toContain("secret/vc-not-ours");
    expect(controlPlane.virtualClusters?.running().map((vc) => vc.name).sort()).toEqual(["ws-1", "ws-2"]);
  });

  it("is gone after its StatefulSet is deleted: processes, Secret and data", { timeout: 150_000 }, async () => {
    const prefix = `${virtualClusterEtcdPrefix(NAMESPACE, "ws-1")}/`;
    expect(await controlPlane.etcd.countPrefix(prefix)).toBeGreaterThan(0);
    await hostKubectl(["delete", "statefulset", "ws-1", "-n", NAMESPACE]);
    await eventually(async () => {
      await controlPlane.virtualClusters?.idle();
      expect(controlPlane.virtualClusters?.running().map((vc) => vc.name)).toEqual(["ws-2"]);
      expect(await controlPlane.etcd.countPrefix(prefix)).toBe(0);
      expect((await hostKubectl(["get", "secrets", "-n", NAMESPACE, "-o", "name"])).split("\n")).not.toContain("secret/vc-ws-1");
    });
    expect(await isServing(server)).toBe(false);
    expect(existsSync(join(controlPlane.stateDir, "vclusters", NAMESPACE, "ws-1"))).toBe(false);
    // The other virtual cluster is untouched.
    expect(await controlPlane.etcd.countPrefix(`${virtualClusterEtcdPrefix(NAMESPACE, "ws-2")}/`)).toBeGreaterThan(0);

    // A new StatefulSet with the same name starts from scratch.
    await hostKubectl(["apply", "-f", "-"], vclusterStatefulSet("ws-1", 1));
    await waitForRollout("ws-1");
    const fresh = await fetchVirtualClusterKubeconfig("ws-1");
    expect((await vclusterKubectl(fresh, ["get", "namespace", "project-x"])).stderr).toMatch(/NotFound/);
  });
});
