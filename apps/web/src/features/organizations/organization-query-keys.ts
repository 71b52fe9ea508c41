/** TanStack Query keys of organizations; workspace keys hang below an organization's (see workspace-query-keys.ts). */
export const organizationQueryKeys = {
  /** Every query of the organizations feature and below it. */
  all: ["organizations"] as const,
  /** All organizations I belong to (every page, in the API's name order). */
  mine: ["organizations", "mine"] as const,
};
