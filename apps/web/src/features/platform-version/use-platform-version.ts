"use client";

import { useQuery } from "@tanstack/react-query";
import { browserApiClient } from "@/lib/browser-api-client";

/** The platform version as the running API reports it (`GET /api/v1/version`). */
export function usePlatformVersion() {
  return useQuery({
    queryKey: ["platform", "version"],
    queryFn: ({ signal }) => browserApiClient.version(signal),
    // The version changes only on deploy; refetching on every focus would be noise.
    staleTime: 5 * 60_000,
  });
}
