import { describe, expect, it } from "vitest";
import { securityEventLabel } from "./security-event-labels";

describe("securityEventLabel", () => {
  it("names known events in plain language", () => {
    expect(securityEventLabel("auth.login.succeeded")).toBe("Signed in");
    expect(securityEventLabel("security.refresh_token_reused")).toBe("Session ended: renewal token reused");
  });

  it("shows an unknown type as it is", () => {
    expect(securityEventLabel("auth.mfa.enrolled")).toBe("auth.mfa.enrolled");
    expect(securityEventLabel("constructor")).toBe("constructor");
  });
});
