import { workspaceOperationSchema, createWorkspaceSchema, updateWorkspaceSchema, workspaceSchema, workspaceStatuses, type WorkspaceResponse, type WorkspaceStatus } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { expectedVersion, setEtag } from "../http/etag";
import { listQuerySchema, pageSchema } from "../http/pagination";
import { requires } from "../http/route-access";
import type { WorkspaceView } from "./list-workspaces";
import { headroomOf, resourcesOf } from "./resource-amounts";
import { registerWorkspaceMemberRoutes } from "./workspace-member-routes";
import type { WorkspaceMemberService } from "./workspace-member-service";
import { organizationParams as orgParams, tenancyRouteErrors as errors, workspaceParams } from "../http/tenancy-route-schemas";
import type { WorkspaceService } from "./workspace-service";

const toWorkspace = (view: WorkspaceView): WorkspaceResponse => ({
  id: view.id,
  organizationId: view.organizationId,
  name: view.name,
  description: view.description,
  planId: view.planId,
  kubernetesVersion: view.kubernetesVersion,
  status: view.status as WorkspaceStatus,
  statusReason: view.statusReason,
  resources: resourcesOf(view),
  ...headroomOf(resourcesOf(view), view.allocated),
  createdBy: view.createdBy,
  createdAt: view.createdAt.toISOString(),
  updatedAt: view.updatedAt.toISOString(),
  version: view.version,
});

export function registerWorkspaceRoutes(app: FastifyInstance, services: { workspaces: WorkspaceService; workspaceMembers: WorkspaceMemberService }): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();
  const { workspaces } = services;

  zod.post(
    "/api/v1/organizations/:orgId/workspaces",
    {
      config: { access: requires("workspace:create") },
      schema: { tags: ["workspaces"], summary: "Create a workspace (you become its workspace_admin)", params: orgParams, body: createWorkspaceSchema, response: { 201: workspaceSchema, ...errors } },
    },
    async (request, reply) => {
      const workspace = await workspaces.create(accessOf(request), actorOf(request).userId, request.body, requestOriginOf(request));
      setEtag(reply, workspace.version);
      return reply.code(201).send(toWorkspace(workspace));
    },
  );

  zod.get(
    "/api/v1/organizations/:orgId/workspaces",
    {
      // Listing is organization-scoped; the service returns only the workspaces the caller may read.
      config: { access: requires("organization:read") },
      schema: {
        tags: ["workspaces"],
        summary: "Workspaces I can see (all of them for organization owners and admins)",
        params: orgParams,
        querystring: listQuerySchema.extend({
          q: z.string().max(100).optional().describe("Filter: name contains"),
          status: z.enum(workspaceStatuses).optional(),
          sort: z.enum(["name", "-createdAt"]).default("name"),
        }),
        response: { 200: pageSchema(workspaceSchema), ...errors },
      },
    },
    async (request) => {
      const page = await workspaces.list(accessOf(request), actorOf(request).userId, request.query);
      return { items: page.items.map(toWorkspace), nextCursor: page.nextCursor };
    },
  );

  zod.get(
    "/api/v1/organizations/:orgId/workspaces/:wsId",
    { config: { access: requires("workspace:read") }, schema: { tags: ["workspaces"], summary: "A workspace", params: workspaceParams, response: { 200: workspaceSchema, ...errors } } },
    async (request, reply) => {
      const workspace = await workspaces.get(accessOf(request));
      setEtag(reply, workspace.version);
      return toWorkspace(workspace);
    },
  );

  zod.put(
    "/api/v1/organizations/:orgId/workspaces/:wsId",
    {
      config: { access: requires("workspace:update") },
      schema: {
        tags: ["workspaces"],
        summary: "Rename, resize or change the plan of a workspace (If-Match required)",
        params: workspaceParams,
        body: updateWorkspaceSchema,
        response: { 200: workspaceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const workspace = await workspaces.update(accessOf(request), actorOf(request).userId, expectedVersion(request), request.body, requestOriginOf(request));
      setEtag(reply, workspace.version);
      return toWorkspace(workspace);
    },
  );

  zod.delete(
    "/api/v1/organizations/:orgId/workspaces/:wsId",
    {
      config: { access: requires("workspace:delete") },
      schema: {
        tags: ["workspaces"],
        summary: "Delete a workspace: DELETING now, then its virtual cluster and everything in it are removed by a task",
        params: workspaceParams,
        response: { 202: workspaceOperationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const task = await workspaces.delete(accessOf(request), actorOf(request).userId, requestOriginOf(request));
      return reply.code(202).send({ workspaceId: task.workspaceId ?? "", status: "DELETING" as const, taskId: task.id });
    },
  );

  registerWorkspaceMemberRoutes(app, services.workspaceMembers);
}
