import { AppError } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, eq } from "drizzle-orm";

export type ProjectRow = typeof schema.projects.$inferSelect;

/**
 * Locks a project row of a workspace until the transaction ends and returns it; a project of
 * another workspace is not found. Callers take the workspace lock first (see `lockWorkspace`);
 * `no key update` keeps inserts of children, whose foreign key takes KEY SHARE, from waiting on it.
 */
export async function lockProject(tx: Database, workspaceId: string, projectId: string, what = "Project"): Promise<ProjectRow> {
  const p = schema.projects;
  const [project] = await tx
    .select()
    .from(p)
    .where(and(eq(p.id, projectId), eq(p.workspaceId, workspaceId)))
    .for("no key update");
  if (!project) throw new AppError("NOT_FOUND", `${what} not found`);
  return project;
}
