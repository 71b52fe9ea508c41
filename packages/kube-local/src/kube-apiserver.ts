import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { SERVICE_CLUSTER_IP_RANGE } from "./cluster-pki";
import type { ClusterPki } from "./cluster-pki";
import { findFreePort } from "./free-port";
import { kubeRequest } from "./kube-request";
import { ManagedProcess } from "./managed-process";
import { StartupError, waitForReady } from "./wait-for-ready";

export interface KubeApiserverOptions {
  binary: string;
  /** Used in process names and log file names, e.g. `host` or `vcluster team-a/ws-1`. */
  label: string;
  etcdUrl: string;
  /** Where this apiserver keeps its objects in the shared etcd. */
  etcdPrefix: string;
  pki: ClusterPki;
  logDir: string;
  workDir: string;
  /** The port used last time (its kubeconfigs point there); replaced when taken. */
  preferredPort?: number;
  extraArgs?: string[];
  timeoutMs?: number;
}

export interface KubeApiserver {
  server: string;
  port: number;
  process: ManagedProcess;
}

const MAX_PORT_ATTEMPTS = 3;

export function kubeApiserverArgs(options: KubeApiserverOptions, port: number): string[] {
  const { pki } = options;
  return [
    "--advertise-address=127.0.0.1",
    "--bind-address=127.0.0.1",
    `--secure-port=${port}`,
    `--etcd-servers=${options.etcdUrl}`,
    `--etcd-prefix=${options.etcdPrefix}`,
    `--cert-dir=${join(options.workDir, "serving-certs")}`,
    `--tls-cert-file=${pki.apiserverServing.certFile}`,
    `--tls-private-key-file=${pki.apiserverServing.keyFile}`,
    `--client-ca-file=${pki.ca.certFile}`,
    "--authorization-mode=Node,RBAC",
    // The default admission chain (NamespaceLifecycle, LimitRanger, ServiceAccount,
    // ResourceQuota, PodSecurity, ...) stays on, as on a real cluster; NodeRestriction as kubeadm adds it.
    "--enable-admission-plugins=NodeRestriction",
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    `--service-account-key-file=${pki.serviceAccount.publicKeyFile}`,
    `--service-account-signing-key-file=${pki.serviceAccount.privateKeyFile}`,
    `--service-cluster-ip-range=${SERVICE_CLUSTER_IP_RANGE}`,
    "--allow-privileged=true",
    "--profiling=false",
    ...(options.extraArgs ?? []),
  ];
}

/** Starts kube-apiserver and waits until `/readyz` answers ok. */
export async function startKubeApiserver(options: KubeApiserverOptions): Promise<KubeApiserver> {
  mkdirSync(options.logDir, { recursive: true });
  mkdirSync(join(options.workDir, "serving-certs"), { recursive: true });
  let preferredPort = options.preferredPort;
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort(preferredPort);
    const server = `https://127.0.0.1:${port}`;
    const process = ManagedProcess.start({
      name: `kube-apiserver (${options.label})`,
      command: options.binary,
      args: kubeApiserverArgs(options, port),
      logFile: join(options.logDir, "kube-apiserver.log"),
    });
    const endpoint = {
      server,
      caPem: options.pki.ca.certPem,
      certPem: options.pki.admin.certPem,
      keyPem: options.pki.admin.keyPem,
    };
    try {
      await waitForReady(
        async () => {
          const response = await kubeRequest(endpoint, { path: "/readyz", timeoutMs: 5_000 });
          if (response.status !== 200) throw new Error(`/readyz: HTTP ${response.status} ${response.body.slice(0, 500)}`);
          return true;
        },
        { what: `kube-apiserver (${options.label})`, process, timeoutMs: options.timeoutMs ?? 120_000 },
      );
    } catch (error) {
      await process.stop();
      if (error instanceof StartupError && error.addressInUse && attempt < MAX_PORT_ATTEMPTS) {
        preferredPort = undefined;
        continue;
      }
      throw error;
    }
    return { server, port, process };
  }
}
