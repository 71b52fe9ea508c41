import { createApiClient, readCookie, singleFlight } from "@hks/api-client";
import { sessionCookies } from "./session-cookies";

/** Refreshes go through a client without the refresh hook, so a failed refresh never refreshes. */
const refreshClient = createApiClient({ baseUrl: "", credentials: "same-origin" });

/** The Web Locks name every tab of this origin takes before spending the refresh token. */
const REFRESH_LOCK = "hks-session-refresh";

function currentCsrfCookie(): string | undefined {
  return readCookie(document.cookie, sessionCookies.csrf);
}

/**
 * Renews the session's cookies with `POST /auth/refresh` (the API rotates the refresh token and
 * re-issues the access token and the CSRF token as cookies; no token ever reaches JavaScript).
 * Resolves true when a request may be retried, false when the session is over.
 *
 * A refresh token works once, and the API answers a second use of it by revoking the session,
 * so no two refreshes with the same token may ever be in flight:
 * - within a tab, `singleFlight` makes concurrent callers share one refresh;
 * - across tabs, the Web Locks API serializes them. A tab that waited for the lock compares the
 *   CSRF cookie with the one it saw when it asked: if another tab renewed the session meanwhile
 *   (the refresh re-issues that cookie), it uses the new cookies instead of rotating again.
 *   Browsers without Web Locks (insecure contexts) fall back to per-tab serialization.
 */
export const refreshBrowserSession = singleFlight(async (): Promise<boolean> => {
  const csrfWhenAsked = currentCsrfCookie();
  // No CSRF cookie means no session cookies at all: the API cleared them or they expired.
  if (csrfWhenAsked === undefined) return false;

  const refreshUnlessAnotherTabDid = async (): Promise<boolean> => {
    const csrfNow = currentCsrfCookie();
    if (csrfNow === undefined) return false;
    if (csrfNow !== csrfWhenAsked) return true;
    return refreshClient.refreshSession();
  };

  const locks = "locks" in navigator ? navigator.locks : undefined;
  return locks ? locks.request(REFRESH_LOCK, refreshUnlessAnotherTabDid) : refreshUnlessAnotherTabDid();
});
