import { roleGrants, type Action, type OrganizationRole, type ProjectRole, type WorkspaceRole } from "@hks/contracts";

/** Organization roles whose grants reach into every workspace and project. */
const ADMINISTRATIVE: ReadonlySet<OrganizationRole> = new Set(["owner", "admin"]);

/**
 * The actions granted at a scope by the roles found there. Pure, so the permission model is unit
 * tested as a table without a database.
 */
export function grantedActions(input: {
  level: "organization" | "workspace" | "project";
  organizationRole: OrganizationRole;
  workspaceRole?: WorkspaceRole | undefined;
  projectRoles?: ProjectRole[];
  /** A project member sees the workspace that holds the project (read only). */
  memberOfAProjectInWorkspace?: boolean;
}): Set<Action> {
  const granted = new Set<Action>();
  const add = (list: readonly Action[]) => list.forEach((action) => granted.add(action));
  const orgGrants = roleGrants.organization[input.organizationRole];
  if (input.level === "organization" || ADMINISTRATIVE.has(input.organizationRole)) add(orgGrants);
  if (input.level === "organization") return granted;

  if (input.workspaceRole) add(roleGrants.workspace[input.workspaceRole]);
  if (input.level === "workspace") {
    if (input.memberOfAProjectInWorkspace) granted.add("workspace:read");
    return granted;
  }
  for (const role of input.projectRoles ?? []) add(roleGrants.project[role]);
  return granted;
}
