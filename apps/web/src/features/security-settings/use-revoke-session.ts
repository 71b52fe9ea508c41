"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AppError } from "@hks/contracts";
import { browserApiClient } from "@/lib/browser-api-client";
import { securityQueryKeys } from "./security-query-keys";

/** Signs out one of my other sessions; the list and the event log are reloaded afterwards. */
export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (sessionId: string) => {
      try {
        await browserApiClient.revokeSession(sessionId);
      } catch (error) {
        // Already ended (expired, or signed out from elsewhere): the goal is reached.
        if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
      }
    },
    onSettled: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: securityQueryKeys.sessions }),
      queryClient.invalidateQueries({ queryKey: securityQueryKeys.events }),
    ]),
  });
}
