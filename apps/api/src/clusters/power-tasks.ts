import type { TaskDefinition } from "../tasks/task-definition";
import { awaitAndStoreConnection } from "./provision-task";
import { applyHostObjects, requireHost, syncInside } from "./sync-workspace";
import { waitForVirtualCluster } from "./virtual-cluster-state";
import { transitionWorkspace } from "./workspace-status";
import { finishStep, WORKSPACE_TASK_RETRY, workspaceGivenUp, workspaceStep, type WorkspaceTaskDeps } from "./workspace-task-kit";

export const STOP_TASK = "workspace.stop";
export const START_TASK = "workspace.start";
export const RESTART_TASK = "workspace.restart";

// Stopping scales the virtual cluster's StatefulSet to zero: its API server stops, its data (in
// the host's storage) and its certificates stay, so starting it again brings every object back.

const scaleDown = (deps: WorkspaceTaskDeps, busy: "STOPPING") =>
  workspaceStep(deps, "scale-to-zero", busy, async (workspace) => {
    await applyHostObjects(requireHost(deps.host), workspace, { replicas: 0 });
  });

const waitStopped = (deps: WorkspaceTaskDeps, busy: "STOPPING") =>
  workspaceStep(deps, "wait-until-stopped", busy, async (workspace) => {
    await waitForVirtualCluster(requireHost(deps.host), workspace.id, "stopped", { timeoutMs: deps.readyTimeoutMs });
  });

const startSteps = (deps: WorkspaceTaskDeps) => [
  workspaceStep(deps, "scale-up", "STARTING", async (workspace) => {
    await deps.db.transaction((tx) => transitionWorkspace(tx, deps.audit, { workspaceId: workspace.id, from: ["STOPPING", "STARTING"], to: "STARTING", reason: null }));
    await applyHostObjects(requireHost(deps.host), workspace, { replicas: 1 });
  }),
  // The API server may come back on another address; the stored connection follows it.
  workspaceStep(deps, "wait-for-virtual-cluster", "STARTING", (workspace) => awaitAndStoreConnection(deps, workspace)),
  workspaceStep(deps, "repair-projects-and-rbac", "STARTING", async (workspace) => {
    await syncInside(deps, workspace.id);
  }),
  finishStep(deps, "mark-running", "STARTING", "RUNNING"),
];

/** RUNNING → STOPPING → STOPPED. */
export function stopTask(deps: WorkspaceTaskDeps): TaskDefinition {
  return {
    kind: STOP_TASK,
    ...WORKSPACE_TASK_RETRY,
    onGivenUp: workspaceGivenUp(deps, ["STOPPING"]),
    steps: [scaleDown(deps, "STOPPING"), waitStopped(deps, "STOPPING"), finishStep(deps, "mark-stopped", "STOPPING", "STOPPED")],
  };
}

/** STOPPED → STARTING → RUNNING, with the inside repaired to what the platform says. */
export function startTask(deps: WorkspaceTaskDeps): TaskDefinition {
  return { kind: START_TASK, ...WORKSPACE_TASK_RETRY, onGivenUp: workspaceGivenUp(deps, ["STARTING"]), steps: startSteps(deps) };
}

/** RUNNING → STOPPING → STARTING → RUNNING. */
export function restartTask(deps: WorkspaceTaskDeps): TaskDefinition {
  return {
    kind: RESTART_TASK,
    ...WORKSPACE_TASK_RETRY,
    onGivenUp: workspaceGivenUp(deps, ["STOPPING", "STARTING"]),
    steps: [scaleDown(deps, "STOPPING"), waitStopped(deps, "STOPPING"), ...startSteps(deps)],
  };
}
