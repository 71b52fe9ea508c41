import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureClusterPki } from "./cluster-pki";
import type { ClusterPki } from "./cluster-pki";
import { startKubeApiserver } from "./kube-apiserver";
import type { KubeBinaries } from "./kube-binaries";
import { startKubeControllerManager } from "./kube-controller-manager";
import { kubeRequest } from "./kube-request";
import type { KubeEndpoint } from "./kube-request";
import { renderKubeconfig } from "./kubeconfig";
import type { ManagedProcess } from "./managed-process";
import { readPersistedPorts, writePersistedPorts } from "./persisted-ports";
import { waitForReady } from "./wait-for-ready";

export interface KubeClusterOptions {
  binaries: KubeBinaries;
  /** For process names and messages: `host`, `vcluster team-a/ws-1`. */
  label: string;
  /** Name of the cluster/context/user entries in the admin kubeconfig. */
  kubeconfigName: string;
  /** Holds pki/, logs/, the kubeconfigs and the apiserver's scratch files; reused on restart. */
  dir: string;
  etcdUrl: string;
  etcdPrefix: string;
  /** Extra DNS names for the serving certificate. */
  extraDnsNames?: string[];
  controllers?: readonly string[];
  apiserverArgs?: string[];
  controllerManagerArgs?: string[];
  timeoutMs?: number;
}

export interface KubeCluster {
  server: string;
  port: number;
  pki: ClusterPki;
  /** The admin identity (group system:masters) as an endpoint for direct requests. */
  admin: KubeEndpoint;
  adminKubeconfig: string;
  adminKubeconfigPath: string;
  apiserver: ManagedProcess;
  controllerManager: ManagedProcess;
  logDir: string;
  stop(): Promise<void>;
}

/**
 * One Kubernetes control plane on top of an existing etcd: kube-apiserver plus
 * kube-controller-manager, ready when `/readyz` is ok and the controller manager has created the
 * `default` ServiceAccount (so Pods can be admitted). The host cluster and every virtual cluster
 * are built the same way; only the etcd prefix and the identity differ.
 */
export async function startKubeCluster(options: KubeClusterOptions): Promise<KubeCluster> {
  const logDir = join(options.dir, "logs");
  mkdirSync(logDir, { recursive: true });
  const pki = await ensureClusterPki(join(options.dir, "pki"), {
    clusterName: options.kubeconfigName,
    ...(options.extraDnsNames ? { extraDnsNames: options.extraDnsNames } : {}),
  });
  const portsFile = join(options.dir, "ports.json");
  const preferredPort = readPersistedPorts(portsFile).apiserver;
  const apiserver = await startKubeApiserver({
    binary: options.binaries.kubeApiserver,
    label: options.label,
    etcdUrl: options.etcdUrl,
    etcdPrefix: options.etcdPrefix,
    pki,
    logDir,
    workDir: options.dir,
    ...(preferredPort ? { preferredPort } : {}),
    ...(options.apiserverArgs ? { extraArgs: options.apiserverArgs } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  writePersistedPorts(portsFile, { apiserver: apiserver.port });

  const adminKubeconfig = renderKubeconfig({
    name: options.kubeconfigName,
    server: apiserver.server,
    caPem: pki.ca.certPem,
    clientCertPem: pki.admin.certPem,
    clientKeyPem: pki.admin.keyPem,
  });
  const adminKubeconfigPath = join(options.dir, "admin.kubeconfig");
  writeFileSync(adminKubeconfigPath, adminKubeconfig, { mode: 0o600 });
  const controllerManagerKubeconfigPath = join(options.dir, "controller-manager.kubeconfig");
  writeFileSync(
    controllerManagerKubeconfigPath,
    renderKubeconfig({
      name: options.kubeconfigName,
      server: apiserver.server,
      caPem: pki.ca.certPem,
      clientCertPem: pki.controllerManager.certPem,
      clientKeyPem: pki.controllerManager.keyPem,
    }),
    { mode: 0o600 },
  );

  let controllerManager: ManagedProcess | undefined;
  try {
    controllerManager = startKubeControllerManager({
      binary: options.binaries.kubeControllerManager,
      label: options.label,
      kubeconfigPath: controllerManagerKubeconfigPath,
      pki,
      logDir,
      ...(options.controllers ? { controllers: options.controllers } : {}),
      ...(options.controllerManagerArgs ? { extraArgs: options.controllerManagerArgs } : {}),
    });
    const admin: KubeEndpoint = {
      server: apiserver.server,
      caPem: pki.ca.certPem,
      certPem: pki.admin.certPem,
      keyPem: pki.admin.keyPem,
    };
    await waitForReady(
      async () => {
        const response = await kubeRequest(admin, { path: "/api/v1/namespaces/default/serviceaccounts/default" });
        return response.status === 200;
      },
      {
        what: `kube-controller-manager (${options.label}) creating the default ServiceAccount`,
        process: controllerManager,
        timeoutMs: options.timeoutMs ?? 120_000,
      },
    );
    const kcm = controllerManager;
    return {
      server: apiserver.server,
      port: apiserver.port,
      pki,
      admin,
      adminKubeconfig,
      adminKubeconfigPath,
      apiserver: apiserver.process,
      controllerManager: kcm,
      logDir,
      // Controller manager first, so it does not spend the shutdown retrying a vanished apiserver.
      stop: async () => {
        await kcm.stop();
        await apiserver.process.stop();
      },
    };
  } catch (error) {
    await controllerManager?.stop();
    await apiserver.process.stop();
    throw error;
  }
}
