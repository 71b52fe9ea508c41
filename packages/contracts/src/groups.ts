import { z } from "zod";

/** How deep the group tree may grow: a root group is at depth 1. */
export const GROUP_DEPTH_LIMIT = 10;

const name = z.string().trim().min(1).max(100);
const description = z.string().max(1000);
const groupId = z.string().min(1).max(60);

export const groupSchema = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    parentId: z.string().nullable().describe("The parent group; null for a top-level group"),
    name: z.string(),
    description: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().describe("Also sent as the ETag; send it back in If-Match to update"),
  })
  .meta({ id: "Group" });

export const createGroupSchema = z
  .object({
    name,
    description: description.default(""),
    parentId: groupId.nullable().optional().describe("Create under this group (same workspace); omitted or null for a top-level group"),
  })
  .strict()
  .meta({ id: "CreateGroup" });

export const updateGroupSchema = z
  .object({ name: name.optional(), description: description.optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "send at least one field")
  .meta({ id: "UpdateGroup" });

export const moveGroupSchema = z
  .object({ parentId: groupId.nullable().describe("The new parent group, or null to make it a top-level group") })
  .strict()
  .meta({ id: "MoveGroup" });

export const groupMemberSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    direct: z.boolean().describe("False when the user counts as a member through a descendant group"),
  })
  .meta({ id: "GroupMember" });

export const addGroupMemberSchema = z
  .object({ userId: z.string().min(1).max(60).describe("A member of the organization") })
  .strict()
  .meta({ id: "AddGroupMember" });

export type GroupResponse = z.infer<typeof groupSchema>;
export type GroupMemberResponse = z.infer<typeof groupMemberSchema>;
