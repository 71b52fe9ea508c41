"use client";

import { useQuery } from "@tanstack/react-query";
import { browserApiClient } from "@/lib/browser-api-client";
import { securityQueryKeys } from "./security-query-keys";

/**
 * Provider id → display name ("dev" → "Development sign-in"), to say how a session signed in.
 * Falls back to the id while loading or if a provider has since been removed.
 */
export function useProviderNames(): (providerId: string) => string {
  const { data } = useQuery({
    queryKey: securityQueryKeys.providers,
    queryFn: ({ signal }) => browserApiClient.providers(signal),
    staleTime: 10 * 60_000,
  });
  return (providerId) => data?.providers.find((provider) => provider.id === providerId)?.name ?? providerId;
}
