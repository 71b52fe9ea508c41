import { expect, type Page } from "@playwright/test";
import { devIdentityProvider, webOrigin } from "../e2e-stack";

export interface TestUser {
  name: string;
  email: string;
}

/**
 * Signs in the way a person does, from the sign-in page `page` is on: the provider's button on
 * the dashboard's sign-in page, then the user's button on the identity provider's own page. Real
 * redirects, real cookies; resolves once the browser is back on the web origin past sign-in.
 */
export async function signInThroughProvider(page: Page, user: TestUser): Promise<void> {
  await page.getByRole("link", { name: `Continue with ${devIdentityProvider.name}` }).click();
  await page.waitForURL((url) => url.origin === devIdentityProvider.issuer);
  await page.getByRole("button", { name: `Sign in as ${user.name}` }).click();
  await page.waitForURL((url) => url.origin === webOrigin && url.pathname !== "/sign-in" && !url.pathname.startsWith("/auth/"));
}

/** Opens sign-in, signs `user` in and waits for the dashboard to greet them. */
export async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.goto("/sign-in");
  await signInThroughProvider(page, user);
  await expect(page).toHaveURL(`${webOrigin}/dashboard`);
  await expect(page.getByRole("banner")).toContainText(user.name);
}
