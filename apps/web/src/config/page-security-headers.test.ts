import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, pageSecurityHeaders } from "./page-security-headers";

describe("pageSecurityHeaders", () => {
  const headers = Object.fromEntries(pageSecurityHeaders({ development: false }).map((header) => [header.key, header.value]));

  it("forbids framing, sniffing and powerful features, and pins https", () => {
    expect(headers).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": "geolocation=(), microphone=(), camera=()",
      "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    });
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
  });

  it("keeps eval out of production and allows it only for next dev", () => {
    expect(contentSecurityPolicy({ development: false })).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ development: true })).toContain("script-src 'self' 'unsafe-inline' 'unsafe-eval'");
  });

  it("keeps scripts, connections and objects to this origin", () => {
    const policy = contentSecurityPolicy({ development: false });
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self' 'unsafe-inline';");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
  });
});
