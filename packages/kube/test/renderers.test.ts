import { describe, expect, it } from "vitest";
import { cpu, KUBECONFIG_SECRET, memory, renderProjectNamespace, renderRbac, renderVirtualCluster, type KubeObject } from "../src";

const workspace = {
  id: "ws_01jd00000000000000000000aa",
  organizationId: "org_01jd00000000000000000000aa",
  name: "prod",
  nodes: "shared" as const,
  kubernetesVersion: "v1.35.4",
  cpuMillicores: 4000,
  memoryMib: 8192,
  storageGib: 50,
};
const byKind = (objects: KubeObject[], kind: string) => objects.filter((object) => object.kind === kind);
/** The `spec` of the first object of a kind, typed as the test expects it. */
const specOf = <T>(objects: KubeObject[], kind: string): T => (byKind(objects, kind)[0] as unknown as { spec: T }).spec;

describe("quantities", () => {
  it("writes whole units plainly and fractions in m/Mi", () => {
    expect([cpu(4000), cpu(1500), memory(8192), memory(1536)]).toEqual(["4", "1500m", "8Gi", "1536Mi"]);
  });
});

describe("renderVirtualCluster", () => {
  const objects = renderVirtualCluster(workspace, { replicas: 1 });

  it("puts everything in the workspace's host namespace", () => {
    const [namespace] = byKind(objects, "Namespace");
    expect(namespace?.metadata.name).toBe("hks-ws-01jd00000000000000000000aa");
    for (const object of objects.filter((o) => o.kind !== "Namespace")) expect(object.metadata.namespace).toBe(namespace?.metadata.name);
  });

  it("labels the StatefulSet the way the virtual-cluster runtime selects it", () => {
    const [statefulSet] = byKind(objects, "StatefulSet");
    expect(statefulSet?.metadata.labels).toMatchObject({ "app.kubernetes.io/managed-by": "hexabase-kaas", "hexabase.io/component": "vcluster" });
    expect(statefulSet?.metadata.name).toBe("vcluster");
    expect(KUBECONFIG_SECRET).toBe("vc-vcluster");
    expect(specOf<{ replicas: number }>(objects, "StatefulSet").replicas).toBe(1);
  });

  it("stops by rendering zero replicas and nothing else different", () => {
    const stopped = renderVirtualCluster(workspace, { replicas: 0 });
    expect(specOf<{ replicas: number }>(stopped, "StatefulSet").replicas).toBe(0);
    expect(stopped.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(objects.map((o) => `${o.kind}/${o.metadata.name}`));
  });

  it("sizes the quota from the plan's resources", () => {
    expect(specOf<{ hard: Record<string, string> }>(objects, "ResourceQuota").hard).toMatchObject({ "requests.cpu": "4", "requests.memory": "8Gi", "requests.storage": "50Gi" });
  });

  it("pins dedicated workspaces to their own nodes", () => {
    const dedicated = renderVirtualCluster({ ...workspace, nodes: "dedicated" }, { replicas: 1 });
    const pod = specOf<{ template: { spec: Record<string, unknown> } }>(dedicated, "StatefulSet").template.spec;
    expect(pod.nodeSelector).toEqual({ "hexabase.io/dedicated-workspace": workspace.id });
    const shared = specOf<{ template: { spec: Record<string, unknown> } }>(objects, "StatefulSet").template.spec;
    expect(shared.nodeSelector).toBeUndefined();
  });

  it("is deterministic (same input, same objects), which server-side apply relies on", () => {
    expect(renderVirtualCluster(workspace, { replicas: 1 })).toEqual(objects);
  });
});

describe("renderProjectNamespace", () => {
  const child = { id: "prj_child", workspaceId: workspace.id, name: "payments-api", parentId: "prj_parent", cpuMillicores: 500, memoryMib: 1024, storageGib: 5 };
  const objects = renderProjectNamespace(child, [{ id: "prj_parent" }, { id: "prj_root" }]);

  it("labels the namespace with its place in the tree", () => {
    const [namespace] = byKind(objects, "Namespace");
    expect(namespace?.metadata.name).toBe("payments-api");
    expect(namespace?.metadata.labels).toMatchObject({
      "hexabase.io/project-id": "prj_child",
      "hexabase.io/parent-project-id": "prj_parent",
      "hexabase.io/tree-depth": "2",
      "prj-child.tree.hexabase.io/depth": "0",
      "prj-parent.tree.hexabase.io/depth": "1",
      "prj-root.tree.hexabase.io/depth": "2",
    });
  });

  it("brings its quota, defaults and a default-deny policy with an in-project exception", () => {
    expect(byKind(objects, "ResourceQuota")).toHaveLength(1);
    expect(byKind(objects, "LimitRange")).toHaveLength(1);
    const policies = byKind(objects, "NetworkPolicy").map((policy) => policy.metadata.name);
    expect(policies).toEqual(["default-deny", "allow-within-project"]);
  });

  it("never lets container defaults exceed a small project's quota", () => {
    const tiny = renderProjectNamespace({ ...child, cpuMillicores: 50, memoryMib: 64 }, []);
    const limits = specOf<{ limits: { default: { cpu: string; memory: string } }[] }>(tiny, "LimitRange").limits[0];
    expect(limits?.default).toEqual({ cpu: "50m", memory: "64Mi" });
  });
});

describe("renderRbac", () => {
  const roles = [{ id: "role_edit", name: "edit", rules: [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "create"] }] }];
  const projects = [
    { id: "prj_a", name: "a", parentId: null },
    { id: "prj_a1", name: "a1", parentId: "prj_a" },
    { id: "prj_a1x", name: "a1x", parentId: "prj_a1" },
    { id: "prj_b", name: "b", parentId: null },
  ];

  it("makes a ClusterRole per role", () => {
    const objects = renderRbac({ roles, bindings: [], projects });
    expect(objects).toEqual([expect.objectContaining({ kind: "ClusterRole", metadata: expect.objectContaining({ name: "hks:edit" }) })]);
  });

  it("propagates a project binding to every descendant project, and not to siblings", () => {
    const objects = renderRbac({ roles, bindings: [{ id: "rb_1", roleId: "role_edit", projectId: "prj_a", subject: { kind: "group", id: "grp_devs" } }], projects });
    const bindings = byKind(objects, "RoleBinding");
    expect(bindings.map((binding) => binding.metadata.namespace)).toEqual(["a", "a1", "a1x"]);
    expect(bindings[0]?.metadata.annotations).toBeUndefined();
    expect(bindings[2]?.metadata.annotations).toEqual({ "hexabase.io/propagated-from": "prj_a" });
    expect(bindings[0]).toMatchObject({ subjects: [{ kind: "Group", name: "grp_devs" }], roleRef: { kind: "ClusterRole", name: "hks:edit" } });
  });

  it("binds workspace-wide with a ClusterRoleBinding to the platform user id", () => {
    const objects = renderRbac({ roles, bindings: [{ id: "rb_2", roleId: "role_edit", projectId: null, subject: { kind: "user", id: "usr_alice" } }], projects });
    expect(byKind(objects, "ClusterRoleBinding")).toEqual([expect.objectContaining({ subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "usr_alice" }] })]);
  });
});
