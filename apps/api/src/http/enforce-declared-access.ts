import type { FastifyInstance } from "fastify";

/** Routes added by third-party plugins (the API docs UI), which cannot carry our route config. */
const PLUGIN_ROUTE_PREFIXES = ["/docs"];

/**
 * Fails route registration (and so server start-up and every test that builds a server) when a
 * route does not declare its access. HEAD routes that Fastify derives from GET routes inherit the
 * GET route's config.
 */
export function enforceDeclaredAccess(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    if (PLUGIN_ROUTE_PREFIXES.some((prefix) => route.url.startsWith(prefix))) return;
    // @fastify/cors answers preflights on a catch-all OPTIONS route; a preflight carries no
    // credentials and runs no handler of ours.
    if (route.method === "OPTIONS" && route.url === "*") return;
    if (!route.config?.access) {
      const methods = Array.isArray(route.method) ? route.method.join(",") : route.method;
      throw new Error(`Route ${methods} ${route.url} does not declare config.access`);
    }
  });
}
