import { expect, test } from "@playwright/test";
import { devIdentityProvider, webOrigin } from "./e2e-stack";

// Nobody is signed in here: the API answers `/auth/me` with 401, and the browser holds no session
// cookie a refresh could use, so the gate goes straight to sign-in.
test.describe("console for a signed-out visitor", () => {
  test("redirects /dashboard to sign-in, remembering where to return", async ({ page }) => {
    await page.goto("/dashboard");

    await expect(page).toHaveURL(`${webOrigin}/sign-in?next=%2Fdashboard`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Hexabase KaaS");
    await expect(page.getByRole("link", { name: `Continue with ${devIdentityProvider.name}` })).toHaveAttribute(
      "href",
      "/auth/login/dev?redirect=%2Fdashboard",
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
