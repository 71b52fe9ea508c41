import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { apiOrigin, webOrigin } from "./e2e/e2e-stack";

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
  // The real stack: the API in embedded mode and the web app as a production build.
  webServer: [
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
