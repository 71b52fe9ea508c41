import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { apiOrigin, devIdentityProvider, webOrigin } from "./e2e/e2e-stack";

const webDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webDir, "../..");
const isCI = Boolean(process.env.CI);

/**
 * A fresh, empty state directory for the API on every run, so tests see a newly installed platform.
 * Playwright loads this file in the runner and again in each worker; the runner creates the
 * directory and passes it on through the environment, and removes it when it exits (after the
 * servers have been stopped).
 */
function apiStateDir(): string {
  const inherited = process.env.HKS_E2E_STATE_DIR;
  if (inherited) return inherited;
  const dir = mkdtempSync(path.join(tmpdir(), "hks-e2e-"));
  process.env.HKS_E2E_STATE_DIR = dir;
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The platform signs in through the development OIDC provider, as an administrator would configure any OIDC issuer. */
const oidcProviders = JSON.stringify([
  {
    id: devIdentityProvider.id,
    name: devIdentityProvider.name,
    issuer: devIdentityProvider.issuer,
    clientId: devIdentityProvider.clientId,
    clientSecret: devIdentityProvider.clientSecret,
  },
]);

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  forbidOnly: isCI,
  retries: 0,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: webOrigin,
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium, never a browser downloaded by the test tool (see docs/web.md).
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // The real stack: a real OIDC provider, the API in embedded mode and the web app as a production build.
  webServer: [
    {
      name: "idp",
      command: [
        "node --import tsx tools/dev-idp/src/cli.ts",
        `--port ${new URL(devIdentityProvider.issuer).port}`,
        `--client-id ${devIdentityProvider.clientId} --client-secret ${devIdentityProvider.clientSecret}`,
        `--redirect-uri ${webOrigin}/auth/callback/${devIdentityProvider.id}`,
      ].join(" "),
      cwd: repoRoot,
      url: `${devIdentityProvider.issuer}/.well-known/openid-configuration`,
      env: { HKS_ENV: "test" },
      reuseExistingServer: !isCI,
      timeout: 60_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "api",
      command: "npx tsx apps/api/src/main.ts",
      cwd: repoRoot,
      url: `${apiOrigin}/health`,
      env: {
        HKS_HOST: new URL(apiOrigin).hostname,
        HKS_PORT: new URL(apiOrigin).port,
        HKS_STATE_DIR: apiStateDir(),
        HKS_LOG_LEVEL: "warn",
        HKS_ENV: "test",
        // The browser reaches the API through the web origin, so that is the platform's public URL
        // (OAuth callbacks, the post-sign-in redirect, the allowed Origin).
        HKS_PUBLIC_URL: webOrigin,
        HKS_AUTH_OIDC_PROVIDERS: oidcProviders,
        // Every sign-in costs two requests of the login class (start and callback), all from
        // 127.0.0.1; the suite signs in more often in a minute than the production limit of 10
        // allows. The limit itself is tested in the API's own suite.
        HKS_RATE_LIMIT_LOGIN_PER_MINUTE: "120",
      },
      reuseExistingServer: !isCI,
      timeout: 180_000,
      // SIGTERM lets the API drain and close its embedded database before the directory is removed.
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    },
    {
      name: "web",
      // The production build, not `next dev`: what users get, and rewrites are baked in at build time.
      command: `npx next build && npx next start -p ${new URL(webOrigin).port} -H ${new URL(webOrigin).hostname}`,
      cwd: webDir,
      url: `${webOrigin}/sign-in`,
      env: { HKS_API_ORIGIN: apiOrigin, NEXT_TELEMETRY_DISABLED: "1" },
      reuseExistingServer: !isCI,
      // `next build` takes a couple of minutes on a 2-core machine.
      timeout: 600_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
  ],
});
