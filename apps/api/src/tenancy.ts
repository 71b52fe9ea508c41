import type { AuditWriter } from "@hks/audit";
import type { Database } from "@hks/db";
import { createAuthorizer } from "./authorization/authorizer";
import { createInvitationService } from "./organizations/invitation-service";
import { createMemberService } from "./organizations/member-service";
import { createOrganizationService } from "./organizations/organization-service";

/**
 * The tenancy core's services: organizations and their members and invitations, workspaces,
 * projects, groups, roles and bindings — and the authorizer every route goes through.
 */
export function createTenancy(deps: { db: Database; audit: AuditWriter; publicUrl: string }) {
  return {
    authorizer: createAuthorizer(deps.db),
    organizations: createOrganizationService(deps),
    members: createMemberService(deps),
    invitations: createInvitationService(deps),
  };
}

export type Tenancy = ReturnType<typeof createTenancy>;
