import { describe, expect, it } from "vitest";
import { createLoginState, isExpectedState } from "./login-state";

describe("login state", () => {
  it("is 32 random bytes as base64url, different every time", () => {
    const state = createLoginState();
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(Array.from({ length: 50 }, createLoginState)).size).toBe(50);
  });

  it("accepts only the exact state", () => {
    const state = createLoginState();
    expect(isExpectedState(state, state)).toBe(true);
    expect(isExpectedState(state, `${state}x`)).toBe(false);
    expect(isExpectedState(state, state.slice(0, -1))).toBe(false);
    expect(isExpectedState(state, state.toUpperCase())).toBe(false);
    expect(isExpectedState(state, "")).toBe(false);
    expect(isExpectedState(state, null)).toBe(false);
    expect(isExpectedState(state, undefined)).toBe(false);
  });
});
