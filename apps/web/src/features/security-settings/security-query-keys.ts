/** TanStack Query keys of the security page, shared by its queries and the mutations that change them. */
export const securityQueryKeys = {
  sessions: ["auth", "sessions"] as const,
  events: ["auth", "security-events"] as const,
  providers: ["auth", "providers"] as const,
};
