import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps, version } from "./columns";

/**
 * A long-running operation (provisioning, lifecycle, backup…): a list of idempotent steps run by
 * the worker, with retries. `status`: PENDING → RUNNING → SUCCEEDED | ERROR | CANCELLED.
 */
export const tasks = pgTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    workspaceId: text("workspace_id"),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    /** Why the task failed, for people: the last error of the last attempt. */
    errorReason: text("error_reason"),
    /** What the task reports when it is done (e.g. a restore's objects applied and skipped, with reasons). */
    result: jsonb("result").$type<Record<string, unknown>>(),
    cancelRequested: timestamp("cancel_requested_at", { withTimezone: true, mode: "date" }),
    /**
     * Which delivery runs the task now, and until when (renewed while it runs). A duplicate
     * delivery never runs a task another live worker holds; a dead worker's lease runs out.
     */
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, mode: "date" }),
    createdBy: text("created_by"),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
    ...version,
  },
  (table) => [index("tasks_org_idx").on(table.organizationId, table.id), index("tasks_workspace_idx").on(table.workspaceId, table.id)],
);

export const taskSteps = pgTable(
  "task_steps",
  {
    taskId: text("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    /** PENDING | RUNNING | DONE | FAILED */
    status: text("status").notNull(),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [primaryKey({ columns: [table.taskId, table.position] })],
);

export type TaskRow = typeof tasks.$inferSelect;
export type TaskStepRow = typeof taskSteps.$inferSelect;
