import type { FastifyInstance } from "fastify";
import { registerPermissionRoutes } from "./permission-routes";
import type { PermissionService } from "./permission-service";
import { registerRoleBindingRoutes } from "./role-binding-routes";
import type { RoleBindingService } from "./role-binding-service";
import { registerRoleRoutes } from "./role-routes";
import type { RoleService } from "./role-service";

/** Roles, bindings and permission questions under `…/workspaces/:wsId/rbac`. */
export function registerRbacRoutes(app: FastifyInstance, services: { roles: RoleService; roleBindings: RoleBindingService; permissions: PermissionService }): void {
  registerRoleRoutes(app, services.roles);
  registerRoleBindingRoutes(app, services.roleBindings);
  registerPermissionRoutes(app, services.permissions);
}
