"use client";

import { useQuery } from "@tanstack/react-query";
import { browserApiClient } from "@/lib/browser-api-client";
import { BUSY_WORKSPACE_POLL_MS } from "@/features/workspaces/polling";
import { workspaceQueryKeys } from "@/features/workspaces/workspace-query-keys";

/** Whether the virtual cluster exists (`provisioned`) and its last kubectl activity; polled while the workspace is busy. */
export function useClusterStatus(orgId: string, wsId: string, busy: boolean) {
  return useQuery({
    queryKey: workspaceQueryKeys.clusterStatus(orgId, wsId),
    queryFn: ({ signal }) => browserApiClient.clusterStatus(orgId, wsId, signal),
    refetchInterval: busy ? BUSY_WORKSPACE_POLL_MS : false,
  });
}
