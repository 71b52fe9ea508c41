import type { ResolvedAccess } from "../authorization/resolved-access";

/**
 * The workspace a workspace-scoped route resolved from `:wsId`. The authorization hook guarantees
 * it for such routes; reaching here without one is a wiring bug, not a client error.
 */
export function workspaceInScope(access: ResolvedAccess): string {
  if (!access.workspaceId) throw new Error("a workspace-scoped service was called without a workspace in scope");
  return access.workspaceId;
}
