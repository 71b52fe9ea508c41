import { AppError, type OrganizationRole, type WorkspaceRole } from "@hks/contracts";
import { schema, selectRows, type Database } from "@hks/db";
import { sql } from "drizzle-orm";
import { grantedActions } from "../authorization/grants";

export interface WorkspaceStanding {
  /** The groups the user acts as in the workspace: theirs and every ancestor (sorted). */
  groupIds: string[];
}

const notFound = () => new AppError("NOT_FOUND", "workspace not found");

/**
 * Whether a user may still read a workspace (the authorizer's `workspace:read`, decided by the
 * same grant table) and the groups they act as there, in one round trip: the gateway asks on every
 * request, so a removal from the organization, the workspace or a group takes effect at the next
 * kubectl call. Anything the user cannot see is "not found".
 */
export async function workspaceStandingOf(db: Pick<Database, "execute">, input: { userId: string; organizationId: string; workspaceId: string }): Promise<WorkspaceStanding> {
  const { userId, organizationId, workspaceId } = input;
  const g = schema.groups;
  const gm = schema.groupMembers;
  const [row] = await selectRows<{ organization_role: string | null; workspace_role: string | null; project_member: boolean; group_ids: string[] | null }>(
    db,
    sql`select
      (select role from ${schema.organizationMembers} where organization_id = ${organizationId} and user_id = ${userId}) as organization_role,
      (select role from ${schema.workspaceMembers} where workspace_id = w.id and user_id = ${userId}) as workspace_role,
      exists (select 1 from ${schema.projectMembers} pm join ${schema.projects} p on p.id = pm.project_id
              where p.workspace_id = w.id and pm.user_id = ${userId}) as project_member,
      (with recursive effective(id, parent_id) as (
         select ${g.id}, ${g.parentId} from ${gm} join ${g} on ${g.id} = ${gm.groupId}
         where ${gm.userId} = ${userId} and ${g.workspaceId} = w.id
         union
         select p.id, p.parent_id from ${g} p join effective e on p.id = e.parent_id where p.workspace_id = w.id
       ) select array_agg(distinct id order by id) from effective) as group_ids
    from ${schema.workspaces} w
    where w.id = ${workspaceId} and w.organization_id = ${organizationId}`,
  );
  if (!row?.organization_role) throw notFound();
  const actions = grantedActions({
    level: "workspace",
    organizationRole: row.organization_role as OrganizationRole,
    workspaceRole: (row.workspace_role ?? undefined) as WorkspaceRole | undefined,
    memberOfAProjectInWorkspace: row.project_member,
  });
  if (!actions.has("workspace:read")) throw notFound();
  return { groupIds: row.group_ids ?? [] };
}
