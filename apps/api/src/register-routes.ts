import type { FastifyInstance } from "fastify";
import { registerAuditLogRoutes, registerMemberSecurityLogRoutes } from "./audit/audit-log-routes";
import { registerBackupRoutes } from "./backups/backup-routes";
import { registerAuthRoutes } from "./auth/http/register-auth-routes";
import { registerClusterRoutes } from "./clusters/cluster-routes";
import type { ApiDependencies } from "./dependencies";
import { readApiCaPem } from "./gateway/api-ca";
import { createKubeAccessService } from "./gateway/kube-access-service";
import { registerKubeAccessRoutes } from "./gateway/kube-access-routes";
import { registerKubeGateway } from "./gateway/kube-gateway";
import { registerGroupRoutes } from "./groups/group-routes";
import { registerHealthRoutes } from "./health/health-routes";
import type { WebSockets } from "./http/websockets";
import { registerLiveRoutes } from "./live/live-routes";
import { registerOrganizationRoutes } from "./organizations/organization-routes";
import { registerPlanRoutes } from "./plans/plan-routes";
import { registerProjectRoutes } from "./projects/project-routes";
import { registerRbacRoutes } from "./rbac/rbac-routes";
import { registerMetricsRoute } from "./system/metrics-route";
import { registerOpenApiRoute } from "./system/openapi-route";
import { registerVersionRoute } from "./system/version-route";
import { registerTaskRoutes } from "./tasks/task-routes";
import { registerWorkspaceRoutes } from "./workspaces/workspace-routes";

/** Every route of the API, module by module. */
export function registerRoutes(app: FastifyInstance, deps: ApiDependencies, http: { webSockets: WebSockets }): void {
  registerHealthRoutes(app, deps);
  registerVersionRoute(app);
  registerMetricsRoute(app, deps.metrics);
  registerOpenApiRoute(app);
  registerAuthRoutes(app, deps.identity, deps.database.db);
  registerPlanRoutes(app);
  registerOrganizationRoutes(app, deps.tenancy);
  registerWorkspaceRoutes(app, deps.tenancy);
  registerProjectRoutes(app, deps.tenancy);
  registerGroupRoutes(app, deps.tenancy);
  registerRbacRoutes(app, deps.tenancy);
  registerAuditLogRoutes(app, deps.database.db);
  registerMemberSecurityLogRoutes(app, deps.database.db);
  registerTaskRoutes(app, deps.tasks.service);
  registerClusterRoutes(app, deps.clusters.service);
  registerBackupRoutes(app, deps.backups.service);
  registerLiveRoutes(app, deps, http.webSockets);
  const { identity, tenancy, database, config } = deps;
  registerKubeAccessRoutes(
    app,
    createKubeAccessService({
      db: database.db,
      audit: identity.audit,
      kubeTokens: identity.kubeTokens,
      liveness: identity.liveness,
      tenancy,
      apiUrl: config.http.apiUrl,
      apiCaPem: readApiCaPem(config.http.apiCaFile),
    }),
  );
  registerKubeGateway(app, {
    db: database.db,
    kubeTokens: identity.kubeTokens,
    liveness: identity.liveness,
    throttledAudit: identity.throttledAudit,
    audit: identity.audit,
    connections: deps.clusters.connections,
    metrics: deps.metrics,
    logger: deps.logger,
  });
}
