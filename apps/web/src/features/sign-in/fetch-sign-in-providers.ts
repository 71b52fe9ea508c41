import { serverApiClient } from "@/features/session/server-api-client";
import { isUsableProviderId, type SignInProvider } from "./sign-in-providers";

export type SignInProviders = { status: "available"; providers: SignInProvider[] } | { status: "unavailable" };

/**
 * The providers the platform is configured with (`GET /auth/providers`), fetched while rendering
 * so the page lists exactly those, with no flash and without JavaScript. An API failure is
 * reported as "unavailable" rather than thrown: the sign-in page must still render and explain.
 */
export async function fetchSignInProviders(incoming: Pick<Headers, "get">): Promise<SignInProviders> {
  try {
    const { providers } = await serverApiClient(incoming).providers();
    return { status: "available", providers: providers.filter((provider) => isUsableProviderId(provider.id)) };
  } catch (error) {
    console.error(`listing sign-in providers failed: ${error instanceof Error ? error.message : String(error)}`);
    return { status: "unavailable" };
  }
}
