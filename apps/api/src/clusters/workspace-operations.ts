import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type WorkspaceStatus } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, eq, inArray, sql } from "drizzle-orm";
import { enqueueTask, type TaskRecord } from "../tasks/enqueue-task";
import type { TaskDefinition } from "../tasks/task-definition";
import { transitionWorkspace } from "./workspace-status";
import type { WorkspaceRecord } from "./workspace-spec";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type WorkspaceOperation = "provision" | "start" | "stop" | "restart" | "upgrade" | "resize" | "delete";

interface OperationRule {
  /** Statuses the operation may start from. */
  from: readonly WorkspaceStatus[];
  /** The status the workspace shows while the task runs. */
  busy: WorkspaceStatus;
  reason?: (payload: Record<string, unknown>) => string;
}

/** The lifecycle's state machine: which operation may start from where, and what it shows meanwhile. */
export const OPERATION_RULES: Record<WorkspaceOperation, OperationRule> = {
  provision: { from: ["ERROR"], busy: "PENDING_CREATION" },
  start: { from: ["STOPPED", "ERROR"], busy: "STARTING" },
  stop: { from: ["RUNNING", "ERROR"], busy: "STOPPING" },
  restart: { from: ["RUNNING", "ERROR"], busy: "STOPPING", reason: () => "Restarting" },
  upgrade: { from: ["RUNNING"], busy: "CONFIGURING", reason: (payload) => `Upgrading Kubernetes from ${String(payload.from)} to ${String(payload.to)}` },
  resize: { from: ["RUNNING", "STOPPED"], busy: "UPDATING_PLAN" },
  delete: { from: ["PENDING_CREATION", "CONFIGURING", "RUNNING", "STOPPING", "STOPPED", "STARTING", "UPDATING_PLAN", "ERROR"], busy: "DELETING" },
};

const pastTense: Record<WorkspaceOperation, string> = { provision: "provisioned", start: "started", stop: "stopped", restart: "restarted", upgrade: "upgraded", resize: "resized", delete: "deleted" };

/**
 * Starts a lifecycle operation on a locked workspace, in the caller's transaction: checks the
 * state machine (INVALID_STATE otherwise), moves the workspace to the operation's busy status and
 * enqueues its task — state change, audit events and task dispatch commit together or not at all.
 */
export async function startOperation(
  tx: Tx,
  deps: { audit: AuditWriter; definitions: Record<WorkspaceOperation, TaskDefinition> },
  input: { workspace: WorkspaceRecord; operation: WorkspaceOperation; actorUserId: string | null; origin: AuditOrigin; payload?: Record<string, unknown> },
): Promise<TaskRecord> {
  const { workspace, operation } = input;
  const rule = OPERATION_RULES[operation];
  if (!rule.from.includes(workspace.status as WorkspaceStatus)) {
    throw new AppError("INVALID_STATE", `A workspace that is ${workspace.status} cannot be ${pastTense[operation]} now (only when ${rule.from.join(" or ")})`);
  }
  const payload = input.payload ?? {};
  if (operation === "delete") {
    // Whatever was under way stops before its next step; its steps also see DELETING and end.
    await tx
      .update(schema.tasks)
      .set({ cancelRequested: new Date(), updatedAt: new Date(), version: sql`${schema.tasks.version} + 1` })
      .where(and(eq(schema.tasks.workspaceId, workspace.id), inArray(schema.tasks.status, ["PENDING", "RUNNING"])));
  }
  await transitionWorkspace(tx, deps.audit, { workspaceId: workspace.id, from: rule.from, to: rule.busy, reason: rule.reason?.(payload) ?? null, actorUserId: input.actorUserId });
  const task = await enqueueTask(tx, deps.audit, input.origin, deps.definitions[operation], { organizationId: workspace.organizationId, workspaceId: workspace.id, payload, createdBy: input.actorUserId });
  await deps.audit.record(tx, input.origin, {
    type: "workspace.operation_requested",
    success: true,
    actorUserId: input.actorUserId,
    organizationId: workspace.organizationId,
    targetType: "workspace",
    targetId: workspace.id,
    metadata: { operation, taskId: task.id, from: workspace.status, ...payload },
  });
  return task;
}
