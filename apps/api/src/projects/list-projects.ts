import { schema, type Database } from "@hks/db";
import { and, asc, desc, eq, gt, ilike, isNull, lt, sql } from "drizzle-orm";
import { decodeCursor, pageOf } from "../http/pagination";
import { escapeLike } from "../http/escape-like";
import { noResources } from "../workspaces/resource-amounts";
import type { ProjectRow } from "./lock-project";
import { allocationsOfProjects } from "./project-allocations";
import { projectsReachableBy } from "./project-tree";

export interface ListProjectsQuery {
  limit: number;
  cursor?: string | undefined;
  /** Only the children of this project; `root` for the top-level projects (as for groups). */
  parentId?: string | undefined;
  /** Name contains (case-insensitive). */
  q?: string | undefined;
  sort: "name" | "-createdAt";
}

/** Who is listing: workspace-wide readers see every project, others the subtrees they are members of. */
export interface ProjectViewer {
  workspaceId: string;
  userId: string;
  seesAll: boolean;
}

/**
 * One page of a workspace's projects, keyset-paginated like workspaces: `sort=name` walks
 * `projects_workspace_name_key (workspace_id, name)`, `sort=-createdAt` walks
 * `projects_workspace_id_idx (workspace_id, id)` backwards. Each project comes with its children's
 * allocation (one grouped query for the page).
 */
export async function listProjects(db: Database, viewer: ProjectViewer, query: ListProjectsQuery) {
  const p = schema.projects;
  const cursor = decodeCursor(query.cursor);
  const byName = query.sort === "name";
  const after = cursor ? (byName ? gt(p.name, String(cursor.key)) : lt(p.id, cursor.id)) : undefined;
  const rows: ProjectRow[] = await db
    .select()
    .from(p)
    .where(
      and(
        eq(p.workspaceId, viewer.workspaceId),
        viewer.seesAll ? undefined : sql`${p.id} in ${projectsReachableBy(viewer.userId, viewer.workspaceId)}`,
        query.parentId === undefined ? undefined : query.parentId === "root" ? isNull(p.parentId) : eq(p.parentId, query.parentId),
        query.q ? ilike(p.name, `%${escapeLike(query.q)}%`) : undefined,
        after,
      ),
    )
    .orderBy(byName ? asc(p.name) : desc(p.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit, (row) => ({ key: byName ? row.name : row.id, id: row.id }));
  const allocations = await allocationsOfProjects(db, page.items.map((row) => row.id));
  return { items: page.items.map((row) => ({ ...row, allocated: allocations.get(row.id) ?? noResources })), nextCursor: page.nextCursor };
}
