import type { TaskDefinition } from "../tasks/task-definition";
import { applyHostObjects, requireHost } from "./sync-workspace";
import { finishStep, WORKSPACE_TASK_RETRY, workspaceGivenUp, workspaceStep, type WorkspaceTaskDeps } from "./workspace-task-kit";

export const RESIZE_TASK = "workspace.resize";

/** Where a resized workspace returns to: the status it had when the plan change was made. */
const resumeStatus = (payload: Record<string, unknown>) => (payload.resume === "STOPPED" ? "STOPPED" : "RUNNING");

/**
 * Applies a plan or size change to the host: the workspace's quota and defaults are re-rendered
 * from its new resources. UPDATING_PLAN → back to RUNNING (or STOPPED).
 */
export function resizeTask(deps: WorkspaceTaskDeps): TaskDefinition {
  return {
    kind: RESIZE_TASK,
    ...WORKSPACE_TASK_RETRY,
    onGivenUp: workspaceGivenUp(deps, ["UPDATING_PLAN"]),
    steps: [
      workspaceStep(deps, "apply-quota", "UPDATING_PLAN", async (workspace, context) => {
        await applyHostObjects(requireHost(deps.host), workspace, { replicas: resumeStatus(context.payload) === "STOPPED" ? 0 : 1 });
      }),
      finishStep(deps, "mark-done", "UPDATING_PLAN", (context) => resumeStatus(context.payload)),
    ],
  };
}
