import { schema } from "@hks/db";
import { eq, sql } from "drizzle-orm";
import { TaskFailed, type TaskDefinition } from "../tasks/task-definition";
import { awaitAndStoreConnection } from "./provision-task";
import { applyHostObjects, requireHost } from "./sync-workspace";
import { VirtualClusterFailed } from "./virtual-cluster-state";
import { transitionWorkspace } from "./workspace-status";
import { finishStep, workspaceGivenUp, workspaceStep, type WorkspaceTaskDeps } from "./workspace-task-kit";

export const UPGRADE_TASK = "workspace.upgrade";

/**
 * Changes a workspace's Kubernetes version: rolls the virtual cluster out with the new version
 * and waits for it. If it does not come up (the version does not exist, the new control plane
 * fails to start), the old version is rolled back out, the workspace returns to RUNNING on it
 * with the reason in `statusReason`, and the task ends in ERROR saying why. CONFIGURING meanwhile.
 */
export function upgradeTask(deps: WorkspaceTaskDeps): TaskDefinition {
  return {
    kind: UPGRADE_TASK,
    maxAttempts: 3,
    backoffMs: [5_000, 15_000],
    onGivenUp: workspaceGivenUp(deps, ["CONFIGURING"]),
    steps: [
      workspaceStep(deps, "roll-out-new-version", "CONFIGURING", async (workspace, context) => {
        const host = requireHost(deps.host);
        const from = String(context.payload.from);
        const to = String(context.payload.to);
        await applyHostObjects(host, workspace, { replicas: 1, kubernetesVersion: to });
        try {
          await awaitAndStoreConnection(deps, workspace, to);
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          // Only a failure the cluster reports (or a timeout) is the new version's fault; a host
          // that cannot be reached is retried like any other step.
          if (!(error instanceof VirtualClusterFailed) && !why.includes("did not become ready")) throw error;
          await applyHostObjects(host, workspace, { replicas: 1, kubernetesVersion: from });
          await awaitAndStoreConnection(deps, workspace, from);
          const reason = `Upgrade to ${to} failed and was rolled back to ${from}: ${why}`;
          await deps.db.transaction((tx) => transitionWorkspace(tx, deps.audit, { workspaceId: workspace.id, from: ["CONFIGURING"], to: "RUNNING", reason }));
          throw new TaskFailed(reason);
        }
        await deps.db
          .update(schema.workspaces)
          .set({ kubernetesVersion: to, updatedAt: new Date(), version: sql`${schema.workspaces.version} + 1` })
          .where(eq(schema.workspaces.id, workspace.id));
      }),
      finishStep(deps, "mark-running", "CONFIGURING", "RUNNING"),
    ],
  };
}
