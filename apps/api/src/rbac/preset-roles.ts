import { newId, schema, type Database, type PolicyRuleRecord } from "@hks/db";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

interface PresetRole {
  name: string;
  description: string;
  scope: "workspace" | "project";
  rules: PolicyRuleRecord[];
}

/**
 * Roles every workspace starts with, modelled on Kubernetes' user-facing ClusterRoles
 * (cluster-admin, admin, edit, view): they cover most needs, and custom roles cover the rest.
 */
export const presetRoles: PresetRole[] = [
  {
    name: "cluster-admin",
    description: "Everything in the workspace's virtual cluster",
    scope: "workspace",
    rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
  },
  {
    name: "admin",
    description: "Read and write most objects in a project, including roles and bindings",
    scope: "project",
    rules: [
      { apiGroups: ["", "apps", "batch", "autoscaling", "networking.k8s.io", "policy"], resources: ["*"], verbs: ["*"] },
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: ["*"] },
    ],
  },
  {
    name: "edit",
    description: "Read and write workloads, services, config and secrets in a project",
    scope: "project",
    rules: [
      {
        apiGroups: ["", "apps", "batch", "autoscaling", "networking.k8s.io"],
        resources: ["pods", "pods/log", "pods/exec", "pods/portforward", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs", "services", "configmaps", "secrets", "persistentvolumeclaims", "horizontalpodautoscalers", "ingresses", "networkpolicies", "serviceaccounts", "events"],
        verbs: ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"],
      },
    ],
  },
  {
    name: "view",
    description: "Read most objects in a project (not secrets)",
    scope: "project",
    rules: [
      {
        apiGroups: ["", "apps", "batch", "autoscaling", "networking.k8s.io"],
        resources: ["pods", "pods/log", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs", "services", "configmaps", "persistentvolumeclaims", "horizontalpodautoscalers", "ingresses", "networkpolicies", "events"],
        verbs: ["get", "list", "watch"],
      },
    ],
  },
];

/** Inserts the preset roles for a new workspace, in the caller's transaction. */
export async function seedPresetRoles(tx: Tx, workspace: { organizationId: string; workspaceId: string }): Promise<void> {
  await tx.insert(schema.roles).values(
    presetRoles.map((role) => ({
      id: newId("role"),
      organizationId: workspace.organizationId,
      workspaceId: workspace.workspaceId,
      name: role.name,
      description: role.description,
      scope: role.scope,
      preset: true,
      rules: role.rules,
    })),
  );
}
