/**
 * Labels on everything the platform puts into clusters. `managed-by` plus `component` is the
 * contract the local virtual-cluster runtime (and any operator tooling) selects on.
 */
export const LABEL = {
  managedBy: "app.kubernetes.io/managed-by",
  component: "hexabase.io/component",
  organization: "hexabase.io/organization-id",
  workspace: "hexabase.io/workspace-id",
  project: "hexabase.io/project-id",
  parentProject: "hexabase.io/parent-project-id",
  treeDepth: "hexabase.io/tree-depth",
} as const;

export const MANAGED_BY = "hexabase-kaas";

/** A label per ancestor, as the Hierarchical Namespace Controller did: `<ancestor>.tree.hexabase.io/depth`. */
export function treeLabel(projectId: string): string {
  return `${projectId.replace("_", "-")}.tree.hexabase.io/depth`;
}

export function managedLabels(component: string, extra: Record<string, string> = {}): Record<string, string> {
  return { [LABEL.managedBy]: MANAGED_BY, [LABEL.component]: component, ...extra };
}
