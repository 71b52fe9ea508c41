import { prepareTemplateDatabase } from "@hks/db/testing";
import { ensureKubeBinaries } from "@hks/kube-local";

/**
 * Runs once before the integration project: migrates the template every test database is cloned
 * from, and makes sure the Kubernetes binaries exist (a no-op once built; `npm test` builds them
 * first with progress output, so this only matters for a direct `vitest run`).
 */
export default async function setup(): Promise<void> {
  await Promise.all([prepareTemplateDatabase(), ensureKubeBinaries()]);
}
