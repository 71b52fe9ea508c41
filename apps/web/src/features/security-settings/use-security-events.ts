"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { browserApiClient } from "@/lib/browser-api-client";
import { securityQueryKeys } from "./security-query-keys";

const PAGE_SIZE = 20;

/** My security events, newest first, a page at a time (`GET /auth/security-logs`, cursor-based). */
export function useSecurityEvents() {
  return useInfiniteQuery({
    queryKey: securityQueryKeys.events,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => browserApiClient.securityLogs(pageParam, { limit: PAGE_SIZE, signal }),
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
