import type { schema, Database } from "@hks/db";
import { emitEvent } from "../live/platform-event";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type TaskRow = typeof schema.tasks.$inferSelect;

/**
 * Writes a `task.progress` event in the transaction that changes the task (or one of its steps),
 * so the organization's live sockets see exactly what committed. `status` is the task's status
 * after the change; `step` the step the change is about, if any.
 */
export async function emitTaskProgress(tx: Tx, task: TaskRow, status: string, step: { position: number; name: string; status: string } | null): Promise<void> {
  await emitEvent(tx, {
    type: "task.progress",
    organizationId: task.organizationId,
    workspaceId: task.workspaceId,
    taskId: task.id,
    kind: task.kind,
    status,
    step: step ? { position: step.position, name: step.name, status: step.status } : null,
    at: new Date().toISOString(),
  });
}
