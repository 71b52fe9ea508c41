import { describe, expect, it } from "vitest";
import { configFilePath, resolveConfigDir } from "./config-location";

describe("resolveConfigDir", () => {
  const homeDir = "/home/ada";

  it("uses HKS_CONFIG_DIR as given when set", () => {
    expect(resolveConfigDir({ hksConfigDir: "/etc/hks-ci", xdgConfigHome: "/xdg", homeDir })).toBe("/etc/hks-ci");
  });

  it("resolves a relative HKS_CONFIG_DIR against the working directory", () => {
    expect(resolveConfigDir({ hksConfigDir: "rel/dir", homeDir })).toBe(`${process.cwd()}/rel/dir`);
  });

  it("falls back to $XDG_CONFIG_HOME/hks", () => {
    expect(resolveConfigDir({ xdgConfigHome: "/xdg", homeDir })).toBe("/xdg/hks");
  });

  it("ignores a relative XDG_CONFIG_HOME, as the XDG spec requires", () => {
    expect(resolveConfigDir({ xdgConfigHome: "relative", homeDir })).toBe("/home/ada/.config/hks");
  });

  it("defaults to ~/.config/hks", () => {
    expect(resolveConfigDir({ homeDir })).toBe("/home/ada/.config/hks");
  });

  it("names the file config.json inside the directory", () => {
    expect(configFilePath("/xdg/hks")).toBe("/xdg/hks/config.json");
  });
});
