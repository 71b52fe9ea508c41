import { NextResponse, type NextRequest } from "next/server";
import { fetchSessionUser } from "./fetch-session-user";
import { platformUnavailableResponse } from "./platform-unavailable-response";
import { RESUME_SESSION_PATH, resumeSessionUrl } from "./resume-session-url";
import { sessionCookies } from "./session-cookies";
import { signInUrl } from "./sign-in-url";

/** Pages anyone may see. Every other page needs a session, so a new page is protected by default. */
const publicPages = new Set(["/sign-in", RESUME_SESSION_PATH]);

/**
 * Decides, before anything renders, whether a page request may proceed. This runs in the proxy
 * rather than in the console layout because a layout neither re-runs on client-side navigation
 * nor stops its pages from rendering: a redirect from the layout still streamed the page's content
 * in the response body (the e2e suite checks for exactly that).
 *
 * Without a usable access token there are two ways on:
 * - the browser still holds a session that a refresh can renew (its `hks_csrf` cookie lives as
 *   long as the refresh token): 307 to `/session/resume?next=<path>`, which refreshes in the
 *   browser and comes back. The gate cannot refresh here itself: the refresh cookie is scoped to
 *   `/auth` and never reaches a page request, and refreshing in the browser keeps every use of the
 *   one-time refresh token in one place, serialized across tabs (see refresh-browser-session.ts);
 * - otherwise: 307 to `/sign-in?next=<path>`.
 *
 * If the API cannot answer, the gate fails closed: the visitor sees "the platform is not
 * responding" (HTTP 503) rather than a console page or a misleading sign-in.
 */
export async function gatePageRequest(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (publicPages.has(pathname)) return NextResponse.next();

  let signedIn: boolean;
  try {
    signedIn = (await fetchSessionUser(request.headers)) !== null;
  } catch (error) {
    console.error(`session check failed for ${pathname}: ${error instanceof Error ? error.message : String(error)}`);
    return platformUnavailableResponse();
  }
  if (signedIn) return NextResponse.next();

  // Client-side navigations add a cache-busting `_rsc` parameter the user never saw.
  const visible = new URLSearchParams(search);
  visible.delete("_rsc");
  const query = visible.toString();
  const returnPath = `${pathname}${query ? `?${query}` : ""}`;

  const mayResume = request.cookies.has(sessionCookies.csrf);
  const justResumed = request.cookies.has(sessionCookies.resumeAttempted);
  const target = mayResume && !justResumed ? resumeSessionUrl(returnPath) : signInUrl(returnPath, justResumed ? "session_expired" : undefined);
  return NextResponse.redirect(new URL(target, request.nextUrl.origin), 307);
}
