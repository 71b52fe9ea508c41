import { AppError, type Action, type OrganizationRole, type ProjectRole, type WorkspaceRole } from "@hks/contracts";
import { schema, selectRows, type Database } from "@hks/db";
import { and, eq, sql } from "drizzle-orm";
import type { AccessScope } from "./access-scope";
import { grantedActions } from "./grants";
import type { ResolvedAccess } from "./resolved-access";

const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);

/**
 * Answers "may this user do this action here?" from the database, on every request (so a removed
 * membership takes effect at once). Anything the user cannot see at all — another tenant's
 * organization, a workspace they are not in, a project outside their reach, or an id that does
 * not exist — is NOT_FOUND, so ids never leak; what they can see but not change is FORBIDDEN.
 */
export function createAuthorizer(db: Database) {
  async function resolve(userId: string, scope: AccessScope): Promise<ResolvedAccess> {
    const [orgMembership] = await db
      .select({ role: schema.organizationMembers.role })
      .from(schema.organizationMembers)
      .where(and(eq(schema.organizationMembers.organizationId, scope.organizationId), eq(schema.organizationMembers.userId, userId)));
    if (!orgMembership) throw notFound("Organization");
    const organizationRole = orgMembership.role as OrganizationRole;

    if (!scope.workspaceId) {
      return {
        organizationId: scope.organizationId,
        workspaceId: undefined,
        projectId: undefined,
        organizationRole,
        workspaceRole: undefined,
        projectRoles: [],
        actions: grantedActions({ level: "organization", organizationRole }),
      };
    }

    const [workspace] = await db
      .select({
        role: schema.workspaceMembers.role,
        projectMember: sql<boolean>`exists (
          select 1 from ${schema.projectMembers} pm join ${schema.projects} p on p.id = pm.project_id
          where p.workspace_id = ${schema.workspaces.id} and pm.user_id = ${userId})`,
      })
      .from(schema.workspaces)
      .leftJoin(schema.workspaceMembers, and(eq(schema.workspaceMembers.workspaceId, schema.workspaces.id), eq(schema.workspaceMembers.userId, userId)))
      .where(and(eq(schema.workspaces.id, scope.workspaceId), eq(schema.workspaces.organizationId, scope.organizationId)));
    if (!workspace) throw notFound("Workspace");
    const workspaceRole = (workspace.role ?? undefined) as WorkspaceRole | undefined;

    if (!scope.projectId) {
      const actions = grantedActions({ level: "workspace", organizationRole, workspaceRole, memberOfAProjectInWorkspace: workspace.projectMember });
      if (!actions.has("workspace:read")) throw notFound("Workspace");
      return { organizationId: scope.organizationId, workspaceId: scope.workspaceId, projectId: undefined, organizationRole, workspaceRole, projectRoles: [], actions };
    }

    // The project and its ancestors, with the user's role on each (roles inherit down the tree).
    const rows = await selectRows<{ id: string; role: string | null }>(db, sql`
      with recursive chain(id, parent_id, depth) as (
        select id, parent_id, 0 from ${schema.projects} where id = ${scope.projectId} and workspace_id = ${scope.workspaceId}
        union all
        select p.id, p.parent_id, c.depth + 1 from ${schema.projects} p join chain c on p.id = c.parent_id where c.depth < 64
      )
      select chain.id, pm.role from chain
      left join ${schema.projectMembers} pm on pm.project_id = chain.id and pm.user_id = ${userId}`);
    if (rows.length === 0) throw notFound("Project");
    const projectRoles = rows.flatMap((row) => (row.role ? [row.role as ProjectRole] : []));
    const actions = grantedActions({ level: "project", organizationRole, workspaceRole, projectRoles });
    if (!actions.has("project:read")) throw notFound("Project");
    return { organizationId: scope.organizationId, workspaceId: scope.workspaceId, projectId: scope.projectId, organizationRole, workspaceRole, projectRoles, actions };
  }

  return {
    resolve,
    /** Resolves and requires `action`; throws NOT_FOUND or FORBIDDEN. */
    async authorize(userId: string, action: Action, scope: AccessScope): Promise<ResolvedAccess> {
      const access = await resolve(userId, scope);
      if (!access.actions.has(action)) throw new AppError("FORBIDDEN", `Your role does not allow ${action}`);
      return access;
    },
  };
}

export type Authorizer = ReturnType<typeof createAuthorizer>;
