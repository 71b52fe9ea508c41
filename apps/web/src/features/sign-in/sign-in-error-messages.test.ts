import { describe, expect, it } from "vitest";
import { signInNotice } from "./sign-in-error-messages";

describe("signInNotice", () => {
  it("explains a known failure as an error", () => {
    expect(signInNotice("access_denied")).toEqual({
      tone: "error",
      message: "Sign-in was cancelled or the provider denied access. Please try again.",
    });
  });

  it("tells a signed-out user calmly, not as an error", () => {
    expect(signInNotice("signed_out")).toEqual({ tone: "info", message: "You have been signed out." });
    expect(signInNotice("session_expired").tone).toBe("info");
  });

  it.each(["unknown_code", "__proto__", "constructor", "Call +1-555-0100"])("falls back to the generic message for %s", (code) => {
    expect(signInNotice(code)).toEqual({ tone: "error", message: "We could not sign you in. Please try again." });
  });
});
