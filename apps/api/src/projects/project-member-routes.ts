import { addProjectMemberSchema, projectMemberSchema, updateProjectMemberSchema, type ProjectRole } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { memberListQuerySchema } from "../http/member-list";
import { pageSchema } from "../http/pagination";
import { requires } from "../http/route-access";
import { tenancyRouteErrors as errors } from "../http/tenancy-route-schemas";
import type { ProjectMemberService } from "./project-member-service";
import { projectParams } from "./project-route-schemas";

const memberParams = projectParams.extend({ userId: z.string().max(40) });

const toMember = (row: { userId: string; role: string; addedAt: Date; email: string; name: string }) => ({ ...row, role: row.role as ProjectRole, addedAt: row.addedAt.toISOString() });

export function registerProjectMemberRoutes(app: FastifyInstance, members: ProjectMemberService): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();
  const base = "/api/v1/organizations/:orgId/workspaces/:wsId/projects/:projectId/members";

  zod.get(
    base,
    {
      config: { access: requires("project-member:read") },
      schema: { tags: ["projects"], summary: "Project members (direct; roles on ancestor projects apply too)", params: projectParams, querystring: memberListQuerySchema, response: { 200: pageSchema(projectMemberSchema), ...errors } },
    },
    async (request) => {
      const page = await members.list(accessOf(request), request.query);
      return { items: page.items.map(toMember), nextCursor: page.nextCursor };
    },
  );

  zod.post(
    base,
    {
      config: { access: requires("project-member:manage") },
      schema: {
        tags: ["projects"],
        summary: "Give an organization member a project role",
        params: projectParams,
        body: addProjectMemberSchema,
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
      config: { access: requires("project-member:manage") },
      schema: { tags: ["projects"], summary: "Change a project member's role", params: memberParams, body: updateProjectMemberSchema, response: { 200: z.object({ userId: z.string(), role: z.string() }), ...errors } },
    },
    async (request) => {
      const member = await members.changeRole(accessOf(request), actorOf(request).userId, request.params.userId, request.body.role, requestOriginOf(request));
      return { userId: member.userId, role: member.role };
    },
  );

  zod.delete(
    `${base}/:userId`,
    { config: { access: requires("project-member:manage") }, schema: { tags: ["projects"], summary: "Remove a project member", params: memberParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await members.remove(accessOf(request), actorOf(request).userId, request.params.userId, requestOriginOf(request));
      return reply.code(204).send(null);
    },
  );
}
