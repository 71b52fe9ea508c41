import { AppError, GROUP_DEPTH_LIMIT } from "@hks/contracts";

/**
 * Whether a group (new, or an existing one with its subtree) may sit under a parent. Pure, so the
 * rules are unit tested; the service feeds it what the database says under a lock.
 *
 * @param parentChain the new parent and its ancestors, parent first (empty for a top-level group)
 * @param moving the group being moved and the height of its subtree (1 for a leaf); absent on create
 */
export function checkGroupPlacement(input: { parentChain: readonly string[]; moving?: { id: string; subtreeHeight: number }; depthLimit?: number }): void {
  const limit = input.depthLimit ?? GROUP_DEPTH_LIMIT;
  const { parentChain, moving } = input;
  if (moving && parentChain.includes(moving.id)) {
    const message = parentChain[0] === moving.id ? "A group cannot be its own parent" : "The new parent is inside the group being moved; that would make a cycle";
    throw new AppError("CYCLE", message, { details: [{ field: "body.parentId", message: "would make a cycle" }] });
  }
  const deepest = parentChain.length + (moving?.subtreeHeight ?? 1);
  if (deepest > limit) {
    const what = moving && moving.subtreeHeight > 1 ? `the group and the ${moving.subtreeHeight - 1} level(s) below it` : "the group";
    throw new AppError("DEPTH_LIMIT", `Groups nest at most ${limit} levels deep; under this parent ${what} would reach depth ${deepest}`, {
      details: [{ field: "body.parentId", message: `would reach depth ${deepest} (limit ${limit})` }],
    });
  }
}
