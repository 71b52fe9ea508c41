/**
 * Which organization the console works in. The choice is remembered per browser in
 * `localStorage` (an id, never a secret) and always checked against the organizations the API
 * says I belong to: a remembered id I no longer belong to (I left, it was deleted, another person
 * signed in on this browser) falls back to the first organization.
 */
export const CURRENT_ORGANIZATION_STORAGE_KEY = "hks.current-organization";

export function chooseCurrentOrganization<T extends { id: string }>(organizations: readonly T[], rememberedId: string | null): T | null {
  return organizations.find((organization) => organization.id === rememberedId) ?? organizations[0] ?? null;
}

/** Storage can be unavailable (disabled, private modes, server rendering): the console then simply forgets. */
export function readRememberedOrganizationId(): string | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage.getItem(CURRENT_ORGANIZATION_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function rememberOrganizationId(organizationId: string): void {
  try {
    window.localStorage.setItem(CURRENT_ORGANIZATION_STORAGE_KEY, organizationId);
  } catch {
    // Not remembered; the choice still holds for this tab.
  }
}
