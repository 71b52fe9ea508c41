import { AppError } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../auth/actor";
import type { Authorizer } from "./authorizer";
import type { ResolvedAccess } from "./resolved-access";

declare module "fastify" {
  interface FastifyRequest {
    access?: ResolvedAccess;
  }
}

const ID_PARAMS = { orgId: /^org_[0-9a-z]{26}$/, wsId: /^ws_[0-9a-z]{26}$/, projectId: /^prj_[0-9a-z]{26}$/ } as const;

/**
 * Authorizes every `authorized` route before its handler: the scope comes from the path (an id of
 * the wrong shape is simply not found), the caller's roles are resolved fresh, and the result is
 * left on `request.access` for the service. Runs before body and query validation ("authorize
 * first"): a stranger learns nothing from validation messages, and path ids are checked here by
 * shape.
 */
export function installAuthorization(app: FastifyInstance, authorizer: Authorizer): void {
  app.addHook("preValidation", async (request) => {
    const access = request.routeOptions.config.access;
    if (access?.kind !== "authorized") return;
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    for (const [name, pattern] of Object.entries(ID_PARAMS)) {
      const value = params[name];
      if (value !== undefined && !pattern.test(value)) throw new AppError("NOT_FOUND", "Not found");
    }
    if (!params.orgId) throw new Error(`route ${request.routeOptions.url} is authorized but has no :orgId`);
    request.access = await authorizer.authorize(actorOf(request).userId, access.action, {
      organizationId: params.orgId,
      workspaceId: params.wsId,
      projectId: params.projectId,
    });
  });
}

export function accessOf(request: { access?: ResolvedAccess }): ResolvedAccess {
  if (!request.access) throw new Error("accessOf() on a route that is not `authorized`");
  return request.access;
}
