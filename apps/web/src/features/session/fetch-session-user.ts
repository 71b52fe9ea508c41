import { AppError } from "@hks/contracts";
import { createApiClient } from "@hks/api-client";
import { readApiOrigin } from "@/config/api-origin";
import { sessionUserSchema, type SessionUser } from "./session-user";

/** Codes `/auth/me` answers with when there is no usable session (404 until issue 4 adds the route). */
const SIGNED_OUT_CODES = new Set(["UNAUTHENTICATED", "NOT_FOUND"]);

/**
 * Asks the API who owns the session in `cookieHeader` (the browser's `Cookie` header, forwarded
 * as is). Returns null when signed out; any other failure (API down, 5xx, a response that breaks
 * the contract) throws, so callers never mistake an outage for "signed out".
 */
export async function fetchSessionUser(cookieHeader: string | null): Promise<SessionUser | null> {
  const api = createApiClient({
    baseUrl: readApiOrigin(),
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      if (cookieHeader) headers.set("cookie", cookieHeader);
      return fetch(input, { ...init, headers, cache: "no-store", redirect: "manual" });
    },
  });
  try {
    return await api.request({ path: "/auth/me", response: sessionUserSchema });
  } catch (error) {
    if (error instanceof AppError && SIGNED_OUT_CODES.has(error.code)) return null;
    throw error;
  }
}
