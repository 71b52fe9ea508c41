import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runKubectl, startControlPlane, type ControlPlane } from "@hks/kube-local";
import type { V1Secret, V1StatefulSet } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClusterClient, hostNamespaceOf, KUBECONFIG_SECRET, renderProjectNamespace, renderRbac, renderVirtualCluster, VIRTUAL_CLUSTER_NAME, type ClusterClient } from "../src";

const workspace = {
  id: "ws_01jd0000000000000000000001",
  organizationId: "org_01jd000000000000000000001",
  name: "team",
  nodes: "shared" as const,
  kubernetesVersion: "v1.35.4",
  cpuMillicores: 4000,
  memoryMib: 8192,
  storageGib: 50,
};
const parent = { id: "prj_parent", workspaceId: workspace.id, name: "shop", parentId: null, cpuMillicores: 2000, memoryMib: 4096, storageGib: 20 };
const child = { id: "prj_child", workspaceId: workspace.id, name: "shop-payments", parentId: "prj_parent", cpuMillicores: 500, memoryMib: 512, storageGib: 5 };
const sibling = { id: "prj_other", workspaceId: workspace.id, name: "analytics", parentId: null, cpuMillicores: 500, memoryMib: 512, storageGib: 5 };

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The renderers' output applied with server-side apply to a real control plane: the host gets a
 * workspace's virtual cluster (brought up by the local runtime exactly as vCluster would), and the
 * virtual cluster gets projects and RBAC that its own API server then enforces.
 */
describe("rendered objects on a real cluster", () => {
  let controlPlane: ControlPlane;
  let host: ClusterClient;
  let virtual: ClusterClient;
  let virtualKubeconfigPath: string;
  const kubectl = async (args: string[], input?: string) => runKubectl(controlPlane.binaries.kubectl, virtualKubeconfigPath, args, input === undefined ? {} : { input });

  beforeAll(async () => {
    controlPlane = await startControlPlane({ virtualClusters: true });
    host = createClusterClient(readFileSync(controlPlane.kubeconfigPath, "utf8"));
  }, 240_000);
  afterAll(async () => controlPlane?.stop());

  it("brings a workspace's virtual cluster up from the rendered host objects", async () => {
    await host.apply(renderVirtualCluster(workspace, { replicas: 1 }));
    const namespace = hostNamespaceOf(workspace.id);
    const secret = await eventually("the vc- Secret", () => host.read<V1Secret>({ apiVersion: "v1", kind: "Secret", name: KUBECONFIG_SECRET, namespace }));
    const kubeconfig = Buffer.from(secret.data?.config ?? "", "base64").toString("utf8");
    virtualKubeconfigPath = path.join(mkdtempSync(path.join(tmpdir(), "hks-vc-")), "config");
    writeFileSync(virtualKubeconfigPath, kubeconfig, { mode: 0o600 });
    virtual = createClusterClient(kubeconfig);
    const statefulSet = await host.read<V1StatefulSet>({ apiVersion: "apps/v1", kind: "StatefulSet", name: VIRTUAL_CLUSTER_NAME, namespace });
    expect(statefulSet?.metadata?.managedFields?.some((field) => field.manager === "hexabase-kaas" && field.operation === "Apply")).toBe(true);
    expect((await kubectl(["get", "namespaces", "-o", "name"])).stdout).toContain("namespace/default");
  }, 180_000);

  it("creates project namespaces with quota, defaults and network policies the API server accepts", async () => {
    await virtual.apply([...renderProjectNamespace(parent, []), ...renderProjectNamespace(child, [parent]), ...renderProjectNamespace(sibling, [])]);
    const labels = JSON.parse((await kubectl(["get", "namespace", "shop-payments", "-o", "jsonpath={.metadata.labels}"])).stdout) as Record<string, string>;
    expect(labels).toMatchObject({ "hexabase.io/parent-project-id": "prj_parent", "prj-parent.tree.hexabase.io/depth": "1" });
    const underShop = (await kubectl(["get", "namespaces", "-l", "prj-parent.tree.hexabase.io/depth", "-o", "name"])).stdout.trim().split("\n").sort();
    expect(underShop).toEqual(["namespace/shop", "namespace/shop-payments"]);
    expect((await kubectl(["get", "networkpolicy", "-n", "shop", "-o", "name"])).stdout.trim().split("\n").sort()).toEqual(["networkpolicy.networking.k8s.io/allow-within-project", "networkpolicy.networking.k8s.io/default-deny"]);
  }, 60_000);

  it("enforces the project quota in the real admission chain", async () => {
    const pod = (cpu: string) => JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: `big-${cpu}`, namespace: "shop-payments" }, spec: { containers: [{ name: "c", image: "busybox", resources: { requests: { cpu, memory: "64Mi" }, limits: { cpu, memory: "64Mi" } } }] } });
    const refused = await kubectl(["create", "-f", "-"], pod("2"));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/exceeded quota/);
    expect((await kubectl(["create", "-f", "-"], pod("200m"))).code).toBe(0);
  }, 60_000);

  it("makes roles and bindings real RBAC: a group bound on a project reaches its child projects, not siblings", async () => {
    const roles = [{ id: "role_edit", name: "edit", rules: [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "create", "update", "delete"] }] }];
    await virtual.apply(renderRbac({ roles, bindings: [{ id: "rb_1", roleId: "role_edit", projectId: "prj_parent", subject: { kind: "group", id: "grp_devs" } }], projects: [parent, child, sibling] }));
    const canI = async (namespace: string, groups: string[]) =>
      (await kubectl(["auth", "can-i", "create", "deployments", "-n", namespace, "--as", "usr_bob", ...groups.flatMap((group) => ["--as-group", group])])).stdout.trim();
    expect(await canI("shop", ["grp_devs"])).toBe("yes");
    expect(await canI("shop-payments", ["grp_devs"])).toBe("yes");
    expect(await canI("analytics", ["grp_devs"])).toBe("no");
    expect(await canI("shop", ["grp_someone_else"])).toBe("no");
  }, 60_000);

  it("re-applies idempotently and repairs drift", async () => {
    const objects = renderProjectNamespace(child, [parent]);
    await virtual.delete({ apiVersion: "v1", kind: "ResourceQuota", name: "project-quota", namespace: "shop-payments" });
    expect(await virtual.read({ apiVersion: "v1", kind: "ResourceQuota", name: "project-quota", namespace: "shop-payments" })).toBeUndefined();
    await virtual.apply(objects);
    await virtual.apply(objects);
    expect(await virtual.read({ apiVersion: "v1", kind: "ResourceQuota", name: "project-quota", namespace: "shop-payments" })).toBeDefined();
  }, 60_000);

  it("stops the virtual cluster by applying zero replicas", async () => {
    await host.apply(renderVirtualCluster(workspace, { replicas: 0 }));
    const namespace = hostNamespaceOf(workspace.id);
    await eventually("the stopped StatefulSet", async () => {
      const statefulSet = await host.read<V1StatefulSet>({ apiVersion: "apps/v1", kind: "StatefulSet", name: VIRTUAL_CLUSTER_NAME, namespace });
      return (statefulSet?.status?.readyReplicas ?? 0) === 0 ? statefulSet : undefined;
    });
    expect((await kubectl(["get", "namespaces", "--request-timeout=3s"])).code).not.toBe(0);
  }, 90_000);
});
