import { DEVICE_ID_HEADER } from "./device-id";

/**
 * A fetch that sends `X-HKS-Device-Id` with every request. The platform binds a CLI session to
 * the device id it was created with; a request without it, or with another, is treated as coming
 * from a stolen token (401, and the session is revoked).
 */
export function fetchWithDeviceId(fetch: typeof globalThis.fetch, deviceId: string): typeof globalThis.fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(DEVICE_ID_HEADER, deviceId);
    return fetch(input, { ...init, headers });
  };
}
