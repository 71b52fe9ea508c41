import type { WorkspaceStatus } from "@hks/contracts";
import { organizationQueryKeys } from "@/features/organizations/organization-query-keys";

/**
 * TanStack Query keys below an organization. Everything about one workspace shares the
 * `workspace(orgId, wsId)` prefix, so one invalidation refreshes its status, task, health and
 * projects together.
 */
export const workspaceQueryKeys = {
  plans: ["plans"] as const,
  all: (orgId: string) => [...organizationQueryKeys.all, orgId, "workspaces"] as const,
  list: (orgId: string) => [...organizationQueryKeys.all, orgId, "workspaces", "list"] as const,
  workspace: (orgId: string, wsId: string) => [...organizationQueryKeys.all, orgId, "workspaces", "one", wsId] as const,
  clusterStatus: (orgId: string, wsId: string) => [...workspaceQueryKeys.workspace(orgId, wsId), "cluster-status"] as const,
  /** Keyed by status too: a status change is worth a fresh live check. */
  clusterHealth: (orgId: string, wsId: string, status: WorkspaceStatus) => [...workspaceQueryKeys.workspace(orgId, wsId), "cluster-health", status] as const,
  latestTask: (orgId: string, wsId: string) => [...workspaceQueryKeys.workspace(orgId, wsId), "latest-task"] as const,
  projects: (orgId: string, wsId: string) => [...workspaceQueryKeys.workspace(orgId, wsId), "projects"] as const,
};
