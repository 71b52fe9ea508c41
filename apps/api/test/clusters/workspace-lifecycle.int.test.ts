import { createClusterClient, hostNamespaceOf, VIRTUAL_CLUSTER_NAME } from "@hks/kube";
import { runKubectl } from "@hks/kube-local";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignedInUser } from "../tenancy/tenancy-testbed";
import { startClusterTestbed, type ClusterTestbed } from "./cluster-testbed";
import { eventually } from "../support/eventually";
const poll = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000) => eventually(what, probe, { timeoutMs });


describe("workspaces on Kubernetes: provisioning and lifecycle on a real control plane", () => {
  let bed: ClusterTestbed;
  let owner: SignedInUser;
  let orgId: string;
  let wsId: string;
  const projects: Record<string, string> = {};

  /** kubectl against the workspace's virtual cluster with the admin kubeconfig the platform stored. */
  const adminKubectl = async (...args: string[]) => {
    const connection = await bed.server.deps.clusters.connections.load(wsId);
    if (!connection) throw new Error("no connection stored");
    const path = join(tmpdir(), `hks-admin-${wsId}.kubeconfig`);
    writeFileSync(path, connection.kubeconfig, { mode: 0o600 });
    return runKubectl(bed.controlPlane.binaries.kubectl, path, args);
  };
  const api = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: Record<string, unknown>) =>
    bed.call(owner, { method, url: `/api/v1/organizations/${orgId}${url}`, ...(payload === undefined ? {} : { payload }) });

  beforeAll(async () => {
    bed = await startClusterTestbed();
    owner = await bed.user("owner");
    orgId = (await bed.call(owner, { method: "POST", url: "/api/v1/organizations", payload: { name: "Cluster org" } })).json().id;
  }, 180_000);
  afterAll(async () => {
    await bed?.close();
  }, 60_000);

  it("creating a workspace provisions its virtual cluster: PENDING_CREATION → CONFIGURING → RUNNING", async () => {
    const created = await api("POST", "/workspaces", { name: "alpha", planId: "starter-shared" });
    expect(created.statusCode).toBe(201);
    expect(created.json().status).toBe("PENDING_CREATION");
    wsId = created.json().id;
    for (const name of ["team-a", "team-b"]) {
      const project = await api("POST", `/workspaces/${wsId}/projects`, { name, quota: { cpuMillicores: 1000, memoryMib: 1024, storageGib: 5 } });
      expect(project.statusCode).toBe(201);
      projects[name] = project.json().id;
    }
    const running = await bed.waitForStatus(owner, orgId, wsId, "RUNNING");
    expect(running.statusReason).toBeNull();

    // The host has the workspace's namespace and StatefulSet; the platform holds a sealed kubeconfig.
    const host = createClusterClient(bed.server.deps.clusters.host!.kubeconfig);
    expect(await host.read({ apiVersion: "apps/v1", kind: "StatefulSet", name: VIRTUAL_CLUSTER_NAME, namespace: hostNamespaceOf(wsId) })).toBeDefined();

    // Inside: one namespace per project with its quota and network policies.
    const namespaces = await adminKubectl("get", "namespaces", "-l", "hexabase.io/component=project", "-o", "jsonpath={.items[*].metadata.name}");
    expect(namespaces.stdout.split(" ").sort()).toEqual(["team-a", "team-b"]);
    const quota = await adminKubectl("get", "resourcequota", "project-quota", "-n", "team-a", "-o", "jsonpath={.spec.hard.requests\\.cpu}");
    expect(quota.stdout).toBe("1");
    const policies = await adminKubectl("get", "networkpolicies", "-n", "team-b", "-o", "jsonpath={.items[*].metadata.name}");
    expect(policies.stdout.split(" ").sort()).toEqual(["allow-within-project", "default-deny"]);
  }, 180_000);

  it("the provisioning task shows every step done", async () => {
    const list = (await api("GET", `/tasks?workspaceId=${wsId}`)).json();
    const provision = list.items.find((task: { kind: string }) => task.kind === "workspace.provision");
    expect(provision).toMatchObject({ status: "SUCCEEDED", progress: 1 });
    expect(provision.steps.map((step: { name: string; status: string }) => `${step.name}:${step.status}`)).toEqual([
      "create-host-objects:DONE",
      "wait-for-virtual-cluster:DONE",
      "configure-projects-and-rbac:DONE",
      "mark-running:DONE",
    ]);
    const status = (await api("GET", `/workspaces/${wsId}/vcluster/status`)).json();
    expect(status).toMatchObject({ status: "RUNNING", provisioned: true, kubernetesVersion: "v1.35.4", currentTask: null });
    expect(JSON.stringify(status)).not.toContain("127.0.0.1");
  });

  it("project and binding changes reach the cluster, and drift is repaired", async () => {
    const third = await api("POST", `/workspaces/${wsId}/projects`, { name: "team-c", quota: { cpuMillicores: 500, memoryMib: 512, storageGib: 1 } });
    expect(third.statusCode).toBe(201);
    await poll("team-c namespace", async () => ((await adminKubectl("get", "namespace", "team-c")).code === 0 ? true : undefined));

    const deleted = await api("DELETE", `/workspaces/${wsId}/projects/${third.json().id}`);
    expect(deleted.statusCode).toBe(204);
    await poll("team-c namespace to go", async () => {
      const result = await adminKubectl("get", "namespace", "team-c", "-o", "jsonpath={.status.phase}");
      return result.code !== 0 || result.stdout === "Terminating" ? true : undefined;
    });

    // Someone deletes the project's quota and network policy by hand: the reconcile loop puts them back.
    expect((await adminKubectl("delete", "resourcequota", "project-quota", "-n", "team-a")).code).toBe(0);
    expect((await adminKubectl("delete", "networkpolicy", "default-deny", "-n", "team-a")).code).toBe(0);
    await poll("drift repaired", async () => {
      const quota = await adminKubectl("get", "resourcequota", "project-quota", "-n", "team-a");
      const policy = await adminKubectl("get", "networkpolicy", "default-deny", "-n", "team-a");
      return quota.code === 0 && policy.code === 0 ? true : undefined;
    }, 30_000);
  }, 60_000);

  it("health shows the components and quota used against hard limits from the clusters", async () => {
    const health = (await api("GET", `/workspaces/${wsId}/vcluster/health`)).json();
    expect(health.healthy).toBe(true);
    expect(health.components.map((component: { name: string }) => component.name).sort()).toEqual(["api-server", "virtual-cluster-pod"]);
    const teamA = health.quotas.find((quota: { projectId: string | null }) => quota.projectId === projects["team-a"]);
    expect(teamA).toMatchObject({ namespace: "team-a", hard: { "requests.cpu": "1" } });
    const workspaceQuota = health.quotas.find((quota: { projectId: string | null }) => quota.projectId === null);
    expect(workspaceQuota.hard["requests.cpu"]).toBe("4");
  });

  it("stop then start keeps every object", async () => {
    expect((await adminKubectl("create", "configmap", "keep-me", "-n", "team-a", "--from-literal=answer=42")).code).toBe(0);
    const stop = await api("POST", `/workspaces/${wsId}/vcluster/stop`);
    expect(stop.statusCode).toBe(202);
    expect(stop.json().status).toBe("STOPPING");
    await bed.waitForStatus(owner, orgId, wsId, "STOPPED");
    const startTwice = await api("POST", `/workspaces/${wsId}/vcluster/stop`);
    expect(startTwice.statusCode).toBe(409);
    expect(startTwice.json().error.code).toBe("INVALID_STATE");

    const start = await api("POST", `/workspaces/${wsId}/vcluster/start`);
    expect(start.statusCode).toBe(202);
    await bed.waitForStatus(owner, orgId, wsId, "RUNNING");
    const kept = await adminKubectl("get", "configmap", "keep-me", "-n", "team-a", "-o", "jsonpath={.data.answer}");
    expect(kept.stdout).toBe("42");
  }, 120_000);

  it("an upgrade to a version that does not exist rolls back and says why", async () => {
    const upgrade = await api("POST", `/workspaces/${wsId}/vcluster/upgrade`, { kubernetesVersion: "v1.99.0" });
    expect(upgrade.statusCode).toBe(202);
    const task = await bed.waitForTask(owner, upgrade.json().taskId, "ERROR");
    expect(task.errorReason).toContain("rolled back to v1.35.4");
    expect(task.errorReason).toContain("v1.99.0 is not available");
    const workspace = await bed.waitForStatus(owner, orgId, wsId, "RUNNING");
    expect(workspace.kubernetesVersion).toBe("v1.35.4");
    expect(workspace.statusReason).toContain("rolled back");
    // Still serving, with the data.
    expect((await adminKubectl("get", "configmap", "keep-me", "-n", "team-a")).code).toBe(0);

    const downgrade = await api("POST", `/workspaces/${wsId}/vcluster/upgrade`, { kubernetesVersion: "v1.30.0" });
    expect(downgrade.statusCode).toBe(400);
    const junk = await api("POST", `/workspaces/${wsId}/vcluster/upgrade`, { kubernetesVersion: "latest" });
    expect(junk.statusCode).toBe(400);
  }, 120_000);

  it("deleting the workspace removes everything from the host, then the records", async () => {
    const response = await api("DELETE", `/workspaces/${wsId}`);
    expect(response.statusCode).toBe(202);
    expect(response.json().status).toBe("DELETING");
    await bed.waitForStatus(owner, orgId, wsId, "DELETED");
    const host = createClusterClient(bed.server.deps.clusters.host!.kubeconfig);
    expect(await host.read({ apiVersion: "v1", kind: "Namespace", name: hostNamespaceOf(wsId) })).toBeUndefined();
    // The virtual cluster's data went with its StatefulSet.
    await poll("etcd keys to go", async () => ((await bed.controlPlane.etcd.countPrefix(`/vclusters/${hostNamespaceOf(wsId)}/`)) === 0 ? true : undefined));
  }, 120_000);
});

