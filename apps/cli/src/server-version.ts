import { createApiClient } from "@hks/api-client";
import { AppError } from "@hks/contracts";
import { ZodError } from "zod";
import { describeNetworkFailure } from "./network-failure";

export type ServerVersionReport =
  | { url: string; status: "ok"; version: string; apiVersion: string }
  | { url: string; status: "unreachable"; reason: string }
  | { url: string; status: "error"; code: string; message: string; requestId?: string }
  | { url: string; status: "incompatible"; reason: string };

/**
 * Asks the platform for its version and reports every outcome as data: `hks version` must still
 * answer (with the CLI's own version) when the server is down, misconfigured or not a platform.
 * Only unexpected errors (bugs) are thrown.
 */
export async function probeServerVersion(options: {
  apiUrl: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
}): Promise<ServerVersionReport> {
  const url = options.apiUrl;
  const client = createApiClient({ baseUrl: url, fetch: options.fetch });
  try {
    const info = await client.version(AbortSignal.timeout(options.timeoutMs));
    return { url, status: "ok", version: info.version, apiVersion: info.apiVersion };
  } catch (error) {
    const networkFailure = describeNetworkFailure(error);
    if (networkFailure) return { url, status: "unreachable", reason: networkFailure };
    if (error instanceof AppError) {
      const requestId = "requestId" in error && typeof error.requestId === "string" ? error.requestId : undefined;
      return { url, status: "error", code: error.code, message: error.message, ...(requestId ? { requestId } : {}) };
    }
    if (error instanceof ZodError) {
      return { url, status: "incompatible", reason: "the answer to /api/v1/version is not a platform version" };
    }
    throw error;
  }
}
