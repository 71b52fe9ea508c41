import { createApiClient } from "@hks/api-client";

/**
 * The API client for code running in the browser. `baseUrl: ""` keeps every call on the web
 * origin (which proxies API paths), so the httpOnly session cookie is sent automatically and no
 * token ever needs to live in JavaScript or localStorage. Do not use it during server rendering:
 * a relative URL has no origin there.
 */
export const browserApiClient = createApiClient({ baseUrl: "", credentials: "same-origin" });
