import { AppError } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, eq } from "drizzle-orm";

/**
 * Locks a workspace row until the transaction ends and returns it. Every write that changes how
 * a workspace's resources are divided (its own size, any project's quota, parent or existence)
 * takes this lock first, so quota sums, the plan's project count and move cycle checks are never
 * computed from a state another transaction is changing, and one lock order means no deadlocks.
 *
 * `no key update` serializes those writers like `update` would, but unlike `update` it does not
 * block the KEY SHARE lock PostgreSQL takes on the workspace when a project or member row that
 * references it is inserted. A transaction takes `update` only to delete the workspace.
 */
export async function lockWorkspace(tx: Database, scope: { organizationId: string; workspaceId: string }, strength: "no key update" | "update" = "no key update") {
  const w = schema.workspaces;
  const [workspace] = await tx
    .select()
    .from(w)
    .where(and(eq(w.id, scope.workspaceId), eq(w.organizationId, scope.organizationId)))
    .for(strength);
  if (!workspace) throw new AppError("NOT_FOUND", "Workspace not found");
  return workspace;
}
