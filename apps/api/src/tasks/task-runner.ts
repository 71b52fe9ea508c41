import type { AuditWriter } from "@hks/audit";
import { schema, type Database } from "@hks/db";
import type { Logger } from "@hks/observability";
import type { QueueMessage } from "@hks/queue";
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { TaskFailed } from "./task-definition";
import type { TaskRegistry } from "./task-registry";

const SYSTEM_ORIGIN = { ipAddress: null, userAgent: null, requestId: null };

/** Thrown to make the queue redeliver the task after its backoff. */
export class RetryLater extends Error {}

/**
 * Runs one delivery of a task: claims it (counting the attempt), runs the steps not yet done in
 * order, and records progress after each. A failing step ends the attempt: the queue redelivers
 * after a backoff until the task's attempts are used up, and then the task ends in ERROR with a
 * reason people can read. Cancellation is honoured between steps. Deliveries of finished or
 * cancelled tasks are acknowledged and ignored, which makes duplicates harmless.
 */
export function createTaskRunner(deps: { db: Database; registry: TaskRegistry; audit: AuditWriter; logger: Logger; leaseMs?: number }) {
  const { db } = deps;
  const leaseMs = deps.leaseMs ?? 30_000;
  const leaseUntil = () => new Date(Date.now() + leaseMs);
  const finish = async (taskId: string, status: "SUCCEEDED" | "ERROR" | "CANCELLED", reason: string | null, type: "task.succeeded" | "task.failed" | "task.cancelled") => {
    await db.transaction(async (tx) => {
      const [task] = await tx
        .update(schema.tasks)
        .set({ status, errorReason: reason, finishedAt: new Date(), updatedAt: new Date(), leaseOwner: null, leaseExpiresAt: null, version: sql`${schema.tasks.version} + 1` })
        .where(eq(schema.tasks.id, taskId))
        .returning();
      if (task) {
        await deps.audit.record(tx, SYSTEM_ORIGIN, { type, success: status === "SUCCEEDED", organizationId: task.organizationId, targetType: "task", targetId: task.id, errorCode: status === "ERROR" ? "TASK_FAILED" : null, metadata: { kind: task.kind, reason } });
      }
    });
  };

  async function runTask(message: QueueMessage): Promise<void> {
    const { taskId } = message.payload as { taskId?: string };
    if (typeof taskId !== "string") return;
    // A queue can deliver a message twice (a redelivery racing a slow consumer, a publish retried
    // after a crash); the lease makes sure only one delivery runs the task at a time.
    const leaseOwner = randomUUID();
    const t = schema.tasks;
    const [task] = await db
      .update(t)
      .set({ status: "RUNNING", attempts: sql`${t.attempts} + 1`, startedAt: sql`coalesce(${t.startedAt}, now())`, updatedAt: new Date(), leaseOwner, leaseExpiresAt: leaseUntil() })
      .where(and(eq(t.id, taskId), inArray(t.status, ["PENDING", "RUNNING"]), or(isNull(t.leaseExpiresAt), lt(t.leaseExpiresAt, new Date()))))
      .returning();
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

  async function runClaimed(task: typeof schema.tasks.$inferSelect, leaseOwner: string): Promise<void> {
    const t = schema.tasks;
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
      const [current] = await db.select({ cancelRequested: schema.tasks.cancelRequested }).from(schema.tasks).where(eq(schema.tasks.id, task.id));
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
      const stepKey = and(eq(schema.taskSteps.taskId, task.id), eq(schema.taskSteps.position, step.position));
      await db.update(schema.taskSteps).set({ status: "RUNNING", startedAt: new Date(), error: null }).where(stepKey);
      try {
        await implementation.run({ ...context, attempt: task.attempts });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        await db.update(schema.taskSteps).set({ status: "FAILED", error: detail.slice(0, 2000), finishedAt: new Date() }).where(stepKey);
        const reason = `Step "${step.name}" failed on attempt ${task.attempts} of ${task.maxAttempts}: ${detail}`.slice(0, 2000);
        if (error instanceof TaskFailed || task.attempts >= task.maxAttempts) {
          log.error({ err: error, step: step.name }, "task failed");
          const final = error instanceof TaskFailed ? detail.slice(0, 2000) : reason;
          await finish(task.id, "ERROR", final, "task.failed");
          await giveUp(final);
          return;
        }
        log.warn({ err: error, step: step.name }, "task step failed; will retry");
        await db.update(t).set({ errorReason: reason, updatedAt: new Date(), leaseOwner: null, leaseExpiresAt: null }).where(and(eq(t.id, task.id), eq(t.leaseOwner, leaseOwner)));
        throw new RetryLater(reason);
      }
      await db.update(schema.taskSteps).set({ status: "DONE", finishedAt: new Date() }).where(stepKey);
    }
    await finish(task.id, "SUCCEEDED", null, "task.succeeded");
  }

  return runTask;
}
