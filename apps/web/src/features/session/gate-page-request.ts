import { NextResponse, type NextRequest } from "next/server";
import { fetchSessionUser } from "./fetch-session-user";
import { platformUnavailableResponse } from "./platform-unavailable-response";
import { signInUrl } from "./sign-in-url";

/** Pages anyone may see. Every other page needs a session, so a new page is protected by default. */
const publicPages = new Set(["/sign-in"]);

/**
 * Decides, before anything renders, whether a page request may proceed. This runs in the proxy
 * rather than in the console layout because a layout neither re-runs on client-side navigation
 * nor stops its pages from rendering: a redirect from the layout still streamed the page's content
 * in the response body (the e2e suite checks for exactly that). Here a signed-out visitor gets a
 * bare 307 to `/sign-in?next=<path>`, on full loads and client-side navigations alike.
 *
 * If the API cannot answer, the gate fails closed: the visitor sees "the platform is not
 * responding" (HTTP 503) rather than a console page or a misleading sign-in.
 */
export async function gatePageRequest(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;
  if (publicPages.has(pathname)) return NextResponse.next();

  let signedIn: boolean;
  try {
    signedIn = (await fetchSessionUser(request.headers.get("cookie"))) !== null;
  } catch (error) {
    console.error(`session check failed for ${pathname}: ${error instanceof Error ? error.message : String(error)}`);
    return platformUnavailableResponse();
  }
  if (signedIn) return NextResponse.next();

  // Client-side navigations add a cache-busting `_rsc` parameter the user never saw.
  const visible = new URLSearchParams(search);
  visible.delete("_rsc");
  const query = visible.toString();
  const target = new URL(signInUrl(`${pathname}${query ? `?${query}` : ""}`), request.nextUrl.origin);
  return NextResponse.redirect(target, 307);
}
