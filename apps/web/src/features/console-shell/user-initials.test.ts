import { describe, expect, it } from "vitest";
import { userInitials } from "./user-initials";

describe("userInitials", () => {
  it("uses the first and last name", () => {
    expect(userInitials({ name: "Ada King Lovelace", email: "ada@example.com" })).toBe("AL");
  });

  it("falls back to the email's local part, then to a question mark", () => {
    expect(userInitials({ name: "", email: "grace.hopper@example.com" })).toBe("GH");
    expect(userInitials({ name: "  ", email: "" })).toBe("?");
  });
});
