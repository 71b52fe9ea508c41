"use client";

import { useQuery } from "@tanstack/react-query";
import type { WorkspaceStatus } from "@hks/contracts";
import { browserApiClient } from "@/lib/browser-api-client";
import { HEALTH_POLL_MS } from "@/features/workspaces/polling";
import { workspaceQueryKeys } from "@/features/workspaces/workspace-query-keys";

/**
 * A live look at the virtual cluster (components, quota used against hard). The API asks the
 * clusters each time, so it is refreshed only now and then, and afresh when the status changes.
 */
export function useClusterHealth(orgId: string, wsId: string, status: WorkspaceStatus | undefined) {
  return useQuery({
    queryKey: workspaceQueryKeys.clusterHealth(orgId, wsId, status ?? "PENDING_CREATION"),
    queryFn: ({ signal }) => browserApiClient.clusterHealth(orgId, wsId, signal),
    // Not before the workspace itself has loaded (and not for one that is not there).
    enabled: status !== undefined,
    refetchInterval: HEALTH_POLL_MS,
    staleTime: 10_000,
  });
}
