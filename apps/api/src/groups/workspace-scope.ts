import type { ResolvedAccess } from "../authorization/resolved-access";

/** The tenant every query of a workspace-level module is scoped by. */
export interface WorkspaceScope {
  organizationId: string;
  workspaceId: string;
}

/** The workspace a request was authorized for; only routes under `:wsId` may call this. */
export function workspaceScopeOf(access: ResolvedAccess): WorkspaceScope {
  if (!access.workspaceId) throw new Error("workspaceScopeOf() on access resolved without a workspace");
  return { organizationId: access.organizationId, workspaceId: access.workspaceId };
}
