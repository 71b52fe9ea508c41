import { schema, selectRows, type Database } from "@hks/db";
import { sql } from "drizzle-orm";

export interface EffectiveGroupRow {
  id: string;
  parentId: string | null;
  /** True for groups the user was added to; false for ancestors they count as a member of. */
  direct: boolean;
}

/**
 * The user's groups in a workspace and all their ancestors, with parents, in one recursive CTE.
 * `union` (not `union all`) drops rows already seen, so even corrupt data with a cycle ends.
 */
export async function effectiveGroupRows(db: Pick<Database, "execute">, workspaceId: string, userId: string): Promise<EffectiveGroupRow[]> {
  const g = schema.groups;
  const gm = schema.groupMembers;
  const rows = await selectRows<{ id: string; parent_id: string | null; direct: boolean }>(
    db,
    sql`with recursive effective(id, parent_id, direct) as (
      select ${g.id}, ${g.parentId}, true from ${gm} join ${g} on ${g.id} = ${gm.groupId}
      where ${gm.userId} = ${userId} and ${g.workspaceId} = ${workspaceId}
      union
      select p.id, p.parent_id, false from ${g} p join effective e on p.id = e.parent_id
      where p.workspace_id = ${workspaceId}
    )
    select id, min(parent_id) as parent_id, bool_or(direct) as direct from effective group by id order by id`,
  );
  return rows.map((row) => ({ id: row.id, parentId: row.parent_id, direct: row.direct }));
}

/**
 * The ids of the groups a user acts as in a workspace — their groups plus every ancestor — which
 * is what tokens' `groups` claim and Kubernetes impersonation carry. Sorted.
 */
export async function effectiveGroupIds(db: Pick<Database, "execute">, workspaceId: string, userId: string): Promise<string[]> {
  return (await effectiveGroupRows(db, workspaceId, userId)).map((row) => row.id);
}
