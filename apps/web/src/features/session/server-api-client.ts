import { createApiClient, type ApiClient } from "@hks/api-client";
import { readApiOrigin } from "@/config/api-origin";
import { forwardedClientHeaders } from "./forwarded-client-headers";

/**
 * An API client for server code acting for the browser whose request is `incoming`: it talks to
 * the API directly (not through the web origin) and speaks as that browser (see
 * forwarded-client-headers.ts). Never cached: answers depend on the session.
 */
export function serverApiClient(incoming: Pick<Headers, "get">): ApiClient {
  return createApiClient({
    baseUrl: readApiOrigin(),
    headers: forwardedClientHeaders(incoming),
    fetch: (input, init) => fetch(input, { ...init, cache: "no-store", redirect: "manual" }),
  });
}
