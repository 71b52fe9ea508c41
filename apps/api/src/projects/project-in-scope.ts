import type { ResolvedAccess } from "../authorization/resolved-access";
import { workspaceInScope } from "../workspaces/workspace-in-scope";

/** The project (and its workspace) a project-scoped route resolved from `:projectId`. */
export function projectInScope(access: ResolvedAccess): { organizationId: string; workspaceId: string; projectId: string } {
  if (!access.projectId) throw new Error("a project-scoped service was called without a project in scope");
  return { organizationId: access.organizationId, workspaceId: workspaceInScope(access), projectId: access.projectId };
}
