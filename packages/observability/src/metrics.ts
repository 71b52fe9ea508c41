import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * One registry per process (not prom-client's global one), so tests can build several servers in
 * one process without metric-name collisions.
 */
export function createMetricsRegistry(options: { prefix: string; defaultMetrics?: boolean }): Registry {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: options.prefix });
  return registry;
}

export interface HttpMetrics {
  requests: Counter<"method" | "route" | "status_code">;
  duration: Histogram<"method" | "route" | "status_code">;
}

export function createHttpMetrics(registry: Registry): HttpMetrics {
  return {
    requests: new Counter({
      name: "hks_http_requests_total",
      help: "HTTP requests served, by route template and status code",
      labelNames: ["method", "route", "status_code"] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: "hks_http_request_duration_seconds",
      help: "HTTP request latency, by route template and status code",
      labelNames: ["method", "route", "status_code"] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
