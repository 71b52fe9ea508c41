/**
 * HTTP headers for every page of the dashboard (next.config.ts `headers()`). API paths are left
 * alone: the API sets its own, stricter ones for JSON and its reference page.
 *
 * The CSP allows inline scripts because Next's App Router bootstraps each page with inline
 * `<script>` tags (`self.__next_f.push(...)`); the alternative is a per-request nonce from the
 * proxy, which would also need every page to be rendered dynamically. Everything else is locked
 * to this origin: the browser only ever talks to it (the API is proxied), so `connect-src 'self'`
 * holds. `img-src https:` lets identity providers' profile pictures load. `unsafe-eval` is only
 * ever added for `next dev` (React's dev tooling needs it), never in a production build.
 */
export function contentSecurityPolicy(options: { development: boolean }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(options.development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

export function pageSecurityHeaders(options: { development: boolean }): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(options) },
    // For browsers that predate `frame-ancestors`.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "geolocation=(), microphone=(), camera=()" },
    // Browsers ignore it over plain http (local runs), and honour it once served over https.
    { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}
