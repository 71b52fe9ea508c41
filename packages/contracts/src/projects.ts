import { z } from "zod";
import { projectRoles } from "./permissions";
import { dnsLabelSchema, resourceAmountsSchema, resourceChangesSchema } from "./workspaces";

/** How deep the project tree may grow: a top-level project is at depth 1. */
export const PROJECT_DEPTH_LIMIT = 10;

/**
 * Namespace names the virtual cluster already uses; a project (a namespace) cannot take them.
 */
const isReservedNamespace = (name: string) => name === "default" || name.startsWith("kube-");

export const projectNameSchema = dnsLabelSchema.refine((name) => !isReservedNamespace(name), "reserved by Kubernetes (default, kube-*)");

export const projectSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    workspaceId: z.string(),
    parentId: z.string().nullable().describe("null for a top-level project"),
    name: z.string(),
    description: z.string(),
    quota: resourceAmountsSchema.describe("Carved out of the parent's (or the workspace's) resources"),
    allocated: resourceAmountsSchema.describe("Sum of the child projects' quotas"),
    free: resourceAmountsSchema.describe("quota − allocated: headroom for new or growing children"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().describe("Also sent as the ETag; send it back in If-Match to update"),
  })
  .meta({ id: "Project" });

export type ProjectResponse = z.infer<typeof projectSchema>;

export const createProjectSchema = z
  .object({
    name: projectNameSchema.describe("Unique in the workspace (it names the namespace)"),
    description: z.string().max(1000).default(""),
    parentId: z.string().max(40).nullable().default(null).describe("The parent project; null or omitted for a top-level project"),
    quota: resourceChangesSchema.default({}).describe("Each left out is 0"),
  })
  .strict()
  .meta({ id: "CreateProject" });

export type CreateProjectInput = z.output<typeof createProjectSchema>;

export const updateProjectSchema = z
  .object({ name: projectNameSchema.optional(), description: z.string().max(1000).optional(), quota: resourceChangesSchema.optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "send at least one field")
  .meta({ id: "UpdateProject" });

export type UpdateProjectInput = z.output<typeof updateProjectSchema>;

export const moveProjectSchema = z
  .object({ parentId: z.string().max(40).nullable().describe("The new parent; null makes the project top-level") })
  .strict()
  .meta({ id: "MoveProject" });

export const projectMemberSchema = z
  .object({ userId: z.string(), email: z.string(), name: z.string(), role: z.enum(projectRoles), addedAt: z.iso.datetime() })
  .meta({ id: "ProjectMember" });

export const addProjectMemberSchema = z
  .object({ userId: z.string().max(40).describe("A member of the organization"), role: z.enum(projectRoles) })
  .strict()
  .meta({ id: "AddProjectMember" });

export const updateProjectMemberSchema = z.object({ role: z.enum(projectRoles) }).strict().meta({ id: "UpdateProjectMember" });
