import { describe, expect, it } from "vitest";
import { chooseCurrentOrganization } from "./current-organization-choice";

const acme = { id: "org_acme", name: "Acme" };
const zeta = { id: "org_zeta", name: "Zeta" };

describe("chooseCurrentOrganization", () => {
  it("keeps the remembered organization while I belong to it", () => {
    expect(chooseCurrentOrganization([acme, zeta], "org_zeta")).toBe(zeta);
  });

  it("falls back to the first organization when the remembered one is not mine (any more)", () => {
    expect(chooseCurrentOrganization([acme, zeta], "org_gone")).toBe(acme);
    expect(chooseCurrentOrganization([acme, zeta], null)).toBe(acme);
  });

  it("has none when I belong to none", () => {
    expect(chooseCurrentOrganization([], "org_acme")).toBeNull();
  });
});
