import { expect, test } from "@playwright/test";
import { webOrigin } from "./e2e-stack";

// Nobody is signed in here: the API answers `/auth/me` without a session, which the console
// treats as signed out (401, or 404 until the identity module adds the route).
test.describe("console for a signed-out visitor", () => {
  test("redirects /dashboard to sign-in, remembering where to return", async ({ page }) => {
    await page.goto("/dashboard");

    await expect(page).toHaveURL(`${webOrigin}/sign-in?next=%2Fdashboard`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Hexabase KaaS");
    await expect(page.getByRole("link", { name: "Continue with Google" })).toHaveAttribute(
      "href",
      "/auth/login/google?next=%2Fdashboard",
    );
  });

  test("answers with an HTTP redirect before sending any console markup", async ({ request }) => {
    const response = await request.get("/workspaces?status=running", { maxRedirects: 0 });

    expect(response.status()).toBe(307);
    expect(new URL(response.headers().location ?? "", webOrigin).href).toBe(
      `${webOrigin}/sign-in?next=%2Fworkspaces%3Fstatus%3Drunning`,
    );
    expect(await response.text()).not.toContain("Workspaces");
  });

  test("sends / to the dashboard, and from there to sign-in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(`${webOrigin}/sign-in?next=%2Fdashboard`);
  });
});
