import { z } from "zod";

export const livenessSchema = z
  .object({
    status: z.literal("ok"),
    version: z.string(),
    uptimeSeconds: z.number(),
  })
  .meta({ id: "Liveness" });

export const dependencyCheckSchema = z.object({
  status: z.enum(["ok", "failing", "not_configured"]),
  latencyMs: z.number().optional(),
  message: z.string().optional(),
});

export const readinessSchema = z
  .object({
    status: z.enum(["ready", "not_ready"]),
    checks: z.record(z.string(), dependencyCheckSchema),
  })
  .meta({ id: "Readiness" });

export type Liveness = z.infer<typeof livenessSchema>;
export type Readiness = z.infer<typeof readinessSchema>;
