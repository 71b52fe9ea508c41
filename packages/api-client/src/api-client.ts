import type { z } from "zod";
import {
  AppError,
  errorEnvelopeSchema,
  livenessSchema,
  readinessSchema,
  versionInfoSchema,
} from "@hks/contracts";

export interface ApiClientOptions {
  /** Origin of the platform API, e.g. `http://127.0.0.1:8080`; empty string means same origin. */
  baseUrl: string;
  /** Supplies the `Authorization` header value for each request (the CLI); browsers use cookies. */
  getAuthorization?: () => Promise<string | undefined> | string | undefined;
  fetch?: typeof globalThis.fetch;
  /** Sent as `credentials` so the browser includes its session cookies. */
  credentials?: "include" | "same-origin" | "omit";
}

interface RequestOptions<T extends z.ZodType> {
  method?: string;
  path: string;
  body?: unknown;
  response: T;
  signal?: AbortSignal;
}

/**
 * A typed client built on the same Zod schemas the server validates with: responses are parsed,
 * so a contract drift fails loudly at the edge, and error envelopes are rebuilt into `AppError`.
 */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function request<T extends z.ZodType>(req: RequestOptions<T>): Promise<z.infer<T>> {
    const headers: Record<string, string> = { accept: "application/json" };
    const authorization = await options.getAuthorization?.();
    if (authorization) headers.authorization = authorization;
    if (req.body !== undefined) headers["content-type"] = "application/json";

    const response = await doFetch(`${options.baseUrl}${req.path}`, {
      method: req.method ?? "GET",
      headers,
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
    });
    const payload: unknown = await response.json().catch(() => undefined);

    if (!response.ok) {
      const envelope = errorEnvelopeSchema.safeParse(payload);
      if (envelope.success) throw AppError.fromEnvelope(envelope.data);
      throw new AppError(
        response.status >= 500 ? "SERVICE_UNAVAILABLE" : "BAD_REQUEST",
        `The platform answered HTTP ${response.status} without an error envelope`,
      );
    }
    return req.response.parse(payload);
  }

  return {
    request,
    health: (signal?: AbortSignal) =>
      request({ path: "/health", response: livenessSchema, ...(signal ? { signal } : {}) }),
    readiness: (signal?: AbortSignal) =>
      request({ path: "/readyz", response: readinessSchema, ...(signal ? { signal } : {}) }),
    version: (signal?: AbortSignal) =>
      request({ path: "/api/v1/version", response: versionInfoSchema, ...(signal ? { signal } : {}) }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
