import { backupIdSchema, backupSchema, backupStatuses, createBackupSchema, restoreBackupSchema, restoreOperationSchema } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { listQuerySchema, pageSchema } from "../http/pagination";
import { requires } from "../http/route-access";
import { organizationParams, tenancyRouteErrors as errors, workspaceParams } from "../http/tenancy-route-schemas";
import type { BackupService } from "./backup-service";

const backupParams = organizationParams.extend({ backupId: backupIdSchema });
const base = "/api/v1/organizations/:orgId/backups";

/**
 * Backups of workspaces' virtual clusters. Taking one is a workspace action; the backups
 * themselves belong to the organization (they outlive their workspace), so their routes are
 * organization-scoped and the service checks `workspace:backup` on the backup's workspace.
 */
export function registerBackupRoutes(app: FastifyInstance, backups: BackupService): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();

  zod.post(
    "/api/v1/organizations/:orgId/workspaces/:wsId/vcluster/backup",
    {
      config: { access: requires("workspace:backup") },
      schema: {
        tags: ["backups"],
        summary: "Back up the virtual cluster's objects (the workspace stays RUNNING; one backup or restore at a time)",
        params: workspaceParams,
        // The body is optional: a POST without one arrives as null.
        body: createBackupSchema.nullish(),
        response: { 202: backupSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(202).send(await backups.create(accessOf(request), actorOf(request).userId, request.body ?? {}, requestOriginOf(request))),
  );

  zod.get(
    base,
    {
      config: { access: requires("organization:read") },
      schema: {
        tags: ["backups"],
        summary: "Backups (all for organization owners and admins; others those of workspaces they may back up)",
        params: organizationParams,
        querystring: listQuerySchema.extend({
          workspaceId: z.string().max(40).optional().describe("Only backups taken of this workspace (also after it was deleted)"),
          status: z.enum(backupStatuses).optional(),
        }),
        response: { 200: pageSchema(backupSchema), ...errors },
      },
    },
    async (request) => backups.list(accessOf(request), actorOf(request).userId, request.query),
  );

  zod.get(
    `${base}/:backupId`,
    { config: { access: requires("organization:read") }, schema: { tags: ["backups"], summary: "A backup with its manifest", params: backupParams, response: { 200: backupSchema, ...errors } } },
    async (request) => backups.get(accessOf(request), actorOf(request).userId, request.params.backupId),
  );

  zod.delete(
    `${base}/:backupId`,
    { config: { access: requires("organization:read") }, schema: { tags: ["backups"], summary: "Delete a backup (its file and its record)", params: backupParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await backups.delete(accessOf(request), actorOf(request).userId, request.params.backupId, requestOriginOf(request));
      return reply.code(204).send(null);
    },
  );

  zod.post(
    `${base}/:backupId/restore`,
    {
      config: { access: requires("organization:read") },
      schema: {
        tags: ["backups"],
        summary: "Restore the backup into a RUNNING workspace of the organization (merges: objects not in the backup stay)",
        params: backupParams,
        body: restoreBackupSchema,
        response: { 202: restoreOperationSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(202).send(await backups.restore(accessOf(request), actorOf(request).userId, request.params.backupId, request.body, requestOriginOf(request))),
  );
}
