import { AppError } from "@hks/contracts";
import { browserApiClient } from "@/lib/browser-api-client";
import { signInUrl } from "./sign-in-url";

/**
 * Ends the session through the API (`POST /auth/logout`, with the CSRF token) and leaves the
 * console. The session cookies are httpOnly, so only the API can clear them. UNAUTHENTICATED
 * means the session had already ended, which is what the user asked for. Any other failure
 * rejects, so the caller can say sign-out failed instead of pretending it worked.
 */
export async function signOut(): Promise<void> {
  try {
    await browserApiClient.logout();
  } catch (error) {
    if (!(error instanceof AppError && error.code === "UNAUTHENTICATED")) throw error;
  }
  // A full page load, so no console data stays in memory or in the router's cache.
  window.location.assign(signInUrl(undefined, "signed_out"));
}
