import { AppError, PROJECT_DEPTH_LIMIT, type ResourceAmounts } from "@hks/contracts";
import type { Database } from "@hks/db";
import { resourcesOf, subtractResources } from "../workspaces/resource-amounts";
import { ensureWithin } from "../workspaces/resource-limits";
import { allocatedUnder } from "./project-allocations";
import { lockProject } from "./lock-project";

/**
 * The two rules of where a project may sit, checked under the workspace lock: its quota must fit
 * in what its parent (or, at the top, the workspace) has left, and the tree must not grow deeper
 * than PROJECT_DEPTH_LIMIT.
 */

/**
 * Refuses `quota` under `parentId` (null: top level) unless the holder has that much left once its
 * other children are counted. The parent row is locked before summing. `excludingId` is the
 * project being resized, whose current quota must not count against itself.
 */
export async function ensureRoomFor(
  tx: Database,
  workspace: { id: string } & ResourceAmounts,
  parentId: string | null,
  quota: ResourceAmounts,
  options: { excludingId?: string; field: string },
): Promise<void> {
  const holder = parentId === null ? workspace : await lockProject(tx, workspace.id, parentId, "Parent project");
  const taken = await allocatedUnder(tx, workspace.id, parentId, options.excludingId);
  ensureWithin(quota, subtractResources(resourcesOf(holder), taken), {
    code: "QUOTA_EXCEEDED",
    message: parentId === null ? "The workspace does not have that much left for its projects" : "The parent project does not have that much left for its children",
    field: options.field,
    availableLabel: "free:",
  });
}

/** `deepest` is the depth the lowest project of the moved or created subtree would reach. */
export function ensureDepth(deepest: number): void {
  if (deepest <= PROJECT_DEPTH_LIMIT) return;
  throw new AppError("DEPTH_LIMIT", `Projects nest at most ${PROJECT_DEPTH_LIMIT} deep; this would reach ${deepest}`, { details: [{ field: "body.parentId", message: "too deep" }] });
}
