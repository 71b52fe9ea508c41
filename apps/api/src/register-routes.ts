import type { FastifyInstance } from "fastify";
import { registerAuditLogRoutes, registerMemberSecurityLogRoutes } from "./audit/audit-log-routes";
import { registerAuthRoutes } from "./auth/http/register-auth-routes";
import type { ApiDependencies } from "./dependencies";
import { registerHealthRoutes } from "./health/health-routes";
import { registerOrganizationRoutes } from "./organizations/organization-routes";
import { registerPlanRoutes } from "./plans/plan-routes";
import { registerMetricsRoute } from "./system/metrics-route";
import { registerOpenApiRoute } from "./system/openapi-route";
import { registerVersionRoute } from "./system/version-route";
import { registerTaskRoutes } from "./tasks/task-routes";

/** Every route of the API, module by module. */
export function registerRoutes(app: FastifyInstance, deps: ApiDependencies): void {
  registerHealthRoutes(app, deps);
  registerVersionRoute(app);
  registerMetricsRoute(app, deps.metrics);
  registerOpenApiRoute(app);
  registerAuthRoutes(app, deps.identity, deps.database.db);
  registerPlanRoutes(app);
  registerOrganizationRoutes(app, deps.tenancy);
  registerAuditLogRoutes(app, deps.database.db);
  registerMemberSecurityLogRoutes(app, deps.database.db);
  registerTaskRoutes(app, deps.tasks.service);
}
