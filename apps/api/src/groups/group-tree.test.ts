import { describe, expect, it } from "vitest";
import { ancestorChain, childrenIndex, effectiveGroupIdsFrom, subtreeOf } from "./group-tree";

//      a           f
//     / \
//    b   e
//    |
//    c
//    |
//    d
const parents = new Map<string, string | null>([
  ["a", null],
  ["b", "a"],
  ["c", "b"],
  ["d", "c"],
  ["e", "a"],
  ["f", null],
]);

describe("ancestorChain", () => {
  it.each([
    ["d", ["d", "c", "b", "a"]],
    ["a", ["a"]],
    ["e", ["e", "a"]],
    ["unknown", ["unknown"]],
  ])("%s → %j", (id, chain) => {
    expect(ancestorChain(parents, id)).toEqual(chain);
  });

  it("stops on a cycle instead of looping", () => {
    const corrupt = new Map([["x", "y"], ["y", "x"]]);
    expect(ancestorChain(corrupt, "x")).toEqual(["x", "y"]);
  });
});

describe("effectiveGroupIdsFrom (membership inherits upward)", () => {
  it.each<[string, string[], string[]]>([
    ["a member of a leaf acts as every ancestor", ["d"], ["a", "b", "c", "d"]],
    ["a member of a root acts only as the root", ["a"], ["a"]],
    ["memberships in two branches merge without duplicates", ["d", "e"], ["a", "b", "c", "d", "e"]],
    ["separate trees stay separate", ["e", "f"], ["a", "e", "f"]],
    ["no memberships, no groups", [], []],
  ])("%s", (_name, direct, effective) => {
    expect(effectiveGroupIdsFrom(parents, direct)).toEqual(effective);
  });
});

describe("subtreeOf", () => {
  const children = childrenIndex(parents);
  it.each([
    ["a", ["a", "b", "c", "d", "e"]],
    ["c", ["c", "d"]],
    ["d", ["d"]],
    ["f", ["f"]],
  ])("%s → %j", (id, subtree) => {
    expect(subtreeOf(children, id).sort()).toEqual(subtree);
  });
});
