import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import cookie from "@fastify/cookie";
import { createHttpMetrics } from "@hks/observability";
import { installAuthentication } from "./auth/authenticate";
import { installAuthorization } from "./authorization/authorization-hook";
import { registerRoutes } from "./register-routes";
import type { ApiDependencies } from "./dependencies";
import { installDrainOnClose } from "./http/drain-on-close";
import { enforceDeclaredAccess } from "./http/enforce-declared-access";
import { installErrorHandling } from "./http/error-handler";
import { installJsonBodyParser } from "./http/json-body-parser";
import { installOpenApi } from "./http/openapi";
import { requestIdFor } from "./http/request-id";
import { installRequestLifecycle } from "./http/request-lifecycle";
import { installWebSockets } from "./http/websockets";
import { installOriginPolicy } from "./security/origin-policy";
import { installRateLimits } from "./security/rate-limits";
import { installSecurityHeaders } from "./security/security-headers";

/**
 * Builds the HTTP server from its dependencies without listening, so tests drive it with
 * `app.inject()` (and may add routes before it is ready) and `main.ts` decides where it listens.
 */
export async function buildServer(deps: ApiDependencies): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Our own access-log line (request-lifecycle) replaces Fastify's two lines per request, and
    // the request id reaches logs through the async context, so no per-request child binding.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: (logger) => logger,
    genReqId: requestIdFor,
    bodyLimit: config.http.bodyLimitBytes,
    // Bounds how long a client may take to send its request (slow-loris); handler time is
    // bounded separately in request-lifecycle.
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.requestTimeoutMs * 2,
    keepAliveTimeout: 72_000,
    return503OnClosing: true,
    forceCloseConnections: "idle",
    // Only listed proxies may set X-Forwarded-For; otherwise any client could pick its own IP
    // (and with it, its rate-limit bucket).
    trustProxy: config.http.trustedProxies.length > 0 ? config.http.trustedProxies : false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  enforceDeclaredAccess(app);
  installErrorHandling(app);
  installJsonBodyParser(app);
  installDrainOnClose(app);
  installRequestLifecycle(app, {
    metrics: createHttpMetrics(deps.metrics),
    requestTimeoutMs: config.http.requestTimeoutMs,
  });
  // Before any hook that may refuse a request: its own onRequest hook marks upgrade requests, so
  // that a refused upgrade's socket is closed after the error response.
  await installWebSockets(app);
  await installSecurityHeaders(app);
  await installOriginPolicy(app, { allowedOrigins: config.auth.corsOrigins, throttledAudit: deps.identity.throttledAudit });
  await app.register(cookie);
  installAuthentication(app, deps.identity.authenticationDeps);
  installAuthorization(app, deps.tenancy.authorizer);
  await installRateLimits(app, { cache: deps.cache, limits: config.auth.rateLimitsPerMinute, throttledAudit: deps.identity.throttledAudit });
  await installOpenApi(app);

  registerRoutes(app, deps);

  return app;
}
