/** The facts renderers need about a workspace — not a database row, so renderers stay pure. */
export interface WorkspaceSpec {
  id: string;
  organizationId: string;
  name: string;
  nodes: "shared" | "dedicated";
  kubernetesVersion: string;
  cpuMillicores: number;
  memoryMib: number;
  storageGib: number;
}

export interface ProjectSpec {
  id: string;
  workspaceId: string;
  name: string;
  parentId: string | null;
  cpuMillicores: number;
  memoryMib: number;
  storageGib: number;
}
