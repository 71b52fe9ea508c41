import { z } from "zod";

/**
 * The plan catalogue (starter, pro, enterprise; each on shared or dedicated nodes). Plans bound
 * what an organization may create and how large a workspace may be; billing attaches prices later.
 */
export const planSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    tier: z.enum(["starter", "pro", "enterprise"]),
    nodes: z.enum(["shared", "dedicated"]),
    description: z.string(),
    limits: z.object({
      workspaces: z.number().int().describe("Workspaces per organization"),
      projectsPerWorkspace: z.number().int(),
      members: z.number().int().describe("Organization members"),
      cpuMillicores: z.number().int().describe("Per workspace"),
      memoryMib: z.number().int().describe("Per workspace"),
      storageGib: z.number().int().describe("Per workspace"),
    }),
  })
  .meta({ id: "Plan" });

export type Plan = z.infer<typeof planSchema>;

const tiers = {
  starter: { workspaces: 2, projectsPerWorkspace: 10, members: 10, cpuMillicores: 4_000, memoryMib: 8_192, storageGib: 50 },
  pro: { workspaces: 10, projectsPerWorkspace: 50, members: 50, cpuMillicores: 16_000, memoryMib: 32_768, storageGib: 250 },
  enterprise: { workspaces: 100, projectsPerWorkspace: 500, members: 1_000, cpuMillicores: 64_000, memoryMib: 131_072, storageGib: 2_000 },
} as const;

const descriptions = {
  shared: "runs on the platform's shared node pool",
  dedicated: "runs on nodes reserved for this workspace",
} as const;

export const plans: Plan[] = (["starter", "pro", "enterprise"] as const).flatMap((tier) =>
  (["shared", "dedicated"] as const).map((nodes) => ({
    id: `${tier}-${nodes}`,
    name: `${tier[0]?.toUpperCase()}${tier.slice(1)} (${nodes})`,
    tier,
    nodes,
    description: `${tier[0]?.toUpperCase()}${tier.slice(1)} plan; ${descriptions[nodes]}`,
    limits: tiers[tier],
  })),
);

export function planById(id: string): Plan | undefined {
  return plans.find((plan) => plan.id === id);
}

export const planListSchema = z.object({ plans: z.array(planSchema) }).meta({ id: "PlanList" });
