import { describe, expect, it } from "vitest";
import { humanizeName, stepStatusLabel, taskKindLabel, taskStatusLabel } from "./task-labels";

describe("task labels", () => {
  it("names known kinds and makes unknown ones readable", () => {
    expect(taskKindLabel("workspace.provision")).toBe("Provisioning");
    expect(taskKindLabel("workspace.backup")).toBe("Backup");
  });

  it("turns step names into sentences, keeping acronyms", () => {
    expect(humanizeName("configure-projects-and-rbac")).toBe("Configure projects and RBAC");
    expect(humanizeName("wait-for-virtual-cluster")).toBe("Wait for virtual cluster");
  });

  it("says what each status means", () => {
    expect(taskStatusLabel("ERROR")).toBe("Failed");
    expect(stepStatusLabel("PENDING")).toBe("Waiting");
  });
});
