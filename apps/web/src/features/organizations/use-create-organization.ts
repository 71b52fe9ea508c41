"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { OrganizationResponse } from "@hks/contracts";
import { browserApiClient } from "@/lib/browser-api-client";
import { useCurrentOrganization } from "./current-organization";
import { organizationQueryKeys } from "./organization-query-keys";

/**
 * Creates an organization (I become its owner) and makes it the current one. The new
 * organization goes into the cached list at once, so the switch never shows a list without it.
 */
export function useCreateOrganization() {
  const queryClient = useQueryClient();
  const { select } = useCurrentOrganization();
  return useMutation({
    mutationFn: (name: string) => browserApiClient.createOrganization({ name }),
    onSuccess: (created) => {
      queryClient.setQueryData<OrganizationResponse[]>(organizationQueryKeys.mine, (organizations = []) =>
        [...organizations.filter((organization) => organization.id !== created.id), created].sort((a, b) => a.name.localeCompare(b.name)),
      );
      select(created.id);
      return queryClient.invalidateQueries({ queryKey: organizationQueryKeys.mine });
    },
  });
}
