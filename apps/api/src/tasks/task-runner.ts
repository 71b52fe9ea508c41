import { randomUUID } from "node:crypto";
import type { AuditWriter } from "@hks/audit";
import { schema, type Database } from "@hks/db";
import type { Logger } from "@hks/observability";
import type { QueueMessage } from "@hks/queue";
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { TaskFailed } from "./task-definition";
import type { TaskRegistry } from "./task-registry";
import { emitTaskProgress, type Tx } from "./task-progress-event";

const SYSTEM_ORIGIN = { ipAddress: null, userAgent: null, requestId: null };

type TaskRow = typeof schema.tasks.$inferSelect;
type StepRef = { position: number; name: string };

/** Thrown to make the queue redeliver the task after its backoff. */
export class RetryLater extends Error {}

/**
 * Runs one delivery of a task: claims it (counting the attempt), runs the steps not yet done in
 * order, and records progress after each. A failing step ends the attempt: the queue redelivers
 * after a backoff until the task's attempts are used up (or at once for a `TaskFailed`), and then
 * the task ends in ERROR with a reason people can read. Cancellation is honoured between steps.
 * Deliveries of finished or cancelled tasks are acknowledged and ignored, which makes duplicates
 * harmless; a duplicate that arrives while another worker runs the task backs off (the lease).
 *
 * Every change of state (claim, step started, done or failed, task finished) is one transaction
 * that also writes its `task.progress` event, so what live clients see is exactly what committed.
 */
export function createTaskRunner(deps: { db: Database; registry: TaskRegistry; audit: AuditWriter; logger: Logger; leaseMs?: number }) {
  const { db } = deps;
  const t = schema.tasks;
  const leaseMs = deps.leaseMs ?? 30_000;
  const leaseUntil = () => new Date(Date.now() + leaseMs);
  const stepKey = (taskId: string, position: number) => and(eq(schema.taskSteps.taskId, taskId), eq(schema.taskSteps.position, position));

  const finish = async (
    taskId: string,
    status: "SUCCEEDED" | "ERROR" | "CANCELLED",
    reason: string | null,
    type: "task.succeeded" | "task.failed" | "task.cancelled",
    failedStep?: StepRef & { error: string },
  ) => {
    await db.transaction(async (tx) => {
      if (failedStep) {
        await tx.update(schema.taskSteps).set({ status: "FAILED", error: failedStep.error, finishedAt: new Date() }).where(stepKey(taskId, failedStep.position));
      }
      const [task] = await tx
        .update(t)
        .set({ status, errorReason: reason, finishedAt: new Date(), updatedAt: new Date(), leaseOwner: null, leaseExpiresAt: null, version: sql`${t.version} + 1` })
        .where(eq(t.id, taskId))
        .returning();
      if (task) {
        await deps.audit.record(tx, SYSTEM_ORIGIN, { type, success: status === "SUCCEEDED", organizationId: task.organizationId, targetType: "task", targetId: task.id, errorCode: status === "ERROR" ? "TASK_FAILED" : null, metadata: { kind: task.kind, reason } });
        await emitTaskProgress(tx, task, status, failedStep ? { ...failedStep, status: "FAILED" } : null);
      }
    });
  };

  /** Moves one step to `status` (and runs `more` in the same transaction), announcing it. */
  const recordStep = async (task: TaskRow, step: StepRef, status: "RUNNING" | "DONE" | "FAILED", values: Partial<typeof schema.taskSteps.$inferInsert>, more?: (tx: Tx) => Promise<void>) => {
    await db.transaction(async (tx) => {
      await tx.update(schema.taskSteps).set({ ...values, status }).where(stepKey(task.id, step.position));
      await more?.(tx);
      await emitTaskProgress(tx, task, "RUNNING", { ...step, status });
    });
  };

  async function runTask(message: QueueMessage): Promise<void> {
    const { taskId } = message.payload as { taskId?: string };
    if (typeof taskId !== "string") return;
    // A queue can deliver a message twice (a redelivery racing a slow consumer, a publish repeated
    // after a crash); the lease makes sure only one delivery runs the task at a time.
    const leaseOwner = randomUUID();
    const task = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(t)
        .set({ status: "RUNNING", attempts: sql`${t.attempts} + 1`, startedAt: sql`coalesce(${t.startedAt}, now())`, updatedAt: new Date(), leaseOwner, leaseExpiresAt: leaseUntil() })
        .where(and(eq(t.id, taskId), inArray(t.status, ["PENDING", "RUNNING"]), or(isNull(t.leaseExpiresAt), lt(t.leaseExpiresAt, new Date()))))
        .returning();
      if (claimed) await emitTaskProgress(tx, claimed, "RUNNING", null);
      return claimed;
    });
    if (!task) {
      const [current] = await db.select({ status: t.status }).from(t).where(eq(t.id, taskId));
      // Held by a live worker: come back later (by then it is finished, or its worker died and the lease ran out).
      if (current && (current.status === "PENDING" || current.status === "RUNNING")) throw new RetryLater("the task is running on another worker");
      return;
    }
    const renew = setInterval(() => {
      void db
        .update(t)
        .set({ leaseExpiresAt: leaseUntil() })
        .where(and(eq(t.id, task.id), eq(t.leaseOwner, leaseOwner)))
        .catch((error: unknown) => deps.logger.warn({ err: error, taskId }, "could not renew a task lease"));
    }, Math.max(200, Math.floor(leaseMs / 3)));
    try {
      await runClaimed(task, leaseOwner);
    } finally {
      clearInterval(renew);
    }
  }

  async function runClaimed(task: TaskRow, leaseOwner: string): Promise<void> {
    const log = deps.logger.child({ taskId: task.id, kind: task.kind, attempt: task.attempts });
    const definition = deps.registry.get(task.kind);
    if (!definition) {
      await finish(task.id, "ERROR", `This platform does not know how to run "${task.kind}" tasks`, "task.failed");
      return;
    }
    const context = { taskId: task.id, organizationId: task.organizationId, workspaceId: task.workspaceId, payload: task.payload, db, logger: log };
    const giveUp = async (reason: string) => {
      await definition.onGivenUp?.(context, reason).catch((error: unknown) => log.error({ err: error }, "onGivenUp failed"));
    };

    const steps = await db.select().from(schema.taskSteps).where(eq(schema.taskSteps.taskId, task.id)).orderBy(asc(schema.taskSteps.position));
    for (const step of steps) {
      if (step.status === "DONE") continue;
      const [current] = await db.select({ cancelRequested: t.cancelRequested }).from(t).where(eq(t.id, task.id));
      if (current?.cancelRequested) {
        await finish(task.id, "CANCELLED", "Cancelled by an administrator", "task.cancelled");
        await giveUp("Cancelled by an administrator");
        return;
      }
      const implementation = definition.steps[step.position];
      if (!implementation) {
        await finish(task.id, "ERROR", `Step ${step.position} ("${step.name}") no longer exists in "${task.kind}"`, "task.failed");
        return;
      }
      await recordStep(task, step, "RUNNING", { startedAt: new Date(), error: null });
      try {
        await implementation.run({ ...context, attempt: task.attempts });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        const reason = `Step "${step.name}" failed on attempt ${task.attempts} of ${task.maxAttempts}: ${detail}`.slice(0, 2000);
        if (error instanceof TaskFailed || task.attempts >= task.maxAttempts) {
          log.error({ err: error, step: step.name }, "task failed");
          const final = error instanceof TaskFailed ? detail.slice(0, 2000) : reason;
          await finish(task.id, "ERROR", final, "task.failed", { position: step.position, name: step.name, error: detail.slice(0, 2000) });
          await giveUp(final);
          return;
        }
        log.warn({ err: error, step: step.name }, "task step failed; will retry");
        await recordStep(task, step, "FAILED", { error: detail.slice(0, 2000), finishedAt: new Date() }, async (tx) => {
          await tx.update(t).set({ errorReason: reason, updatedAt: new Date(), leaseOwner: null, leaseExpiresAt: null }).where(and(eq(t.id, task.id), eq(t.leaseOwner, leaseOwner)));
        });
        throw new RetryLater(reason);
      }
      await recordStep(task, step, "DONE", { finishedAt: new Date() });
    }
    await finish(task.id, "SUCCEEDED", null, "task.succeeded");
  }

  return runTask;
}
