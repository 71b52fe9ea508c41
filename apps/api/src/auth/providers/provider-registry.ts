import type { ProviderSettings } from "@hks/config";
import { createGitHubIdentityProvider } from "./github-identity-provider";
import type { IdentityProvider } from "./identity-provider";
import { createOidcIdentityProvider } from "./oidc-identity-provider";

/** The configured sign-in providers, by id. */
export function createProviderRegistry(settings: ProviderSettings[], env: "development" | "test" | "production") {
  const providers = new Map<string, IdentityProvider>();
  for (const setting of settings) {
    if (providers.has(setting.id)) throw new Error(`two sign-in providers share the id "${setting.id}"`);
    providers.set(setting.id, setting.kind === "github" ? createGitHubIdentityProvider(setting, env) : createOidcIdentityProvider(setting, env));
  }
  return {
    get: (id: string): IdentityProvider | undefined => providers.get(id),
    list: (): IdentityProvider[] => [...providers.values()],
  };
}

export type ProviderRegistry = ReturnType<typeof createProviderRegistry>;
