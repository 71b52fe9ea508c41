import type { ResourceAmounts } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, eq, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import { noResources } from "../workspaces/resource-amounts";

const p = schema.projects;

/** The sums of the three quota columns; numbers (PostgreSQL sums integers as bigint). */
const quotaSums = {
  cpuMillicores: sql<number>`coalesce(sum(${p.cpuMillicores}), 0)`.mapWith(Number),
  memoryMib: sql<number>`coalesce(sum(${p.memoryMib}), 0)`.mapWith(Number),
  storageGib: sql<number>`coalesce(sum(${p.storageGib}), 0)`.mapWith(Number),
};

/**
 * What the projects directly under a holder have taken: the top-level projects of a workspace
 * (`parentId` null) or a project's children. `excludingId` leaves one project out, to ask
 * "what do its siblings hold?". Callers that act on the result hold the workspace lock.
 */
export async function allocatedUnder(db: Database, workspaceId: string, parentId: string | null, excludingId?: string): Promise<ResourceAmounts> {
  const [sums] = await db
    .select(quotaSums)
    .from(p)
    .where(and(eq(p.workspaceId, workspaceId), parentId === null ? isNull(p.parentId) : eq(p.parentId, parentId), excludingId ? ne(p.id, excludingId) : undefined));
  return sums ?? noResources;
}

async function allocationsBy(db: Database, key: typeof p.workspaceId | typeof p.parentId, ids: string[], extra?: SQL): Promise<Map<string, ResourceAmounts>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ holder: key, ...quotaSums })
    .from(p)
    .where(and(inArray(key, ids), extra))
    .groupBy(key);
  return new Map(rows.map(({ holder, ...sums }) => [holder ?? "", sums]));
}

/** Top-level allocations of a page of workspaces (one grouped query, served by projects_workspace_id_idx). */
export const allocationsOfWorkspaces = (db: Database, workspaceIds: string[]) => allocationsBy(db, p.workspaceId, workspaceIds, isNull(p.parentId));

/** Children's allocations of a page of projects (one grouped query, served by projects_parent_idx). */
export const allocationsOfProjects = (db: Database, projectIds: string[]) => allocationsBy(db, p.parentId, projectIds);
