import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ensureCertificate } from "./certificates";
import { startEtcd } from "./etcd";
import type { EtcdServer } from "./etcd";
import type { EtcdKvClient } from "./etcd-kv-client";
import { ensureKubeBinaries } from "./kube-binaries";
import type { KubeBinaries } from "./kube-binaries";
import { startKubeCluster } from "./kube-cluster";
import type { KubeCluster } from "./kube-cluster";
import { renderKubeconfig } from "./kubeconfig";
import { readPersistedPorts, writePersistedPorts } from "./persisted-ports";
import { acquireStateDirLock } from "./state-dir-lock";
import { startVirtualClusterRuntime } from "./virtual-cluster-runtime";
import type { VirtualClusterRuntime, VirtualClusterRuntimeOptions } from "./virtual-cluster-runtime";

/** The etcd prefix of the host cluster (kube-apiserver's default). */
export const HOST_ETCD_PREFIX = "/registry";

export interface ControlPlaneOptions {
  /**
   * Where etcd data, PKI, logs and kubeconfigs live. Default: a fresh temp dir, removed by
   * `stop()`. Given a directory (e.g. `.state/kube` for local mode), an existing cluster there
   * is resumed with its data and identities, and `stop()` keeps it.
   */
  stateDir?: string;
  /** Whether `stop()` keeps the state dir. Default: true for a given stateDir, false for a temp one. */
  keepState?: boolean;
  /** Also run the virtual-cluster runtime in this process (see startVirtualClusterRuntime). */
  virtualClusters?: boolean | Pick<VirtualClusterRuntimeOptions, "controllers" | "apiserverArgs">;
  /** Skip etcd fsync (default: true for a temp dir, false for a persisted one). */
  unsafeNoFsync?: boolean;
  /** Controllers for the host's kube-controller-manager (default: DEFAULT_CONTROLLERS). */
  controllers?: readonly string[];
  /** Extra kube-apiserver flags for the host, e.g. `--authentication-config=...`. */
  apiserverArgs?: string[];
  binaries?: KubeBinaries;
  /** Progress and virtual-cluster events; silent by default. */
  log?: (message: string) => void;
  /** How long each component may take to become ready (default 120 s; 2-core machines are slow). */
  timeoutMs?: number;
}

export interface ClientIdentity {
  certPem: string;
  keyPem: string;
  /** A kubeconfig for this identity against the host. */
  kubeconfigPath: string;
}

export interface ControlPlane {
  stateDir: string;
  /** Admin kubeconfig (user kubernetes-admin, group system:masters). */
  kubeconfigPath: string;
  server: string;
  caPem: string;
  adminCertPem: string;
  adminKeyPem: string;
  etcdUrl: string;
  /** etcd's key-value API, e.g. to check that a deleted virtual cluster left nothing behind. */
  etcd: EtcdKvClient;
  binaries: KubeBinaries;
  /** The host cluster's processes and logs. */
  host: KubeCluster;
  etcdServer: EtcdServer;
  /** Present when started with `virtualClusters`. */
  virtualClusters: VirtualClusterRuntime | undefined;
  /**
   * A client certificate signed by the host CA for any user and groups, with a kubeconfig, so
   * tests and local mode can act as platform identities that RBAC then judges.
   */
  issueClientIdentity(user: string, groups?: string[]): Promise<ClientIdentity>;
  /** Stops everything (whole process trees) and removes the state dir unless it is kept. */
  stop(options?: { keepState?: boolean }): Promise<void>;
}

/**
 * Starts a local Kubernetes control plane: etcd, kube-apiserver (TLS with its own CA, RBAC,
 * service-account signing) and kube-controller-manager on free ports of 127.0.0.1, and waits
 * until it serves requests and the default ServiceAccount exists. Safe to run many in parallel.
 */
export async function startControlPlane(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const log = options.log ?? (() => {});
  const isTemp = options.stateDir === undefined;
  const stateDir = isTemp ? mkdtempSync(join(tmpdir(), "hks-kube-")) : resolve(options.stateDir!);
  const keepState = options.keepState ?? !isTemp;
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const releaseLock = acquireStateDirLock(stateDir);

  let etcdServer: EtcdServer | undefined;
  let host: KubeCluster | undefined;
  let virtualClusters: VirtualClusterRuntime | undefined;
  const stopAll = async (keep: boolean) => {
    await virtualClusters?.stop();
    await host?.stop();
    await etcdServer?.stop();
    releaseLock();
    if (!keep) rmSync(stateDir, { recursive: true, force: true });
  };

  try {
    const binaries = options.binaries ?? (await ensureKubeBinaries());
    const startedAt = Date.now();
    const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(1)}s`;

    const portsFile = join(stateDir, "etcd-ports.json");
    const ports = readPersistedPorts(portsFile);
    mkdirSync(join(stateDir, "logs"), { recursive: true });
    etcdServer = await startEtcd({
      binary: binaries.etcd,
      dataDir: join(stateDir, "etcd"),
      logDir: join(stateDir, "logs"),
      unsafeNoFsync: options.unsafeNoFsync ?? isTemp,
      ...(ports.client ? { preferredClientPort: ports.client } : {}),
      ...(ports.peer ? { preferredPeerPort: ports.peer } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    writePersistedPorts(portsFile, { client: etcdServer.clientPort, peer: etcdServer.peerPort });
    log(`etcd ready at ${etcdServer.clientUrl} (${elapsed()})`);

    host = await startKubeCluster({
      binaries,
      label: "host",
      kubeconfigName: "hks-local",
      dir: join(stateDir, "host"),
      etcdUrl: etcdServer.clientUrl,
      etcdPrefix: HOST_ETCD_PREFIX,
      ...(options.controllers ? { controllers: options.controllers } : {}),
      ...(options.apiserverArgs ? { apiserverArgs: options.apiserverArgs } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    log(`host kube-apiserver ready at ${host.server} (${elapsed()})`);
    const hostCluster = host;

    if (options.virtualClusters) {
      const extra = typeof options.virtualClusters === "object" ? options.virtualClusters : {};
      virtualClusters = await startVirtualClusterRuntime({
        ...extra,
        hostKubeconfig: host.adminKubeconfigPath,
        etcdUrl: etcdServer.clientUrl,
        stateDir,
        binaries,
        log,
      });
    }

    const identitiesDir = join(stateDir, "identities");
    const etcd = etcdServer;
    return {
      stateDir,
      kubeconfigPath: host.adminKubeconfigPath,
      server: host.server,
      caPem: host.pki.ca.certPem,
      adminCertPem: host.pki.admin.certPem,
      adminKeyPem: host.pki.admin.keyPem,
      etcdUrl: etcd.clientUrl,
      etcd: etcd.kv,
      binaries,
      host,
      etcdServer: etcd,
      virtualClusters,
      async issueClientIdentity(user, groups = []) {
        mkdirSync(identitiesDir, { recursive: true, mode: 0o700 });
        // One file set per identity, whatever characters the user and group names contain.
        const baseName = `identity-${createHash("sha256").update(JSON.stringify([user, groups])).digest("hex").slice(0, 16)}`;
        const certificate = await ensureCertificate(identitiesDir, hostCluster.pki.ca, {
          baseName,
          commonName: user,
          organizations: groups,
          usage: "client",
        });
        const kubeconfigPath = join(identitiesDir, `${baseName}.kubeconfig`);
        writeFileSync(
          kubeconfigPath,
          renderKubeconfig({
            name: "hks-local",
            server: hostCluster.server,
            caPem: hostCluster.pki.ca.certPem,
            clientCertPem: certificate.certPem,
            clientKeyPem: certificate.keyPem,
          }),
          { mode: 0o600 },
        );
        return { certPem: certificate.certPem, keyPem: certificate.keyPem, kubeconfigPath };
      },
      stop: (stopOptions) => stopAll(stopOptions?.keepState ?? keepState),
    };
  } catch (error) {
    // Keep the logs of a failed start of a persisted cluster; a temp one goes (its log tail is in the error).
    await stopAll(keepState);
    throw error;
  }
}
