import { getValidAccessToken, refreshAfterRejection, type AccessTokenSource } from "./access-token";
import { fetchWithDeviceId } from "./device-id-fetch";
import { NotSignedInError } from "./not-signed-in-error";

/**
 * A fetch for calling the platform as the signed-in user: it sends the device id and a Bearer
 * token that has at least a minute left (refreshing first when needed). If the platform still
 * answers 401 (the token was revoked, or expired early), it refreshes once and retries once; a
 * second 401 means the session is gone, reported as "not signed in — run `hks login`".
 *
 * Request bodies must be replayable (strings, as the API client sends), since a retry resends it.
 */
export function createAuthenticatedFetch(source: AccessTokenSource): typeof globalThis.fetch {
  return async (input, init) => {
    const send = (deviceId: string, accessToken: string) => {
      const headers = new Headers(init?.headers);
      headers.set("authorization", `Bearer ${accessToken}`);
      return fetchWithDeviceId(source.fetch, deviceId)(input, { ...init, headers });
    };

    const first = await getValidAccessToken(source);
    const response = await send(first.deviceId, first.credential.accessToken);
    if (response.status !== 401) return response;
    await response.body?.cancel();

    const refreshed = await refreshAfterRejection(source, first.credential.accessToken);
    const retried = await send(refreshed.deviceId, refreshed.credential.accessToken);
    if (retried.status !== 401) return retried;
    await retried.body?.cancel();
    throw new NotSignedInError(source.apiUrl, "the platform refused the session");
  };
}
