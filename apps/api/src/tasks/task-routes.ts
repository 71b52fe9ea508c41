import { errorEnvelopeSchema, taskSchema, taskStatuses } from "@hks/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/actor";
import { requestOriginOf } from "../auth/request-device";
import { accessOf } from "../authorization/authorization-hook";
import { listQuerySchema, pageSchema } from "../http/pagination";
import { authenticatedAccess, requires } from "../http/route-access";
import type { TaskService } from "./task-service";

const errors = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema, 409: errorEnvelopeSchema, 429: errorEnvelopeSchema };
const taskParams = z.object({ taskId: z.string().regex(/^task_[0-9a-z]{26}$/, "not a task id") });

export function registerTaskRoutes(app: FastifyInstance, tasks: TaskService): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();

  zod.get(
    "/api/v1/organizations/:orgId/tasks",
    {
      config: { access: requires("organization:read") },
      schema: {
        tags: ["tasks"],
        summary: "Tasks of the organization (administrators see all, others those of their workspaces)",
        params: z.object({ orgId: z.string() }),
        querystring: listQuerySchema.extend({ status: z.enum(taskStatuses).optional(), workspaceId: z.string().max(40).optional() }),
        response: { 200: pageSchema(taskSchema), ...errors },
      },
    },
    async (request) => tasks.list(accessOf(request), actorOf(request).userId, request.query),
  );

  zod.get(
    "/api/v1/tasks/:taskId",
    { config: { access: authenticatedAccess }, schema: { tags: ["tasks"], summary: "A task with its steps and progress", params: taskParams, response: { 200: taskSchema, ...errors } } },
    async (request) => tasks.get(actorOf(request).userId, request.params.taskId),
  );

  zod.post(
    "/api/v1/tasks/:taskId/retry",
    { config: { access: authenticatedAccess }, schema: { tags: ["tasks"], summary: "Retry a failed or cancelled task (administrators)", params: taskParams, response: { 200: taskSchema, ...errors } } },
    async (request) => tasks.retry(actorOf(request).userId, request.params.taskId, requestOriginOf(request)),
  );

  zod.post(
    "/api/v1/tasks/:taskId/cancel",
    { config: { access: authenticatedAccess }, schema: { tags: ["tasks"], summary: "Cancel a pending or running task (administrators)", params: taskParams, response: { 200: taskSchema, ...errors } } },
    async (request) => tasks.cancel(actorOf(request).userId, request.params.taskId, requestOriginOf(request)),
  );
}
