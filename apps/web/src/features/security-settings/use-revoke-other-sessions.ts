"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { browserApiClient } from "@/lib/browser-api-client";
import { securityQueryKeys } from "./security-query-keys";

/** Signs out every session except this one; resolves to how many ended. */
export function useRevokeOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => browserApiClient.revokeOtherSessions(),
    onSettled: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: securityQueryKeys.sessions }),
      queryClient.invalidateQueries({ queryKey: securityQueryKeys.events }),
    ]),
  });
}
