import { z } from "zod";
import { organizationRoles } from "./permissions";

const name = z.string().trim().min(1).max(100);
/** URL-safe, DNS-label-like: it will name things in clusters and URLs. */
export const slugSchema = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, "lower-case letters, digits and dashes, 1–40 characters, not starting or ending with a dash");

export const organizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    description: z.string(),
    myRole: z.enum(organizationRoles).describe("The caller's role in this organization"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().describe("Also sent as the ETag; send it back in If-Match to update"),
  })
  .meta({ id: "Organization" });

export const createOrganizationSchema = z
  .object({ name, slug: slugSchema.optional().describe("Derived from the name when omitted"), description: z.string().max(1000).default("") })
  .strict()
  .meta({ id: "CreateOrganization" });

export const updateOrganizationSchema = z
  .object({ name: name.optional(), description: z.string().max(1000).optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "send at least one field")
  .meta({ id: "UpdateOrganization" });

export const organizationMemberSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(organizationRoles),
    joinedAt: z.iso.datetime(),
  })
  .meta({ id: "OrganizationMember" });

export const updateMemberRoleSchema = z.object({ role: z.enum(organizationRoles) }).strict().meta({ id: "UpdateMemberRole" });

export const invitationSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    organizationName: z.string(),
    email: z.string(),
    role: z.enum(organizationRoles),
    status: z.enum(["pending", "accepted", "declined", "revoked", "expired"]),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "Invitation" });

export const createInvitationSchema = z
  .object({ email: z.email().max(254), role: z.enum(organizationRoles).default("member") })
  .strict()
  .meta({ id: "CreateInvitation" });

export const createdInvitationSchema = invitationSchema
  .extend({ token: z.string().describe("Shown once: the link the invitee follows carries it"), acceptUrl: z.string() })
  .meta({ id: "CreatedInvitation" });

export const invitationTokenSchema = z.object({ token: z.string().min(10).max(200) }).strict().meta({ id: "InvitationToken" });

export const auditEventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    success: z.boolean(),
    occurredAt: z.iso.datetime(),
    actorUserId: z.string().nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    ipAddress: z.string().nullable(),
    requestId: z.string().nullable(),
    errorCode: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AuditEvent" });

export type OrganizationResponse = z.infer<typeof organizationSchema>;
