import { createGroupSchema, groupSchema, moveGroupSchema, updateGroupSchema } from "@hks/contracts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { expectedVersion, setEtag } from "../http/etag";
import { listQuerySchema, pageSchema } from "../http/pagination";
import { requires } from "../http/route-access";
import { registerGroupMemberRoutes } from "./group-member-routes";
import type { GroupMemberService } from "./group-member-service";
import { toGroupResponse } from "./group-response";
import type { GroupService } from "./group-service";
import { tenancyRouteErrors as errors, innerId, queryFlag, workspaceParams } from "../http/tenancy-route-schemas";

const base = "/api/v1/organizations/:orgId/workspaces/:wsId/groups";
const groupParams = workspaceParams.extend({ groupId: innerId });

/** If-Match when the client sent one; a move does not require it. */
const optionalExpectedVersion = (request: FastifyRequest) => (request.headers["if-match"] === undefined ? undefined : expectedVersion(request));

/** Groups of a workspace and their members. Handlers are glue: the services hold the rules. */
export function registerGroupRoutes(app: FastifyInstance, services: { groups: GroupService; groupMembers: GroupMemberService }): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();
  const { groups } = services;

  zod.post(
    base,
    {
      config: { access: requires("group:manage") },
      schema: { tags: ["groups"], summary: "Create a group, optionally under a parent group", params: workspaceParams, body: createGroupSchema, response: { 201: groupSchema, ...errors } },
    },
    async (request, reply) => {
      const group = await groups.create(accessOf(request), actorOf(request).userId, request.body, requestOriginOf(request));
      setEtag(reply, group.version);
      return reply.code(201).send(toGroupResponse(group));
    },
  );

  zod.get(
    base,
    {
      config: { access: requires("group:read") },
      schema: {
        tags: ["groups"],
        summary: "Groups of the workspace",
        params: workspaceParams,
        querystring: listQuerySchema.extend({
          parentId: z.string().max(60).optional().describe('Filter: children of this group; "root" for top-level groups'),
          q: z.string().max(100).optional().describe("Filter: name contains"),
          sort: z.enum(["name", "-createdAt"]).default("name"),
        }),
        response: { 200: pageSchema(groupSchema), ...errors },
      },
    },
    async (request) => {
      const page = await groups.list(accessOf(request), request.query);
      return { items: page.items.map(toGroupResponse), nextCursor: page.nextCursor };
    },
  );

  zod.get(
    `${base}/:groupId`,
    { config: { access: requires("group:read") }, schema: { tags: ["groups"], summary: "A group", params: groupParams, response: { 200: groupSchema, ...errors } } },
    async (request, reply) => {
      const group = await groups.get(accessOf(request), request.params.groupId);
      setEtag(reply, group.version);
      return toGroupResponse(group);
    },
  );

  zod.put(
    `${base}/:groupId`,
    {
      config: { access: requires("group:manage") },
      schema: { tags: ["groups"], summary: "Rename or describe a group (If-Match required)", params: groupParams, body: updateGroupSchema, response: { 200: groupSchema, ...errors } },
    },
    async (request, reply) => {
      const group = await groups.update(accessOf(request), actorOf(request).userId, request.params.groupId, expectedVersion(request), request.body, requestOriginOf(request));
      setEtag(reply, group.version);
      return toGroupResponse(group);
    },
  );

  zod.post(
    `${base}/:groupId/move`,
    {
      config: { access: requires("group:manage") },
      schema: {
        tags: ["groups"],
        summary: "Move a group (and everything below it) under another parent, or to the top",
        description: "Refused with CYCLE when the new parent is the group or below it, and with DEPTH_LIMIT when the moved subtree would end up too deep. If-Match is honoured when sent.",
        params: groupParams,
        body: moveGroupSchema,
        response: { 200: groupSchema, ...errors },
      },
    },
    async (request, reply) => {
      const group = await groups.move(accessOf(request), actorOf(request).userId, request.params.groupId, request.body.parentId, optionalExpectedVersion(request), requestOriginOf(request));
      setEtag(reply, group.version);
      return toGroupResponse(group);
    },
  );

  zod.delete(
    `${base}/:groupId`,
    {
      config: { access: requires("group:manage") },
      schema: {
        tags: ["groups"],
        summary: "Delete a group with its memberships and bindings",
        description: "A group with child groups is refused with NOT_EMPTY unless cascade=true, which deletes the whole subtree.",
        params: groupParams,
        querystring: z.object({ cascade: queryFlag.describe("Also delete every group below this one") }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await groups.delete(accessOf(request), actorOf(request).userId, request.params.groupId, request.query.cascade === "true", requestOriginOf(request));
      return reply.code(204).send(null);
    },
  );

  registerGroupMemberRoutes(app, services.groupMembers);
}
