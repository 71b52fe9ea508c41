import type { ResourceAmounts, WorkspaceStatus } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, asc, desc, eq, gt, ilike, inArray, lt, or } from "drizzle-orm";
import { decodeCursor, pageOf } from "../http/pagination";
import { escapeLike } from "../http/escape-like";
import { allocationsOfWorkspaces } from "../projects/project-allocations";
import { noResources } from "./resource-amounts";

export type WorkspaceRow = typeof schema.workspaces.$inferSelect;
/** A workspace with what its top-level projects have taken from it. */
export type WorkspaceView = WorkspaceRow & { allocated: ResourceAmounts };

export interface ListWorkspacesQuery {
  limit: number;
  cursor?: string | undefined;
  /** Name contains (case-insensitive). */
  q?: string | undefined;
  status?: WorkspaceStatus | undefined;
  sort: "name" | "-createdAt";
}

/** Who is listing: organization owners and admins see every workspace, others only their own. */
export interface WorkspaceViewer {
  organizationId: string;
  userId: string;
  /** True when the viewer's organization role reaches every workspace (owner, admin). */
  seesAll: boolean;
}

/**
 * One page of an organization's workspaces. The cost does not grow with the number of workspaces:
 * `sort=name` walks the unique index `workspaces_org_name_key (organization_id, name)` from the
 * cursor's name (names are unique per organization, so the name alone is the keyset), and
 * `sort=-createdAt` walks `workspaces_org_id_idx (organization_id, id)` backwards from the cursor's
 * id (ids are UUIDv7, so id order is creation order). Both stop after `limit + 1` rows: no OFFSET,
 * no COUNT(*). `status` and `q` filter the rows the index walk meets.
 *
 * Viewers who do not see everything see the workspaces they are a member of, or hold a project
 * membership in: two small semi-joins on the members' user indexes.
 */
export async function listWorkspaces(db: Database, viewer: WorkspaceViewer, query: ListWorkspacesQuery): Promise<{ items: WorkspaceView[]; nextCursor: string | null }> {
  const w = schema.workspaces;
  const cursor = decodeCursor(query.cursor);
  const byName = query.sort === "name";
  const after = cursor ? (byName ? gt(w.name, String(cursor.key)) : lt(w.id, cursor.id)) : undefined;
  const rows = await db
    .select()
    .from(w)
    .where(
      and(
        eq(w.organizationId, viewer.organizationId),
        viewer.seesAll ? undefined : visibleTo(db, viewer),
        query.status ? eq(w.status, query.status) : undefined,
        query.q ? ilike(w.name, `%${escapeLike(query.q)}%`) : undefined,
        after,
      ),
    )
    .orderBy(byName ? asc(w.name) : desc(w.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit, (row) => ({ key: byName ? row.name : row.id, id: row.id }));
  const allocations = await allocationsOfWorkspaces(db, page.items.map((row) => row.id));
  return { items: page.items.map((row) => ({ ...row, allocated: allocations.get(row.id) ?? noResources })), nextCursor: page.nextCursor };
}

function visibleTo(db: Database, viewer: WorkspaceViewer) {
  const w = schema.workspaces;
  const wm = schema.workspaceMembers;
  const pm = schema.projectMembers;
  const p = schema.projects;
  return or(
    inArray(w.id, db.select({ id: wm.workspaceId }).from(wm).where(eq(wm.userId, viewer.userId))),
    inArray(
      w.id,
      db
        .select({ id: p.workspaceId })
        .from(pm)
        .innerJoin(p, eq(p.id, pm.projectId))
        .where(and(eq(pm.userId, viewer.userId), eq(p.organizationId, viewer.organizationId))),
    ),
  );
}
