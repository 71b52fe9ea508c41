import { CSRF_COOKIE } from "@hks/api-client";

/**
 * Cookie names the web app looks at. The session cookies themselves belong to the API:
 * `hks_at` (access token, httpOnly, path /), `hks_rt` (refresh token, httpOnly, path /auth only)
 * and `hks_csrf` (readable by scripts, lives as long as the refresh token). The web app never
 * reads a token; it only uses the CSRF cookie's presence as the sign that a refresh may succeed.
 */
export const sessionCookies = {
  csrf: CSRF_COOKIE,
  /**
   * Set by the resume page for a few seconds before it sends the browser back. If the gate still
   * finds no session while it is set, the refresh did not help and the gate goes to sign-in
   * instead of resuming again, so a refresh that "succeeds" without restoring the session can
   * never become a redirect loop. It holds no secret.
   */
  resumeAttempted: "hks_resume_attempted",
} as const;

export const RESUME_ATTEMPT_SECONDS = 20;
