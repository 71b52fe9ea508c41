import { createApiClient } from "@hks/api-client";
import {
  authProvidersSchema,
  sessionUserSchema,
  tokenPairSchema,
  type SessionUser,
  type TokenPairResponse,
} from "@hks/contracts";
import { z } from "zod";
import { fetchWithDeviceId } from "./device-id-fetch";

/**
 * No auth call may hang the CLI (a refresh holds the config file's lock while it runs, and the
 * lock is considered abandoned after a minute).
 */
const AUTH_REQUEST_TIMEOUT_MS = 15_000;

export type AuthProvider = z.infer<typeof authProvidersSchema>["providers"][number];

interface Endpoint {
  apiUrl: string;
  fetch: typeof globalThis.fetch;
}

interface DeviceEndpoint extends Endpoint {
  deviceId: string;
}

const timeout = () => AbortSignal.timeout(AUTH_REQUEST_TIMEOUT_MS);

/** `GET /auth/providers`: public, before anyone is signed in. */
export async function listAuthProviders(endpoint: Endpoint): Promise<AuthProvider[]> {
  const client = createApiClient({ baseUrl: endpoint.apiUrl, fetch: endpoint.fetch });
  const { providers } = await client.request({ path: "/auth/providers", response: authProvidersSchema, signal: timeout() });
  return providers;
}

/** `POST /auth/token`: redeems the one-time code from the loopback redirect with the PKCE verifier. */
export async function redeemAuthorizationCode(
  endpoint: DeviceEndpoint,
  grant: { code: string; codeVerifier: string; redirectUri: string },
): Promise<TokenPairResponse> {
  return deviceClient(endpoint).request({
    method: "POST",
    path: "/auth/token",
    body: { grant_type: "authorization_code", code: grant.code, code_verifier: grant.codeVerifier, redirect_uri: grant.redirectUri },
    response: tokenPairSchema,
    signal: timeout(),
  });
}

/** `POST /auth/refresh`: the presented refresh token is dead afterwards, whatever happens next. */
export async function refreshTokenPair(endpoint: DeviceEndpoint, refreshToken: string): Promise<TokenPairResponse> {
  return deviceClient(endpoint).request({
    method: "POST",
    path: "/auth/refresh",
    body: { refresh_token: refreshToken },
    response: tokenPairSchema,
    signal: timeout(),
  });
}

/**
 * `POST /auth/logout`: revokes the session. The access token is sent too while it is valid, so
 * the platform also puts it on its revocation list at once.
 */
export async function revokeSession(
  endpoint: DeviceEndpoint,
  tokens: { refreshToken: string; accessToken: string | undefined },
): Promise<void> {
  const client = createApiClient({
    baseUrl: endpoint.apiUrl,
    fetch: fetchWithDeviceId(endpoint.fetch, endpoint.deviceId),
    getAuthorization: () => (tokens.accessToken ? `Bearer ${tokens.accessToken}` : undefined),
  });
  // 204 No Content: there is no body to validate.
  await client.request({ method: "POST", path: "/auth/logout", body: { refresh_token: tokens.refreshToken }, response: z.unknown(), signal: timeout() });
}

/** `GET /auth/me` with a fetch that authenticates (see createAuthenticatedFetch). */
export async function fetchCurrentUser(endpoint: Endpoint): Promise<SessionUser> {
  const client = createApiClient({ baseUrl: endpoint.apiUrl, fetch: endpoint.fetch });
  return client.request({ path: "/auth/me", response: sessionUserSchema, signal: timeout() });
}

function deviceClient(endpoint: DeviceEndpoint) {
  return createApiClient({ baseUrl: endpoint.apiUrl, fetch: fetchWithDeviceId(endpoint.fetch, endpoint.deviceId) });
}
