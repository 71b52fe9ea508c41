import type { RawObject } from "@hks/kube";

/**
 * The order a restore applies objects in, so that what an object needs exists before it:
 * definitions and namespaces, then what workloads mount or run as (service accounts, config,
 * secrets, claims, RBAC, policies), then workloads, then what exposes them, then anything else
 * (custom resources), and last the objects that have an owner — after their owners, whose new
 * uids their owner references need.
 */
export const RESTORE_PHASES: readonly (readonly string[])[] = [
  ["apiextensions.k8s.io/CustomResourceDefinition", "/Namespace"],
  [
    "/ServiceAccount",
    "/ConfigMap",
    "/Secret",
    "/PersistentVolumeClaim",
    "/LimitRange",
    "/ResourceQuota",
    "rbac.authorization.k8s.io/Role",
    "rbac.authorization.k8s.io/RoleBinding",
    "networking.k8s.io/NetworkPolicy",
    "scheduling.k8s.io/PriorityClass",
  ],
  ["/PodTemplate", "apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet", "/ReplicationController", "batch/CronJob", "batch/Job", "/Pod"],
  ["/Service", "networking.k8s.io/Ingress", "autoscaling/HorizontalPodAutoscaler", "policy/PodDisruptionBudget"],
];

const groupOf = (apiVersion: string | undefined) => ((apiVersion ?? "").includes("/") ? ((apiVersion ?? "").split("/")[0] ?? "") : "");
const kindKey = (object: RawObject) => `${groupOf(object.apiVersion)}/${object.kind ?? ""}`;

/** `<apiVersion's group>/<kind>/<namespace>/<name>`: how owner references find their owner. */
export const ownerKey = (group: string, kind: string, namespace: string | undefined, name: string) => `${group}/${kind}/${namespace ?? ""}/${name}`;
export const ownerKeyOf = (object: RawObject) => ownerKey(groupOf(object.apiVersion), object.kind ?? "", object.metadata?.namespace, object.metadata?.name ?? "");

const phaseOf = (object: RawObject) => {
  const key = kindKey(object);
  const index = RESTORE_PHASES.findIndex((phase) => phase.includes(key));
  return index === -1 ? RESTORE_PHASES.length : index;
};

const positionInPhase = (object: RawObject) => {
  const phase = RESTORE_PHASES[phaseOf(object)];
  return phase ? phase.indexOf(kindKey(object)) : 0;
};

const compare = (a: RawObject, b: RawObject) =>
  phaseOf(a) - phaseOf(b) ||
  positionInPhase(a) - positionInPhase(b) ||
  kindKey(a).localeCompare(kindKey(b)) ||
  (a.metadata?.namespace ?? "").localeCompare(b.metadata?.namespace ?? "") ||
  (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? "");

/** The ownerReferences of an object that point into the same archive. */
function ownersOf(object: RawObject): string[] {
  return (object.metadata?.ownerReferences ?? []).map((owner) => ownerKey(groupOf(owner.apiVersion), owner.kind, object.metadata?.namespace, owner.name));
}

/**
 * Orders a backup's objects for restore. Objects without owners go by phase, kind, namespace and
 * name; objects with owners follow, each after its owners (owners that are themselves owned come
 * first), so every owner has been created — with its new uid — before anything that points to it.
 */
export function restoreOrder(objects: readonly RawObject[]): RawObject[] {
  const free = objects.filter((object) => (object.metadata?.ownerReferences ?? []).length === 0).sort(compare);
  const owned = objects.filter((object) => (object.metadata?.ownerReferences ?? []).length > 0).sort(compare);
  const placed = new Set(free.map(ownerKeyOf));
  const pendingKeys = new Set(owned.map(ownerKeyOf));
  const ordered = [...free];
  let remaining = owned;
  while (remaining.length > 0) {
    const ready = remaining.filter((object) => ownersOf(object).every((owner) => placed.has(owner) || !pendingKeys.has(owner)));
    // A cycle of owners cannot be ordered; what is left goes in the usual order.
    const next = ready.length > 0 ? ready : remaining;
    for (const object of next) {
      ordered.push(object);
      placed.add(ownerKeyOf(object));
      pendingKeys.delete(ownerKeyOf(object));
    }
    remaining = remaining.filter((object) => !next.includes(object));
  }
  return ordered;
}
