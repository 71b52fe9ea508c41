import { compileErrors, validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildTestServer } from "../src/testing/embedded-server";

describe("OpenAPI document", () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, close } = await buildTestServer());
  });
  afterAll(async () => close());

  it("is a valid OpenAPI 3.1 document according to a validator", async () => {
    const response = await app.inject({ method: "GET", url: "/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(document));
    expect(result.valid ? "valid" : compileErrors(result)).toBe("valid");
    expect(result.warnings).toEqual([]);
  });

  it("describes the system routes with their response schemas", async () => {
    const document = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/health", "/readyz", "/api/v1/version", "/metrics"]));
    expect(document.paths["/api/v1/version"].get.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/VersionInfo",
    });
    expect(document.paths["/openapi.json"]).toBeUndefined();
    expect(Object.keys(document.paths).some((path: string) => path.startsWith("/docs"))).toBe(false);
  });
});

describe("the OpenAPI validator used above", () => {
  it("rejects a broken document, so the check above can fail", async () => {
    const broken = { openapi: "3.1.0", paths: { "/x": { get: { responses: { 200: { content: 7 } } } } } };
    const result = await validate(broken as never);
    expect(result.valid).toBe(false);
  });
});
