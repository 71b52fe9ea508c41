import { LABEL, MANAGED_BY, renderProjectNamespace, renderRbac, type KubeObject, type ProjectSpec } from "@hks/kube";
import type { loadInsideSpec } from "./workspace-spec";

type InsideSpec = Awaited<ReturnType<typeof loadInsideSpec>>;

/** The ancestors of each project, parent first, from the flat list. */
function ancestorsOf(projects: ProjectSpec[]): Map<string, ProjectSpec[]> {
  const byId = new Map(projects.map((project) => [project.id, project]));
  const result = new Map<string, ProjectSpec[]>();
  for (const project of projects) {
    const chain: ProjectSpec[] = [];
    const seen = new Set([project.id]);
    for (let parent = project.parentId ? byId.get(project.parentId) : undefined; parent && !seen.has(parent.id); parent = parent.parentId ? byId.get(parent.parentId) : undefined) {
      seen.add(parent.id);
      chain.push(parent);
    }
    result.set(project.id, chain);
  }
  return result;
}

/**
 * Everything the platform keeps inside a workspace's virtual cluster, in apply order: project
 * namespaces with their quota, defaults and network policies first, then roles and bindings.
 */
export function desiredInsideObjects(spec: InsideSpec): KubeObject[] {
  const ancestors = ancestorsOf(spec.projects);
  return [
    ...spec.projects.flatMap((project) => renderProjectNamespace(project, ancestors.get(project.id) ?? [])),
    ...renderRbac({ roles: spec.roles, bindings: spec.bindings, projects: spec.projects }),
  ];
}

/**
 * The kinds the platform prunes inside a virtual cluster: a managed object of these kinds that is
 * no longer desired (its project, role or binding was deleted) is removed. Objects people create
 * themselves never carry the managed-by label and are never touched.
 */
export const PRUNED_KINDS = [
  { apiVersion: "v1", kind: "Namespace", component: "project", namespaced: false },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", component: "role", namespaced: false },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", component: "role-binding", namespaced: false },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", component: "role-binding", namespaced: true },
] as const;

export const prunedSelector = (component: string) => `${LABEL.managedBy}=${MANAGED_BY},${LABEL.component}=${component}`;

export const objectKey = (object: { kind?: string; metadata?: { name?: string; namespace?: string } }) =>
  `${object.kind ?? ""}/${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;
