/**
 * What a caller must be to use a route. Every route declares one; the server refuses to start
 * with a route that does not (see `enforceDeclaredAccess`), so no endpoint is left unguarded by
 * accident. Authenticated access with a permission action arrives with identity and tenancy.
 */
export type RouteAccess =
  | { kind: "public"; reason: string }
  /** Any signed-in user; the route's service scopes what they may see to themselves. */
  | { kind: "authenticated" };

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export const publicAccess = (reason: string): RouteAccess => ({ kind: "public", reason });

export const authenticatedAccess: RouteAccess = { kind: "authenticated" };
