import { NextResponse } from "next/server";

/**
 * The gate's answer when the API cannot say who is signed in. A self-contained HTML page rather
 * than a rendered route, because it must carry HTTP 503 and `no-store` (a rewrite to a page would
 * answer 200 with a cacheable prerender at the console's URL). Client-side navigations that get
 * it fall back to a full page load, which shows this same page.
 */
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Platform unavailable · Hexabase KaaS</title>
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f8fafc; color: #0f172a;
    font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
  main { max-width: 28rem; padding: 1.5rem; text-align: center; }
  h1 { font-size: 1.5rem; letter-spacing: -0.01em; margin: 0 0 .5rem; }
  p { color: #475569; font-size: .875rem; line-height: 1.5; margin: 0 0 1.5rem; }
  a { display: inline-block; background: #4f46e5; color: #fff; font-weight: 600; font-size: .875rem;
    padding: .5rem 1rem; border-radius: .5rem; text-decoration: none; }
  a:hover { background: #4338ca; }
  a:focus-visible { outline: 2px solid #4f46e5; outline-offset: 2px; }
</style>
</head>
<body>
<main>
  <h1>The platform is not responding</h1>
  <p>We could not reach the platform API to check your session. This is usually temporary; try again in a moment.</p>
  <a href="">Try again</a>
</main>
</body>
</html>`;

export function platformUnavailableResponse(): NextResponse {
  return new NextResponse(html, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": "5" },
  });
}
