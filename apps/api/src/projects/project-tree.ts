import { schema, selectRows, type Database } from "@hks/db";
import { sql, type SQL } from "drizzle-orm";

/**
 * Walks of the project tree in SQL (recursive CTEs), so a deep or wide tree costs one round trip.
 * The recursion stops at 64 levels: far past the depth limit, and a guard should a cycle ever be
 * written by hand.
 */

/** How deep a project sits: 1 for a top-level project, 2 for its children, … */
export async function depthOf(db: Database, projectId: string): Promise<number> {
  const [row] = await selectRows<{ depth: number | string | null }>(
    db,
    sql`with recursive chain(id, parent_id, depth) as (
          select id, parent_id, 1 from ${schema.projects} where id = ${projectId}
          union all
          select p.id, p.parent_id, c.depth + 1 from ${schema.projects} p join chain c on p.id = c.parent_id where c.depth < 64
        )
        select max(depth) as depth from chain`,
  );
  return Number(row?.depth ?? 0);
}

/** A project and every project below it, each with its level (the project itself is level 1). */
export async function subtreeOf(db: Database, workspaceId: string, projectId: string): Promise<{ id: string; level: number }[]> {
  const rows = await selectRows<{ id: string; level: number | string }>(
    db,
    sql`with recursive subtree(id, level) as (
          select id, 1 from ${schema.projects} where id = ${projectId} and workspace_id = ${workspaceId}
          union all
          select p.id, s.level + 1 from ${schema.projects} p join subtree s on p.parent_id = s.id where s.level < 64
        )
        select id, level from subtree`,
  );
  return rows.map((row) => ({ id: row.id, level: Number(row.level) }));
}

/**
 * The ids a user reaches through project memberships in a workspace: each project they are a
 * member of and everything below it (project roles inherit down the tree). As a subquery, for
 * `id in (…)` filters.
 */
export function projectsReachableBy(userId: string, workspaceId: string): SQL {
  return sql`(with recursive reach(id, level) as (
      select p.id, 1 from ${schema.projects} p join ${schema.projectMembers} pm on pm.project_id = p.id
      where pm.user_id = ${userId} and p.workspace_id = ${workspaceId}
      union
      select p.id, r.level + 1 from ${schema.projects} p join reach r on p.parent_id = r.id where r.level < 64
    )
    select id from reach)`;
}
