import type { KubeObject } from "./kube-object";
import { LABEL, managedLabels } from "./labels";
import { projectNamespaceOf } from "./names";

export interface RoleSpec {
  id: string;
  name: string;
  rules: { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }[];
}

export interface BindingSpec {
  id: string;
  roleId: string;
  /** null: workspace-wide. */
  projectId: string | null;
  subject: { kind: "user" | "group"; id: string };
}

export interface ProjectNode {
  id: string;
  name: string;
  parentId: string | null;
}

const clusterRoleName = (role: RoleSpec) => `hks:${role.name}`;

/**
 * The workspace's roles and bindings as Kubernetes RBAC, so the virtual cluster's own API server
 * enforces them. Subjects are platform identities: `User` is the platform user id and `Group`
 * the platform group id (requests carry the user's groups with their ancestors, which is how
 * membership inherits upward). A project binding becomes a RoleBinding in the project's
 * namespace and in every descendant project's namespace (the platform keeps the hierarchy, the
 * way the archived Hierarchical Namespace Controller propagated RoleBindings).
 */
export function renderRbac(input: { roles: RoleSpec[]; bindings: BindingSpec[]; projects: ProjectNode[] }): KubeObject[] {
  const rolesById = new Map(input.roles.map((role) => [role.id, role]));
  const children = new Map<string, ProjectNode[]>();
  for (const project of input.projects) {
    if (project.parentId) children.set(project.parentId, [...(children.get(project.parentId) ?? []), project]);
  }
  const projectsById = new Map(input.projects.map((project) => [project.id, project]));
  const subtree = (projectId: string): ProjectNode[] => {
    const root = projectsById.get(projectId);
    if (!root) return [];
    return [root, ...(children.get(projectId) ?? []).flatMap((child) => subtree(child.id))];
  };

  const objects: KubeObject[] = input.roles.map((role) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name: clusterRoleName(role), labels: managedLabels("role", { "hexabase.io/role-id": role.id }) },
    rules: role.rules.map((rule) => ({ ...rule })),
  }));

  for (const binding of input.bindings) {
    const role = rolesById.get(binding.roleId);
    if (!role) continue;
    const subject = { kind: binding.subject.kind === "user" ? "User" : "Group", apiGroup: "rbac.authorization.k8s.io", name: binding.subject.id };
    const roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: clusterRoleName(role) };
    const name = `hks:${role.name}:${binding.subject.kind}:${binding.subject.id}`.toLowerCase().replace(/_/g, "-");
    if (binding.projectId === null) {
      objects.push({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name, labels: managedLabels("role-binding", { "hexabase.io/binding-id": binding.id }) }, subjects: [subject], roleRef });
      continue;
    }
    for (const project of subtree(binding.projectId)) {
      objects.push({
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: {
          name,
          namespace: projectNamespaceOf(project.name),
          labels: managedLabels("role-binding", { "hexabase.io/binding-id": binding.id, [LABEL.project]: project.id }),
          ...(project.id === binding.projectId ? {} : { annotations: { "hexabase.io/propagated-from": binding.projectId } }),
        },
        subjects: [subject],
        roleRef,
      });
    }
  }
  return objects;
}
