import {
  createInvitationSchema,
  createOrganizationSchema,
  createdInvitationSchema,
  errorEnvelopeSchema,
  invitationSchema,
  invitationTokenSchema,
  organizationMemberSchema,
  organizationSchema,
  updateMemberRoleSchema,
  updateOrganizationSchema,
} from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { expectedVersion, setEtag } from "../http/etag";
import { memberListQuerySchema } from "../http/member-list";
import { listQuerySchema, pageSchema } from "../http/pagination";
import { authenticatedAccess, requires } from "../http/route-access";
import type { InvitationService } from "./invitation-service";
import { invitationStatus } from "./invitation-service";
import type { MemberService } from "./member-service";
import type { OrganizationService, OrganizationView } from "./organization-service";

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
  410: errorEnvelopeSchema,
  412: errorEnvelopeSchema,
  428: errorEnvelopeSchema,
  429: errorEnvelopeSchema,
};
const orgParams = z.object({ orgId: z.string() });
const memberParams = orgParams.extend({ userId: z.string().max(40) });

const toOrganization = (org: OrganizationView) => ({
  id: org.id,
  name: org.name,
  slug: org.slug,
  description: org.description,
  myRole: org.myRole,
  createdAt: org.createdAt.toISOString(),
  updatedAt: org.updatedAt.toISOString(),
  version: org.version,
});

export function registerOrganizationRoutes(
  app: FastifyInstance,
  services: { organizations: OrganizationService; members: MemberService; invitations: InvitationService },
): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();
  const { organizations, members, invitations } = services;

  zod.post(
    "/api/v1/organizations",
    {
      config: { access: authenticatedAccess },
      schema: { tags: ["organizations"], summary: "Create an organization (you become its owner)", body: createOrganizationSchema, response: { 201: organizationSchema, ...errors } },
    },
    async (request, reply) => {
      const org = await organizations.create(actorOf(request).userId, request.body, requestOriginOf(request));
      setEtag(reply, org.version);
      return reply.code(201).send(toOrganization(org));
    },
  );

  zod.get(
    "/api/v1/organizations",
    {
      config: { access: authenticatedAccess },
      schema: {
        tags: ["organizations"],
        summary: "Organizations I belong to",
        querystring: listQuerySchema.extend({
          q: z.string().max(100).optional().describe("Filter: name contains"),
          sort: z.enum(["name", "-createdAt"]).default("name"),
        }),
        response: { 200: pageSchema(organizationSchema), ...errors },
      },
    },
    async (request) => {
      const page = await organizations.listMine(actorOf(request).userId, request.query);
      return { items: page.items.map(toOrganization), nextCursor: page.nextCursor };
    },
  );

  zod.get(
    "/api/v1/organizations/:orgId",
    { config: { access: requires("organization:read") }, schema: { tags: ["organizations"], summary: "An organization", params: orgParams, response: { 200: organizationSchema, ...errors } } },
    async (request, reply) => {
      const org = await organizations.get(accessOf(request));
      setEtag(reply, org.version);
      return toOrganization(org);
    },
  );

  zod.put(
    "/api/v1/organizations/:orgId",
    {
      config: { access: requires("organization:update") },
      schema: { tags: ["organizations"], summary: "Update an organization (If-Match required)", params: orgParams, body: updateOrganizationSchema, response: { 200: organizationSchema, ...errors } },
    },
    async (request, reply) => {
      const org = await organizations.update(accessOf(request), actorOf(request).userId, expectedVersion(request), request.body, requestOriginOf(request));
      setEtag(reply, org.version);
      return toOrganization(org);
    },
  );

  zod.delete(
    "/api/v1/organizations/:orgId",
    { config: { access: requires("organization:delete") }, schema: { tags: ["organizations"], summary: "Delete an empty organization", params: orgParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await organizations.delete(accessOf(request), actorOf(request).userId, requestOriginOf(request));
      return reply.code(204).send(null);
    },
  );

  zod.get(
    "/api/v1/organizations/:orgId/members",
    {
      config: { access: requires("member:read") },
      schema: { tags: ["organizations"], summary: "Members", params: orgParams, querystring: memberListQuerySchema, response: { 200: pageSchema(organizationMemberSchema), ...errors } },
    },
    async (request) => {
      const page = await members.list(accessOf(request), request.query);
      return {
        items: page.items.map((row) => ({ userId: row.userId, email: row.email, name: row.name, role: row.role as "owner", joinedAt: row.addedAt.toISOString() })),
        nextCursor: page.nextCursor,
      };
    },
  );

  zod.put(
    "/api/v1/organizations/:orgId/members/:userId",
    {
      config: { access: requires("member:update") },
      schema: { tags: ["organizations"], summary: "Change a member's role", params: memberParams, body: updateMemberRoleSchema, response: { 200: z.object({ userId: z.string(), role: z.string() }), ...errors } },
    },
    async (request) => {
      const member = await members.changeRole(accessOf(request), actorOf(request).userId, request.params.userId, request.body.role, requestOriginOf(request));
      return { userId: member.userId, role: member.role };
    },
  );

  zod.delete(
    "/api/v1/organizations/:orgId/members/:userId",
    { config: { access: requires("member:remove") }, schema: { tags: ["organizations"], summary: "Remove a member", params: memberParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await members.remove(accessOf(request), actorOf(request).userId, request.params.userId, requestOriginOf(request));
      return reply.code(204).send(null);
    },
  );

  zod.post(
    "/api/v1/organizations/:orgId/leave",
    { config: { access: requires("organization:read") }, schema: { tags: ["organizations"], summary: "Leave the organization", params: orgParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await members.leave(accessOf(request), actorOf(request).userId, requestOriginOf(request));
      return reply.code(204).send(null);
    },
  );

  const toInvitation = (row: Parameters<typeof invitationStatus>[0], organizationName: string) => ({
    id: row.id,
    organizationId: row.organizationId,
    organizationName,
    email: row.email,
    role: row.role as "member",
    status: invitationStatus(row),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  });

  zod.post(
    "/api/v1/organizations/:orgId/invitations",
    {
      config: { access: requires("member:invite") },
      schema: { tags: ["organizations"], summary: "Invite someone by e-mail", params: orgParams, body: createInvitationSchema, response: { 201: createdInvitationSchema, ...errors } },
    },
    async (request, reply) => {
      const access = accessOf(request);
      const { row, token, acceptUrl } = await invitations.create(access, actorOf(request).userId, request.body, requestOriginOf(request));
      const org = await organizations.get(access);
      return reply.code(201).send({ ...toInvitation(row, org.name), token, acceptUrl });
    },
  );

  zod.get(
    "/api/v1/organizations/:orgId/invitations",
    {
      config: { access: requires("member:read") },
      schema: { tags: ["organizations"], summary: "Invitations", params: orgParams, querystring: listQuerySchema, response: { 200: pageSchema(invitationSchema), ...errors } },
    },
    async (request) => {
      const access = accessOf(request);
      const org = await organizations.get(access);
      const page = await invitations.list(access, request.query);
      return { items: page.items.map((row) => toInvitation(row, org.name)), nextCursor: page.nextCursor };
    },
  );

  zod.delete(
    "/api/v1/organizations/:orgId/invitations/:invitationId",
    {
      config: { access: requires("member:invite") },
      schema: { tags: ["organizations"], summary: "Revoke a pending invitation", params: orgParams.extend({ invitationId: z.string().max(60) }), response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await invitations.revoke(accessOf(request), actorOf(request).userId, request.params.invitationId, requestOriginOf(request));
      return reply.code(204).send(null);
    },
  );

  for (const answer of ["accept", "decline"] as const) {
    zod.post(
      `/api/v1/invitations/${answer}`,
      {
        config: { access: authenticatedAccess },
        schema: {
          tags: ["organizations"],
          summary: answer === "accept" ? "Accept an invitation sent to my e-mail" : "Decline an invitation sent to my e-mail",
          body: invitationTokenSchema,
          response: { 200: invitationSchema, ...errors },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const row = await invitations[answer]({ id: actor.userId, email: actor.email }, request.body.token, requestOriginOf(request));
        const [name] = await organizations.namesOf([row.organizationId]);
        return toInvitation(row, name ?? "");
      },
    );
  }
}
