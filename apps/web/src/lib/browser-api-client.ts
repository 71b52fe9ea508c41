import { createApiClient } from "@hks/api-client";
import { refreshBrowserSession } from "@/features/session/refresh-browser-session";

/**
 * The API client for code running in the browser. `baseUrl: ""` keeps every call on the web
 * origin (which proxies API paths), so the httpOnly session cookies are sent automatically and no
 * token ever needs to live in JavaScript or localStorage. Writes echo the `hks_csrf` cookie in
 * `X-CSRF-Token` (the client does that by itself in a browser).
 *
 * Access tokens live 15 minutes: a call answered UNAUTHENTICATED renews the session once
 * (single-flight, see refresh-browser-session.ts) and is retried. Do not use this client during
 * server rendering: a relative URL has no origin there (use `serverApiClient`).
 */
export const browserApiClient = createApiClient({
  baseUrl: "",
  credentials: "same-origin",
  onUnauthenticated: refreshBrowserSession,
});
