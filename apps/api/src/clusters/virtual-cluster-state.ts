import { hostNamespaceOf, KUBECONFIG_SECRET, VIRTUAL_CLUSTER_NAME, type ClusterClient } from "@hks/kube";
import type { V1Secret, V1StatefulSet } from "@kubernetes/client-node";

/** The condition type the virtual cluster's pod controller reports failures under (image pulls, crashes). */
export const READY_CONDITION = "VirtualClusterReady";

export type VirtualClusterState =
  | { phase: "absent" }
  | { phase: "starting" }
  | { phase: "stopped" }
  | { phase: "ready"; kubeconfig: string }
  | { phase: "failed"; reason: string };

/**
 * What the host says about a workspace's virtual cluster, read from its StatefulSet's status (as
 * `kubectl rollout status` would) and the `vc-vcluster` Secret its pod writes. A failure the pod
 * reports as a condition (e.g. an image that cannot be pulled) is `failed` with its message.
 */
export async function observeVirtualCluster(host: ClusterClient, workspaceId: string): Promise<VirtualClusterState> {
  const namespace = hostNamespaceOf(workspaceId);
  const statefulSet = await host.read<V1StatefulSet>({ apiVersion: "apps/v1", kind: "StatefulSet", name: VIRTUAL_CLUSTER_NAME, namespace });
  if (!statefulSet) return { phase: "absent" };
  const wanted = statefulSet.spec?.replicas ?? 1;
  const status = statefulSet.status;
  const current = (status?.observedGeneration ?? 0) >= (statefulSet.metadata?.generation ?? 0);
  const failure = status?.conditions?.find((condition) => condition.type === READY_CONDITION && condition.status === "False");
  if (current && failure) return { phase: "failed", reason: failure.message ?? failure.reason ?? "the virtual cluster failed to start" };
  if (wanted === 0) return current && (status?.readyReplicas ?? 0) === 0 ? { phase: "stopped" } : { phase: "starting" };
  if (!current || (status?.readyReplicas ?? 0) < wanted) return { phase: "starting" };
  const secret = await host.read<V1Secret>({ apiVersion: "v1", kind: "Secret", name: KUBECONFIG_SECRET, namespace });
  const config = secret?.data?.config;
  if (!config) return { phase: "starting" };
  return { phase: "ready", kubeconfig: Buffer.from(config, "base64").toString("utf8") };
}

/**
 * Polls until the virtual cluster is in `want` (ready: returns its admin kubeconfig), fails fast
 * when the pod reports a failure, and gives up after `timeoutMs` with what it last saw.
 */
export async function waitForVirtualCluster(host: ClusterClient, workspaceId: string, want: "ready" | "stopped", options: { timeoutMs: number; pollMs?: number }): Promise<VirtualClusterState> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const state = await observeVirtualCluster(host, workspaceId);
    if (state.phase === want) return state;
    if (state.phase === "failed") throw new VirtualClusterFailed(state.reason);
    if (state.phase === "absent" && want === "ready") throw new Error("The virtual cluster's StatefulSet does not exist on the host");
    if (Date.now() > deadline) throw new Error(`The virtual cluster did not become ${want} within ${Math.round(options.timeoutMs / 1000)} s (last seen: ${state.phase})`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

/** The virtual cluster reported that it cannot start; waiting longer will not help. */
export class VirtualClusterFailed extends Error {}
