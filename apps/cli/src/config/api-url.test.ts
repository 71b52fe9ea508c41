import { describe, expect, it } from "vitest";
import { apiUrlSchema, parseApiUrl } from "./api-url";

describe("parseApiUrl", () => {
  it.each([
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
    ["http://127.0.0.1:8080/", "http://127.0.0.1:8080"],
    ["  https://KaaS.Example.com:443/  ", "https://kaas.example.com"],
    ["https://example.com/platform//", "https://example.com/platform"],
    ["http://[::1]:9000", "http://[::1]:9000"],
  ])("accepts %j as %j", (input, expected) => {
    expect(parseApiUrl(input)).toEqual({ ok: true, url: expected });
  });

  it.each([
    ["", "is not a URL"],
    ["127.0.0.1:8080", "is not a URL"],
    ["localhost:8080", "must use http:// or https://"],
    ["example.com", "is not a URL"],
    ["ftp://example.com", "must use http:// or https://"],
    ["file:///etc/passwd", "must use http:// or https://"],
    ["https://user:secret@example.com", "must not contain a user name or password"],
    ["https://example.com/?x=1", "must not contain a query string or fragment"],
    ["https://example.com/#top", "must not contain a query string or fragment"],
  ])("rejects %j", (input, reason) => {
    const result = parseApiUrl(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.reason).toContain(reason);
  });

  it("is used by the schema, which normalizes and reports the reason", () => {
    expect(apiUrlSchema.parse("http://h:1/")).toBe("http://h:1");
    const result = apiUrlSchema.safeParse("gopher://h");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("must use http:// or https://");
  });
});
