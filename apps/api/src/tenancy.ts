import type { AuditWriter } from "@hks/audit";
import type { Database } from "@hks/db";
import { createAuthorizer } from "./authorization/authorizer";
import type { WorkspaceTaskDefinitions } from "./clusters/workspace-tasks";
import { createGroupMemberService } from "./groups/group-member-service";
import { createGroupService } from "./groups/group-service";
import { createInvitationService } from "./organizations/invitation-service";
import { createMemberService } from "./organizations/member-service";
import { createOrganizationService } from "./organizations/organization-service";
import { createProjectMemberService } from "./projects/project-member-service";
import { createProjectService } from "./projects/project-service";
import { createPermissionService } from "./rbac/permission-service";
import { createRoleBindingService } from "./rbac/role-binding-service";
import { createRoleService } from "./rbac/role-service";
import { createWorkspaceMemberService } from "./workspaces/workspace-member-service";
import { createWorkspaceService } from "./workspaces/workspace-service";

/**
 * The tenancy core's services: organizations and their members and invitations, workspaces,
 * projects, groups, roles and bindings — and the authorizer every route goes through.
 */
export function createTenancy(deps: { db: Database; audit: AuditWriter; publicUrl: string; workspaceTasks: WorkspaceTaskDefinitions }) {
  const authorizer = createAuthorizer(deps.db);
  return {
    authorizer,
    organizations: createOrganizationService(deps),
    members: createMemberService(deps),
    invitations: createInvitationService(deps),
    workspaces: createWorkspaceService(deps),
    workspaceMembers: createWorkspaceMemberService(deps),
    projects: createProjectService({ ...deps, authorizer }),
    projectMembers: createProjectMemberService(deps),
    groups: createGroupService(deps),
    groupMembers: createGroupMemberService(deps),
    roles: createRoleService(deps),
    roleBindings: createRoleBindingService({ ...deps, authorizer }),
    permissions: createPermissionService({ ...deps, authorizer }),
  };
}

export type Tenancy = ReturnType<typeof createTenancy>;
