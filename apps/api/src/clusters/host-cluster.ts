import { readFileSync } from "node:fs";
import { createClusterClient, type ClusterClient } from "@hks/kube";
import { explainingErrors } from "./cluster-errors";

/** The host cluster workspaces are provisioned on: its admin kubeconfig and a client for it. */
export interface HostCluster {
  kubeconfig: string;
  client: ClusterClient;
}

/**
 * Reads the host kubeconfig named by HKS_HOST_KUBECONFIG. Without one the platform still serves
 * its API, and provisioning tasks end in ERROR saying that no host cluster is configured.
 */
export function loadHostCluster(kubeconfigPath: string | undefined): HostCluster | undefined {
  if (kubeconfigPath === undefined) return undefined;
  let kubeconfig: string;
  try {
    kubeconfig = readFileSync(kubeconfigPath, "utf8");
  } catch (error) {
    throw new Error(`HKS_HOST_KUBECONFIG: cannot read ${kubeconfigPath} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return { kubeconfig, client: explainingErrors(createClusterClient(kubeconfig), "host") };
}
