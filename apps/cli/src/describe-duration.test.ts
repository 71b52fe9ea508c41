import { describe, expect, it } from "vitest";
import { describeDuration } from "./describe-duration";

describe("describeDuration", () => {
  it.each([
    [1_000, "1 second"],
    [59_999, "59 seconds"],
    [60_000, "1 minute"],
    [90_000, "90 seconds"],
    [300_000, "5 minutes"],
    [3_600_000, "1 hour"],
    [5_400_000, "90 minutes"],
    [86_400_000, "24 hours"],
    [-5, "0 seconds"],
  ])("%i ms is %s", (ms, text) => {
    expect(describeDuration(ms)).toBe(text);
  });
});
