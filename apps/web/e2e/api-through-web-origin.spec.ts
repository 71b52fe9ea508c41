import { expect, test } from "@playwright/test";
import { errorEnvelopeSchema, livenessSchema } from "@hks/contracts";

// The browser talks to one origin; these paths must reach the API unchanged (status, body, headers).
test.describe("API paths on the web origin", () => {
  test("/health answers 200 with the API's liveness JSON", async ({ request }) => {
    const response = await request.get("/health");

    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(response.headers()["x-request-id"]).toMatch(/\S/);
    expect(livenessSchema.parse(await response.json()).status).toBe("ok");
  });

  test("/openapi.json is the API's OpenAPI 3.1 document", async ({ request }) => {
    const response = await request.get("/openapi.json");

    expect(response.status()).toBe(200);
    const document = (await response.json()) as { openapi?: string; paths?: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(document.paths ?? {})).toContain("/api/v1/version");
  });

  test("an unknown API path gets the API's error envelope, not the web app's 404 page", async ({ request }) => {
    const response = await request.get("/api/v1/no-such-route");

    expect(response.status()).toBe(404);
    const envelope = errorEnvelopeSchema.parse(await response.json());
    expect(envelope.error.code).toBe("NOT_FOUND");
  });
});
