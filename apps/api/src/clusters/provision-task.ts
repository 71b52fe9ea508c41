import type { TaskDefinition } from "../tasks/task-definition";
import { hostNamespaceOf } from "@hks/kube";
import { applyHostObjects, requireHost, syncInside } from "./sync-workspace";
import { waitForVirtualCluster } from "./virtual-cluster-state";
import { transitionWorkspace } from "./workspace-status";
import { finishStep, WORKSPACE_TASK_RETRY, workspaceGivenUp, workspaceStep, type WorkspaceTaskDeps } from "./workspace-task-kit";
import type { WorkspaceRecord } from "./workspace-spec";

export const PROVISION_TASK = "workspace.provision";

/** Waits for the virtual cluster to serve, then keeps its admin kubeconfig, sealed. */
export async function awaitAndStoreConnection(deps: WorkspaceTaskDeps, workspace: WorkspaceRecord, kubernetesVersion = workspace.kubernetesVersion): Promise<void> {
  const state = await waitForVirtualCluster(requireHost(deps.host), workspace.id, "ready", { timeoutMs: deps.readyTimeoutMs });
  if (state.phase !== "ready") throw new Error(`unexpected virtual cluster state ${state.phase}`);
  await deps.connections.store(deps.db, { workspaceId: workspace.id, organizationId: workspace.organizationId, hostNamespace: hostNamespaceOf(workspace.id), kubeconfig: state.kubeconfig, kubernetesVersion });
}

/**
 * Creates a workspace's virtual cluster: its host objects (sized by the plan), then — once its
 * API server answers — the projects, quotas, network policies and RBAC inside it.
 * PENDING_CREATION → CONFIGURING → RUNNING; ERROR with the reason when it gives up.
 */
export function provisionTask(deps: WorkspaceTaskDeps): TaskDefinition {
  return {
    kind: PROVISION_TASK,
    ...WORKSPACE_TASK_RETRY,
    onGivenUp: workspaceGivenUp(deps, ["PENDING_CREATION", "CONFIGURING"]),
    steps: [
      workspaceStep(deps, "create-host-objects", "CONFIGURING", async (workspace) => {
        const host = requireHost(deps.host);
        await deps.db.transaction((tx) => transitionWorkspace(tx, deps.audit, { workspaceId: workspace.id, from: ["PENDING_CREATION", "CONFIGURING"], to: "CONFIGURING", reason: "Creating the virtual cluster" }));
        await applyHostObjects(host, workspace, { replicas: 1 });
      }),
      workspaceStep(deps, "wait-for-virtual-cluster", "CONFIGURING", (workspace) => awaitAndStoreConnection(deps, workspace)),
      workspaceStep(deps, "configure-projects-and-rbac", "CONFIGURING", async (workspace) => {
        await syncInside(deps, workspace.id);
      }),
      finishStep(deps, "mark-running", "CONFIGURING", "RUNNING"),
    ],
  };
}
