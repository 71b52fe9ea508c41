"use client";

import { useQuery } from "@tanstack/react-query";
import type { OrganizationResponse } from "@hks/contracts";
import { browserApiClient } from "@/lib/browser-api-client";
import { organizationQueryKeys } from "./organization-query-keys";

const PAGE_SIZE = 100;
/** A person in more than a thousand organizations is not who the switcher is designed for; it stops there. */
const MAX_PAGES = 10;

/**
 * Every organization I belong to, with my role in each, sorted by name. The switcher needs the
 * whole list (to validate the remembered choice), so the keyset pages are read to the end.
 */
export function useOrganizations() {
  return useQuery({
    queryKey: organizationQueryKeys.mine,
    queryFn: async ({ signal }) => {
      const organizations: OrganizationResponse[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const result = await browserApiClient.organizations({ limit: PAGE_SIZE, cursor, signal });
        organizations.push(...result.items);
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return organizations;
    },
  });
}
