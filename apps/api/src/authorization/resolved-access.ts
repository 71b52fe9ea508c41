import type { Action, OrganizationRole, ProjectRole, WorkspaceRole } from "@hks/contracts";

/** The caller's standing at a scope: their roles there and every action those roles grant. */
export interface ResolvedAccess {
  organizationId: string;
  workspaceId: string | undefined;
  projectId: string | undefined;
  organizationRole: OrganizationRole;
  workspaceRole: WorkspaceRole | undefined;
  /** Roles on the project and its ancestors, which all apply to it. */
  projectRoles: ProjectRole[];
  actions: ReadonlySet<Action>;
}
