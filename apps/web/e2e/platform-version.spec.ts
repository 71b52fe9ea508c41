import { expect, test } from "@playwright/test";
import { versionInfoSchema } from "@hks/contracts";
import { apiOrigin, webOrigin } from "./e2e-stack";

test("the footer shows the version the running API reports, fetched through the web origin", async ({ page, request }) => {
  // Asked of the API directly, so the expectation does not depend on the web app at all.
  const reported = versionInfoSchema.parse(await (await request.get(`${apiOrigin}/api/v1/version`)).json());

  const versionRequest = page.waitForResponse((response) => response.url() === `${webOrigin}/api/v1/version`);
  await page.goto("/sign-in");
  expect((await versionRequest).status()).toBe(200);

  const footer = page.getByRole("contentinfo");
  await expect(footer.getByRole("status")).toHaveText(`Platform v${reported.version} · API ${reported.apiVersion}`);
});
