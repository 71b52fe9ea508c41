import { createClusterClient, renderVirtualCluster, type ClusterClient } from "@hks/kube";
import type { Database } from "@hks/db";
import type { KubernetesObject } from "@kubernetes/client-node";
import { explainingErrors } from "./cluster-errors";
import { TaskFailed } from "../tasks/task-definition";
import type { HostCluster } from "./host-cluster";
import { desiredInsideObjects, objectKey, PRUNED_KINDS, prunedSelector } from "./desired-objects";
import type { WorkspaceConnections } from "./workspace-connections";
import { loadInsideSpec, workspaceSpecOf, type WorkspaceRecord } from "./workspace-spec";

export interface SyncResult {
  applied: number;
  pruned: number;
}

/** The host's client, or a clear failure when this platform has no host cluster configured. */
export function requireHost(host: HostCluster | undefined): ClusterClient {
  // Retrying cannot fix configuration: the task ends at once, saying what to set.
  if (!host) throw new TaskFailed("No host cluster is configured (set HKS_HOST_KUBECONFIG to the host cluster's admin kubeconfig)");
  return host.client;
}

/** Applies the workspace's host objects (namespace, vCluster StatefulSet, quota sized by the plan). */
export async function applyHostObjects(host: ClusterClient, workspace: WorkspaceRecord, options: { replicas: 0 | 1; kubernetesVersion?: string }): Promise<number> {
  const objects = renderVirtualCluster(workspaceSpecOf(workspace, options.kubernetesVersion), { replicas: options.replicas });
  await host.apply(objects);
  return objects.length;
}

/**
 * Makes the inside of a running virtual cluster what the database says: applies every project
 * namespace, quota, network policy, role and binding (server-side apply, so fields someone changed
 * by hand come back), and deletes managed objects whose project, role or binding is gone. Safe to
 * run any number of times; the reconcile loop runs it to repair drift.
 */
export async function syncInside(deps: { db: Database; connections: WorkspaceConnections }, workspaceId: string): Promise<SyncResult> {
  const connection = await deps.connections.load(workspaceId);
  if (!connection) throw new Error("The workspace has no virtual cluster connection yet");
  const cluster = explainingErrors(createClusterClient(connection.kubeconfig), "virtual");
  const desired = desiredInsideObjects(await loadInsideSpec(deps.db, workspaceId));
  await cluster.apply(desired);

  const wanted = new Set(desired.map(objectKey));
  let pruned = 0;
  for (const kind of PRUNED_KINDS) {
    const present = await cluster.list<KubernetesObject>({ apiVersion: kind.apiVersion, kind: kind.kind, labelSelector: prunedSelector(kind.component) });
    for (const object of present) {
      // Lists leave kind out of their items; put it back to compare keys.
      const key = objectKey({ kind: kind.kind, metadata: object.metadata ?? {} });
      if (wanted.has(key) || object.metadata?.deletionTimestamp) continue;
      await cluster.delete({ apiVersion: kind.apiVersion, kind: kind.kind, name: object.metadata?.name ?? "", ...(object.metadata?.namespace ? { namespace: object.metadata.namespace } : {}) });
      pruned += 1;
    }
  }
  return { applied: desired.length, pruned };
}
