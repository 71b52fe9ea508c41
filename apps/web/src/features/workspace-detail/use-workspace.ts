"use client";

import { useQuery } from "@tanstack/react-query";
import { browserApiClient } from "@/lib/browser-api-client";
import { BUSY_WORKSPACE_POLL_MS } from "@/features/workspaces/polling";
import { isBusyStatus } from "@/features/workspaces/workspace-status";
import { workspaceQueryKeys } from "@/features/workspaces/workspace-query-keys";

/** One workspace, asked again every couple of seconds while a task is moving it along. */
export function useWorkspace(orgId: string, wsId: string) {
  return useQuery({
    queryKey: workspaceQueryKeys.workspace(orgId, wsId),
    queryFn: ({ signal }) => browserApiClient.workspace(orgId, wsId, signal),
    refetchInterval: (query) => (query.state.data && isBusyStatus(query.state.data.status) ? BUSY_WORKSPACE_POLL_MS : false),
  });
}
