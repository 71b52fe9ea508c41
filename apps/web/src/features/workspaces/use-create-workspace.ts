"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateWorkspaceRequest } from "@hks/api-client";
import { browserApiClient } from "@/lib/browser-api-client";
import { workspaceQueryKeys } from "./workspace-query-keys";

/** Creates a workspace (PENDING_CREATION; provisioning runs as a task) and seeds its detail page's cache. */
export function useCreateWorkspace(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWorkspaceRequest) => browserApiClient.createWorkspace(orgId, body),
    onSuccess: (workspace) => {
      queryClient.setQueryData(workspaceQueryKeys.workspace(orgId, workspace.id), workspace);
      return queryClient.invalidateQueries({ queryKey: workspaceQueryKeys.list(orgId) });
    },
  });
}
