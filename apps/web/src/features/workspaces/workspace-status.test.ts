import { describe, expect, it } from "vitest";
import { workspaceStatuses } from "@hks/contracts";
import { isBusyStatus, isOperationAvailable, workspaceStatusLabel, workspaceStatusTone } from "./workspace-status";

describe("workspace status", () => {
  it("names every status in words", () => {
    for (const status of workspaceStatuses) expect(workspaceStatusLabel(status)).toMatch(/^[A-Z][a-z ]+$/);
  });

  it("counts as busy exactly the statuses a task is moving along", () => {
    expect(workspaceStatuses.filter(isBusyStatus)).toEqual(["PENDING_CREATION", "CONFIGURING", "STOPPING", "STARTING", "UPDATING_PLAN", "DELETING"]);
    expect(workspaceStatusTone("CONFIGURING")).toBe("busy");
    expect(workspaceStatusTone("ERROR")).toBe("danger");
  });
});

describe("isOperationAvailable", () => {
  it("offers stop and restart only while running (or in error), start only when stopped (or in error)", () => {
    expect(isOperationAvailable("stop", "RUNNING", true)).toBe(true);
    expect(isOperationAvailable("restart", "RUNNING", true)).toBe(true);
    expect(isOperationAvailable("start", "RUNNING", true)).toBe(false);
    expect(isOperationAvailable("start", "STOPPED", true)).toBe(true);
    expect(isOperationAvailable("stop", "STOPPED", true)).toBe(false);
    expect(isOperationAvailable("stop", "STARTING", true)).toBe(false);
  });

  it("offers only provision-again and delete when the first provisioning failed", () => {
    const offered = (["provision", "start", "stop", "restart", "delete"] as const).filter((operation) => isOperationAvailable(operation, "ERROR", false));
    expect(offered).toEqual(["provision", "delete"]);
  });

  it("offers power operations in error once a cluster exists, as the API allows", () => {
    expect(isOperationAvailable("stop", "ERROR", true)).toBe(true);
    expect(isOperationAvailable("start", "ERROR", true)).toBe(true);
  });

  it("never offers deleting twice, nor provisioning outside error", () => {
    expect(isOperationAvailable("delete", "DELETING", true)).toBe(false);
    expect(isOperationAvailable("delete", "PENDING_CREATION", false)).toBe(true);
    expect(isOperationAvailable("provision", "RUNNING", true)).toBe(false);
  });
});
