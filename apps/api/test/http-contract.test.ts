import { errorEnvelopeSchema } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicAccess } from "../src/http/route-access";
import { buildTestServer } from "../src/testing/embedded-server";

describe("HTTP contract: envelopes, limits and request ids", () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await buildTestServer({ env: { HKS_BODY_LIMIT_BYTES: "1024", HKS_REQUEST_TIMEOUT_MS: "200" }, beforeReady: (app) => {
      app.post("/test/echo", { config: { access: publicAccess("test route") } }, async (request) => ({ body: request.body }));
      app.get("/test/slow", { config: { access: publicAccess("test route") } }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 600));
        return { late: true };
      });
      app.get("/test/crash", { config: { access: publicAccess("test route") } }, async () => {
        throw new Error("secret internal detail: password=hunter2 at db.ts:42");
      });
    } }));
  });
  afterAll(async () => close());

  it("serves /health as liveness", async () => {
    const response = await app.inject({ method: "GET", url: "/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "ok", version: "0.1.0" });
  });

  it("answers an unknown route with a 404 envelope", async () => {
    const response = await app.inject({ method: "GET", url: "/no/such/route?x=1" });
    expect(response.statusCode).toBe(404);
    const body = errorEnvelopeSchema.parse(response.json());
    expect(body.error.code).toBe("NOT_FOUND");
    expect(body.error.message).toBe("No route GET /no/such/route");
    expect(body.error.requestId).toBe(response.headers["x-request-id"]);
  });

  it("answers malformed JSON with a 400 envelope that names the problem", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/test/echo",
      headers: { "content-type": "application/json" },
      payload: '{"name": "a",}',
    });
    expect(response.statusCode).toBe(400);
    const body = errorEnvelopeSchema.parse(response.json());
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.message).toMatch(/^The request body is not valid JSON: .*position/);
  });

  it("refuses prototype-poisoning keys", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/test/echo",
      headers: { "content-type": "application/json" },
      payload: '{"__proto__": {"admin": true}}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain("forbidden prototype property");
  });

  it("answers an empty JSON body with 400", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/test/echo",
      headers: { "content-type": "application/json" },
      payload: "",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("BAD_REQUEST");
  });

  it("answers a body over the limit with 413", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/test/echo",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ blob: "x".repeat(2048) }),
    });
    expect(response.statusCode).toBe(413);
    expect(errorEnvelopeSchema.parse(response.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers an unsupported content type with 415", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/test/echo",
      headers: { "content-type": "application/x-unknown" },
      payload: "abc",
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("accepts a well-formed body", async () => {
    const response = await app.inject({ method: "POST", url: "/test/echo", payload: { ok: true } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ body: { ok: true } });
  });

  it("hides internals of an unexpected error behind a 500 envelope", async () => {
    const response = await app.inject({ method: "GET", url: "/test/crash" });
    expect(response.statusCode).toBe(500);
    expect(response.json().error).toMatchObject({ code: "INTERNAL", message: "An unexpected error occurred" });
    expect(response.body).not.toContain("hunter2");
    expect(response.body).not.toContain("db.ts");
    // The process keeps serving.
    expect((await app.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
  });

  it("answers 503 TIMEOUT when a handler exceeds the request time limit", async () => {
    const response = await app.inject({ method: "GET", url: "/test/slow" });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe("TIMEOUT");
  });

  it("keeps a well-formed caller request id and replaces a malformed one", async () => {
    const kept = await app.inject({ method: "GET", url: "/health", headers: { "x-request-id": "trace-abc-12345" } });
    expect(kept.headers["x-request-id"]).toBe("trace-abc-12345");
    const replaced = await app.inject({ method: "GET", url: "/nope", headers: { "x-request-id": "<script>alert(1)</script>" } });
    expect(replaced.headers["x-request-id"]).toMatch(/^req_[0-9a-f]{32}$/);
    expect(replaced.json().error.requestId).toBe(replaced.headers["x-request-id"]);
  });

  it("exposes request counts and latency by route template on /metrics", async () => {
    await app.inject({ method: "GET", url: "/health" });
    await app.inject({ method: "GET", url: "/definitely/not/here" });
    const response = await app.inject({ method: "GET", url: "/metrics" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/plain");
    expect(response.body).toMatch(/hks_http_requests_total\{method="GET",route="\/health",status_code="200"\} \d+/);
    expect(response.body).toContain('route="(unmatched)"');
    expect(response.body).not.toContain("/definitely/not/here");
    expect(response.body).toMatch(/hks_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health"/);
  });

  it("reports embedded readiness with the database checked", async () => {
    const response = await app.inject({ method: "GET", url: "/readyz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: "ready",
      checks: { database: { status: "ok" }, redis: { status: "not_configured" }, nats: { status: "not_configured" }, events: { status: "not_configured" } },
    });
  });

  it("serves the platform version", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/version" });
    expect(response.json()).toEqual({ version: "0.1.0", apiVersion: "v1" });
  });

  it("serves a browsable API docs page", async () => {
    const response = await app.inject({ method: "GET", url: "/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("swagger-ui");
  });
});
