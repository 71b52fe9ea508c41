import { addWorkspaceMemberSchema, updateWorkspaceMemberSchema, workspaceMemberSchema, type WorkspaceRole } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { memberListQuerySchema } from "../http/member-list";
import { pageSchema } from "../http/pagination";
import { requires } from "../http/route-access";
import type { WorkspaceMemberService } from "./workspace-member-service";
import { tenancyRouteErrors as errors, workspaceParams } from "../http/tenancy-route-schemas";

const memberParams = workspaceParams.extend({ userId: z.string().max(40) });

const toMember = (row: { userId: string; role: string; addedAt: Date; email: string; name: string }) => ({ ...row, role: row.role as WorkspaceRole, addedAt: row.addedAt.toISOString() });

export function registerWorkspaceMemberRoutes(app: FastifyInstance, members: WorkspaceMemberService): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();
  const base = "/api/v1/organizations/:orgId/workspaces/:wsId/members";

  zod.get(
    base,
    {
      config: { access: requires("workspace-member:read") },
      schema: { tags: ["workspaces"], summary: "Workspace members", params: workspaceParams, querystring: memberListQuerySchema, response: { 200: pageSchema(workspaceMemberSchema), ...errors } },
    },
    async (request) => {
      const page = await members.list(accessOf(request), request.query);
      return { items: page.items.map(toMember), nextCursor: page.nextCursor };
    },
  );

  zod.post(
    base,
    {
      config: { access: requires("workspace-member:manage") },
      schema: {
        tags: ["workspaces"],
        summary: "Give an organization member a workspace role",
        params: workspaceParams,
        body: addWorkspaceMemberSchema,
        response: { 201: z.object({ userId: z.string(), role: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const member = await members.add(accessOf(request), actorOf(request).userId, request.body, requestOriginOf(request));
      return reply.code(201).send({ userId: member.userId, role: member.role });
    },
  );

  zod.put(
    `${base}/:userId`,
    {
      config: { access: requires("workspace-member:manage") },
      schema: { tags: ["workspaces"], summary: "Change a workspace member's role", params: memberParams, body: updateWorkspaceMemberSchema, response: { 200: z.object({ userId: z.string(), role: z.string() }), ...errors } },
    },
    async (request) => {
      const member = await members.changeRole(accessOf(request), actorOf(request).userId, request.params.userId, request.body.role, requestOriginOf(request));
      return { userId: member.userId, role: member.role };
    },
  );

  zod.delete(
    `${base}/:userId`,
    { config: { access: requires("workspace-member:manage") }, schema: { tags: ["workspaces"], summary: "Remove a workspace member", params: memberParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await members.remove(accessOf(request), actorOf(request).userId, request.params.userId, requestOriginOf(request));
      return reply.code(204).send(null);
    },
  );
}
