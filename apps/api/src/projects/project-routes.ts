import { createProjectSchema, moveProjectSchema, projectSchema, updateProjectSchema, type ProjectResponse } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { expectedVersion, setEtag } from "../http/etag";
import { listQuerySchema, pageSchema } from "../http/pagination";
import { requires } from "../http/route-access";
import { headroomOf, resourcesOf } from "../workspaces/resource-amounts";
import { tenancyRouteErrors as errors, workspaceParams } from "../http/tenancy-route-schemas";
import { registerProjectMemberRoutes } from "./project-member-routes";
import type { ProjectMemberService } from "./project-member-service";
import { projectParams } from "./project-route-schemas";
import type { ProjectService, ProjectView } from "./project-service";

const toProject = (view: ProjectView): ProjectResponse => ({
  id: view.id,
  organizationId: view.organizationId,
  workspaceId: view.workspaceId,
  parentId: view.parentId,
  name: view.name,
  description: view.description,
  quota: resourcesOf(view),
  ...headroomOf(resourcesOf(view), view.allocated),
  createdAt: view.createdAt.toISOString(),
  updatedAt: view.updatedAt.toISOString(),
  version: view.version,
});

export function registerProjectRoutes(app: FastifyInstance, services: { projects: ProjectService; projectMembers: ProjectMemberService }): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();
  const { projects } = services;
  const base = "/api/v1/organizations/:orgId/workspaces/:wsId/projects";

  zod.post(
    base,
    {
      // Checked for the workspace here; a child also needs project:create on its parent (the service).
      config: { access: requires("project:create") },
      schema: {
        tags: ["projects"],
        summary: "Create a project, at the top of the workspace or under parentId (you become its project_admin)",
        params: workspaceParams,
        body: createProjectSchema,
        response: { 201: projectSchema, ...errors },
      },
    },
    async (request, reply) => {
      const project = await projects.create(accessOf(request), actorOf(request).userId, request.body, requestOriginOf(request));
      setEtag(reply, project.version);
      return reply.code(201).send(toProject(project));
    },
  );

  zod.post(
    `${base}/:projectId/children`,
    {
      // Project-scoped, so a project_admin without any workspace role can grow their own subtree.
      config: { access: requires("project:create") },
      schema: {
        tags: ["projects"],
        summary: "Create a project under this one (you become its project_admin)",
        params: projectParams,
        body: createProjectSchema.omit({ parentId: true }),
        response: { 201: projectSchema, ...errors },
      },
    },
    async (request, reply) => {
      const access = accessOf(request);
      const project = await projects.create(access, actorOf(request).userId, { ...request.body, parentId: request.params.projectId }, requestOriginOf(request));
      setEtag(reply, project.version);
      return reply.code(201).send(toProject(project));
    },
  );

  zod.get(
    base,
    {
      // Workspace-scoped; the service returns only the projects the caller may read.
      config: { access: requires("workspace:read") },
      schema: {
        tags: ["projects"],
        summary: "Projects I can see in the workspace",
        params: workspaceParams,
        querystring: listQuerySchema.extend({
          parentId: z.string().max(40).optional().describe("Filter: children of this project, or `root` for top-level projects"),
          q: z.string().max(100).optional().describe("Filter: name contains"),
          sort: z.enum(["name", "-createdAt"]).default("name"),
        }),
        response: { 200: pageSchema(projectSchema), ...errors },
      },
    },
    async (request) => {
      const page = await projects.list(accessOf(request), actorOf(request).userId, request.query);
      return { items: page.items.map(toProject), nextCursor: page.nextCursor };
    },
  );

  zod.get(
    `${base}/:projectId`,
    { config: { access: requires("project:read") }, schema: { tags: ["projects"], summary: "A project with its allocated and free headroom", params: projectParams, response: { 200: projectSchema, ...errors } } },
    async (request, reply) => {
      const project = await projects.get(accessOf(request));
      setEtag(reply, project.version);
      return toProject(project);
    },
  );

  zod.put(
    `${base}/:projectId`,
    {
      config: { access: requires("project:update") },
      schema: { tags: ["projects"], summary: "Rename a project or change its quota (If-Match required)", params: projectParams, body: updateProjectSchema, response: { 200: projectSchema, ...errors } },
    },
    async (request, reply) => {
      const project = await projects.update(accessOf(request), actorOf(request).userId, expectedVersion(request), request.body, requestOriginOf(request));
      setEtag(reply, project.version);
      return toProject(project);
    },
  );

  zod.post(
    `${base}/:projectId/move`,
    {
      config: { access: requires("project:update") },
      schema: {
        tags: ["projects"],
        summary: "Move a project and its subtree under another parent (or to the top); If-Match honoured when sent",
        params: projectParams,
        body: moveProjectSchema,
        response: { 200: projectSchema, ...errors },
      },
    },
    async (request, reply) => {
      // A move is a deliberate one-field change, so If-Match is optional (as for groups).
      const version = request.headers["if-match"] === undefined ? undefined : expectedVersion(request);
      const project = await projects.move(accessOf(request), actorOf(request).userId, request.body.parentId, version, requestOriginOf(request));
      setEtag(reply, project.version);
      return toProject(project);
    },
  );

  zod.delete(
    `${base}/:projectId`,
    {
      config: { access: requires("project:delete") },
      schema: {
        tags: ["projects"],
        summary: "Delete a project; one with sub-projects only with cascade=true",
        params: projectParams,
        querystring: z.object({ cascade: z.enum(["true", "false"]).default("false").describe("Also delete every sub-project") }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await projects.delete(accessOf(request), actorOf(request).userId, request.query.cascade === "true", requestOriginOf(request));
      return reply.code(204).send(null);
    },
  );

  registerProjectMemberRoutes(app, services.projectMembers);
}
