"use client";

import { useQuery } from "@tanstack/react-query";
import { browserApiClient } from "@/lib/browser-api-client";
import { securityQueryKeys } from "./security-query-keys";

/** My active sessions (`GET /auth/sessions`), this device first, then the most recently active. */
export function useActiveSessions() {
  return useQuery({
    queryKey: securityQueryKeys.sessions,
    queryFn: async ({ signal }) => {
      const { sessions } = await browserApiClient.sessions(signal);
      return [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
    },
  });
}
