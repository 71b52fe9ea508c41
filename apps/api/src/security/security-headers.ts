import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

/**
 * Response headers of §6.1, set on every API response by helmet.
 *
 * Two deliberate departures from the specification's example, both toward safety:
 * - The API serves JSON, not pages, so its Content-Security-Policy is `default-src 'none';
 *   frame-ancestors 'none'` instead of the page policy with 'unsafe-inline'/'unsafe-eval' (the
 *   dashboard sets its own page policy). The /docs page relaxes it just enough for Swagger UI.
 * - `X-XSS-Protection: 0` rather than `1; mode=block`: browsers removed the XSS auditor, and
 *   where it still exists OWASP advises disabling it because it can be abused to leak data.
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { "default-src": ["'none'"], "frame-ancestors": ["'none'"], "base-uri": ["'none'"], "form-action": ["'self'"] },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true, preload: false },
    xFrameOptions: { action: "deny" },
    xContentTypeOptions: true,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    xXssProtection: true,
    crossOriginResourcePolicy: { policy: "same-origin" },
    crossOriginOpenerPolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", async (request, reply) => {
    reply.header("permissions-policy", "geolocation=(), microphone=(), camera=()");
    if (request.url.startsWith("/docs")) {
      reply.header(
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
      );
    }
  });
}
