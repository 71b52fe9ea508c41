import { expect, test } from "@playwright/test";

test.describe("page security headers", () => {
  test("pages carry the CSP and hardening headers", async ({ request }) => {
    const response = await request.get("/sign-in");
    const headers = response.headers();

    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(headers).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "permissions-policy": "geolocation=(), microphone=(), camera=()",
      "strict-transport-security": "max-age=31536000; includeSubDomains",
    });
  });

  test("the policy does not block the app itself", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });

    await page.goto("/sign-in");
    // The footer's version comes from a client-side fetch, so it proves scripts ran and could connect.
    await expect(page.getByRole("contentinfo").getByRole("status")).toContainText("Platform v");
    expect(violations).toEqual([]);
  });

  test("API paths keep the API's own headers", async ({ request }) => {
    const response = await request.get("/health");
    expect(response.headers()["content-security-policy"] ?? "").not.toContain("unsafe-inline");
  });
});
