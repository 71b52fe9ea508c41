import { AppsV1Api, CoreV1Api, KubeConfig, makeInformer, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import type { V1StatefulSet } from "@kubernetes/client-node";
import { virtualClusterEtcdPrefix } from "./etcd-key-range";
import { EtcdKvClient } from "./etcd-kv-client";
import { ensureKubeBinaries } from "./kube-binaries";
import type { KubeBinaries } from "./kube-binaries";
import { startKubeCluster } from "./kube-cluster";
import type { KubeCluster } from "./kube-cluster";
import { KeyedWorkQueue } from "./keyed-work-queue";
import {
  desiredVirtualCluster,
  kubeconfigSecretName,
  renderKubeconfigSecret,
  RUNTIME_FIELD_MANAGER,
  statefulSetStatus,
  statusIsCurrent,
  unavailableVersion,
  VIRTUAL_CLUSTER_SELECTOR,
  virtualClusterKey,
} from "./virtual-cluster-contract";
import type { VirtualClusterPhase, VirtualClusterRef } from "./virtual-cluster-contract";
import {
  listRecordedVirtualClusters,
  readVirtualClusterRecord,
  removeVirtualClusterDir,
  virtualClusterDir,
  writeVirtualClusterRecord,
} from "./virtual-cluster-state";

export interface VirtualClusterRuntimeOptions {
  /** Path of an admin kubeconfig for the host cluster. */
  hostKubeconfig: string;
  /** The etcd the virtual clusters store their objects in (each under its own prefix). */
  etcdUrl: string;
  /** Holds `vclusters/<ns>/<name>/` (PKI, logs, ports); keep it to keep identities across restarts. */
  stateDir: string;
  binaries?: KubeBinaries;
  /** Controllers each virtual cluster's kube-controller-manager runs (default: DEFAULT_CONTROLLERS). */
  controllers?: readonly string[];
  apiserverArgs?: string[];
  log?: (message: string) => void;
}

export interface RunningVirtualCluster extends VirtualClusterRef {
  server: string;
  /** The admin kubeconfig, as written into the `vc-<name>` Secret. */
  kubeconfig: string;
  apiserverPid: number;
  controllerManagerPid: number;
}

export interface VirtualClusterRuntime {
  /** Virtual clusters whose API server is running now. */
  running(): RunningVirtualCluster[];
  /** Resolves when every change seen so far has been acted on (for tests and benchmarks). */
  idle(): Promise<void>;
  /** Stops watching and stops every virtual cluster's processes; their data stays. */
  stop(): Promise<void>;
}

const isNotFound = (error: unknown) => (error as { code?: number }).code === 404;

/**
 * Stands in for vCluster's pods on a host without a kubelet: watches the host for the
 * platform's vCluster StatefulSets (see virtual-cluster-contract) and, like the vCluster pod
 * would, serves each one with replicas >= 1 (a dedicated kube-apiserver and controller manager
 * on the shared etcd, under `/vclusters/<ns>/<name>`), writes `vc-<name>`, and reports readiness
 * in the StatefulSet's status. Replicas 0 stops the processes and keeps the data; deleting the
 * StatefulSet deletes the data and the Secret.
 */
export async function startVirtualClusterRuntime(options: VirtualClusterRuntimeOptions): Promise<VirtualClusterRuntime> {
  const log = options.log ?? (() => {});
  const binaries = options.binaries ?? (await ensureKubeBinaries());
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(options.hostKubeconfig);
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const etcd = new EtcdKvClient(options.etcdUrl);

  /** Latest StatefulSet seen per key; undefined once deleted. */
  const observed = new Map<string, V1StatefulSet | undefined>();
  const clusters = new Map<string, { uid: string; cluster: KubeCluster }>();
  let stopping = false;

  const refOf = (key: string): VirtualClusterRef => {
    const [namespace = "", name = ""] = key.split("/");
    return { namespace, name };
  };

  async function reportPhase(statefulSet: V1StatefulSet, phase: VirtualClusterPhase, message?: string): Promise<void> {
    if (statusIsCurrent(statefulSet, phase, message)) return;
    const { name = "", namespace = "" } = statefulSet.metadata ?? {};
    try {
      await apps.patchNamespacedStatefulSetStatus(
        { name, namespace, body: { status: statefulSetStatus(statefulSet, phase, message) }, fieldManager: RUNTIME_FIELD_MANAGER },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      );
    } catch (error) {
      if (!isNotFound(error)) throw error; // deleted meanwhile: the delete event follows
    }
  }

  async function stopCluster(key: string): Promise<void> {
    const entry = clusters.get(key);
    if (!entry) return;
    clusters.delete(key);
    await entry.cluster.stop();
  }

  async function deleteData(key: string): Promise<void> {
    const ref = refOf(key);
    await stopCluster(key);
    const record = readVirtualClusterRecord(options.stateDir, ref);
    // The trailing slash keeps `/vclusters/ns/a` from matching `/vclusters/ns/ab`.
    const prefix = `${record?.etcdPrefix ?? virtualClusterEtcdPrefix(ref.namespace, ref.name)}/`;
    const deleted = await etcd.deletePrefix(prefix);
    removeVirtualClusterDir(options.stateDir, ref);
    log(`vcluster ${key}: deleted its data (${deleted} etcd keys under ${prefix})`);
  }

  async function startCluster(key: string, statefulSet: V1StatefulSet, uid: string): Promise<KubeCluster> {
    const ref = refOf(key);
    const etcdPrefix = virtualClusterEtcdPrefix(ref.namespace, ref.name);
    writeVirtualClusterRecord(options.stateDir, ref, { uid, etcdPrefix });
    await reportPhase(statefulSet, "starting");
    const startedAt = Date.now();
    const cluster = await startKubeCluster({
      binaries,
      label: `vcluster ${key}`,
      kubeconfigName: `vcluster_${ref.name}_${ref.namespace}`,
      dir: virtualClusterDir(options.stateDir, ref),
      etcdUrl: options.etcdUrl,
      etcdPrefix,
      // The names the vCluster Service would have inside the host, as in vCluster's certificate.
      extraDnsNames: [ref.name, `${ref.name}.${ref.namespace}`, `${ref.name}.${ref.namespace}.svc`],
      ...(options.controllers ? { controllers: options.controllers } : {}),
      ...(options.apiserverArgs ? { apiserverArgs: options.apiserverArgs } : {}),
    });
    if (stopping) {
      await cluster.stop();
      throw new Error("runtime stopped while the virtual cluster was starting");
    }
    clusters.set(key, { uid, cluster });
    // A crash is noticed and repaired like any other change.
    for (const process of [cluster.apiserver, cluster.controllerManager]) {
      void process.exited.then(() => {
        if (!stopping && clusters.get(key)?.cluster === cluster) {
          log(`vcluster ${key}: ${process.describeExit()}\nrestarting it`);
          queue.enqueue(key);
        }
      });
    }
    log(`vcluster ${key}: API server ready at ${cluster.server} after ${((Date.now() - startedAt) / 1000).toFixed(1)}s`);
    return cluster;
  }

  async function publishKubeconfig(statefulSet: V1StatefulSet, cluster: KubeCluster): Promise<void> {
    const secret = renderKubeconfigSecret({
      statefulSet,
      kubeconfig: cluster.adminKubeconfig,
      caPem: cluster.pki.ca.certPem,
      clientCertPem: cluster.pki.admin.certPem,
      clientKeyPem: cluster.pki.admin.keyPem,
    });
    const current = await core
      .readNamespacedSecret({ name: secret.metadata!.name!, namespace: secret.metadata!.namespace! })
      .catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
    if (current?.data?.config === secret.data?.config) return;
    await core.patchNamespacedSecret(
      {
        name: secret.metadata!.name!,
        namespace: secret.metadata!.namespace!,
        body: secret,
        fieldManager: RUNTIME_FIELD_MANAGER,
        force: true,
      },
      setHeaderOptions("Content-Type", PatchStrategy.ServerSideApply),
    );
  }

  async function reconcile(key: string): Promise<void> {
    if (stopping) return;
    const ref = refOf(key);
    const desired = desiredVirtualCluster(observed.get(key));
    const record = readVirtualClusterRecord(options.stateDir, ref);

    // Gone, or replaced by a new StatefulSet of the same name: the old data goes.
    if (desired.state === "deleted" || (record && record.uid !== desired.uid)) {
      if (record || clusters.has(key)) await deleteData(key);
      if (desired.state === "deleted") {
        await core
          .deleteNamespacedSecret({ name: kubeconfigSecretName(ref.name), namespace: ref.namespace })
          .catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
        observed.delete(key);
        return;
      }
    }

    if (desired.state === "stopped") {
      if (clusters.has(key)) {
        await stopCluster(key);
        log(`vcluster ${key}: scaled to 0, API server stopped (data kept)`);
      }
      writeVirtualClusterRecord(options.stateDir, ref, {
        uid: desired.uid,
        etcdPrefix: virtualClusterEtcdPrefix(ref.namespace, ref.name),
      });
      await reportPhase(desired.statefulSet, "stopped");
      return;
    }

    // A version this host cannot serve: like a rolling update to an image that does not exist, the
    // old pod is gone and the new one never starts. The data stays for a rollback.
    const unavailable = unavailableVersion(desired.statefulSet, binaries.versions.kube);
    if (unavailable) {
      if (clusters.has(key)) await stopCluster(key);
      log(`vcluster ${key}: ${unavailable}`);
      await reportPhase(desired.statefulSet, "failed", unavailable);
      return;
    }

    let entry = clusters.get(key);
    if (entry && (!entry.cluster.apiserver.isRunning || !entry.cluster.controllerManager.isRunning)) {
      await stopCluster(key);
      entry = undefined;
    }
    const cluster = entry?.cluster ?? (await startCluster(key, desired.statefulSet, desired.uid));
    // Read again: the StatefulSet may have changed while the cluster was starting.
    const latest = desiredVirtualCluster(observed.get(key));
    if (latest.state !== "running") {
      queue.enqueue(key);
      return;
    }
    await publishKubeconfig(latest.statefulSet, cluster);
    await reportPhase(latest.statefulSet, "ready");
  }

  const queue = new KeyedWorkQueue(reconcile, (key, error, retryInMs) => {
    const message = error instanceof Error ? error.message : String(error);
    log(`vcluster ${key}: ${message}\nretrying in ${Math.round(retryInMs / 1000)}s`);
  });

  const informer = makeInformer<V1StatefulSet>(
    kubeConfig,
    "/apis/apps/v1/statefulsets",
    () => apps.listStatefulSetForAllNamespaces({ labelSelector: VIRTUAL_CLUSTER_SELECTOR }),
    VIRTUAL_CLUSTER_SELECTOR,
  );
  const keyOf = (statefulSet: V1StatefulSet) =>
    virtualClusterKey({ namespace: statefulSet.metadata?.namespace ?? "", name: statefulSet.metadata?.name ?? "" });
  const onChange = (statefulSet: V1StatefulSet) => {
    const key = keyOf(statefulSet);
    observed.set(key, statefulSet);
    queue.enqueue(key);
  };
  informer.on("add", onChange);
  informer.on("update", onChange);
  informer.on("delete", (statefulSet) => {
    const key = keyOf(statefulSet);
    observed.set(key, undefined);
    queue.enqueue(key);
  });
  let restartTimer: NodeJS.Timeout | undefined;
  informer.on("error", (error: unknown) => {
    if (stopping) return;
    log(`watching vCluster StatefulSets failed (${error instanceof Error ? error.message : String(error)}); re-listing in 2s`);
    restartTimer = setTimeout(() => {
      informer.start().catch(() => {}); // a failure emits "error" again, which schedules the next try
    }, 2_000);
  });

  try {
    await informer.start();
  } catch (error) {
    throw new Error(
      `could not list vCluster StatefulSets on the host (${options.hostKubeconfig}): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // Data whose StatefulSet disappeared while no runtime was watching.
  for (const ref of listRecordedVirtualClusters(options.stateDir)) {
    const key = virtualClusterKey(ref);
    if (!observed.has(key)) {
      observed.set(key, undefined);
      queue.enqueue(key);
    }
  }
  log(`watching the host for StatefulSets labelled ${VIRTUAL_CLUSTER_SELECTOR}`);

  return {
    running: () =>
      [...clusters.entries()].map(([key, { cluster }]) => ({
        ...refOf(key),
        server: cluster.server,
        kubeconfig: cluster.adminKubeconfig,
        apiserverPid: cluster.apiserver.pid,
        controllerManagerPid: cluster.controllerManager.pid,
      })),
    idle: () => queue.idle(),
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      await informer.stop().catch(() => {});
      await queue.close();
      const keys = [...clusters.keys()];
      // Like a node going away: the StatefulSet stops reporting ready. Best effort; the host may be going down too.
      await Promise.race([
        Promise.allSettled(
          keys.map(async (key) => {
            const statefulSet = observed.get(key);
            if (statefulSet) await reportPhase(statefulSet, "starting");
          }),
        ),
        new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
      ]);
      await Promise.all(keys.map((key) => stopCluster(key)));
    },
  };
}
