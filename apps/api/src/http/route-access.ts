/**
 * What a caller must be to use a route. Every route declares one; the server refuses to start
 * with a route that does not (see `enforceDeclaredAccess`), so no endpoint is left unguarded by
 * accident. Authenticated access with a permission action arrives with identity and tenancy.
 */
import type { Action } from "@hks/contracts";

export type RouteAccess =
  | { kind: "public"; reason: string }
  /** Any signed-in user; the route's service scopes what they may see to themselves. */
  | { kind: "authenticated" }
  /**
   * A signed-in user holding `action` at the scope named by the path's `:orgId`, `:wsId` and
   * `:projectId` parameters (checked before the handler runs).
   */
  | { kind: "authorized"; action: Action }
  /**
   * A workspace kube token (the Kubernetes gateway): the route authenticates it itself, and the
   * platform's session authentication does not apply (kubectl cannot send the device header).
   */
  | { kind: "kube-token" };

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export const publicAccess = (reason: string): RouteAccess => ({ kind: "public", reason });

export const authenticatedAccess: RouteAccess = { kind: "authenticated" };

export const requires = (action: Action): RouteAccess => ({ kind: "authorized", action });

export const kubeTokenAccess: RouteAccess = { kind: "kube-token" };
