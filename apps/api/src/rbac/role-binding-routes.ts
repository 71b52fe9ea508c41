import { createRoleBindingSchema, roleBindingSchema, subjectKinds } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { tenancyRouteErrors as errors, innerId, workspaceParams } from "../http/tenancy-route-schemas";
import { listQuerySchema, pageSchema } from "../http/pagination";
import { requires } from "../http/route-access";
import { toRoleBindingResponse } from "./rbac-responses";
import type { RoleBindingService } from "./role-binding-service";

const base = "/api/v1/organizations/:orgId/workspaces/:wsId/rbac/bindings";

export function registerRoleBindingRoutes(app: FastifyInstance, bindings: RoleBindingService): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();

  zod.get(
    base,
    {
      config: { access: requires("role-binding:read") },
      schema: {
        tags: ["rbac"],
        summary: "Role bindings of the workspace",
        params: workspaceParams,
        querystring: listQuerySchema.extend({
          projectId: z.string().max(60).optional().describe('Filter: bindings on this project; "workspace" for workspace-wide ones'),
          roleId: z.string().max(60).optional(),
          subjectKind: z.enum(subjectKinds).optional(),
          subjectId: z.string().max(60).optional(),
        }),
        response: { 200: pageSchema(roleBindingSchema), ...errors },
      },
    },
    async (request) => {
      const page = await bindings.list(accessOf(request), request.query);
      return { items: page.items.map(toRoleBindingResponse), nextCursor: page.nextCursor };
    },
  );

  zod.post(
    base,
    {
      config: { access: requires("role-binding:manage") },
      schema: {
        tags: ["rbac"],
        summary: "Bind a role to a user or group, workspace-wide or on a project",
        description:
          "A project binding also applies to the project's descendants. A workspace-scoped role may be bound on a project (like a RoleBinding to a ClusterRole); a project-scoped role only on a project.",
        params: workspaceParams,
        body: createRoleBindingSchema,
        response: { 201: roleBindingSchema, ...errors },
      },
    },
    async (request, reply) => {
      const binding = await bindings.create(accessOf(request), actorOf(request).userId, request.body, requestOriginOf(request));
      return reply.code(201).send(toRoleBindingResponse(binding));
    },
  );

  zod.delete(
    `${base}/:bindingId`,
    {
      config: { access: requires("role-binding:manage") },
      schema: { tags: ["rbac"], summary: "Remove a role binding", params: workspaceParams.extend({ bindingId: innerId }), response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await bindings.delete(accessOf(request), actorOf(request).userId, request.params.bindingId, requestOriginOf(request));
      return reply.code(204).send(null);
    },
  );
}
