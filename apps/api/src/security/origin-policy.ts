import cors from "@fastify/cors";
import { AppError } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ThrottledAudit } from "./throttled-audit";

/**
 * The strict CORS allowlist of §6.2. A browser request from any other origin is refused outright
 * (403, audited) instead of merely lacking CORS headers: a cross-site form post carries no CORS
 * preflight, and refusing it here means no handler ever runs for it. Requests without an Origin
 * header (the CLI, kubectl, same-origin navigations) are not browser cross-origin requests and
 * pass.
 */
export async function installOriginPolicy(app: FastifyInstance, deps: { allowedOrigins: string[]; throttledAudit: ThrottledAudit }): Promise<void> {
  const allowed = new Set(deps.allowedOrigins);

  app.addHook("onRequest", async (request) => {
    const origin = request.headers.origin;
    if (origin === undefined || allowed.has(origin)) return;
    await deps.throttledAudit(`${request.ip}:${origin}`, { ipAddress: request.ip, userAgent: request.headers["user-agent"] ?? null, requestId: request.id }, {
      type: "security.origin_rejected",
      success: false,
      errorCode: "ORIGIN_NOT_ALLOWED",
      metadata: { origin: origin.slice(0, 200), method: request.method, path: request.url.split("?")[0]?.slice(0, 200) },
    });
    throw new AppError("FORBIDDEN", "Requests from this origin are not allowed");
  });

  await app.register(cors, {
    origin: [...allowed],
    credentials: true,
    methods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    allowedHeaders: ["Authorization", "Content-Type", "X-Requested-With", "X-CSRF-Token", "X-HKS-Device-Id", "If-Match", "X-Request-Id"],
    exposedHeaders: ["X-Request-Id", "ETag", "Retry-After"],
    maxAge: 86_400,
    strictPreflight: true,
  });
}
