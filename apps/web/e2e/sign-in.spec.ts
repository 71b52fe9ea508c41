import { expect, test } from "@playwright/test";
import { devIdentityProvider } from "./e2e-stack";
import { findLowContrastText } from "./support/find-low-contrast-text";

// The stack is configured with exactly one provider (playwright.config.ts), and the page must
// list exactly what the API's `GET /auth/providers` reports.
const providers = [{ name: `Continue with ${devIdentityProvider.name}`, path: `/auth/login/${devIdentityProvider.id}` }];
const devProviderLink = `Continue with ${devIdentityProvider.name}`;

test.describe("sign-in page", () => {
  test("offers exactly the configured identity providers, as plain links to the API's login route", async ({ page }) => {
    await page.goto("/sign-in");

    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Hexabase KaaS");
    const methods = page.getByRole("list", { name: "Sign-in methods" }).getByRole("link");
    await expect(methods).toHaveCount(providers.length);
    for (const provider of providers) {
      await expect(page.getByRole("link", { name: provider.name })).toHaveAttribute("href", provider.path);
    }
  });

  test("meets basic accessibility expectations", async ({ page }) => {
    await page.goto("/sign-in");

    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page).toHaveTitle("Sign in · Hexabase KaaS");
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("contentinfo")).toHaveCount(1);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);

    const interactive = await page.getByRole("link").or(page.getByRole("button")).all();
    expect(interactive.length).toBeGreaterThanOrEqual(providers.length);
    for (const element of interactive) {
      await expect(element).toHaveAccessibleName(/\S/);
    }
    // Icons are decoration; anything else that draws must be named.
    await expect(page.locator("svg:not([aria-hidden='true']), img:not([alt])")).toHaveCount(0);

    expect(await findLowContrastText(page)).toEqual([]);
  });

  test("is usable from the keyboard with a visible focus ring", async ({ page }) => {
    await page.goto("/sign-in");

    await page.keyboard.press("Tab");
    const skipLink = page.getByRole("link", { name: "Skip to main content" });
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeVisible();

    await page.keyboard.press("Tab");
    const provider = page.getByRole("link", { name: devProviderLink });
    await expect(provider).toBeFocused();
    const outline = await provider.evaluate((element) => {
      const style = getComputedStyle(element);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe("none");
    expect(outline.width).toBeGreaterThanOrEqual(2);
  });

  test("carries a same-origin return path to the login links and drops any other", async ({ page }) => {
    await page.goto("/sign-in?next=%2Fworkspaces%3Fstatus%3Drunning");
    await expect(page.getByRole("link", { name: devProviderLink })).toHaveAttribute(
      "href",
      "/auth/login/dev?redirect=%2Fworkspaces%3Fstatus%3Drunning",
    );

    for (const hostile of ["//evil.example/", "/\\evil.example", "https://evil.example/"]) {
      await page.goto(`/sign-in?next=${encodeURIComponent(hostile)}`);
      await expect(page.getByRole("link", { name: devProviderLink })).toHaveAttribute("href", "/auth/login/dev");
    }
  });

  // Alerts are looked up inside `main`: Next's route announcer is an (empty) alert region too.
  test("explains a failed sign-in from the error code in the URL", async ({ page }) => {
    await page.goto("/sign-in?error=access_denied");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "Sign-in was cancelled or the provider denied access. Please try again.",
    );

    // An unknown code gets the generic message; the raw value is never shown.
    await page.goto(`/sign-in?error=${encodeURIComponent("Call +1-555-0100 to restore access")}`);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("We could not sign you in. Please try again.");
    await expect(page.getByText("555-0100")).toHaveCount(0);
  });

  test("tells a signed-out user so as a status, not as an error", async ({ page }) => {
    await page.goto("/sign-in?error=signed_out");
    await expect(page.getByRole("main").getByRole("status")).toHaveText("You have been signed out.");
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  });

  test("shows no error when none was reported", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  });
});
