import { expect, test, type Page } from "@playwright/test";
import { devIdentityProvider, testUsers, webOrigin } from "./e2e-stack";
import { signIn, signInThroughProvider } from "./support/sign-in-through-provider";

// These tests sign Alice in again and again and one of them signs out all her other sessions, so
// they run one after another (in one worker) rather than in parallel with each other.
test.describe.configure({ mode: "default" });

const alice = testUsers.alice;

async function openSecurityPage(page: Page): Promise<void> {
  await page.getByRole("button", { name: /account menu/ }).click();
  await page.getByRole("link", { name: "Security and sessions" }).click();
  await expect(page).toHaveURL(`${webOrigin}/settings/security`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Security");
}

test.describe("signed in through the identity provider", () => {
  test("the dashboard shows who is signed in", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(`${webOrigin}/sign-in?next=%2Fdashboard`);

    await signInThroughProvider(page, alice);

    await expect(page).toHaveURL(`${webOrigin}/dashboard`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
    await expect(page.getByRole("banner")).toContainText("Alice Example");
    await expect(page.getByText("Welcome back, Alice.")).toBeVisible();
  });

  test("session tokens live only in httpOnly Secure cookies, out of reach of scripts", async ({ page, context }) => {
    await signIn(page, alice);

    // Chromium treats http://127.0.0.1 as potentially trustworthy, so it keeps `Secure` cookies.
    const cookies = Object.fromEntries((await context.cookies()).map((cookie) => [cookie.name, cookie]));
    expect(cookies.hks_at).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    expect(cookies.hks_rt).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/auth" });
    expect(cookies.hks_csrf).toMatchObject({ httpOnly: false, secure: true, sameSite: "Strict", path: "/" });
    expect(cookies.hks_device).toMatchObject({ httpOnly: true, secure: true });

    const seenByScripts = await page.evaluate(() => ({
      cookie: document.cookie,
      storage: [localStorage, sessionStorage].flatMap((storage) =>
        Object.keys(storage).map((key) => `${key}=${storage.getItem(key) ?? ""}`),
      ),
    }));
    expect(seenByScripts.cookie).toContain("hks_csrf=");
    expect(seenByScripts.cookie).not.toMatch(/hks_at=|hks_rt=|hks_device=/);
    const tokens = [cookies.hks_at?.value, cookies.hks_rt?.value].filter((value): value is string => Boolean(value));
    expect(tokens).toHaveLength(2);
    for (const entry of seenByScripts.storage) {
      for (const token of tokens) expect(entry).not.toContain(token);
      expect(entry).not.toMatch(/eyJ[\w-]+\.eyJ/); // nothing shaped like a JWT either
    }
  });

  test("the security page lists this device's session and the sign-in", async ({ page }) => {
    await signIn(page, alice);
    await openSecurityPage(page);

    const thisDevice = page.getByRole("list", { name: "Active sessions" }).getByRole("listitem").filter({ hasText: "This device" });
    await expect(thisDevice).toHaveCount(1);
    await expect(thisDevice).toContainText("Chrome");
    await expect(thisDevice).toContainText(`Signed in with ${devIdentityProvider.name}`);
    await expect(thisDevice).toContainText("Last active just now");
    await expect(thisDevice.getByRole("button")).toHaveCount(0);

    const events = page.getByRole("table", { name: "Security events, newest first" });
    const signInRow = events.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Signed in", exact: true }) });
    await expect(signInRow.first()).toContainText("Succeeded");
  });

  test("signing out all other sessions ends them at their next navigation", async ({ page, browser }) => {
    await signIn(page, alice);
    const otherContext = await browser.newContext();
    try {
      const otherPage = await otherContext.newPage();
      await signIn(otherPage, alice);

      await openSecurityPage(page);
      const sessions = page.getByRole("list", { name: "Active sessions" }).getByRole("listitem");
      await expect.poll(() => sessions.count()).toBeGreaterThanOrEqual(2);

      await page.getByRole("button", { name: "Sign out all other sessions" }).click();
      await expect(page.getByRole("status").filter({ hasText: /^Signed out of \d+ other sessions?\.$/ })).toBeVisible();
      await expect(sessions).toHaveCount(1);
      await expect(page.getByRole("button", { name: "Sign out all other sessions" })).toBeDisabled();

      await otherPage.goto("/dashboard");
      await expect(otherPage).toHaveURL(/\/sign-in\?next=%2Fdashboard/);
      await expect(otherPage.getByRole("main").getByRole("status")).toHaveText("Your session has ended. Please sign in again.");

      // The first browser is unaffected.
      await page.goto("/dashboard");
      await expect(page).toHaveURL(`${webOrigin}/dashboard`);
    } finally {
      await otherContext.close();
    }
  });

  test("signing out returns to sign-in and closes the console", async ({ page, context }) => {
    await signIn(page, alice);

    await page.getByRole("button", { name: /account menu/ }).click();
    await page.getByRole("button", { name: "Sign out" }).click();

    await expect(page).toHaveURL(`${webOrigin}/sign-in?error=signed_out`);
    await expect(page.getByRole("main").getByRole("status")).toHaveText("You have been signed out.");
    const remaining = (await context.cookies()).map((cookie) => cookie.name);
    expect(remaining).not.toContain("hks_at");
    expect(remaining).not.toContain("hks_rt");
    expect(remaining).not.toContain("hks_csrf");

    await page.goto("/dashboard");
    await expect(page).toHaveURL(`${webOrigin}/sign-in?next=%2Fdashboard`);
  });

  test("a deep link opened while signed out comes back after sign-in", async ({ page }) => {
    await page.goto("/settings/security");
    await expect(page).toHaveURL(`${webOrigin}/sign-in?next=%2Fsettings%2Fsecurity`);

    await signInThroughProvider(page, alice);

    await expect(page).toHaveURL(`${webOrigin}/settings/security`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Security");
  });

  test("an expired access token is renewed on the way to a page, without a new sign-in", async ({ page, context }) => {
    await signIn(page, alice);
    const refreshes: number[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/auth/refresh") refreshes.push(Date.now());
    });

    // What the browser does when the 15-minute cookie expires: it stops sending it.
    await context.clearCookies({ name: "hks_at" });
    await page.goto("/settings/security");

    await expect(page).toHaveURL(`${webOrigin}/settings/security`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Security");
    await expect(page.getByRole("list", { name: "Active sessions" }).getByText("This device")).toBeVisible();
    expect(refreshes).toHaveLength(1);
    expect((await context.cookies()).map((cookie) => cookie.name)).toContain("hks_at");
  });

  test("API calls that find the access token expired at the same moment share one refresh", async ({ page }) => {
    await signIn(page, alice);

    // The security page's two session queries go out together. Answer the first try of each as the
    // API answers an expired access token; everything after that (the refresh, the retries) is real.
    const expiredAnswers: string[] = [];
    await page.route(/\/auth\/(sessions|security-logs)(\?|$)/, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (expiredAnswers.includes(path)) return route.continue();
      expiredAnswers.push(path);
      return route.fulfill({
        status: 401,
        json: { error: { code: "UNAUTHENTICATED", message: "The access token is invalid or expired", requestId: "e2e" } },
      });
    });
    const refreshes: number[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname === "/auth/refresh") refreshes.push(response.status());
    });

    await openSecurityPage(page);

    await expect(page.getByRole("list", { name: "Active sessions" }).getByText("This device")).toBeVisible();
    await expect(page.getByRole("table", { name: "Security events, newest first" })).toBeVisible();
    expect(expiredAnswers.sort()).toEqual(["/auth/security-logs", "/auth/sessions"]);
    expect(refreshes).toEqual([204]);

    // The session survived: a second use of the same refresh token would have revoked it.
    await page.goto("/dashboard");
    await expect(page).toHaveURL(`${webOrigin}/dashboard`);
  });
});
