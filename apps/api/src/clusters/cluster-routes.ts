import { clusterHealthSchema, clusterStatusSchema, upgradeWorkspaceSchema, workspaceOperationSchema } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { requires } from "../http/route-access";
import { tenancyRouteErrors as errors, workspaceParams } from "../http/tenancy-route-schemas";
import type { ClusterService } from "./cluster-service";

const base = "/api/v1/organizations/:orgId/workspaces/:wsId/vcluster";

/** The lifecycle of a workspace's virtual cluster (the seed's `…/vcluster/` paths). */
export function registerClusterRoutes(app: FastifyInstance, clusters: ClusterService): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();

  const operations = [
    { path: "provision", summary: "Provision the virtual cluster again after an ERROR" },
    { path: "start", summary: "Start a stopped workspace (every object comes back)" },
    { path: "stop", summary: "Stop the workspace: its API server stops, its data stays" },
    { path: "restart", summary: "Stop and start the workspace's virtual cluster" },
  ] as const;
  for (const operation of operations) {
    zod.post(
      `${base}/${operation.path}`,
      {
        config: { access: requires("workspace:operate") },
        schema: { tags: ["vcluster"], summary: operation.summary, params: workspaceParams, response: { 202: workspaceOperationSchema, ...errors } },
      },
      async (request, reply) => reply.code(202).send(await clusters.operate(accessOf(request), actorOf(request).userId, operation.path, requestOriginOf(request))),
    );
  }

  zod.post(
    `${base}/upgrade`,
    {
      config: { access: requires("workspace:operate") },
      schema: {
        tags: ["vcluster"],
        summary: "Move the virtual cluster to a later Kubernetes version (rolled back, with the reason, if it does not come up)",
        params: workspaceParams,
        body: upgradeWorkspaceSchema,
        response: { 202: workspaceOperationSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(202).send(await clusters.operate(accessOf(request), actorOf(request).userId, "upgrade", requestOriginOf(request), request.body)),
  );

  zod.get(
    `${base}/status`,
    { config: { access: requires("workspace:read") }, schema: { tags: ["vcluster"], summary: "Lifecycle status of the virtual cluster", params: workspaceParams, response: { 200: clusterStatusSchema, ...errors } } },
    async (request) => clusters.status(accessOf(request)),
  );

  zod.get(
    `${base}/health`,
    {
      config: { access: requires("workspace:read") },
      schema: { tags: ["vcluster"], summary: "Live component health and quota used against hard limits", params: workspaceParams, response: { 200: clusterHealthSchema, ...errors } },
    },
    async (request) => clusters.health(accessOf(request)),
  );
}
