import { describe, expect, it } from "vitest";
import { resumeSessionUrl } from "./resume-session-url";

describe("resumeSessionUrl", () => {
  it("carries the page to return to", () => {
    expect(resumeSessionUrl("/settings/security?tab=1")).toBe("/session/resume?next=%2Fsettings%2Fsecurity%3Ftab%3D1");
  });

  it("drops a return path that could leave the origin or loop", () => {
    expect(resumeSessionUrl("//evil.example")).toBe("/session/resume");
    expect(resumeSessionUrl("/session/resume?next=%2Fdashboard")).toBe("/session/resume");
    expect(resumeSessionUrl("/sign-in")).toBe("/session/resume");
  });
});
