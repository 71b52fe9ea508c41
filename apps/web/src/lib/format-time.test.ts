import { describe, expect, it } from "vitest";
import { formatAbsoluteTime, formatRelativeTime } from "./format-time";

const now = new Date("2026-01-05T12:00:00Z");

describe("formatRelativeTime", () => {
  it.each([
    ["2026-01-05T11:59:30Z", "just now"],
    ["2026-01-05T11:55:00Z", "5 minutes ago"],
    ["2026-01-05T09:00:00Z", "3 hours ago"],
    ["2026-01-04T11:00:00Z", "yesterday"],
    ["2026-01-12T12:00:00Z", "in 7 days"],
    ["2025-03-01T12:00:00Z", "10 months ago"],
  ])("describes %s as %s", (iso, expected) => {
    expect(formatRelativeTime(iso, now)).toBe(expected);
  });
});

describe("formatAbsoluteTime", () => {
  it("writes date and time in full", () => {
    expect(formatAbsoluteTime("2026-01-05T12:00:00Z")).toMatch(/^Jan 5, 2026, \d{1,2}:\d{2}\s?[AP]M$/);
  });
});
