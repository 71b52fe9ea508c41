import { schema, selectRows, type Database } from "@hks/db";
import { sql } from "drizzle-orm";

/**
 * The project and its ancestors, the project first (empty when it is not in the workspace). A
 * binding on any of them applies to the project: the platform propagates RoleBindings down.
 */
export async function projectChain(db: Pick<Database, "execute">, workspaceId: string, projectId: string): Promise<string[]> {
  const p = schema.projects;
  const rows = await selectRows<{ id: string }>(
    db,
    sql`with recursive chain(id, parent_id, depth) as (
      select ${p.id}, ${p.parentId}, 1 from ${p} where ${p.id} = ${projectId} and ${p.workspaceId} = ${workspaceId}
      union all
      select q.id, q.parent_id, c.depth + 1 from ${p} q join chain c on q.id = c.parent_id
      where q.workspace_id = ${workspaceId} and c.depth < 64
    )
    select id from chain order by depth`,
  );
  return rows.map((row) => row.id);
}

/** A chain (child first) as a parent map, the shape evaluation takes. */
export function parentsFromChain(chain: readonly string[]): Map<string, string | null> {
  return new Map(chain.map((id, index) => [id, chain[index + 1] ?? null]));
}
