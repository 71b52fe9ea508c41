import type { Database } from "@hks/db";
import type { Logger } from "@hks/observability";

export interface TaskContext {
  taskId: string;
  organizationId: string;
  workspaceId: string | null;
  payload: Record<string, unknown>;
  /** 1 on the first attempt. */
  attempt: number;
  db: Database;
  logger: Logger;
}

/**
 * One step of a task. Steps must be idempotent: after a crash or a retry a step may run again
 * over work it already did (server-side apply, "create if absent", "wait until"), and must then
 * simply succeed.
 */
export interface TaskStep {
  name: string;
  run(context: TaskContext): Promise<void>;
}

export interface TaskDefinition {
  kind: string;
  steps: TaskStep[];
  /**
   * Runs once when the task ends in ERROR or is cancelled, with the reason — e.g. to put the
   * workspace it worked on into ERROR. Must not throw for expected states.
   */
  onGivenUp?(context: Omit<TaskContext, "attempt">, reason: string): Promise<void>;
  /** Attempts before the task ends in ERROR. */
  maxAttempts: number;
  /** Delay before attempt n+1 (the last entry repeats). */
  backoffMs: number[];
}

/** The work-queue subject tasks are dispatched on. */
export const TASKS_SUBJECT = "work.tasks";

/**
 * A failure that retrying cannot fix (a rolled-back upgrade, a workspace that is being deleted):
 * the task ends in ERROR at once with this message as its reason.
 */
export class TaskFailed extends Error {}
