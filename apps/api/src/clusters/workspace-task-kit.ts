import type { AuditWriter } from "@hks/audit";
import type { WorkspaceStatus } from "@hks/contracts";
import type { Database } from "@hks/db";
import type { TaskContext, TaskDefinition, TaskStep } from "../tasks/task-definition";
import { TaskFailed } from "../tasks/task-definition";
import type { HostCluster } from "./host-cluster";
import type { WorkspaceConnections } from "./workspace-connections";
import { transitionWorkspace } from "./workspace-status";
import { loadWorkspace, type WorkspaceRecord } from "./workspace-spec";

/** What workspace tasks need from the platform. */
export interface WorkspaceTaskDeps {
  db: Database;
  audit: AuditWriter;
  host: HostCluster | undefined;
  connections: WorkspaceConnections;
  /** How long to wait for a virtual cluster to become ready or stopped. */
  readyTimeoutMs: number;
}

/** Attempts and backoff shared by workspace tasks: enough to ride out a host restart. */
export const WORKSPACE_TASK_RETRY = { maxAttempts: 5, backoffMs: [2_000, 5_000, 15_000, 30_000] };

/**
 * A step of a task that works on one workspace while it is in `busy` status. Before running, the
 * step re-reads the workspace: gone or being deleted (by another task) ends the task for good; a
 * workspace in ERROR — this task is being retried — goes back to `busy`.
 */
export function workspaceStep(deps: WorkspaceTaskDeps, name: string, busy: WorkspaceStatus, run: (workspace: WorkspaceRecord, context: TaskContext) => Promise<void>): TaskStep {
  return {
    name,
    async run(context) {
      const workspaceId = context.workspaceId;
      if (!workspaceId) throw new TaskFailed("This task names no workspace");
      const workspace = await loadWorkspace(context.db, workspaceId);
      if (!workspace) throw new TaskFailed("The workspace no longer exists");
      if (workspace.status === "DELETING" && busy !== "DELETING") throw new TaskFailed("The workspace is being deleted");
      if (workspace.status === "ERROR") {
        await deps.db.transaction((tx) => transitionWorkspace(tx, deps.audit, { workspaceId, from: ["ERROR"], to: busy, reason: "Retrying" }));
        workspace.status = busy;
      }
      await run(workspace, context);
    },
  };
}

/** The final step: the workspace leaves its busy status for `to`. */
export function finishStep(deps: WorkspaceTaskDeps, name: string, busy: WorkspaceStatus, to: WorkspaceStatus | ((context: TaskContext) => WorkspaceStatus)): TaskStep {
  return workspaceStep(deps, name, busy, async (workspace, context) => {
    const target = typeof to === "function" ? to(context) : to;
    await deps.db.transaction((tx) => transitionWorkspace(tx, deps.audit, { workspaceId: workspace.id, from: [busy, target], to: target, reason: null }));
  });
}

/**
 * When a workspace task gives up, the workspace goes to ERROR with the task's reason if it is
 * still in one of the task's busy statuses (a workspace being deleted meanwhile stays DELETING).
 */
export function workspaceGivenUp(deps: WorkspaceTaskDeps, busy: readonly WorkspaceStatus[]): NonNullable<TaskDefinition["onGivenUp"]> {
  return async (context, reason) => {
    const workspaceId = context.workspaceId;
    if (!workspaceId) return;
    await deps.db.transaction((tx) => transitionWorkspace(tx, deps.audit, { workspaceId, from: busy, to: "ERROR", reason }));
  };
}
