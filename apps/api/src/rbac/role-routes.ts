import { createRoleSchema, roleSchema, roleScopes, updateRoleSchema } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { tenancyRouteErrors as errors, innerId, workspaceParams } from "../http/tenancy-route-schemas";
import { expectedVersion, setEtag } from "../http/etag";
import { listQuerySchema, pageSchema } from "../http/pagination";
import { requires } from "../http/route-access";
import { toRoleResponse } from "./rbac-responses";
import type { RoleService } from "./role-service";

const base = "/api/v1/organizations/:orgId/workspaces/:wsId/rbac/roles";
const roleParams = workspaceParams.extend({ roleId: innerId });

export function registerRoleRoutes(app: FastifyInstance, roles: RoleService): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();

  zod.get(
    base,
    {
      config: { access: requires("role:read") },
      schema: {
        tags: ["rbac"],
        summary: "Roles of the workspace (presets and custom)",
        params: workspaceParams,
        querystring: listQuerySchema.extend({ scope: z.enum(roleScopes).optional(), q: z.string().max(100).optional().describe("Filter: name contains") }),
        response: { 200: pageSchema(roleSchema), ...errors },
      },
    },
    async (request) => {
      const page = await roles.list(accessOf(request), request.query);
      return { items: page.items.map(toRoleResponse), nextCursor: page.nextCursor };
    },
  );

  zod.post(
    base,
    {
      config: { access: requires("role:manage") },
      schema: { tags: ["rbac"], summary: "Create a custom role", params: workspaceParams, body: createRoleSchema, response: { 201: roleSchema, ...errors } },
    },
    async (request, reply) => {
      const role = await roles.create(accessOf(request), actorOf(request).userId, request.body, requestOriginOf(request));
      setEtag(reply, role.version);
      return reply.code(201).send(toRoleResponse(role));
    },
  );

  zod.get(
    `${base}/:roleId`,
    { config: { access: requires("role:read") }, schema: { tags: ["rbac"], summary: "A role", params: roleParams, response: { 200: roleSchema, ...errors } } },
    async (request, reply) => {
      const role = await roles.get(accessOf(request), request.params.roleId);
      setEtag(reply, role.version);
      return toRoleResponse(role);
    },
  );

  zod.put(
    `${base}/:roleId`,
    {
      config: { access: requires("role:manage") },
      schema: {
        tags: ["rbac"],
        summary: "Update a custom role (If-Match required; presets are read-only)",
        params: roleParams,
        body: updateRoleSchema,
        response: { 200: roleSchema, ...errors },
      },
    },
    async (request, reply) => {
      const role = await roles.update(accessOf(request), actorOf(request).userId, request.params.roleId, expectedVersion(request), request.body, requestOriginOf(request));
      setEtag(reply, role.version);
      return toRoleResponse(role);
    },
  );

  zod.delete(
    `${base}/:roleId`,
    {
      config: { access: requires("role:manage") },
      schema: { tags: ["rbac"], summary: "Delete a custom role and its bindings", params: roleParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await roles.delete(accessOf(request), actorOf(request).userId, request.params.roleId, requestOriginOf(request));
      return reply.code(204).send(null);
    },
  );
}
