import { schema, selectRows, type Database } from "@hks/db";
import { sql } from "drizzle-orm";

type Executor = Pick<Database, "execute">;

/**
 * Serializes changes to one workspace's group tree (create under a parent, move, delete), so two
 * moves cannot each pass the cycle or depth check and together break it. Held until commit.
 */
export async function lockGroupTree(tx: Executor, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`group-tree:${workspaceId}`}, 0))`);
}

/** The group and its ancestors, the group first; empty when it is not a group of the workspace. */
export async function groupChain(tx: Executor, workspaceId: string, groupId: string): Promise<string[]> {
  const g = schema.groups;
  const rows = await selectRows<{ id: string }>(
    tx,
    sql`with recursive chain(id, parent_id, depth) as (
      select ${g.id}, ${g.parentId}, 1 from ${g} where ${g.id} = ${groupId} and ${g.workspaceId} = ${workspaceId}
      union all
      select p.id, p.parent_id, c.depth + 1 from ${g} p join chain c on p.id = c.parent_id
      where p.workspace_id = ${workspaceId} and c.depth < 64
    )
    select id from chain order by depth`,
  );
  return rows.map((row) => row.id);
}

/** The group and every group below it, with the subtree's height (1 for a leaf). */
export async function groupSubtree(tx: Executor, workspaceId: string, groupId: string): Promise<{ ids: string[]; height: number }> {
  const g = schema.groups;
  const rows = await selectRows<{ id: string; level: number }>(
    tx,
    sql`with recursive subtree(id, level) as (
      select ${g.id}, 1 from ${g} where ${g.id} = ${groupId} and ${g.workspaceId} = ${workspaceId}
      union all
      select c.id, s.level + 1 from ${g} c join subtree s on c.parent_id = s.id
      where c.workspace_id = ${workspaceId} and s.level < 64
    )
    select id, level from subtree`,
  );
  return { ids: rows.map((row) => row.id), height: Math.max(0, ...rows.map((row) => Number(row.level))) };
}
