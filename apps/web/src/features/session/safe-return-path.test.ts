import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./safe-return-path";

describe("safeReturnPath", () => {
  it.each(["/dashboard", "/workspaces?status=running", "/projects/prj_1#quota", "/"])("keeps the same-origin path %s", (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });

  it.each([
    ["protocol-relative", "//evil.example/"],
    ["backslash protocol-relative", "/\\evil.example"],
    ["absolute URL", "https://evil.example/"],
    ["scheme", "javascript:alert(1)"],
    ["relative path", "dashboard"],
    ["tab smuggling a slash", "/\t/evil.example"],
    ["newline", "/dash\nboard"],
    ["empty", ""],
    ["over-long", `/${"a".repeat(2048)}`],
  ])("rejects a %s", (_label, path) => {
    expect(safeReturnPath(path)).toBeUndefined();
  });

  it("rejects null and undefined", () => {
    expect(safeReturnPath(null)).toBeUndefined();
    expect(safeReturnPath(undefined)).toBeUndefined();
  });

  it("normalizes dot segments without leaving the origin", () => {
    expect(safeReturnPath("/a/../../b")).toBe("/b");
  });
});
