import { describe, expect, it } from "vitest";
import { userInitials } from "./user-initials";

describe("userInitials", () => {
  it("uses the first and last name", () => {
    expect(userInitials({ id: "usr_1", name: "Ada King Lovelace" })).toBe("AL");
  });

  it("falls back to the email's local part, then to a question mark", () => {
    expect(userInitials({ id: "usr_1", email: "grace.hopper@example.com" })).toBe("GH");
    expect(userInitials({ id: "usr_1", name: "  " })).toBe("?");
  });
});
