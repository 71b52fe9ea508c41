import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` (pure logic and in-process adapters, no services) and `integration`
 * (`*.int.test.ts`, against the real PostgreSQL, Redis, NATS and Kubernetes binaries that
 * `scripts/test.sh` starts). End-to-end browser tests run under Playwright, not here.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["apps/**/*.test.ts", "packages/**/*.test.ts", "tools/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**", "**/.next/**"],
          environment: "node",
          // PGlite's in-memory initdb takes seconds on a busy 2-core machine.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["apps/**/*.int.test.ts", "packages/**/*.int.test.ts", "tools/**/*.int.test.ts"],
          exclude: ["**/node_modules/**", "apps/web/**"],
          environment: "node",
          globalSetup: ["./vitest.global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
