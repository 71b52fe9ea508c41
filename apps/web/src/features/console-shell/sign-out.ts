/**
 * Ends the session through the API. The session cookie is httpOnly, so only the API can clear
 * it; JavaScript proves the request is same-site by echoing the CSRF double-submit cookie.
 *
 * Provisional names: the identity module (issue 4) owns the cookie and header names. Until it
 * ships, the call answers 404 and the user menu reports that sign-out failed.
 */
const CSRF_COOKIE = "hks_csrf";
const CSRF_HEADER = "x-csrf-token";

function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  const match = document.cookie.split("; ").find((entry) => entry.startsWith(prefix));
  return match ? decodeURIComponent(match.slice(prefix.length)) : undefined;
}

/** Resolves true when the session is gone (signed out now, or it had already ended). */
export async function signOut(): Promise<boolean> {
  const csrf = readCookie(CSRF_COOKIE);
  const response = await fetch("/auth/logout", {
    method: "POST",
    credentials: "same-origin",
    headers: csrf ? { [CSRF_HEADER]: csrf } : {},
  });
  return response.ok || response.status === 401;
}
