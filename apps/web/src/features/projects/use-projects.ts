"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { browserApiClient } from "@/lib/browser-api-client";
import { workspaceQueryKeys } from "@/features/workspaces/workspace-query-keys";

const PAGE_SIZE = 50;

/** The workspace's projects I can see, by name, a page at a time. */
export function useProjects(orgId: string, wsId: string) {
  return useInfiniteQuery({
    queryKey: workspaceQueryKeys.projects(orgId, wsId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => browserApiClient.projects(orgId, wsId, { limit: PAGE_SIZE, cursor: pageParam, signal }),
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
