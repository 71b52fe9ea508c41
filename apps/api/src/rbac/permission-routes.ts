import { canIQuerySchema, canIResponseSchema, resourceRequestQuerySchema, subjectKinds, subjectPermissionsSchema, whoCanResponseSchema, type Subject } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { accessOf } from "../authorization/authorization-hook";
import { tenancyRouteErrors as errors, innerId, workspaceParams } from "../http/tenancy-route-schemas";
import { requires } from "../http/route-access";
import type { PermissionService } from "./permission-service";
import { toEffectiveRuleResponse } from "./rbac-responses";

const base = "/api/v1/organizations/:orgId/workspaces/:wsId/rbac";

/** `user:<id>` or `group:<id>` (the schema has checked the shape). */
const parseSubject = (value: string): Subject => {
  const [kind, id] = value.split(":") as [Subject["kind"], string];
  return { kind, id };
};

/** Questions about Kubernetes permissions in the workspace; reading bindings is what they need. */
export function registerPermissionRoutes(app: FastifyInstance, permissions: PermissionService): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();

  zod.get(
    `${base}/subjects/:kind/:subjectId/permissions`,
    {
      config: { access: requires("role-binding:read") },
      schema: {
        tags: ["rbac"],
        summary: "What a user or group can do here",
        description:
          "Every rule granted to the subject, each with the binding and role it came from: direct bindings and those of every group it acts as (its groups and their ancestors); workspace-wide bindings, plus, with projectId, bindings on the project and its ancestors.",
        params: workspaceParams.extend({ kind: z.enum(subjectKinds), subjectId: innerId }),
        querystring: z.object({ projectId: z.string().max(60).optional().describe("The project (namespace); omit for the workspace as a whole") }),
        response: { 200: subjectPermissionsSchema, ...errors },
      },
    },
    async (request) => {
      const subject = { kind: request.params.kind, id: request.params.subjectId };
      const answer = await permissions.permissionsOf(accessOf(request), actorOf(request).userId, subject, request.query.projectId);
      return { ...answer, rules: answer.rules.map(toEffectiveRuleResponse) };
    },
  );

  zod.get(
    `${base}/can-i`,
    {
      config: { access: requires("role-binding:read") },
      schema: {
        tags: ["rbac"],
        summary: "Whether a subject may make a Kubernetes request here, and which bindings allow it",
        params: workspaceParams,
        querystring: canIQuerySchema,
        response: { 200: canIResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { subject, projectId, ...resourceRequest } = request.query;
      const actor = actorOf(request);
      return permissions.canI(accessOf(request), actor.userId, { subject: subject ? parseSubject(subject) : { kind: "user", id: actor.userId }, request: resourceRequest, projectId });
    },
  );

  zod.get(
    `${base}/who-can`,
    {
      config: { access: requires("role-binding:read") },
      schema: {
        tags: ["rbac"],
        summary: "Who may make a Kubernetes request here",
        description: "Users (group membership expanded, inheritance included) and groups, each with the bindings that allow it.",
        params: workspaceParams,
        querystring: resourceRequestQuerySchema,
        response: { 200: whoCanResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { projectId, ...resourceRequest } = request.query;
      return permissions.whoCan(accessOf(request), actorOf(request).userId, { request: resourceRequest, projectId });
    },
  );
}
