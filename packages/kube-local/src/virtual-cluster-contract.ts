import type { V1Secret, V1StatefulSet } from "@kubernetes/client-node";

/*
 * The contract between the platform and the local stand-in for vCluster's runtime.
 * The platform renders each workspace's vCluster as a StatefulSet `<name>` in host namespace
 * `<ns>` carrying both labels below. This runtime then behaves like the vCluster pod would:
 * it serves the virtual cluster and writes the Secret `vc-<name>` with its kubeconfig.
 */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY_VALUE = "hexabase-kaas";
export const COMPONENT_LABEL = "hexabase.io/component";
export const VCLUSTER_COMPONENT = "vcluster";
export const VIRTUAL_CLUSTER_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${COMPONENT_LABEL}=${VCLUSTER_COMPONENT}`;

/**
 * The Kubernetes version the platform asks for, on the StatefulSet. vCluster would pull that
 * version's image; the runtime serves only the version it was built with, and reports any other
 * as a pod that cannot start (as an image that does not exist would leave it).
 */
export const KUBERNETES_VERSION_ANNOTATION = "hexabase.io/kubernetes-version";

/** The status condition the runtime reports readiness and start failures under. */
export const READY_CONDITION = "VirtualClusterReady";

/** The field manager the runtime writes Secrets and StatefulSet status with. */
export const RUNTIME_FIELD_MANAGER = "hks-vcluster-runtime";

export function isVirtualClusterStatefulSet(statefulSet: Pick<V1StatefulSet, "metadata">): boolean {
  const labels = statefulSet.metadata?.labels ?? {};
  return labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE && labels[COMPONENT_LABEL] === VCLUSTER_COMPONENT;
}

/** vCluster's name for the Secret holding the virtual cluster's kubeconfig. */
export function kubeconfigSecretName(name: string): string {
  return `vc-${name}`;
}

export interface VirtualClusterRef {
  namespace: string;
  name: string;
}

export function virtualClusterKey(ref: VirtualClusterRef): string {
  return `${ref.namespace}/${ref.name}`;
}

export type DesiredVirtualCluster =
  | { state: "running"; uid: string; statefulSet: V1StatefulSet }
  | { state: "stopped"; uid: string; statefulSet: V1StatefulSet }
  | { state: "deleted" };

/**
 * What the runtime should make true for one StatefulSet (undefined = it no longer exists).
 * A StatefulSet that is being deleted is treated as gone: its data is about to be orphaned.
 */
export function desiredVirtualCluster(statefulSet: V1StatefulSet | undefined): DesiredVirtualCluster {
  if (!statefulSet || statefulSet.metadata?.deletionTimestamp || !isVirtualClusterStatefulSet(statefulSet)) {
    return { state: "deleted" };
  }
  const uid = statefulSet.metadata?.uid ?? "";
  // spec.replicas defaults to 1 when omitted, as the apps/v1 defaulting does.
  const replicas = statefulSet.spec?.replicas ?? 1;
  return replicas >= 1 ? { state: "running", uid, statefulSet } : { state: "stopped", uid, statefulSet };
}

/**
 * What the vCluster pod would be doing: `starting` (created, not ready), `ready`, `stopped`
 * (scaled to zero), or `failed` (it cannot start, e.g. its image does not exist).
 */
export type VirtualClusterPhase = "starting" | "ready" | "stopped" | "failed";

/** Why the runtime cannot serve this StatefulSet's requested version, or undefined when it can. */
export function unavailableVersion(statefulSet: V1StatefulSet, servedVersion: string): string | undefined {
  const wanted = statefulSet.metadata?.annotations?.[KUBERNETES_VERSION_ANNOTATION];
  if (wanted === undefined || wanted === servedVersion) return undefined;
  return `Kubernetes ${wanted} is not available on this host (image pull failed; available: ${servedVersion})`;
}

function conditionsFor(phase: VirtualClusterPhase, message: string | undefined) {
  if (phase === "ready") return [{ type: READY_CONDITION, status: "True", reason: "Ready", message: "The virtual cluster's API server is serving" }];
  if (phase === "failed") return [{ type: READY_CONDITION, status: "False", reason: "StartFailed", message: message ?? "The virtual cluster cannot start" }];
  return [];
}

/**
 * The status the StatefulSet controller would report for the phase, with observedGeneration
 * and matching revisions so `kubectl rollout status` and the platform's wait logic see a
 * finished rollout once the virtual cluster is ready.
 */
export function statefulSetStatus(statefulSet: V1StatefulSet, phase: VirtualClusterPhase, message?: string) {
  const replicas = phase === "stopped" ? 0 : (statefulSet.spec?.replicas ?? 1);
  const ready = phase === "ready" ? replicas : 0;
  const revision = `${statefulSet.metadata?.name ?? "vcluster"}-local`;
  return {
    observedGeneration: statefulSet.metadata?.generation ?? 1,
    replicas,
    readyReplicas: ready,
    availableReplicas: ready,
    currentReplicas: replicas,
    updatedReplicas: replicas,
    currentRevision: revision,
    updateRevision: revision,
    conditions: conditionsFor(phase, message),
  };
}

/** Whether the StatefulSet already reports `statefulSetStatus(...)` (avoids patch loops). */
export function statusIsCurrent(statefulSet: V1StatefulSet, phase: VirtualClusterPhase, message?: string): boolean {
  const want = statefulSetStatus(statefulSet, phase, message);
  const conditionKey = (conditions: { type: string; status: string; reason?: string; message?: string }[] | undefined) =>
    JSON.stringify((conditions ?? []).map(({ type, status, reason, message: text }) => [type, status, reason, text]));
  const have = statefulSet.status ?? { replicas: 0 };
  return (
    (have.observedGeneration ?? 0) === want.observedGeneration &&
    (have.replicas ?? 0) === want.replicas &&
    (have.readyReplicas ?? 0) === want.readyReplicas &&
    (have.availableReplicas ?? 0) === want.availableReplicas &&
    (have.currentReplicas ?? 0) === want.currentReplicas &&
    (have.updatedReplicas ?? 0) === want.updatedReplicas &&
    have.currentRevision === want.currentRevision &&
    have.updateRevision === want.updateRevision &&
    conditionKey(have.conditions) === conditionKey(want.conditions)
  );
}

export interface KubeconfigSecretInput {
  statefulSet: V1StatefulSet;
  kubeconfig: string;
  caPem: string;
  clientCertPem: string;
  clientKeyPem: string;
}

/**
 * The Secret vCluster writes next to its StatefulSet: `config` is the kubeconfig, plus the CA
 * and client certificate on their own. Owned by the StatefulSet, so the host's garbage collector
 * removes it with the StatefulSet (the runtime also deletes it explicitly).
 */
export function renderKubeconfigSecret(input: KubeconfigSecretInput): V1Secret {
  const { metadata } = input.statefulSet;
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: kubeconfigSecretName(metadata?.name ?? ""),
      namespace: metadata?.namespace ?? "",
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "StatefulSet",
          name: metadata?.name ?? "",
          uid: metadata?.uid ?? "",
        },
      ],
    },
    type: "Opaque",
    data: {
      config: b64(input.kubeconfig),
      "certificate-authority": b64(input.caPem),
      "client-certificate": b64(input.clientCertPem),
      "client-key": b64(input.clientKeyPem),
    },
  };
}
