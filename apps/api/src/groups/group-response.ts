import type { GroupResponse } from "@hks/contracts";
import type { GroupRow } from "./group-service";

/** The API's view of a group: an allowlist of the row's fields. */
export function toGroupResponse(group: GroupRow): GroupResponse {
  return {
    id: group.id,
    workspaceId: group.workspaceId,
    parentId: group.parentId,
    name: group.name,
    description: group.description,
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
    version: group.version,
  };
}
