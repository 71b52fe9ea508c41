import { AppError } from "@hks/contracts";
import { describe, expect, it } from "vitest";
import { checkGroupPlacement } from "./group-placement";

const chainOfLength = (length: number) => Array.from({ length }, (_, index) => `p${index}`);

function outcome(run: () => void): string {
  try {
    run();
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("checkGroupPlacement", () => {
  it.each<[string, Parameters<typeof checkGroupPlacement>[0], string]>([
    ["a top-level group", { parentChain: [] }, "ok"],
    ["a new group at depth 10 (parent at depth 9)", { parentChain: chainOfLength(9) }, "ok"],
    ["a new group at depth 11", { parentChain: chainOfLength(10) }, "DEPTH_LIMIT"],
    ["moving a group under itself", { parentChain: ["g", "p0"], moving: { id: "g", subtreeHeight: 1 } }, "CYCLE"],
    ["moving a group under its own descendant", { parentChain: ["c", "b", "g", "root"], moving: { id: "g", subtreeHeight: 3 } }, "CYCLE"],
    ["moving a 3-level subtree under a parent at depth 7 (reaches 10)", { parentChain: chainOfLength(7), moving: { id: "g", subtreeHeight: 3 } }, "ok"],
    ["moving a 3-level subtree under a parent at depth 8 (reaches 11)", { parentChain: chainOfLength(8), moving: { id: "g", subtreeHeight: 3 } }, "DEPTH_LIMIT"],
    ["moving a 10-level subtree to the top", { parentChain: [], moving: { id: "g", subtreeHeight: 10 } }, "ok"],
    ["a smaller limit", { parentChain: chainOfLength(2), depthLimit: 2 }, "DEPTH_LIMIT"],
  ])("%s → %s", (_name, input, expected) => {
    expect(outcome(() => checkGroupPlacement(input))).toBe(expected);
  });

  it("names the field and the depth it would reach", () => {
    try {
      checkGroupPlacement({ parentChain: chainOfLength(8), moving: { id: "g", subtreeHeight: 3 } });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).details).toEqual([{ field: "body.parentId", message: "would reach depth 11 (limit 10)" }]);
    }
  });
});
