import { LABEL, MANAGED_BY, type RawObject, type ResourceType } from "@hks/kube";

/**
 * What a workspace backup copies, and in what shape. Everything here is pure: the backup task
 * feeds it what the virtual cluster lists, and the rules are unit-tested as data.
 *
 * A backup holds the tenant's own Kubernetes objects. It leaves out what the cluster, its
 * controllers or the platform re-create by themselves — copying those would fight the thing that
 * owns them on restore (a Service's endpoints, a Deployment's ReplicaSets, a namespace's default
 * ServiceAccount, the platform's quotas and bindings).
 */

/** Namespaces that belong to the cluster itself; neither they nor anything in them is copied. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(["kube-system", "kube-public", "kube-node-lease"]);

/** Resource types never copied, by `<group>/<resource>` (`*` for a whole group), with why. */
export const EXCLUDED_TYPES: Readonly<Record<string, string>> = {
  "/events": "events are a log of what happened, not state",
  "events.k8s.io/events": "events are a log of what happened, not state",
  "/endpoints": "generated from Services by the endpoints controller",
  "discovery.k8s.io/endpointslices": "generated from Services by the endpoint-slice controller",
  "coordination.k8s.io/leases": "held by running components (leader election, heartbeats)",
  "apps/controllerrevisions": "history written by workload controllers",
  "storage.k8s.io/csistoragecapacities": "reported by storage drivers",
  "metrics.k8s.io/*": "live measurements",
};

/** Why each object was left out of a backup; counted per reason in the manifest. */
export const SKIP_REASONS = {
  beingDeleted: "being deleted",
  managed: "managed by the platform (re-created from the target workspace's projects and roles)",
  controlled: "created by its controller, which re-creates it (controller ownerReference)",
  rootCa: "published by the cluster in every namespace",
  token: "service-account token, issued by the cluster",
  defaultServiceAccount: "created by the cluster in every namespace",
  apiServerService: "the API server's own Service",
} as const;

export type SkipReason = (typeof SKIP_REASONS)[keyof typeof SKIP_REASONS];

/** The field manager restores apply under: not the platform's own, so a later sync never strips restored fields. */
export const RESTORE_FIELD_MANAGER = "hexabase-kaas-restore";

/** Annotations controllers write about an object's state in one cluster; meaningless in another. */
const CONTROLLER_ANNOTATIONS = [
  "deployment.kubernetes.io/revision",
  "pv.kubernetes.io/bind-completed",
  "pv.kubernetes.io/bound-by-controller",
  "volume.kubernetes.io/selected-node",
  "volume.kubernetes.io/storage-provisioner",
  "volume.beta.kubernetes.io/storage-provisioner",
];

const typeKey = (group: string, resource: string) => `${group}/${resource}`;

/** Whether objects of this type are copied: namespaced, listable and creatable, and not excluded. */
export function isBackedUpType(type: Pick<ResourceType, "group" | "resource" | "namespaced" | "verbs">): boolean {
  if (!type.namespaced) return false;
  if (!type.verbs.includes("list") || !type.verbs.includes("create")) return false;
  return EXCLUDED_TYPES[typeKey(type.group, type.resource)] === undefined && EXCLUDED_TYPES[typeKey(type.group, "*")] === undefined;
}

const isManaged = (object: RawObject) => object.metadata?.labels?.[LABEL.managedBy] === MANAGED_BY;

/** Whether a namespace (and what is in it) is copied. */
export function isBackedUpNamespace(namespace: RawObject): boolean {
  const name = namespace.metadata?.name ?? "";
  return name !== "" && !SYSTEM_NAMESPACES.has(name) && !namespace.metadata?.deletionTimestamp;
}

/** Custom resource definitions are copied (their custom resources would be useless without them) unless the platform owns them. */
export function isBackedUpDefinition(definition: RawObject): boolean {
  return !isManaged(definition) && !definition.metadata?.deletionTimestamp;
}

/** Why an object inside a copied namespace is left out, or undefined when it is copied. */
export function skipReasonOf(object: RawObject): SkipReason | undefined {
  const metadata = object.metadata ?? {};
  if (metadata.deletionTimestamp) return SKIP_REASONS.beingDeleted;
  if (isManaged(object)) return SKIP_REASONS.managed;
  if ((metadata.ownerReferences ?? []).some((owner) => owner.controller === true)) return SKIP_REASONS.controlled;
  const group = (object.apiVersion ?? "").includes("/") ? (object.apiVersion ?? "").split("/")[0] : "";
  if (group !== "") return undefined;
  if (object.kind === "ConfigMap" && metadata.name === "kube-root-ca.crt") return SKIP_REASONS.rootCa;
  if (object.kind === "Secret" && object.type === "kubernetes.io/service-account-token") return SKIP_REASONS.token;
  if (object.kind === "ServiceAccount" && metadata.name === "default") return SKIP_REASONS.defaultServiceAccount;
  if (object.kind === "Service" && metadata.namespace === "default" && metadata.name === "kubernetes") return SKIP_REASONS.apiServerService;
  return undefined;
}

/** Labels the platform puts on project namespaces; the target workspace's own sync decides them. */
const isPlatformLabel = (key: string) => key === LABEL.managedBy || key.startsWith("hexabase.io/") || key.endsWith(".tree.hexabase.io/depth") || key === "kubernetes.io/metadata.name";

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * An object as it goes into a backup: what its author wrote, without what the server filled in
 * (uid, resourceVersion, timestamps, managedFields, generation, status) or what only means
 * something in this cluster (a Service's cluster IPs and node ports, a PVC's bound volume, a
 * Pod's node, a Job's generated selector). Owner references survive only when the owner is copied
 * too (`copiedUids`), without their uid, which restore fills in with the owner's new one;
 * anything else would dangle and make the garbage collector delete the restored object.
 */
export function cleanObject(object: RawObject, copiedUids: ReadonlySet<string>): RawObject {
  const source = structuredClone(object) as Json & RawObject;
  const metadata = source.metadata ?? {};
  const cleanMetadata: Json = { name: metadata.name };
  if (metadata.namespace) cleanMetadata.namespace = metadata.namespace;

  let labels = { ...(metadata.labels ?? {}) };
  if (source.kind === "Namespace") labels = Object.fromEntries(Object.entries(labels).filter(([key]) => !isPlatformLabel(key)));
  if (Object.keys(labels).length > 0) cleanMetadata.labels = labels;

  const annotations = Object.fromEntries(Object.entries(metadata.annotations ?? {}).filter(([key]) => !CONTROLLER_ANNOTATIONS.includes(key)));
  if (Object.keys(annotations).length > 0) cleanMetadata.annotations = annotations;

  if (Array.isArray(metadata.finalizers) && metadata.finalizers.length > 0) cleanMetadata.finalizers = metadata.finalizers;

  const owners = (metadata.ownerReferences ?? []).filter((owner) => copiedUids.has(owner.uid)).map(({ uid: _uid, ...owner }) => owner);
  if (owners.length > 0) cleanMetadata.ownerReferences = owners;

  const { status: _status, metadata: _metadata, ...rest } = source;
  const cleaned: Json = { ...rest, metadata: cleanMetadata };
  const spec = isRecord(cleaned.spec) ? cleaned.spec : undefined;
  const group = (object.apiVersion ?? "").includes("/") ? (object.apiVersion ?? "").split("/")[0] : "";

  if (group === "" && source.kind === "Namespace") delete cleaned.spec;
  if (group === "" && source.kind === "Service" && spec) cleanService(spec);
  if (group === "" && source.kind === "PersistentVolumeClaim" && spec) delete spec.volumeName;
  if (group === "" && source.kind === "Pod" && spec) cleanPodSpec(spec);
  if (group === "batch" && source.kind === "Job" && spec) cleanJobSpec(spec);
  return cleaned as RawObject;
}

function cleanService(spec: Json): void {
  // A headless Service says so with clusterIP "None", which is part of its meaning.
  if (spec.clusterIP !== "None") {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  delete spec.healthCheckNodePort;
  if (Array.isArray(spec.ports)) {
    spec.ports = spec.ports.map((port: unknown) => {
      if (!isRecord(port)) return port;
      const { nodePort: _nodePort, ...kept } = port;
      return kept;
    });
  }
}

/** The API access volume the ServiceAccount admission plugin adds to every Pod; it adds it again. */
const isInjectedVolume = (name: unknown) => typeof name === "string" && name.startsWith("kube-api-access-");

function cleanPodSpec(spec: Json): void {
  delete spec.nodeName;
  if (Array.isArray(spec.volumes)) spec.volumes = spec.volumes.filter((volume: unknown) => !(isRecord(volume) && isInjectedVolume(volume.name)));
  for (const field of ["containers", "initContainers", "ephemeralContainers"]) {
    const containers = spec[field];
    if (!Array.isArray(containers)) continue;
    for (const container of containers) {
      if (isRecord(container) && Array.isArray(container.volumeMounts)) {
        container.volumeMounts = container.volumeMounts.filter((mount: unknown) => !(isRecord(mount) && isInjectedVolume(mount.name)));
      }
    }
  }
}

const JOB_GENERATED_LABELS = ["controller-uid", "batch.kubernetes.io/controller-uid"];

function cleanJobSpec(spec: Json): void {
  // The Job's selector is generated from its uid unless its author chose one (manualSelector).
  if (spec.manualSelector === true) return;
  delete spec.selector;
  const template = isRecord(spec.template) ? spec.template : undefined;
  const metadata = template && isRecord(template.metadata) ? template.metadata : undefined;
  if (metadata && isRecord(metadata.labels)) {
    const labels = metadata.labels;
    for (const label of JOB_GENERATED_LABELS) delete labels[label];
  }
}
