import type { BackingServices } from "@hks/backing-services";
import type { Config } from "@hks/config";
import { createSecretBox, resolveMasterKey } from "@hks/encryption";
import type { Logger } from "@hks/observability";
import { createIdentity, type Identity } from "./auth/identity";

export interface PlatformServices {
  identity: Identity;
}

/**
 * Builds the platform's domain services on top of the backing services. Shared by the API and
 * the worker processes, so both run the same code against the same state.
 */
export async function createPlatformServices(config: Config, logger: Logger, services: Pick<BackingServices, "database" | "cache">): Promise<PlatformServices> {
  const masterKey = resolveMasterKey({ configured: config.auth.masterKey, env: config.env, stateDir: config.stateDir });
  if (masterKey.source === "state-dir") {
    logger.warn({ file: `${config.stateDir}/master.key` }, "HKS_MASTER_KEY is not set; using a generated key kept in the state directory (development only)");
  }
  const identity = createIdentity({
    config,
    db: services.database.db,
    cache: services.cache,
    secretBox: createSecretBox(masterKey.key),
    masterKey: masterKey.key,
    // Organization memberships arrive with the tenancy module; until then nobody belongs to one.
    organizationsOf: async () => [],
  });
  await identity.keys.ensureCurrent();
  return { identity };
}
