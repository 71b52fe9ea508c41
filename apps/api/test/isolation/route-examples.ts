import type { InjectOptions } from "fastify";
import type { World, WorldUserKey } from "./world";

/**
 * What a successful call of each route looks like, keyed by "METHOD url" as in the route table.
 * The generated isolation test refuses to pass while any authorized or authenticated route lacks
 * an example here, so a new route cannot skip its security tests.
 */
export interface RouteExample {
  /** Body, query and headers of a valid request (path parameters come from the world). */
  request?: (world: World) => Promise<Partial<InjectOptions>> | Partial<InjectOptions>;
  /** Expected status of the successful call. */
  status: number;
  /** Who makes the successful call (default: the organization's owner). */
  as?: WorldUserKey;
  /**
   * For routes that are merely `authenticated` but reach a tenant's resource by id (the service
   * authorizes): another tenant must get 404 too.
   */
  tenantScoped?: boolean;
}

const ifMatchV1 = { headers: { "if-match": '"v1"' } };

export const routeExamples: Record<string, RouteExample> = {
  "GET /auth/me": { status: 200 },
  "GET /auth/sessions": { status: 200 },
  "DELETE /auth/sessions/:id": {
    status: 204,
    request: async () => ({ url: `/auth/sessions/${await currentSessionId()}` }),
  },
  "POST /auth/sessions/revoke-all": { status: 200 },
  "GET /auth/security-logs": { status: 200 },
  "POST /api/v1/organizations": { status: 201, request: () => ({ payload: { name: "Created in test" } }) },
  "GET /api/v1/organizations": { status: 200 },
  "GET /api/v1/organizations/:orgId": { status: 200 },
  "PUT /api/v1/organizations/:orgId": { status: 200, request: () => ({ ...ifMatchV1, payload: { description: "updated" } }) },
  "DELETE /api/v1/organizations/:orgId": { status: 204 },
  "GET /api/v1/organizations/:orgId/members": { status: 200 },
  "PUT /api/v1/organizations/:orgId/members/:userId": { status: 200, request: () => ({ payload: { role: "admin" } }) },
  "DELETE /api/v1/organizations/:orgId/members/:userId": { status: 204 },
  "POST /api/v1/organizations/:orgId/leave": { status: 204, as: "member" },
  "POST /api/v1/organizations/:orgId/invitations": { status: 201, request: () => ({ payload: { email: "new-person@example.com" } }) },
  "GET /api/v1/organizations/:orgId/invitations": { status: 200 },
  "DELETE /api/v1/organizations/:orgId/invitations/:invitationId": { status: 204 },
  "GET /api/v1/organizations/:orgId/audit-logs": { status: 200 },
  "GET /api/v1/organizations/:orgId/security-logs": { status: 200 },
  "GET /api/v1/organizations/:orgId/tasks": { status: 200 },
  "GET /api/v1/tasks/:taskId": { status: 200, tenantScoped: true },
  "POST /api/v1/tasks/:taskId/retry": { status: 200, tenantScoped: true },
  "POST /api/v1/tasks/:taskId/cancel": { status: 200, tenantScoped: true, request: (world) => ({ url: `/api/v1/tasks/${world.params.pendingTaskId}/cancel` }) },
  "POST /api/v1/invitations/accept": { status: 200, as: "outsider", request: (world) => invitationFor(world, "outsider") },
  "POST /api/v1/invitations/decline": { status: 200, as: "outsider", request: (world) => invitationFor(world, "outsider") },
};

/** World hooks some examples need; set by the test before examples run. */
export const worldServices: { call?: (user: WorldUserKey, options: InjectOptions) => Promise<{ json(): unknown }> } = {};

async function currentSessionId(): Promise<string> {
  const me = (await worldServices.call?.("owner", { method: "GET", url: "/auth/me" }))?.json() as { sessionId: string };
  return me.sessionId;
}

async function invitationFor(world: World, user: WorldUserKey): Promise<Partial<InjectOptions>> {
  const created = (await worldServices.call?.("owner", {
    method: "POST",
    url: `/api/v1/organizations/${world.params.orgId}/invitations`,
    payload: { email: world.users[user].email },
  }))?.json() as { token: string };
  return { payload: { token: created.token } };
}
