import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { newId, schema, type Database } from "@hks/db";
import type { TaskDefinition } from "./task-definition";
import { TASKS_SUBJECT } from "./task-definition";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type TaskRecord = typeof schema.tasks.$inferSelect;

/**
 * Creates a task in the caller's transaction — together with the state change that needs it,
 * its audit event and the outbox message that will dispatch it. Nothing is sent to the queue
 * here: if the transaction rolls back, no task ever runs; if it commits, the relay delivers it.
 */
export async function enqueueTask(
  tx: Tx,
  audit: AuditWriter,
  origin: AuditOrigin,
  definition: TaskDefinition,
  input: { organizationId: string; workspaceId?: string | null; payload?: Record<string, unknown>; createdBy: string | null },
): Promise<TaskRecord> {
  const [task] = await tx
    .insert(schema.tasks)
    .values({
      id: newId("task"),
      organizationId: input.organizationId,
      workspaceId: input.workspaceId ?? null,
      kind: definition.kind,
      status: "PENDING",
      payload: input.payload ?? {},
      maxAttempts: definition.maxAttempts,
      createdBy: input.createdBy,
    })
    .returning();
  if (!task) throw new Error("task insert returned nothing");
  await tx.insert(schema.taskSteps).values(definition.steps.map((step, position) => ({ taskId: task.id, position, name: step.name, status: "PENDING" })));
  await dispatchTask(tx, task.id);
  await audit.record(tx, origin, {
    type: "task.created",
    success: true,
    actorUserId: input.createdBy,
    organizationId: task.organizationId,
    targetType: "task",
    targetId: task.id,
    metadata: { kind: task.kind, workspaceId: task.workspaceId },
  });
  return task;
}

/** Writes the outbox message that (re)dispatches a task; a fresh id per dispatch (retries too). */
export async function dispatchTask(tx: Tx, taskId: string): Promise<void> {
  await tx.insert(schema.outbox).values({ id: newId("outbox"), subject: TASKS_SUBJECT, payload: { taskId } });
}
