import { join } from "node:path";
import type { ClusterPki } from "./cluster-pki";
import { ManagedProcess } from "./managed-process";

/**
 * The controllers the local clusters run. Enough for namespaces to finalize, garbage collection,
 * service accounts and their tokens, quota usage (admission only enforces a ResourceQuota once
 * this controller has computed its status), the aggregated admin/edit/view ClusterRoles, and the
 * kube-root-ca.crt ConfigMap. Deliberately NOT the workload controllers: there is no kubelet, and
 * on the host the StatefulSet controller would overwrite the status the virtual-cluster runtime
 * reports for vCluster StatefulSets.
 */
export const DEFAULT_CONTROLLERS = [
  "namespace-controller",
  "garbage-collector-controller",
  "serviceaccount-controller",
  "serviceaccount-token-controller",
  "resourcequota-controller",
  "clusterrole-aggregation-controller",
  "root-ca-certificate-publisher-controller",
] as const;

export interface KubeControllerManagerOptions {
  binary: string;
  label: string;
  /** A kubeconfig for the controller manager's own identity. */
  kubeconfigPath: string;
  pki: ClusterPki;
  logDir: string;
  controllers?: readonly string[];
  extraArgs?: string[];
}

export function kubeControllerManagerArgs(options: KubeControllerManagerOptions): string[] {
  return [
    `--kubeconfig=${options.kubeconfigPath}`,
    `--controllers=${(options.controllers ?? DEFAULT_CONTROLLERS).join(",")}`,
    `--service-account-private-key-file=${options.pki.serviceAccount.privateKeyFile}`,
    `--root-ca-file=${options.pki.ca.certFile}`,
    // Each controller acts as its own service account (system:serviceaccount:kube-system:<controller>),
    // which RBAC's bootstrap policy grants exactly what that controller needs, as kubeadm does.
    // The controller manager's own identity is only allowed to mint those tokens.
    "--use-service-account-credentials=true",
    // One instance per cluster: nothing to elect. No serving port: nothing scrapes it.
    "--leader-elect=false",
    "--secure-port=0",
    ...(options.extraArgs ?? []),
  ];
}

/** Starts kube-controller-manager; readiness is observed through its effects (see kube-cluster). */
export function startKubeControllerManager(options: KubeControllerManagerOptions): ManagedProcess {
  return ManagedProcess.start({
    name: `kube-controller-manager (${options.label})`,
    command: options.binary,
    args: kubeControllerManagerArgs(options),
    logFile: join(options.logDir, "kube-controller-manager.log"),
  });
}
