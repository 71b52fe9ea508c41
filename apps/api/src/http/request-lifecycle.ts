import { AppError } from "@hks/contracts";
import { runWithRequestContext, type HttpMetrics } from "@hks/observability";
import type { FastifyInstance, FastifyRequest } from "fastify";

declare module "fastify" {
  interface FastifyRequest {
    timeoutTimer?: NodeJS.Timeout;
    /** Fields a route adds to its access-log line (the gateway: workspace, Kubernetes verb and path). */
    accessLogFields?: Record<string, unknown>;
  }
}

/**
 * The one access-log line of a request. Written from `onResponse`, or by a route that took its
 * connection over (an upgraded connection never finishes an HTTP response).
 */
export function writeAccessLog(request: FastifyRequest, statusCode: number, elapsedMs: number): void {
  request.log.info(
    {
      method: request.method,
      url: request.url.length > 512 ? `${request.url.slice(0, 512)}…` : request.url,
      route: request.routeOptions.url ?? "(unmatched)",
      statusCode,
      durationMs: Math.round(elapsedMs * 10) / 10,
      remoteAddress: request.ip,
      ...request.accessLogFields,
    },
    "request completed",
  );
}

/**
 * Per-request plumbing that every route shares:
 * - runs the rest of the request inside an async context carrying the request id, so every log
 *   line, however deep, names its request;
 * - echoes the request id in `x-request-id`;
 * - answers 503 TIMEOUT if a handler runs longer than the configured limit (the handler keeps
 *   running; its late reply is dropped);
 * - writes one access-log line and records Prometheus metrics labelled by route template (never by
 *   raw URL, which would let a client create unbounded series).
 */
export function installRequestLifecycle(
  app: FastifyInstance,
  options: { metrics: HttpMetrics; requestTimeoutMs: number },
): void {
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("x-request-id", request.id);
    request.timeoutTimer = setTimeout(() => {
      if (reply.sent) return;
      request.log.warn({ timeoutMs: options.requestTimeoutMs }, "request timed out");
      const error = new AppError("TIMEOUT", "The request took longer than the server allows");
      void reply.code(error.status).send(error.toEnvelope(request.id));
    }, options.requestTimeoutMs);
    request.timeoutTimer.unref();
    runWithRequestContext({ requestId: request.id }, done);
  });

  app.addHook("onResponse", (request, reply, done) => {
    clearTimeout(request.timeoutTimer);
    const route = request.routeOptions.url ?? "(unmatched)";
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    const seconds = reply.elapsedTime / 1000;
    options.metrics.requests.inc(labels);
    options.metrics.duration.observe(labels, seconds);
    writeAccessLog(request, reply.statusCode, reply.elapsedTime);
    done();
  });
}
