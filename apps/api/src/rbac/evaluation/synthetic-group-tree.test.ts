import { describe, expect, it } from "vitest";
import { ancestorChain } from "../../groups/group-tree";
import { canI } from "./can-i";
import { evaluatePermissions } from "./evaluate-permissions";
import { buildSyntheticGroupTree } from "./synthetic-group-tree";

describe("buildSyntheticGroupTree (the benchmark's fixture)", () => {
  const tree = buildSyntheticGroupTree();

  it("has 1,000 groups nested exactly 10 deep, and the user sits at the bottom", () => {
    expect(tree.stats).toMatchObject({ groups: 1_000, depth: 10 });
    expect(tree.world.groupParents.size).toBe(1_000);
    const deepest = Math.max(...[...tree.world.groupParents.keys()].map((id) => ancestorChain(tree.world.groupParents, id).length));
    expect(deepest).toBe(10);
    const { groups } = evaluatePermissions(tree.world, { subject: { kind: "user", id: tree.userId }, projectId: tree.projectId });
    expect(groups.length).toBeGreaterThanOrEqual(10);
  });

  it("is deterministic, so benchmark runs compare", () => {
    const again = buildSyntheticGroupTree();
    expect([...again.world.groupParents]).toEqual([...tree.world.groupParents]);
    expect(again.world.bindings).toEqual(tree.world.bindings);
  });

  it("gives evaluation real work: rules from many bindings, and a named-object grant", () => {
    const subject = { kind: "user", id: tree.userId } as const;
    expect(evaluatePermissions(tree.world, { subject, projectId: tree.projectId }).rules.length).toBeGreaterThan(5);
    expect(canI(tree.world, { subject, projectId: tree.projectId, request: { verb: "get", apiGroup: "", resource: "configmaps", name: "app-config" } }).allowed).toBe(true);
  });
});
