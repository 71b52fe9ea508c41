"use client";

import { useQuery } from "@tanstack/react-query";
import { browserApiClient } from "@/lib/browser-api-client";
import { BUSY_WORKSPACE_POLL_MS, RUNNING_TASK_POLL_MS } from "@/features/workspaces/polling";
import { workspaceQueryKeys } from "@/features/workspaces/workspace-query-keys";

const unfinished = new Set(["PENDING", "RUNNING"]);

/**
 * The workspace's most recent task, finished or not, with its steps: what is happening now, or
 * what happened last and why it failed. Polled while it runs, and while the workspace is busy
 * (an operation just requested may not have shown its task yet).
 */
export function useLatestTask(orgId: string, wsId: string, workspaceBusy: boolean) {
  return useQuery({
    queryKey: workspaceQueryKeys.latestTask(orgId, wsId),
    queryFn: async ({ signal }) => (await browserApiClient.tasks(orgId, { workspaceId: wsId, limit: 1, signal })).items[0] ?? null,
    refetchInterval: (query) => {
      const task = query.state.data;
      if (task && unfinished.has(task.status)) return RUNNING_TASK_POLL_MS;
      return workspaceBusy ? BUSY_WORKSPACE_POLL_MS : false;
    },
  });
}
