import type { WorkspaceStatus } from "@hks/contracts";

/**
 * What the console says about a workspace's status, and which lifecycle operations it offers.
 * The state machine mirrors the API's (`OPERATION_RULES` in apps/api/src/clusters/
 * workspace-operations.ts, documented in docs/workspaces-on-kubernetes.md); the API still decides
 * and answers INVALID_STATE if the two ever disagree.
 */
const labels: Record<WorkspaceStatus, string> = {
  PENDING_CREATION: "Pending creation",
  CONFIGURING: "Configuring",
  RUNNING: "Running",
  STOPPING: "Stopping",
  STOPPED: "Stopped",
  STARTING: "Starting",
  UPDATING_PLAN: "Updating plan",
  DELETING: "Deleting",
  ERROR: "Error",
};

export function workspaceStatusLabel(status: WorkspaceStatus): string {
  return labels[status];
}

/** Statuses in which a task is moving the workspace along; the console polls while it sees one. */
const busyStatuses: ReadonlySet<WorkspaceStatus> = new Set(["PENDING_CREATION", "CONFIGURING", "STOPPING", "STARTING", "UPDATING_PLAN", "DELETING"]);

export function isBusyStatus(status: WorkspaceStatus): boolean {
  return busyStatuses.has(status);
}

export type StatusTone = "success" | "neutral" | "busy" | "danger";

export function workspaceStatusTone(status: WorkspaceStatus): StatusTone {
  if (status === "RUNNING") return "success";
  if (status === "ERROR") return "danger";
  if (status === "STOPPED") return "neutral";
  return "busy";
}

export type LifecycleOperation = "provision" | "start" | "stop" | "restart" | "delete";

const allowedFrom: Record<LifecycleOperation, readonly WorkspaceStatus[]> = {
  provision: ["ERROR"],
  start: ["STOPPED", "ERROR"],
  stop: ["RUNNING", "ERROR"],
  restart: ["RUNNING", "ERROR"],
  delete: ["PENDING_CREATION", "CONFIGURING", "RUNNING", "STOPPING", "STOPPED", "STARTING", "UPDATING_PLAN", "ERROR"],
};

/**
 * Whether the console offers `operation` now. One rule is the console's own: a workspace in
 * ERROR whose virtual cluster was never provisioned (its first provisioning failed) is offered
 * only "Provision again" and delete. The API would accept start, stop and restart there too, but
 * there is no cluster to power on or off; provisioning is what brings it into being.
 */
export function isOperationAvailable(operation: LifecycleOperation, status: WorkspaceStatus, provisioned: boolean): boolean {
  if (!allowedFrom[operation].includes(status)) return false;
  if (status === "ERROR" && !provisioned && (operation === "start" || operation === "stop" || operation === "restart")) return false;
  return true;
}

/**
 * One sentence on what can be done now, read with the lifecycle buttons so disabled ones are
 * explained. `provisioned` is undefined until the cluster status has loaded.
 */
export function lifecycleHint(status: WorkspaceStatus, provisioned: boolean | undefined): string {
  switch (status) {
    case "RUNNING":
      return "The virtual cluster is running. You can stop or restart it.";
    case "STOPPED":
      return "The virtual cluster is stopped; its data is kept. Start it to use it again.";
    case "ERROR":
      if (provisioned === undefined) return "Something went wrong (see the reason).";
      return provisioned
        ? "Something went wrong (see the reason). You can start, stop or restart the virtual cluster, or provision it again."
        : "The virtual cluster could not be created (see the reason). Provision it again once the cause is fixed, or delete the workspace.";
    case "DELETING":
      return "The workspace is being deleted; it disappears when the task finishes.";
    default:
      return "An operation is under way. Other operations become available when it finishes.";
  }
}
