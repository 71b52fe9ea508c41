import { newId, schema, type Database } from "@hks/db";
import type { Logger } from "@hks/observability";
import { and, eq, inArray } from "drizzle-orm";
import type { ScheduledJob } from "../background/scheduled-job";
import type { TaskHandler } from "../background/task-handler";
import { applyHostObjects, syncInside } from "./sync-workspace";
import type { WorkspaceTaskDeps } from "./workspace-task-kit";
import { loadWorkspace } from "./workspace-spec";

/** Work-queue subject of "make this workspace's cluster match the database again". */
export const WORKSPACE_SYNC_SUBJECT = "work.workspace-sync";

type Executor = Pick<Database, "insert">;

/**
 * Asks for the workspace's virtual cluster to be brought in line with a change that is being
 * committed (a project, role or binding created, changed or deleted), through the outbox: the
 * sync runs if and only if the change commits.
 */
export async function requestWorkspaceSync(executor: Executor, workspaceId: string): Promise<void> {
  await executor.insert(schema.outbox).values({ id: newId("outbox"), subject: WORKSPACE_SYNC_SUBJECT, payload: { workspaceId } });
}

/**
 * Syncs the inside of a running workspace. Workspaces in any other status are skipped: the task
 * moving them along (provisioning, start) syncs as one of its steps.
 */
async function syncIfRunning(deps: WorkspaceTaskDeps, workspaceId: string): Promise<{ applied: number; pruned: number } | undefined> {
  const workspace = await loadWorkspace(deps.db, workspaceId);
  if (workspace?.status !== "RUNNING") return undefined;
  return syncInside(deps, workspaceId);
}

export function workspaceSyncHandler(deps: WorkspaceTaskDeps & { logger: Logger }): TaskHandler {
  return {
    subject: WORKSPACE_SYNC_SUBJECT,
    async handle(message) {
      const { workspaceId } = message.payload as { workspaceId?: unknown };
      if (typeof workspaceId !== "string") return;
      const result = await syncIfRunning(deps, workspaceId);
      if (result) deps.logger.debug({ workspaceId, ...result }, "workspace synced");
    },
    // A virtual cluster that is briefly unreachable is tried again; the reconcile loop is the backstop.
    retry: { maxDeliver: 6, backoffMs: [1_000, 2_000, 5_000, 10_000, 30_000], ackWaitMs: 5 * 60_000 },
  };
}

/**
 * The reconcile loop: every interval, every running workspace's host objects and inside objects
 * are applied again and strays pruned, and every stopped one is kept scaled to zero. Whatever was
 * changed or deleted by hand comes back. One replica runs it per interval (scheduler lease).
 */
export function reconcileJob(deps: WorkspaceTaskDeps & { logger: Logger; everyMs: number }): ScheduledJob {
  return {
    name: "workspace-reconcile",
    everyMs: deps.everyMs,
    async run() {
      if (!deps.host) return { skipped: "no host cluster" };
      const host = deps.host.client;
      const w = schema.workspaces;
      const rows = await deps.db
        .select({ id: w.id, status: w.status })
        .from(w)
        .innerJoin(schema.workspaceClusters, eq(schema.workspaceClusters.workspaceId, w.id))
        .where(and(inArray(w.status, ["RUNNING", "STOPPED"])));
      let repaired = 0;
      let failed = 0;
      for (const row of rows) {
        try {
          const workspace = await loadWorkspace(deps.db, row.id);
          if (!workspace || (workspace.status !== "RUNNING" && workspace.status !== "STOPPED")) continue;
          await applyHostObjects(host, workspace, { replicas: workspace.status === "RUNNING" ? 1 : 0 });
          if (workspace.status === "RUNNING") repaired += (await syncInside(deps, workspace.id)).pruned;
        } catch (error) {
          failed += 1;
          deps.logger.warn({ workspaceId: row.id, err: error }, "reconciling a workspace failed; next round retries");
        }
      }
      return { workspaces: rows.length, pruned: repaired, failed };
    },
  };
}
