/**
 * Plain-language names for the API's security event types (`auth.*`, `security.*`). An unknown
 * type (a newer API) shows as it is rather than being hidden: this page is a security record.
 */
const labels: Record<string, string> = {
  "auth.login.started": "Sign-in started",
  "auth.login.succeeded": "Signed in",
  "auth.login.failed": "Sign-in failed",
  "auth.logout": "Signed out",
  "auth.session.created": "Session started",
  "auth.session.revoked": "Session signed out",
  "auth.session.evicted": "Session ended by a newer sign-in",
  "auth.session.expired": "Session expired",
  "auth.token.issued": "Access granted",
  "auth.token.refreshed": "Session renewed",
  "security.csrf_rejected": "Request blocked: missing or wrong CSRF token",
  "security.fingerprint_mismatch": "Session ended: used from another device",
  "security.oauth_state_invalid": "Sign-in blocked: invalid sign-in state",
  "security.origin_rejected": "Request blocked: untrusted website",
  "security.rate_limited": "Too many requests",
  "security.refresh_token_invalid": "Invalid session renewal",
  "security.refresh_token_reused": "Session ended: renewal token reused",
  "security.token_invalid": "Invalid access token presented",
  "security.token_revoked": "Revoked access token presented",
};

export function securityEventLabel(type: string): string {
  return Object.hasOwn(labels, type) ? (labels[type] ?? type) : type;
}
