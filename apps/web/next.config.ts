import type { NextConfig } from "next";
import { readApiOrigin } from "./src/config/api-origin";
import { pageSecurityHeaders } from "./src/config/page-security-headers";

const apiOrigin = readApiOrigin();

/**
 * Paths the platform API owns. The browser only ever talks to the web origin, which forwards these
 * to the API, so session cookies, the CSRF double-submit cookie and OAuth callbacks all live on
 * ONE origin and no CORS is needed.
 */
const apiPathPatterns = [
  "/api/:path*",
  "/auth/:path*",
  "/.well-known/:path*",
  "/health",
  "/readyz",
  "/openapi.json",
  "/docs/:path*",
];

/**
 * Every path except the API's (they answer with the API's own security headers). Next matches
 * `source` with path-to-regexp; the negative lookahead mirrors the list above.
 */
const pagePathPattern = "/:path((?!api/|auth/|\\.well-known/|health$|readyz$|openapi\\.json$|docs/|docs$).*)";

const nextConfig: NextConfig = {
  // Internal packages publish TypeScript source, so Next must compile them.
  transpilePackages: ["@hks/contracts", "@hks/api-client"],
  // Lets the server check at start that it runs with the origin the rewrites were built for.
  env: { HKS_BUILT_API_ORIGIN: apiOrigin },
  // Don't advertise the framework to scanners.
  poweredByHeader: false,
  async headers() {
    return [{ source: pagePathPattern, headers: pageSecurityHeaders({ development: process.env.NODE_ENV === "development" }) }];
  },
  async redirects() {
    // The console's home; a temporary redirect so `/` can become a real page later.
    return [{ source: "/", destination: "/dashboard", permanent: false }];
  },
  async rewrites() {
    // `beforeFiles` so no page can ever shadow an API path.
    return {
      beforeFiles: apiPathPatterns.map((source) => ({ source, destination: `${apiOrigin}${source}` })),
      afterFiles: [],
      fallback: [],
    };
  },
};

export default nextConfig;
