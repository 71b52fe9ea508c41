import { actions } from "@hks/contracts";
import { describe, expect, it } from "vitest";
import { grantedActions } from "./grants";

describe("grantedActions (the platform API's permission table)", () => {
  it("gives an organization owner every action in the catalogue", () => {
    const granted = grantedActions({ level: "organization", organizationRole: "owner" });
    expect(actions.filter((action) => !granted.has(action))).toEqual([]);
  });

  it("keeps organization deletion for owners", () => {
    expect(grantedActions({ level: "organization", organizationRole: "admin" }).has("organization:delete")).toBe(false);
  });

  it("does not let a plain member reach a workspace without a workspace role", () => {
    const granted = grantedActions({ level: "workspace", organizationRole: "member" });
    expect(granted.has("workspace:read")).toBe(false);
  });

  it("lets a project member see the workspace that holds the project, read only", () => {
    const granted = grantedActions({ level: "workspace", organizationRole: "member", memberOfAProjectInWorkspace: true });
    expect([...granted]).toEqual(["workspace:read"]);
  });

  it("separates workspace roles: viewer reads, developer creates projects, admin manages", () => {
    const viewer = grantedActions({ level: "workspace", organizationRole: "member", workspaceRole: "viewer" });
    const developer = grantedActions({ level: "workspace", organizationRole: "member", workspaceRole: "developer" });
    const admin = grantedActions({ level: "workspace", organizationRole: "member", workspaceRole: "workspace_admin" });
    expect(viewer.has("project:read") && !viewer.has("project:create")).toBe(true);
    expect(developer.has("project:create") && !developer.has("workspace:update")).toBe(true);
    expect(admin.has("workspace:delete") && admin.has("role-binding:manage")).toBe(true);
    expect(admin.has("billing:read")).toBe(false);
  });

  it("applies project roles at project level and unions roles inherited from ancestors", () => {
    const granted = grantedActions({ level: "project", organizationRole: "member", projectRoles: ["viewer", "project_admin"] });
    expect(granted.has("project:delete")).toBe(true);
    expect(grantedActions({ level: "project", organizationRole: "member", projectRoles: ["developer"] }).has("project:update")).toBe(false);
  });

  it("gives workspace roles their reach into every project", () => {
    const granted = grantedActions({ level: "project", organizationRole: "member", workspaceRole: "workspace_admin" });
    expect(granted.has("project-member:manage")).toBe(true);
  });
});
