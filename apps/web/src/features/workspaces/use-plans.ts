"use client";

import { useQuery } from "@tanstack/react-query";
import type { Plan } from "@hks/contracts";
import { browserApiClient } from "@/lib/browser-api-client";
import { workspaceQueryKeys } from "./workspace-query-keys";

/** The plan catalogue (`GET /api/v1/plans`); it changes with releases, so it is kept for a while. */
export function usePlans() {
  return useQuery({
    queryKey: workspaceQueryKeys.plans,
    queryFn: async ({ signal }) => (await browserApiClient.plans(signal)).plans,
    staleTime: 5 * 60_000,
  });
}

/** A plan's name for a plan id, falling back to the id (a plan retired from the catalogue). */
export function planName(plans: readonly Plan[] | undefined, planId: string): string {
  return plans?.find((plan) => plan.id === planId)?.name ?? planId;
}
