import type { OrganizationRole } from "@hks/contracts";

const labels: Record<OrganizationRole, string> = { owner: "Owner", admin: "Admin", member: "Member" };

/** The caller's role in an organization, as the console writes it. */
export function organizationRoleLabel(role: OrganizationRole): string {
  return labels[role];
}
