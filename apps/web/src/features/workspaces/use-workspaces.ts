"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { browserApiClient } from "@/lib/browser-api-client";
import { BUSY_LIST_POLL_MS } from "./polling";
import { isBusyStatus } from "./workspace-status";
import { workspaceQueryKeys } from "./workspace-query-keys";

const PAGE_SIZE = 50;

/**
 * The organization's workspaces I can see, by name, a page at a time. Polled while any loaded
 * workspace is busy, so statuses move on the list without a reload; quiet otherwise.
 */
export function useWorkspaces(orgId: string) {
  return useInfiniteQuery({
    queryKey: workspaceQueryKeys.list(orgId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => browserApiClient.workspaces(orgId, { limit: PAGE_SIZE, cursor: pageParam, signal }),
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some((workspace) => isBusyStatus(workspace.status))) ? BUSY_LIST_POLL_MS : false),
  });
}
