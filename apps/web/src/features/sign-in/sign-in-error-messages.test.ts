import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "./sign-in-error-messages";

describe("signInErrorMessage", () => {
  it("explains a known code", () => {
    expect(signInErrorMessage("access_denied")).toMatch(/cancelled or the provider denied access/);
  });

  it.each(["unknown_code", "__proto__", "constructor", "Call +1-555-0100"])("falls back to the generic message for %s", (code) => {
    expect(signInErrorMessage(code)).toBe("We could not sign you in. Please try again.");
  });
});
