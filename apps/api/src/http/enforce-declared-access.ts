import type { FastifyInstance } from "fastify";
import type { RouteAccess } from "./route-access";

/** One row of the API's route table: what the generated tenant-isolation test walks. */
export interface RouteTableEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module "fastify" {
  interface FastifyInstance {
    routeTable: RouteTableEntry[];
  }
}

/** Routes added by third-party plugins (the API docs UI), which cannot carry our route config. */
const PLUGIN_ROUTE_PREFIXES = ["/docs"];

/**
 * Fails route registration (and so server start-up and every test that builds a server) when a
 * route does not declare its access. HEAD routes that Fastify derives from GET routes inherit the
 * GET route's config.
 */
export function enforceDeclaredAccess(app: FastifyInstance): void {
  const table: RouteTableEntry[] = [];
  app.decorate("routeTable", table);
  app.addHook("onRoute", (route) => {
    if (PLUGIN_ROUTE_PREFIXES.some((prefix) => route.url.startsWith(prefix))) return;
    // @fastify/cors answers preflights on a catch-all OPTIONS route; a preflight carries no
    // credentials and runs no handler of ours.
    if (route.method === "OPTIONS" && route.url === "*") return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!route.config?.access) {
      throw new Error(`Route ${methods.join(",")} ${route.url} does not declare config.access`);
    }
    for (const method of methods) if (method !== "HEAD") table.push({ method, url: route.url, access: route.config.access });
  });
}
