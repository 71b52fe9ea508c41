import { AppError } from "@hks/contracts";
import { loadConfigFile, saveConfigFile, withConfigFileLock } from "../config/config-file";
import type { StoredCredential } from "../config/config-schema";
import { refreshTokenPair } from "./auth-endpoints";
import { NotSignedInError } from "./not-signed-in-error";
import { signInFrom, withCredential, withoutCredential, type SignIn } from "./session-store";
import { accessTokenRemainingMs, credentialFromTokenPair, refreshTokenExpired } from "./token-pair-credential";

/** Where the tokens are and how to reach the platform that issued them. */
export interface AccessTokenSource {
  configFile: string;
  apiUrl: string;
  fetch: typeof globalThis.fetch;
}

/**
 * Refresh when less than this is left, so a token cannot expire between being handed out and
 * reaching the server (or while kubectl holds it, for the credential plugin).
 */
export const MIN_ACCESS_TOKEN_VALIDITY_MS = 60_000;

/**
 * The stored sign-in with an access token valid for at least `minValidityMs`, refreshing first
 * if needed. Used by every authenticated command, `hks auth token`, and (later) the kubeconfig
 * exec plugin. Throws NotSignedInError when only a new `hks login` can help.
 */
export async function getValidAccessToken(
  source: AccessTokenSource,
  options: { minValidityMs?: number } = {},
): Promise<SignIn> {
  const minValidityMs = options.minValidityMs ?? MIN_ACCESS_TOKEN_VALIDITY_MS;
  const freshEnough = (credential: StoredCredential) => accessTokenRemainingMs(credential, Date.now()) >= minValidityMs;

  const stored = signInFrom(await loadConfigFile(source.configFile), source.apiUrl);
  if (!stored) throw new NotSignedInError(source.apiUrl);
  if (freshEnough(stored.credential)) return stored;
  return refreshStoredCredential(source, freshEnough);
}

/**
 * The platform refused `rejectedAccessToken` (401) although it looked valid: refresh once. If
 * another request or process has already replaced that token, its replacement is used instead of
 * spending the refresh token again.
 */
export async function refreshAfterRejection(source: AccessTokenSource, rejectedAccessToken: string): Promise<SignIn> {
  return refreshStoredCredential(
    source,
    (credential) => credential.accessToken !== rejectedAccessToken && accessTokenRemainingMs(credential, Date.now()) > 0,
  );
}

/**
 * Refresh tokens are single-use and presenting a spent one revokes the whole session, so two
 * refreshes must never race: this holds the config file's lock (shared by every hks process)
 * across read, refresh and write. After waiting for the lock it re-reads the file, because the
 * previous holder has usually just refreshed; `isGoodEnough` decides whether that result will do.
 * The new pair is written (atomically) before anything uses it, so a crash afterwards cannot
 * leave only the dead refresh token on disk.
 */
async function refreshStoredCredential(
  source: AccessTokenSource,
  isGoodEnough: (credential: StoredCredential) => boolean,
): Promise<SignIn> {
  return withConfigFileLock(source.configFile, async () => {
    const config = await loadConfigFile(source.configFile);
    const current = signInFrom(config, source.apiUrl);
    if (!current) throw new NotSignedInError(source.apiUrl);
    if (isGoodEnough(current.credential)) return current;

    const forget = () => saveConfigFile(source.configFile, withoutCredential(config, source.apiUrl));
    if (refreshTokenExpired(current.credential, Date.now())) {
      await forget();
      throw new NotSignedInError(source.apiUrl, "the session has expired");
    }

    const requestedAtMs = Date.now();
    let credential: StoredCredential;
    try {
      const pair = await refreshTokenPair(
        { apiUrl: source.apiUrl, deviceId: current.deviceId, fetch: source.fetch },
        current.credential.refreshToken,
      );
      credential = credentialFromTokenPair(pair, requestedAtMs);
    } catch (error) {
      // 401: the session is over (idle or absolute timeout, revoked, signed out elsewhere). The
      // stored tokens are worthless; remove them so the next command says so without a request.
      // Anything else (network, 429, 5xx) leaves them: the refresh token may still be good.
      if (error instanceof AppError && error.code === "UNAUTHENTICATED") {
        await forget();
        throw new NotSignedInError(source.apiUrl, "the session has ended", { cause: error });
      }
      throw error;
    }
    await saveConfigFile(source.configFile, withCredential(config, source.apiUrl, credential));
    return { ...current, credential };
  });
}
