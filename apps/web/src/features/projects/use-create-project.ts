"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateProjectRequest } from "@hks/api-client";
import { browserApiClient } from "@/lib/browser-api-client";
import { workspaceQueryKeys } from "@/features/workspaces/workspace-query-keys";

/** Creates a top-level project; the workspace (its allocated and free amounts) and its projects are read again. */
export function useCreateProject(orgId: string, wsId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProjectRequest) => browserApiClient.createProject(orgId, wsId, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: workspaceQueryKeys.workspace(orgId, wsId) }),
        queryClient.invalidateQueries({ queryKey: workspaceQueryKeys.list(orgId) }),
      ]),
  });
}
