import type { z } from "zod";
import type { authProviderSchema } from "@hks/contracts";

/** A sign-in provider as `GET /auth/providers` lists it. */
export type SignInProvider = z.infer<typeof authProviderSchema>;

/** Which mark to draw beside a provider's name: the three well-known ones, or a generic key. */
export type ProviderLogoKind = "google" | "github" | "gitlab" | "generic";

/** The API's own rule for provider ids; anything else is not put into a URL. */
const PROVIDER_ID = /^[a-z][a-z0-9-]{1,30}$/;

export function isUsableProviderId(id: string): boolean {
  return PROVIDER_ID.test(id);
}

export function providerLogoKind(provider: Pick<SignInProvider, "id" | "kind">): ProviderLogoKind {
  if (provider.id === "google") return "google";
  // GitHub Enterprise instances are configured as kind "github" under another id.
  if (provider.id === "github" || provider.kind === "github") return "github";
  if (provider.id === "gitlab") return "gitlab";
  return "generic";
}

/**
 * The API's login route for a provider. `redirect` is where the API's callback sends the browser
 * after sign-in; the API validates it again (only paths on the dashboard's origin).
 */
export function loginHref(providerId: string, returnPath: string | undefined): string {
  const base = `/auth/login/${encodeURIComponent(providerId)}`;
  return returnPath ? `${base}?${new URLSearchParams({ redirect: returnPath }).toString()}` : base;
}
