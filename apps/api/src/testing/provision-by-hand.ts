import type { Database } from "@hks/db";
import { createClusterClient, hostNamespaceOf, KUBECONFIG_SECRET, renderVirtualCluster, type ClusterClient, type WorkspaceSpec } from "@hks/kube";
import type { V1Secret } from "@kubernetes/client-node";
import type { WorkspaceConnections } from "../clusters/workspace-connections";

export interface ProvisionedVirtualCluster {
  /** The virtual cluster's admin kubeconfig (what the platform keeps sealed). */
  adminKubeconfig: string;
  /** A client acting as the virtual cluster's admin, for setting up projects and RBAC. */
  admin: ClusterClient;
}

/**
 * What the provisioning task does, done by hand for tests and benchmarks: applies the rendered
 * virtual cluster to the host, waits for the `vc-vcluster` Secret the running cluster publishes,
 * and stores its kubeconfig as the workspace's connection.
 */
export async function provisionVirtualClusterByHand(input: {
  hostKubeconfig: string;
  workspace: WorkspaceSpec;
  db: Database;
  connections: Pick<WorkspaceConnections, "store">;
  timeoutMs?: number;
}): Promise<ProvisionedVirtualCluster> {
  const host = createClusterClient(input.hostKubeconfig);
  await host.apply(renderVirtualCluster(input.workspace, { replicas: 1 }));
  const namespace = hostNamespaceOf(input.workspace.id);
  const deadline = Date.now() + (input.timeoutMs ?? 120_000);
  let secret: V1Secret | undefined;
  while (!(secret = await host.read<V1Secret>({ apiVersion: "v1", kind: "Secret", name: KUBECONFIG_SECRET, namespace }))?.data?.config) {
    if (Date.now() > deadline) throw new Error(`the virtual cluster of ${input.workspace.id} did not publish ${KUBECONFIG_SECRET} in time`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const adminKubeconfig = Buffer.from(secret.data?.config ?? "", "base64").toString("utf8");
  await input.connections.store(input.db, {
    workspaceId: input.workspace.id,
    organizationId: input.workspace.organizationId,
    hostNamespace: namespace,
    kubeconfig: adminKubeconfig,
    kubernetesVersion: input.workspace.kubernetesVersion,
  });
  return { adminKubeconfig, admin: createClusterClient(adminKubeconfig) };
}
