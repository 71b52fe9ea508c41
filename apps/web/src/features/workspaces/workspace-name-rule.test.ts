import { describe, expect, it } from "vitest";
import { projectNameSchema } from "@hks/contracts";
import { nameProblem } from "./workspace-name-rule";

describe("nameProblem", () => {
  it("accepts RFC 1123 labels", () => {
    expect(nameProblem("team-a")).toBeUndefined();
    expect(nameProblem("a")).toBeUndefined();
    expect(nameProblem("x".repeat(63))).toBeUndefined();
  });

  it("explains the API's rule for anything else", () => {
    expect(nameProblem("")).toBe("Enter a name.");
    expect(nameProblem("Team_A")).toBe("Use lower-case letters, digits and dashes, 1–63 characters, not starting or ending with a dash.");
    expect(nameProblem("-team")).toMatch(/^Use lower-case/);
    expect(nameProblem("x".repeat(64))).toMatch(/^Use lower-case/);
  });

  it("takes a project's reserved names into account when given the project rule", () => {
    expect(nameProblem("kube-system", projectNameSchema)).toBe("This name is reserved by Kubernetes (default, kube-*).");
    expect(nameProblem("kube-system")).toBeUndefined();
  });
});
