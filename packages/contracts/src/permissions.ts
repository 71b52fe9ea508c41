/**
 * The platform API's permission model: a typed catalogue of actions, and which role at which
 * level grants them. Every authorized route names one action; the authorizer resolves the
 * caller's roles along organization → workspace → project (→ ancestor projects) and checks it.
 * Kubernetes permissions inside a workspace are a separate thing (roles and bindings), enforced
 * by the virtual cluster's API server.
 */
export const actions = [
  "organization:read",
  "organization:update",
  "organization:delete",
  "member:read",
  "member:invite",
  "member:update",
  "member:remove",
  "audit:read",
  "billing:read",
  "billing:manage",
  "workspace:create",
  "workspace:read",
  "workspace:update",
  "workspace:delete",
  "workspace:operate",
  "workspace:backup",
  "workspace-member:read",
  "workspace-member:manage",
  "project:create",
  "project:read",
  "project:update",
  "project:delete",
  "project-member:read",
  "project-member:manage",
  "group:read",
  "group:manage",
  "role:read",
  "role:manage",
  "role-binding:read",
  "role-binding:manage",
] as const;

export type Action = (typeof actions)[number];

export const organizationRoles = ["owner", "admin", "member"] as const;
export const workspaceRoles = ["workspace_admin", "developer", "viewer"] as const;
export const projectRoles = ["project_admin", "developer", "viewer"] as const;

export type OrganizationRole = (typeof organizationRoles)[number];
export type WorkspaceRole = (typeof workspaceRoles)[number];
export type ProjectRole = (typeof projectRoles)[number];

const projectReader: Action[] = ["project:read", "project-member:read"];
const workspaceReader: Action[] = ["workspace:read", "workspace-member:read", ...projectReader, "group:read", "role:read", "role-binding:read"];
const workspaceAdmin: Action[] = [
  ...workspaceReader,
  "workspace:update",
  "workspace:delete",
  "workspace:operate",
  "workspace:backup",
  "workspace-member:manage",
  "project:create",
  "project:update",
  "project:delete",
  "project-member:manage",
  "group:manage",
  "role:manage",
  "role-binding:manage",
];
const organizationAdmin: Action[] = [
  "organization:read",
  "organization:update",
  "member:read",
  "member:invite",
  "member:update",
  "member:remove",
  "audit:read",
  "billing:read",
  "billing:manage",
  "workspace:create",
  // Organization administrators administer every workspace in it.
  ...workspaceAdmin,
];

/**
 * What each role grants. Organization roles apply to every workspace and project of the
 * organization only for owner and admin; a plain member reaches a workspace only through a
 * workspace role. Workspace roles apply to all of the workspace's projects; project roles to the
 * project and its descendants.
 */
export const roleGrants = {
  organization: {
    owner: [...organizationAdmin, "organization:delete"],
    admin: organizationAdmin,
    member: ["organization:read", "member:read", "billing:read"],
  } satisfies Record<OrganizationRole, Action[]>,
  workspace: {
    workspace_admin: workspaceAdmin,
    developer: [...workspaceReader, "project:create"],
    viewer: workspaceReader,
  } satisfies Record<WorkspaceRole, Action[]>,
  project: {
    project_admin: ["workspace:read", ...projectReader, "project:create", "project:update", "project:delete", "project-member:manage", "group:read", "role:read", "role-binding:read"],
    developer: ["workspace:read", ...projectReader, "role:read"],
    viewer: ["workspace:read", ...projectReader],
  } satisfies Record<ProjectRole, Action[]>,
} as const;
