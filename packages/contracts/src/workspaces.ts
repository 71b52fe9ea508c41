import { z } from "zod";
import { workspaceRoles } from "./permissions";

/** A workspace's lifecycle, as the original platform named it; provisioning moves it along. */
export const workspaceStatuses = ["PENDING_CREATION", "CONFIGURING", "RUNNING", "STOPPING", "STOPPED", "STARTING", "UPDATING_PLAN", "DELETING", "ERROR"] as const;
export type WorkspaceStatus = (typeof workspaceStatuses)[number];

/**
 * Kubernetes versions a workspace may run: the ones the platform builds and tests (see the pinned
 * versions of the local control plane). Offering a version is adding it here.
 */
export const kubernetesVersions = ["v1.35.4"] as const;
export const defaultKubernetesVersion: (typeof kubernetesVersions)[number] = "v1.35.4";

/** An RFC 1123 label: workspace and project names become Kubernetes object names. */
export const dnsLabelSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "lower-case letters, digits and dashes, 1–63 characters, not starting or ending with a dash");

/** One amount per resource; the unit is in the name. The cap keeps sums far from overflow. */
const amount = z.number().int().min(0).max(100_000_000);

export const resourceAmountsSchema = z
  .object({ cpuMillicores: amount, memoryMib: amount, storageGib: amount })
  .meta({ id: "ResourceAmounts", description: "CPU in millicores, memory in MiB, storage in GiB" });

export type ResourceAmounts = z.infer<typeof resourceAmountsSchema>;

/** Some resources of a request; the ones left out keep their default or current value. */
export const resourceChangesSchema = z
  .object({ cpuMillicores: amount.optional(), memoryMib: amount.optional(), storageGib: amount.optional() })
  .strict()
  .meta({ id: "ResourceChanges" });

export const workspaceSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    description: z.string(),
    planId: z.string(),
    kubernetesVersion: z.string(),
    status: z.enum(workspaceStatuses),
    statusReason: z.string().nullable(),
    resources: resourceAmountsSchema.describe("What the workspace may hand to its projects"),
    allocated: resourceAmountsSchema.describe("Sum of the top-level projects' quotas"),
    free: resourceAmountsSchema.describe("resources − allocated: what new or growing top-level projects can still take"),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().describe("Also sent as the ETag; send it back in If-Match to update"),
  })
  .meta({ id: "Workspace" });

export type WorkspaceResponse = z.infer<typeof workspaceSchema>;

export const createWorkspaceSchema = z
  .object({
    name: dnsLabelSchema.describe("Unique in the organization"),
    description: z.string().max(1000).default(""),
    planId: z.string().min(1).max(60).describe("A plan id from GET /api/v1/plans"),
    kubernetesVersion: z.enum(kubernetesVersions).default(defaultKubernetesVersion),
    resources: resourceChangesSchema.default({}).describe("Each left out defaults to the plan's per-workspace limit"),
  })
  .strict()
  .meta({ id: "CreateWorkspace" });

export type CreateWorkspaceInput = z.output<typeof createWorkspaceSchema>;

export const updateWorkspaceSchema = z
  .object({
    name: dnsLabelSchema.optional(),
    description: z.string().max(1000).optional(),
    planId: z.string().min(1).max(60).optional().describe("Change plan; a downgrade lowers resources above the new limits"),
    resources: resourceChangesSchema.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "send at least one field")
  .meta({ id: "UpdateWorkspace" });

export type UpdateWorkspaceInput = z.output<typeof updateWorkspaceSchema>;

export const workspaceMemberSchema = z
  .object({ userId: z.string(), email: z.string(), name: z.string(), role: z.enum(workspaceRoles), addedAt: z.iso.datetime() })
  .meta({ id: "WorkspaceMember" });

export const addWorkspaceMemberSchema = z
  .object({ userId: z.string().max(40).describe("A member of the organization"), role: z.enum(workspaceRoles) })
  .strict()
  .meta({ id: "AddWorkspaceMember" });

export const updateWorkspaceMemberSchema = z.object({ role: z.enum(workspaceRoles) }).strict().meta({ id: "UpdateWorkspaceMember" });

/** A Kubernetes release version; whether the platform can run it is found out by trying (and rolled back if not). */
export const kubernetesVersionSchema = z.string().regex(/^v\d{1,3}\.\d{1,3}\.\d{1,3}$/, "a Kubernetes version such as v1.35.4");

export const upgradeWorkspaceSchema = z
  .object({ kubernetesVersion: kubernetesVersionSchema.describe("The version to move to; never lower than the current one") })
  .strict()
  .meta({ id: "UpgradeWorkspace" });

export const workspaceOperationSchema = z
  .object({
    workspaceId: z.string(),
    status: z.enum(workspaceStatuses).describe("The workspace's status now that the operation has started"),
    taskId: z.string().describe("Follow it at GET /api/v1/tasks/{taskId} or on the events socket"),
  })
  .meta({ id: "WorkspaceOperation" });

export const clusterStatusSchema = z
  .object({
    workspaceId: z.string(),
    status: z.enum(workspaceStatuses),
    statusReason: z.string().nullable(),
    kubernetesVersion: z.string().describe("The version the workspace runs (or will run once provisioned)"),
    provisioned: z.boolean().describe("Whether the virtual cluster exists and the platform holds its connection"),
    lastActivityAt: z.iso.datetime().nullable().describe("Last request through the kubectl gateway"),
    currentTask: z.object({ id: z.string(), kind: z.string(), status: z.string() }).nullable().describe("The latest unfinished task on this workspace"),
  })
  .meta({ id: "ClusterStatus" });

export const clusterHealthSchema = z
  .object({
    workspaceId: z.string(),
    status: z.enum(workspaceStatuses),
    healthy: z.boolean().describe("Every component healthy"),
    components: z.array(z.object({ name: z.string(), healthy: z.boolean(), detail: z.string() })),
    quotas: z
      .array(z.object({ projectId: z.string().nullable(), namespace: z.string(), hard: z.record(z.string(), z.string()), used: z.record(z.string(), z.string()) }))
      .describe("From the clusters' ResourceQuota status: the workspace's on the host (projectId null) and each project's"),
  })
  .meta({ id: "ClusterHealth" });
