/** The cookie the API sets for the double-submit CSRF check; the only session cookie scripts can read. */
export const CSRF_COOKIE = "hks_csrf";

/** The header that echoes `CSRF_COOKIE` on cookie-authenticated writes. */
export const CSRF_HEADER = "x-csrf-token";

/** One cookie's value from a `document.cookie`-style string (`a=1; b=2`), or undefined. */
export function readCookie(cookieString: string, name: string): string | undefined {
  const prefix = `${name}=`;
  for (const entry of cookieString.split(";")) {
    const trimmed = entry.trim();
    if (!trimmed.startsWith(prefix)) continue;
    const raw = trimmed.slice(prefix.length);
    try {
      return decodeURIComponent(raw);
    } catch {
      // Not percent-encoded by us; use it as it is rather than failing the request.
      return raw;
    }
  }
  return undefined;
}
