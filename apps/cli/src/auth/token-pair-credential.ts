import type { TokenPairResponse } from "@hks/contracts";
import type { StoredCredential } from "../config/config-schema";

/**
 * What to store from a token response. `expires_in` is relative, so counting it from when the
 * request was sent gives an expiry on this machine's clock that is never later than the real one,
 * whatever the clock skew; the refresh expiry (absolute only) is moved by the same skew.
 */
export function credentialFromTokenPair(pair: TokenPairResponse, requestedAtMs: number): StoredCredential {
  const expiresAtMs = requestedAtMs + pair.expires_in * 1000;
  const skewMs = Date.parse(pair.expires_at) - expiresAtMs;
  return {
    accessToken: pair.access_token,
    expiresAt: new Date(expiresAtMs).toISOString(),
    refreshToken: pair.refresh_token,
    refreshExpiresAt: new Date(Date.parse(pair.refresh_expires_at) - skewMs).toISOString(),
  };
}

/** Milliseconds the access token has left at `nowMs` (negative once expired). */
export function accessTokenRemainingMs(credential: StoredCredential, nowMs: number): number {
  return Date.parse(credential.expiresAt) - nowMs;
}

export function refreshTokenExpired(credential: StoredCredential, nowMs: number): boolean {
  return Date.parse(credential.refreshExpiresAt) <= nowMs;
}
