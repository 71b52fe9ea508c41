import { hostNamespaceOf, LABEL, MANAGED_BY } from "@hks/kube";
import { CoreV1Api, Health, KubeConfig, type V1ResourceQuota } from "@kubernetes/client-node";
import type { HostCluster } from "./host-cluster";
import { observeVirtualCluster } from "./virtual-cluster-state";
import type { WorkspaceConnection } from "./workspace-connections";

export interface ComponentHealth {
  name: string;
  healthy: boolean;
  detail: string;
}

export interface QuotaUsage {
  /** The project's id, or null for the workspace's own quota on the host. */
  projectId: string | null;
  namespace: string;
  hard: Record<string, string>;
  used: Record<string, string>;
}

const timeout = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);

// Tenants see whether a component answers, never host addresses or errors from inside the platform.
const unreachable = (error: unknown) => (error instanceof Error && error.message.includes("did not answer") ? error.message : "not reachable");

/**
 * A live look at a workspace's cluster: the virtual cluster's pod on the host, its API server's
 * readiness, and quota used against hard limits (the workspace's on the host, each project's
 * inside), straight from the clusters' ResourceQuota status.
 */
export async function workspaceHealth(host: HostCluster | undefined, connection: WorkspaceConnection | undefined, workspaceId: string): Promise<{ components: ComponentHealth[]; quotas: QuotaUsage[] }> {
  const components: ComponentHealth[] = [];
  const quotas: QuotaUsage[] = [];
  const toUsage = (quota: V1ResourceQuota, projectId: string | null): QuotaUsage => ({
    projectId,
    namespace: quota.metadata?.namespace ?? "",
    hard: { ...(quota.status?.hard ?? quota.spec?.hard ?? {}) },
    used: { ...(quota.status?.used ?? {}) },
  });

  if (!host) {
    components.push({ name: "host", healthy: false, detail: "No host cluster is configured" });
  } else {
    try {
      const state = await timeout(observeVirtualCluster(host.client, workspaceId), 5_000, "The host API server");
      components.push({ name: "virtual-cluster-pod", healthy: state.phase === "ready", detail: state.phase === "failed" ? `failed: ${state.reason}` : state.phase });
      const hostQuota = await timeout(host.client.read<V1ResourceQuota>({ apiVersion: "v1", kind: "ResourceQuota", name: "workspace-quota", namespace: hostNamespaceOf(workspaceId) }), 5_000, "The host API server");
      if (hostQuota) quotas.push(toUsage(hostQuota, null));
    } catch (error) {
      components.push({ name: "virtual-cluster-pod", healthy: false, detail: `the host API server is ${unreachable(error) === "not reachable" ? "not reachable" : "slow to answer"}` });
    }
  }

  if (!connection) {
    components.push({ name: "api-server", healthy: false, detail: "Not provisioned yet" });
    return { components, quotas };
  }
  const config = new KubeConfig();
  config.loadFromString(connection.kubeconfig);
  try {
    const ready = await timeout(new Health(config).readyz({}), 5_000, "The virtual cluster's API server");
    components.push({ name: "api-server", healthy: ready, detail: ready ? "ready" : "not ready" });
    if (ready) {
      const list = await timeout(config.makeApiClient(CoreV1Api).listResourceQuotaForAllNamespaces({ labelSelector: `${LABEL.managedBy}=${MANAGED_BY}` }), 5_000, "The virtual cluster's API server");
      for (const quota of list.items) quotas.push(toUsage(quota, quota.metadata?.labels?.[LABEL.project] ?? null));
    }
  } catch (error) {
    components.push({ name: "api-server", healthy: false, detail: unreachable(error) });
  }
  return { components, quotas };
}
