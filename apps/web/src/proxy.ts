import type { NextRequest } from "next/server";
import { gatePageRequest } from "./features/session/gate-page-request";

/** Runs before any page renders: the session gate (see gate-page-request.ts). */
export function proxy(request: NextRequest) {
  return gatePageRequest(request);
}

export const config = {
  // Pages only. API paths are proxied to the platform API untouched (the API authenticates them,
  // and matching them here would make Next buffer their request bodies); assets need no session.
  matcher: [
    "/((?!api/|auth/|\\.well-known/|docs/|docs$|health$|readyz$|openapi\\.json$|_next/static/|_next/image|favicon\\.ico$|icon\\.svg$).*)",
  ],
};
