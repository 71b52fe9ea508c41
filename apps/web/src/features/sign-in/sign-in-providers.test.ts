import { describe, expect, it } from "vitest";
import { isUsableProviderId, loginHref, providerLogoKind } from "./sign-in-providers";

describe("loginHref", () => {
  it("points at the API's login route, with the return path as `redirect`", () => {
    expect(loginHref("dev", undefined)).toBe("/auth/login/dev");
    expect(loginHref("github", "/workspaces?status=running")).toBe("/auth/login/github?redirect=%2Fworkspaces%3Fstatus%3Drunning");
  });
});

describe("providerLogoKind", () => {
  it.each([
    [{ id: "google", kind: "oidc" as const }, "google"],
    [{ id: "github", kind: "github" as const }, "github"],
    [{ id: "ghe", kind: "github" as const }, "github"],
    [{ id: "gitlab", kind: "oidc" as const }, "gitlab"],
    [{ id: "keycloak", kind: "oidc" as const }, "generic"],
  ])("draws %o with the %s mark", (provider, kind) => {
    expect(providerLogoKind(provider)).toBe(kind);
  });
});

describe("isUsableProviderId", () => {
  it("accepts the API's ids and nothing that could bend the URL", () => {
    expect(isUsableProviderId("dev")).toBe(true);
    expect(isUsableProviderId("my-sso-2")).toBe(true);
    expect(isUsableProviderId("../logout")).toBe(false);
    expect(isUsableProviderId("a")).toBe(false);
    expect(isUsableProviderId("Dev")).toBe(false);
  });
});
