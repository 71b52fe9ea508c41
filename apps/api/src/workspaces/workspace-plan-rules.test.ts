import { AppError, planById, type Plan } from "@hks/contracts";
import { describe, expect, it } from "vitest";
import { ensureProjectCount, ensureWorkspaceCount, initialResources, requestedPlan, resizedResources } from "./workspace-plan-rules";

const starter = planById("starter-shared") as Plan;
const pro = planById("pro-shared") as Plan;

const codeOf = (run: () => unknown) => {
  try {
    run();
    return "ok";
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
};

describe("workspace plan rules", () => {
  it("refuses a plan id the catalogue does not have as a bad field", () => {
    expect(codeOf(() => requestedPlan("platinum"))).toBe("VALIDATION_FAILED");
    expect(requestedPlan("pro-dedicated").tier).toBe("pro");
  });

  it("sizes a new workspace at the plan's limits unless asked for less", () => {
    expect(initialResources(starter, {})).toEqual({ cpuMillicores: 4_000, memoryMib: 8_192, storageGib: 50 });
    expect(initialResources(starter, { cpuMillicores: 1_000 })).toEqual({ cpuMillicores: 1_000, memoryMib: 8_192, storageGib: 50 });
  });

  it("never sizes a workspace above its plan, naming the resource", () => {
    try {
      initialResources(starter, { memoryMib: 9_000 });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "PLAN_LIMIT", details: [{ field: "body.resources.memoryMib" }] });
    }
  });

  it("shrinks what a downgrade no longer allows and keeps the size on an upgrade", () => {
    const big = { cpuMillicores: 16_000, memoryMib: 32_768, storageGib: 100 };
    expect(resizedResources(big, starter, undefined, true)).toEqual({ cpuMillicores: 4_000, memoryMib: 8_192, storageGib: 50 });
    const small = { cpuMillicores: 4_000, memoryMib: 8_192, storageGib: 50 };
    expect(resizedResources(small, pro, undefined, true)).toEqual(small);
    expect(resizedResources(small, pro, { cpuMillicores: 16_000 }, true).cpuMillicores).toBe(16_000);
    expect(codeOf(() => resizedResources(small, starter, { cpuMillicores: 4_001 }, false))).toBe("PLAN_LIMIT");
  });

  it("counts workspaces and projects against the plan", () => {
    expect(codeOf(() => ensureWorkspaceCount(starter, 2))).toBe("ok");
    expect(codeOf(() => ensureWorkspaceCount(starter, 3))).toBe("PLAN_LIMIT");
    expect(codeOf(() => ensureProjectCount(starter, 10))).toBe("ok");
    expect(codeOf(() => ensureProjectCount(starter, 11))).toBe("PLAN_LIMIT");
  });
});
