import { cache } from "react";
import { headers } from "next/headers";
import type { SessionUser } from "@hks/contracts";
import { fetchSessionUser } from "./fetch-session-user";

/**
 * The signed-in user for the request being rendered, or null. Memoized per request with
 * `cache()`, so the layout and its pages share one API round trip.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  return fetchSessionUser(await headers());
});
