import { describe, expect, it } from "vitest";
import { signInUrl } from "./sign-in-url";

describe("signInUrl", () => {
  it("carries the return path, encoded", () => {
    expect(signInUrl("/dashboard")).toBe("/sign-in?next=%2Fdashboard");
    expect(signInUrl("/workspaces?status=running")).toBe("/sign-in?next=%2Fworkspaces%3Fstatus%3Drunning");
  });

  it("drops a return path that could leave the origin", () => {
    expect(signInUrl("//evil.example")).toBe("/sign-in");
  });

  it("never points sign-in back at itself or at the session resume page", () => {
    expect(signInUrl("/sign-in?next=%2Fdashboard")).toBe("/sign-in");
    expect(signInUrl("/session/resume?next=%2Fdashboard")).toBe("/sign-in");
  });

  it("has no return path when there is none", () => {
    expect(signInUrl(null)).toBe("/sign-in");
  });

  it("says why, when the session ended", () => {
    expect(signInUrl("/dashboard", "session_expired")).toBe("/sign-in?next=%2Fdashboard&error=session_expired");
    expect(signInUrl(undefined, "signed_out")).toBe("/sign-in?error=signed_out");
  });
});
