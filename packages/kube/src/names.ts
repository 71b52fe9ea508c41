/** Ids use `_` (TypeID); Kubernetes names may not, so it becomes `-`. */
const dnsSafe = (id: string) => id.replace(/_/g, "-");

/** The host namespace holding one workspace's virtual cluster. */
export const hostNamespaceOf = (workspaceId: string): string => `hks-${dnsSafe(workspaceId)}`;

/** The virtual cluster's StatefulSet (and release) name inside its host namespace. */
export const VIRTUAL_CLUSTER_NAME = "vcluster";

/** The Secret the running virtual cluster writes its kubeconfig into, as vCluster names it. */
export const KUBECONFIG_SECRET = `vc-${VIRTUAL_CLUSTER_NAME}`;

/** A project's namespace inside the virtual cluster: its name is unique per workspace. */
export const projectNamespaceOf = (projectName: string): string => projectName;
