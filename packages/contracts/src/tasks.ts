import { z } from "zod";

export const taskStatuses = ["PENDING", "RUNNING", "SUCCEEDED", "ERROR", "CANCELLED"] as const;

export const taskStepSchema = z.object({
  position: z.number().int(),
  name: z.string(),
  status: z.enum(["PENDING", "RUNNING", "DONE", "FAILED"]),
  error: z.string().nullable(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});

export const taskSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(taskStatuses),
    organizationId: z.string(),
    workspaceId: z.string().nullable(),
    progress: z.number().min(0).max(1).describe("Share of steps done"),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    errorReason: z.string().nullable().describe("Why it failed (or why the last attempt failed), in words"),
    cancelRequested: z.boolean(),
    result: z.record(z.string(), z.unknown()).nullable().describe("What the task reports when done (e.g. a restore's applied and skipped objects)"),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    steps: z.array(taskStepSchema),
  })
  .meta({ id: "Task" });

export type TaskResponse = z.infer<typeof taskSchema>;
