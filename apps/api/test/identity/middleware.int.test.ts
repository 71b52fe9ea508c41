import { schema } from "@hks/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestServer, type TestServer } from "../../src/testing/embedded-server";
import { auditTypes, PUBLIC_URL, startTestbed, type Testbed } from "./testbed";

describe("rate limits, security headers and CORS (§6, §7)", () => {
  let testbed: Testbed;
  let secondReplica: TestServer;
  const defaults = {
    HKS_RATE_LIMIT_LOGIN_PER_MINUTE: "10",
    HKS_RATE_LIMIT_REFRESH_PER_MINUTE: "30",
    HKS_RATE_LIMIT_WRITE_PER_MINUTE: "100",
    HKS_RATE_LIMIT_READ_PER_MINUTE: "1000",
  };

  beforeAll(async () => {
    testbed = await startTestbed(defaults);
    // A second API replica on the same database and Redis, as behind a load balancer.
    secondReplica = await buildTestServer({
      database: testbed.database,
      cache: testbed.server.deps.cache,
      env: testbed.env,
    });
  });
  afterAll(async () => {
    await secondReplica.close();
    await testbed.close();
  });

  it("allows 10 sign-in attempts a minute per address and answers the 11th with 429 and Retry-After", async () => {
    const attempt = () => testbed.app.inject({ method: "GET", url: "/auth/login/dev", remoteAddress: "192.0.2.11" });
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push((await attempt()).statusCode);
    expect(statuses).toEqual(Array(10).fill(302));
    const eleventh = await attempt();
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error.code).toBe("RATE_LIMITED");
    expect(Number(eleventh.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(eleventh.headers["retry-after"])).toBeLessThanOrEqual(60);
    // Another address is unaffected.
    expect((await testbed.app.inject({ method: "GET", url: "/auth/login/dev", remoteAddress: "192.0.2.12" })).statusCode).toBe(302);
    const audited = await testbed.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.type, "security.rate_limited"));
    expect(audited.some((row) => row.ipAddress === "192.0.2.11" && row.errorCode === "RATE_LIMITED_LOGIN")).toBe(true);
  });

  it("counts one budget across API replicas (the limit lives in Redis)", async () => {
    const address = "192.0.2.21";
    const replicas = [testbed.app, secondReplica.app];
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await replicas[i % 2]!.inject({ method: "GET", url: "/auth/login/dev", remoteAddress: address })).statusCode);
    }
    expect(statuses.filter((status) => status === 302)).toHaveLength(10);
    expect(statuses.at(-1)).toBe(429);
  });

  it("limits refreshes to 30 a minute per address", async () => {
    const statuses = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await testbed.app.inject({ method: "POST", url: "/auth/refresh", remoteAddress: "192.0.2.31" })).statusCode);
    }
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("does not rate-limit health probes", async () => {
    for (let i = 0; i < 15; i++) await testbed.app.inject({ method: "GET", url: "/auth/login/dev", remoteAddress: "192.0.2.41" });
    expect((await testbed.app.inject({ method: "GET", url: "/health", remoteAddress: "192.0.2.41" })).statusCode).toBe(200);
  });

  it("sets the security headers of §6.1 on every response", async () => {
    for (const url of ["/health", "/no/such/route", "/.well-known/jwks.json"]) {
      const headers = (await testbed.app.inject({ method: "GET", url })).headers;
      expect(headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["x-xss-protection"]).toBe("0");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"]).toBe("geolocation=(), microphone=(), camera=()");
      expect(headers["content-security-policy"]).toContain("default-src 'none'");
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    }
  });

  it("answers a preflight from the allowed origin with credentials allowed", async () => {
    const response = await testbed.app.inject({
      method: "OPTIONS",
      url: "/auth/sessions/revoke-all",
      headers: { origin: PUBLIC_URL, "access-control-request-method": "POST", "access-control-request-headers": "x-csrf-token,content-type" },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers["access-control-allow-origin"]).toBe(PUBLIC_URL);
    expect(response.headers["access-control-allow-credentials"]).toBe("true");
    expect(String(response.headers["access-control-allow-headers"]).toLowerCase()).toContain("x-csrf-token");
    expect(response.headers["access-control-max-age"]).toBe("86400");
  });

  it("refuses requests from a disallowed origin and audits them", async () => {
    const preflight = await testbed.app.inject({
      method: "OPTIONS",
      url: "/auth/sessions/revoke-all",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.statusCode).toBe(403);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    const post = await testbed.app.inject({ method: "POST", url: "/auth/logout", headers: { origin: "https://evil.example" } });
    expect(post.statusCode).toBe(403);
    expect(post.json().error.code).toBe("FORBIDDEN");
    expect(await auditTypes(testbed)).toContain("security.origin_rejected");
  });
});
