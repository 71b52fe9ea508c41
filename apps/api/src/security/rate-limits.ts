import rateLimit from "@fastify/rate-limit";
import type { Cache } from "@hks/cache";
import { AppError } from "@hks/contracts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ThrottledAudit } from "./throttled-audit";

export type RateLimitClass = "login" | "refresh" | "write" | "read" | "kube";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Overrides the class derived from the method (login and refresh endpoints set it). */
    rateLimitClass?: RateLimitClass;
  }
}

const WINDOW_MS = 60_000;
/** Probes hit these every few seconds from one address; limiting them would fail health checks. */
const UNLIMITED_PATHS = new Set(["/health", "/readyz"]);

function classOf(request: FastifyRequest): RateLimitClass {
  return request.routeOptions.config.rateLimitClass ?? (request.method === "GET" || request.method === "HEAD" ? "read" : "write");
}

/**
 * Rate limits of §7.1 as fixed one-minute windows in the shared cache (Redis), so every API replica
 * counts against the same budget: sign-in per client address, refresh per address, reads and
 * writes per signed-in user (per address before sign-in), Kubernetes gateway requests per user in
 * a class of their own (kubectl is chattier than a person). Over the limit: 429 with Retry-After,
 * and the first refusal in a window is audited.
 */
export async function installRateLimits(
  app: FastifyInstance,
  deps: { cache: Cache; limits: Record<RateLimitClass, number>; throttledAudit: ThrottledAudit },
): Promise<void> {
  class CacheStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void): void {
      deps.cache.increment(`rate:${key}`, { ttlMs: WINDOW_MS }).then(
        (result) => callback(null, { current: result.count, ttl: result.ttlMs }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }
    child(): CacheStore {
      return this;
    }
  }

  await app.register(rateLimit, {
    global: true,
    hook: "preHandler",
    timeWindow: WINDOW_MS,
    store: CacheStore,
    // A cache outage must not take the API down with it; limits resume when it is back.
    skipOnError: true,
    max: (request) => deps.limits[classOf(request)],
    keyGenerator: (request) => {
      const rateClass = classOf(request);
      const userId = request.actor?.userId ?? request.kubeCaller?.userId;
      const subject = rateClass !== "login" && rateClass !== "refresh" && userId ? `user:${userId}` : `ip:${request.ip}`;
      return `${rateClass}:${subject}`;
    },
    allowList: (request) => UNLIMITED_PATHS.has(request.routeOptions.url ?? ""),
    addHeadersOnExceeding: { "x-ratelimit-limit": true, "x-ratelimit-remaining": true, "x-ratelimit-reset": true },
    addHeaders: { "x-ratelimit-limit": true, "x-ratelimit-remaining": true, "x-ratelimit-reset": true, "retry-after": true },
    onExceeded: (request, key) => {
      void deps.throttledAudit(key, { ipAddress: request.ip, userAgent: request.headers["user-agent"] ?? null, requestId: request.id }, {
        type: "security.rate_limited",
        success: false,
        actorUserId: request.actor?.userId ?? null,
        errorCode: `RATE_LIMITED_${classOf(request).toUpperCase()}`,
        metadata: { path: request.routeOptions.url ?? null },
      });
    },
    errorResponseBuilder: (_request, context) => {
      const error = new AppError("RATE_LIMITED", `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`);
      return Object.assign(error, { statusCode: 429 });
    },
  });
}
