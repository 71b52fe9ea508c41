import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type TaskResponse } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { ResolvedAccess } from "../authorization/resolved-access";
import type { Authorizer } from "../authorization/authorizer";
import { decodeCursor, pageOf } from "../http/pagination";
import { dispatchTask } from "./enqueue-task";
import { emitTaskProgress } from "./task-progress-event";

type TaskRow = typeof schema.tasks.$inferSelect;
type StepRow = typeof schema.taskSteps.$inferSelect;

function toResponse(task: TaskRow, steps: StepRow[]): TaskResponse {
  const done = steps.filter((step) => step.status === "DONE").length;
  return {
    id: task.id,
    kind: task.kind,
    status: task.status as TaskResponse["status"],
    organizationId: task.organizationId,
    workspaceId: task.workspaceId,
    progress: steps.length === 0 ? 1 : done / steps.length,
    attempts: task.attempts,
    maxAttempts: task.maxAttempts,
    errorReason: task.errorReason,
    cancelRequested: task.cancelRequested !== null,
    result: task.result ?? null,
    createdAt: task.createdAt.toISOString(),
    startedAt: task.startedAt?.toISOString() ?? null,
    finishedAt: task.finishedAt?.toISOString() ?? null,
    steps: steps.map((step) => ({
      position: step.position,
      name: step.name,
      status: step.status as TaskResponse["steps"][number]["status"],
      error: step.error,
      startedAt: step.startedAt?.toISOString() ?? null,
      finishedAt: step.finishedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Tasks as people see them: listed per organization, read, retried after ERROR and cancelled.
 * A task belongs to its workspace (or its organization); whoever cannot see that cannot see the
 * task — 404 — and only administrators of it may retry or cancel.
 */
export function createTaskService(deps: { db: Database; audit: AuditWriter; authorizer: Authorizer }) {
  const { db } = deps;

  async function stepsOf(taskIds: string[]): Promise<Map<string, StepRow[]>> {
    const rows = taskIds.length === 0 ? [] : await db.select().from(schema.taskSteps).where(inArray(schema.taskSteps.taskId, taskIds)).orderBy(asc(schema.taskSteps.position));
    const byTask = new Map<string, StepRow[]>();
    for (const row of rows) byTask.set(row.taskId, [...(byTask.get(row.taskId) ?? []), row]);
    return byTask;
  }

  /** The task if the user holds `action` on its scope; NOT_FOUND otherwise (no existence leak). */
  async function authorizedTask(userId: string, taskId: string, action: "read" | "manage"): Promise<TaskRow> {
    const [task] = await db.select().from(schema.tasks).where(eq(schema.tasks.id, taskId));
    if (!task) throw new AppError("NOT_FOUND", "Task not found");
    const scope = { organizationId: task.organizationId, workspaceId: task.workspaceId ?? undefined };
    const access = await deps.authorizer.resolve(userId, scope).catch(() => undefined);
    const readAction = task.workspaceId ? "workspace:read" : "organization:read";
    const manageAction = task.workspaceId ? "workspace:update" : "organization:update";
    if (!access?.actions.has(readAction)) throw new AppError("NOT_FOUND", "Task not found");
    if (action === "manage" && !access.actions.has(manageAction)) throw new AppError("FORBIDDEN", `Your role does not allow ${manageAction}`);
    return task;
  }

  return {
    async list(access: ResolvedAccess, userId: string, query: { limit: number; cursor?: string | undefined; status?: string | undefined; workspaceId?: string | undefined }) {
      const cursor = decodeCursor(query.cursor);
      const t = schema.tasks;
      const administrator = access.organizationRole === "owner" || access.organizationRole === "admin";
      // Others see tasks of the workspaces they belong to.
      const visible = administrator
        ? undefined
        : sql`${t.workspaceId} in (select workspace_id from ${schema.workspaceMembers} where user_id = ${userId})`;
      const rows = await db
        .select()
        .from(t)
        .where(and(eq(t.organizationId, access.organizationId), visible, query.status ? eq(t.status, query.status) : undefined, query.workspaceId ? eq(t.workspaceId, query.workspaceId) : undefined, cursor ? lt(t.id, cursor.id) : undefined))
        .orderBy(desc(t.id))
        .limit(query.limit + 1);
      const page = pageOf(rows, query.limit, (row) => ({ key: row.id, id: row.id }));
      const steps = await stepsOf(page.items.map((task) => task.id));
      return { items: page.items.map((task) => toResponse(task, steps.get(task.id) ?? [])), nextCursor: page.nextCursor };
    },

    async get(userId: string, taskId: string): Promise<TaskResponse> {
      const task = await authorizedTask(userId, taskId, "read");
      return toResponse(task, (await stepsOf([task.id])).get(task.id) ?? []);
    },

    /** Runs an ERROR (or CANCELLED) task again from its first unfinished step, with fresh attempts. */
    async retry(userId: string, taskId: string, origin: AuditOrigin): Promise<TaskResponse> {
      await authorizedTask(userId, taskId, "manage");
      const task = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(schema.tasks)
          .set({ status: "PENDING", attempts: 0, errorReason: null, cancelRequested: null, finishedAt: null, updatedAt: new Date(), version: sql`${schema.tasks.version} + 1` })
          .where(and(eq(schema.tasks.id, taskId), inArray(schema.tasks.status, ["ERROR", "CANCELLED"])))
          .returning();
        if (!updated) throw new AppError("CONFLICT", "Only a task in ERROR or CANCELLED can be retried");
        await tx.update(schema.taskSteps).set({ status: "PENDING", error: null }).where(and(eq(schema.taskSteps.taskId, taskId), eq(schema.taskSteps.status, "FAILED")));
        await dispatchTask(tx, taskId);
        await emitTaskProgress(tx, updated, "PENDING", null);
        await deps.audit.record(tx, origin, { type: "task.retried", success: true, actorUserId: userId, organizationId: updated.organizationId, targetType: "task", targetId: taskId });
        return updated;
      });
      return toResponse(task, (await stepsOf([task.id])).get(task.id) ?? []);
    },

    /** Asks a pending or running task to stop; it stops before its next step. */
    async cancel(userId: string, taskId: string, origin: AuditOrigin): Promise<TaskResponse> {
      await authorizedTask(userId, taskId, "manage");
      const task = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(schema.tasks)
          .set({ cancelRequested: new Date(), updatedAt: new Date(), version: sql`${schema.tasks.version} + 1` })
          .where(and(eq(schema.tasks.id, taskId), inArray(schema.tasks.status, ["PENDING", "RUNNING"])))
          .returning();
        if (!updated) throw new AppError("CONFLICT", "Only a pending or running task can be cancelled");
        // The status stays until the runner stops between steps; clients re-read and see cancelRequested.
        await emitTaskProgress(tx, updated, updated.status, null);
        await deps.audit.record(tx, origin, { type: "task.cancelled", success: true, actorUserId: userId, organizationId: updated.organizationId, targetType: "task", targetId: taskId, metadata: { requested: true } });
        return updated;
      });
      return toResponse(task, (await stepsOf([task.id])).get(task.id) ?? []);
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
