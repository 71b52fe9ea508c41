import { addGroupMemberSchema, groupMemberSchema } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { listQuerySchema, pageSchema } from "../http/pagination";
import { requires } from "../http/route-access";
import type { GroupMemberService } from "./group-member-service";
import { tenancyRouteErrors as errors, innerId, queryFlag, workspaceParams } from "../http/tenancy-route-schemas";

const base = "/api/v1/organizations/:orgId/workspaces/:wsId/groups/:groupId/members";
const groupParams = workspaceParams.extend({ groupId: innerId });

export function registerGroupMemberRoutes(app: FastifyInstance, members: GroupMemberService): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();

  zod.get(
    base,
    {
      config: { access: requires("group:read") },
      schema: {
        tags: ["groups"],
        summary: "Members of a group",
        params: groupParams,
        querystring: listQuerySchema.extend({ inherited: queryFlag.describe("Also list members of descendant groups, who count as members of this one") }),
        response: { 200: pageSchema(groupMemberSchema), ...errors },
      },
    },
    async (request) => members.list(accessOf(request), request.params.groupId, { ...request.query, inherited: request.query.inherited === "true" }),
  );

  zod.post(
    base,
    {
      config: { access: requires("group:manage") },
      schema: { tags: ["groups"], summary: "Add a member of the organization to a group", params: groupParams, body: addGroupMemberSchema, response: { 201: groupMemberSchema, ...errors } },
    },
    async (request, reply) => {
      const member = await members.add(accessOf(request), actorOf(request).userId, request.params.groupId, request.body.userId, requestOriginOf(request));
      return reply.code(201).send(member);
    },
  );

  zod.delete(
    `${base}/:userId`,
    {
      config: { access: requires("group:manage") },
      schema: { tags: ["groups"], summary: "Remove a direct member from a group", params: groupParams.extend({ userId: innerId }), response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await members.remove(accessOf(request), actorOf(request).userId, request.params.groupId, request.params.userId, requestOriginOf(request));
      return reply.code(204).send(null);
    },
  );
}
