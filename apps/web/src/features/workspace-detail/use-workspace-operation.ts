"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { WorkspaceResponse } from "@hks/contracts";
import type { WorkspaceOperationName } from "@hks/api-client";
import { browserApiClient } from "@/lib/browser-api-client";
import { workspaceQueryKeys } from "@/features/workspaces/workspace-query-keys";

/**
 * Starts a lifecycle operation (`delete` included). The API answers at once with the status the
 * workspace is now in and the task doing the work; that status goes straight into the cache, and
 * everything about the workspace is fetched again (polling then follows the task).
 */
export function useWorkspaceOperation(orgId: string, wsId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (operation: WorkspaceOperationName | "delete") =>
      operation === "delete" ? browserApiClient.deleteWorkspace(orgId, wsId) : browserApiClient.operateWorkspace(orgId, wsId, operation),
    onSuccess: (started) => {
      queryClient.setQueryData<WorkspaceResponse>(workspaceQueryKeys.workspace(orgId, wsId), (workspace) => (workspace ? { ...workspace, status: started.status, statusReason: null } : workspace));
    },
    // Not awaited: the caller's own callbacks (announcing "requested") must come before whatever
    // the refetch finds (a task that failed at once is announced as it settles).
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: workspaceQueryKeys.workspace(orgId, wsId) });
      void queryClient.invalidateQueries({ queryKey: workspaceQueryKeys.list(orgId) });
    },
  });
}
