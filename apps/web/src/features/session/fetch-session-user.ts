import { AppError, type SessionUser } from "@hks/contracts";
import { serverApiClient } from "./server-api-client";

/**
 * Asks the API who owns the session of the browser request `incoming` (`GET /auth/me`, speaking
 * as that browser). Returns null when signed out; any other failure (API down, 5xx, a response
 * that breaks the contract) throws, so callers never mistake an outage for "signed out".
 */
export async function fetchSessionUser(incoming: Pick<Headers, "get">): Promise<SessionUser | null> {
  try {
    return await serverApiClient(incoming).me();
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") return null;
    throw error;
  }
}
