import { z } from "zod";
import {
  AppError,
  authProvidersSchema,
  errorEnvelopeSchema,
  livenessSchema,
  readinessSchema,
  revokedCountSchema,
  securityEventPageSchema,
  sessionListSchema,
  sessionUserSchema,
  versionInfoSchema,
  type ErrorCode,
} from "@hks/contracts";
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from "./cookies";
import { tenancyEndpoints } from "./tenancy-endpoints";

export { CSRF_HEADER };

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Methods the API treats as writes: with cookie authentication they must carry the CSRF token. */
const UNSAFE_METHODS: ReadonlySet<HttpMethod> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface ApiClientOptions {
  /** Origin of the platform API, e.g. `http://127.0.0.1:8080`; empty string means same origin. */
  baseUrl: string;
  /** Supplies the `Authorization` header value for each request (the CLI); browsers use cookies. */
  getAuthorization?: () => Promise<string | undefined> | string | undefined;
  fetch?: typeof globalThis.fetch;
  /** Sent as `credentials` so the browser includes its session cookies. */
  credentials?: "include" | "same-origin" | "omit";
  /**
   * Headers sent with every request. Server-side callers use it to speak for the browser (its
   * `cookie`, `user-agent` and `x-forwarded-for`), so the API sees the same client either way.
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * The CSRF double-submit token echoed in `X-CSRF-Token` on writes. Read anew for every attempt,
   * because a refresh re-issues it. Defaults to the `hks_csrf` cookie when running in a browser,
   * and to none elsewhere (servers and the CLI have no ambient cookies to protect).
   */
  csrfToken?: () => string | undefined;
  /**
   * Called when a request fails with UNAUTHENTICATED (the access token expired or was dropped).
   * Resolve true once fresh credentials are in place and the request is sent again, once; resolve
   * false to let the error through. Many requests can fail at the same moment, so the hook must
   * be single-flight (see `singleFlight`): a refresh token works once, and a second concurrent use
   * of it makes the API revoke the whole session.
   */
  onUnauthenticated?: () => Promise<boolean>;
}

export interface RequestOptions<T extends z.ZodType> {
  method?: HttpMethod;
  path: string;
  query?: Readonly<Record<string, string | number | undefined>>;
  body?: unknown;
  /** Headers for this request only; they override the client's. */
  headers?: Readonly<Record<string, string>>;
  /** Parses the response body; a 204 or empty body parses as `undefined` (use `noContent`). */
  response: T;
  signal?: AbortSignal;
  /** False for requests that must never trigger `onUnauthenticated` (the refresh itself, sign-out). */
  refreshOnUnauthenticated?: boolean;
}

/** The response schema of endpoints that answer 204 No Content. */
export const noContent = z.undefined();

/** An `AppError` from this client, with the HTTP status the server actually answered. */
export type ApiError = AppError & { httpStatus: number; requestId?: string };

export function isApiError(error: unknown): error is ApiError {
  return error instanceof AppError && typeof (error as Partial<ApiError>).httpStatus === "number";
}

/** The code for an error response that carries no envelope (a proxy's page, an empty body). */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return "UNAUTHENTICATED";
    case 403:
      return "FORBIDDEN";
    case 404:
      return "NOT_FOUND";
    case 405:
      return "METHOD_NOT_ALLOWED";
    case 409:
      return "CONFLICT";
    case 412:
      return "PRECONDITION_FAILED";
    case 413:
      return "PAYLOAD_TOO_LARGE";
    case 415:
      return "UNSUPPORTED_MEDIA_TYPE";
    case 429:
      return "RATE_LIMITED";
    default:
      // A 5xx without an envelope comes from something in front of the API (gateway, proxy).
      return status >= 500 ? "SERVICE_UNAVAILABLE" : "BAD_REQUEST";
  }
}

function errorFromResponse(status: number, payload: unknown): ApiError {
  const envelope = errorEnvelopeSchema.safeParse(payload);
  if (envelope.success) return Object.assign(AppError.fromEnvelope(envelope.data), { httpStatus: status });
  return Object.assign(new AppError(codeForStatus(status), `The platform answered HTTP ${status} without an error envelope`), {
    httpStatus: status,
  });
}

/** The body as JSON, or undefined when it is empty (204) or not JSON (an HTML error page). */
async function readPayload(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text().catch(() => "");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Typed without the DOM library: this package also runs in Node (the CLI, the web server). */
function browserCsrfToken(): string | undefined {
  const browserDocument = (globalThis as { document?: { cookie?: string } }).document;
  return browserDocument?.cookie === undefined ? undefined : readCookie(browserDocument.cookie, CSRF_COOKIE);
}

function withQuery(path: string, query: RequestOptions<z.ZodType>["query"]): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const encoded = params.toString();
  return encoded ? `${path}${path.includes("?") ? "&" : "?"}${encoded}` : path;
}

/**
 * A typed client built on the same Zod schemas the server validates with: responses are parsed,
 * so a contract drift fails loudly at the edge, and error envelopes are rebuilt into `AppError`.
 */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const csrfToken = options.csrfToken ?? browserCsrfToken;

  async function send<T extends z.ZodType>(req: RequestOptions<T>): Promise<z.infer<T>> {
    const method = req.method ?? "GET";
    // `Headers` compares names case-insensitively, so a caller's header replaces ours, never doubles it.
    const headers = new Headers({ accept: "application/json" });
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    const authorization = await options.getAuthorization?.();
    if (authorization) headers.set("authorization", authorization);
    if (UNSAFE_METHODS.has(method)) {
      const token = csrfToken();
      if (token) headers.set(CSRF_HEADER, token);
    }
    if (req.body !== undefined) headers.set("content-type", "application/json");
    for (const [name, value] of Object.entries(req.headers ?? {})) headers.set(name, value);

    const response = await doFetch(`${options.baseUrl}${withQuery(req.path, req.query)}`, {
      method,
      headers,
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    });
    const payload = await readPayload(response);
    if (!response.ok) throw errorFromResponse(response.status, payload);
    return req.response.parse(payload);
  }

  async function request<T extends z.ZodType>(req: RequestOptions<T>): Promise<z.infer<T>> {
    try {
      return await send(req);
    } catch (error) {
      const mayRefresh = options.onUnauthenticated && req.refreshOnUnauthenticated !== false;
      if (!mayRefresh || !(error instanceof AppError) || error.code !== "UNAUTHENTICATED") throw error;
      if (!(await options.onUnauthenticated?.())) throw error;
      // Once: if the fresh credentials are refused too, the session is over.
      return send(req);
    }
  }

  const signalOnly = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

  return {
    request,
    health: (signal?: AbortSignal) => request({ path: "/health", response: livenessSchema, ...signalOnly(signal) }),
    readiness: (signal?: AbortSignal) => request({ path: "/readyz", response: readinessSchema, ...signalOnly(signal) }),
    version: (signal?: AbortSignal) => request({ path: "/api/v1/version", response: versionInfoSchema, ...signalOnly(signal) }),

    /** The sign-in providers this platform offers. */
    providers: (signal?: AbortSignal) => request({ path: "/auth/providers", response: authProvidersSchema, ...signalOnly(signal) }),
    /** The signed-in user; UNAUTHENTICATED when there is no usable session. */
    me: (signal?: AbortSignal) => request({ path: "/auth/me", response: sessionUserSchema, ...signalOnly(signal) }),
    /** The caller's active sessions, the current one marked. */
    sessions: (signal?: AbortSignal) => request({ path: "/auth/sessions", response: sessionListSchema, ...signalOnly(signal) }),
    /** Ends one of the caller's sessions (its own included). */
    revokeSession: (sessionId: string) =>
      request({ method: "DELETE", path: `/auth/sessions/${encodeURIComponent(sessionId)}`, response: noContent }),
    /** Ends every session of the caller except the current one; resolves to how many ended. */
    revokeOtherSessions: async () =>
      (await request({ method: "POST", path: "/auth/sessions/revoke-all", response: revokedCountSchema })).revoked,
    /** One page of the caller's security events, newest first; pass the previous page's `nextCursor`. */
    securityLogs: (cursor?: string | null, pageOptions: { limit?: number; signal?: AbortSignal } = {}) =>
      request({
        path: "/auth/security-logs",
        query: { limit: pageOptions.limit, cursor: cursor ?? undefined },
        response: securityEventPageSchema,
        ...signalOnly(pageOptions.signal),
      }),
    /**
     * Ends the current session. Works with an expired access token (the API falls back to the
     * refresh cookie), so it never tries a refresh first.
     */
    logout: () => request({ method: "POST", path: "/auth/logout", response: noContent, refreshOnUnauthenticated: false }),
    /**
     * Cookie mode: trades the refresh cookie for new session cookies (204; no token in the body).
     * Resolves false when the session cannot be renewed (UNAUTHENTICATED, or FORBIDDEN when the
     * CSRF cookie does not belong to it); other failures (API down, rate limit) throw.
     */
    refreshSession: async (): Promise<boolean> => {
      try {
        await request({ method: "POST", path: "/auth/refresh", response: noContent, refreshOnUnauthenticated: false });
        return true;
      } catch (error) {
        if (error instanceof AppError && (error.code === "UNAUTHENTICATED" || error.code === "FORBIDDEN")) return false;
        throw error;
      }
    },

    ...tenancyEndpoints(request),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
