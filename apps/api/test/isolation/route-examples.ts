import type { InjectOptions } from "fastify";
import { schema } from "@hks/db";
import { eq } from "drizzle-orm";
import type { TenancyTestbed } from "../tenancy/tenancy-testbed";
import { isRefusal, openLive } from "../live/live-client";
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
  /**
   * Changes the world needs before the successful call only (the refusal cases share one world,
   * so request builders must not change it).
   */
  prepare?: (world: World) => Promise<void>;
  /** Who makes the successful call (default: the organization's owner). */
  as?: WorldUserKey;
  /**
   * For routes that are merely `authenticated` but reach a tenant's resource by id (the service
   * authorizes): another tenant must get 404 too.
   */
  tenantScoped?: boolean;
  /**
   * Makes the call itself when `inject()` cannot (a WebSocket upgrade needs a real connection):
   * gets the filled-in path and the caller's headers, answers the status the client saw.
   */
  connect?: (path: string, headers: Record<string, string>) => Promise<{ statusCode: number; body: string }>;
  /**
   * For routes that take a credential other than the platform session (the Kubernetes gateway's
   * workspace kube tokens): the headers that present `user`'s credential instead of the session's.
   */
  credential?: (world: World, user: WorldUserKey) => Promise<Record<string, string>>;
  /**
   * Gateway routes relay to the workspace's virtual cluster, which the isolation world does not
   * run: a caller who passes every check gets the gateway's 503 "not running" Status instead of a
   * 2xx (the real relay is tested against a real cluster in test/gateway).
   */
  reachesCluster?: boolean;
}

/** Opens the events socket on the listening test server: 101 once the `ready` frame arrived. */
async function upgrade(path: string, headers: Record<string, string>): Promise<{ statusCode: number; body: string }> {
  if (!worldServices.baseUrl) throw new Error("the isolation test server is not listening");
  const result = await openLive(`${worldServices.baseUrl.replace(/^http/, "ws")}${path}`, headers);
  if (isRefusal(result)) return { statusCode: result.status, body: JSON.stringify(result.body) };
  await result.waitFor("the ready frame", (frame) => frame.type === "ready");
  await result.close();
  return { statusCode: 101, body: "" };
}

const ifMatchV1 = { headers: { "if-match": '"v1"' } };

/** The current ETag of a resource, read as the owner (an update must send it). */
async function ifMatchOf(url: string): Promise<{ headers: Record<string, string> }> {
  const response = await worldServices.call?.("owner", { method: "GET", url });
  return { headers: { "if-match": String(response?.headers["etag"] ?? "") } };
}

/** A workspace kube token of a workspace of the outsider's own (made once per world). */
const outsiderWorkspaces = new WeakMap<World, Promise<string>>();

async function outsiderWorkspacePath(world: World): Promise<string> {
  let pending = outsiderWorkspaces.get(world);
  if (!pending) {
    pending = (async () => {
      const orgs = (await worldServices.call?.("outsider", { method: "GET", url: "/api/v1/organizations" }))?.json() as { items: { id: string }[] };
      const orgId = orgs.items[0]?.id;
      const created = (await worldServices.call?.("outsider", { method: "POST", url: `/api/v1/organizations/${orgId}/workspaces`, payload: { name: "elsewhere", planId: "starter-shared" } }))?.json() as { id: string };
      return `/api/v1/organizations/${orgId}/workspaces/${created.id}`;
    })();
    outsiderWorkspaces.set(world, pending);
  }
  return pending;
}

/**
 * A workspace kube token as the gateway expects it: the world's workspace for whoever may read
 * it; for anyone else (the outsider), a valid token of a workspace of their own.
 */
async function kubeTokenOf(world: World, user: WorldUserKey): Promise<Record<string, string>> {
  const mint = async (path: string) => worldServices.call?.(user, { method: "POST", url: `${path}/kube-token`, payload: {} });
  let minted = await mint(wsPath(world));
  if (minted?.statusCode === 404) minted = await mint(await outsiderWorkspacePath(world));
  if (minted?.statusCode !== 200) throw new Error(`minting a kube token as ${user} answered ${minted?.statusCode}`);
  return { authorization: `Bearer ${(minted.json() as { token: string }).token}` };
}

const gatewayExample = (method: string): RouteExample => ({
  status: 503,
  reachesCluster: true,
  tenantScoped: true,
  credential: kubeTokenOf,
  request: (world) => ({
    // GET is a watch: the streaming branch must refuse cleanly too.
    url: `/k8s/workspaces/${world.params.wsId}/api/v1/namespaces/apps/configmaps${method === "GET" ? "?watch=1" : method === "POST" ? "" : "/settings"}`,
    ...(method === "GET" || method === "DELETE" ? {} : { headers: { "content-type": "application/json" }, payload: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" } } }),
  }),
});

const wsPath = (world: World) => `/api/v1/organizations/${world.params.orgId}/workspaces/${world.params.wsId}`;
const rules = [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get"] }];

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
  "DELETE /api/v1/organizations/:orgId": {
    status: 204,
    // An organization is deleted once it is empty: its workspace and its backups go first.
    prepare: async (world) => {
      const deleting = (await worldServices.call?.("owner", { method: "DELETE", url: wsPath(world) }))?.json() as { taskId: string };
      await worldServices.testbed?.runTask(deleting.taskId);
      await worldServices.call?.("owner", { method: "DELETE", url: `/api/v1/organizations/${world.params.orgId}/backups/${world.params.backupId}` });
    },
  },
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
  // The events socket, over a real WebSocket upgrade (plain HTTP gets 426; more in test/live/).
  "GET /api/v1/organizations/:orgId/events": { status: 101, connect: upgrade },
  "POST /api/v1/organizations/:orgId/workspaces": { status: 201, request: () => ({ payload: { name: "created", planId: "starter-shared" } }) },
  "GET /api/v1/organizations/:orgId/workspaces": { status: 200 },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId": { status: 200 },
  "PUT /api/v1/organizations/:orgId/workspaces/:wsId": { status: 200, request: async (world) => ({ ...(await ifMatchOf(wsPath(world))), payload: { description: "updated" } }) },
  "DELETE /api/v1/organizations/:orgId/workspaces/:wsId": { status: 202 },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/vcluster/provision": { status: 202, prepare: (world) => setWorkspaceStatus(world, "ERROR") },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/vcluster/start": { status: 202, prepare: (world) => setWorkspaceStatus(world, "STOPPED") },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/vcluster/stop": { status: 202, prepare: (world) => setWorkspaceStatus(world, "RUNNING") },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/vcluster/restart": { status: 202, prepare: (world) => setWorkspaceStatus(world, "RUNNING") },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/vcluster/upgrade": {
    status: 202,
    prepare: (world) => setWorkspaceStatus(world, "RUNNING"),
    request: () => ({ payload: { kubernetesVersion: "v1.36.0" } }),
  },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/vcluster/backup": { status: 202, prepare: (world) => setWorkspaceStatus(world, "RUNNING"), request: () => ({ payload: { note: "before the upgrade" } }) },
  "GET /api/v1/organizations/:orgId/backups": { status: 200 },
  "GET /api/v1/organizations/:orgId/backups/:backupId": { status: 200 },
  "DELETE /api/v1/organizations/:orgId/backups/:backupId": { status: 204 },
  "POST /api/v1/organizations/:orgId/backups/:backupId/restore": { status: 202, prepare: (world) => setWorkspaceStatus(world, "RUNNING"), request: (world) => ({ payload: { workspaceId: world.params.wsId } }) },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/vcluster/status": { status: 200 },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/vcluster/health": { status: 200 },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/members": { status: 200 },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/members": { status: 201, request: (world) => ({ payload: { userId: world.params.userId, role: "viewer" } }) },
  "PUT /api/v1/organizations/:orgId/workspaces/:wsId/members/:userId": {
    status: 200,
    request: (world) => ({ url: `${wsPath(world)}/members/${world.params.wsViewerId}`, payload: { role: "developer" } }),
  },
  "DELETE /api/v1/organizations/:orgId/workspaces/:wsId/members/:userId": { status: 204, request: (world) => ({ url: `${wsPath(world)}/members/${world.params.wsViewerId}` }) },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/projects": { status: 201, request: () => ({ payload: { name: "created-project", quota: { cpuMillicores: 100 } } }) },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/projects/:projectId/children": { status: 201, request: () => ({ payload: { name: "created-child", quota: { cpuMillicores: 10 } } }) },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/projects": { status: 200 },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/projects/:projectId": { status: 200 },
  "PUT /api/v1/organizations/:orgId/workspaces/:wsId/projects/:projectId": {
    status: 200,
    request: async (world) => ({ ...(await ifMatchOf(`${wsPath(world)}/projects/${world.params.projectId}`)), payload: { description: "updated" } }),
  },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/projects/:projectId/move": {
    status: 200,
    request: (world) => ({ url: `${wsPath(world)}/projects/${world.params.childProjectId}/move`, payload: { parentId: null } }),
  },
  "DELETE /api/v1/organizations/:orgId/workspaces/:wsId/projects/:projectId": { status: 204, request: (world) => ({ url: `${wsPath(world)}/projects/${world.params.projectId}?cascade=true` }) },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/projects/:projectId/members": { status: 200 },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/projects/:projectId/members": { status: 201, request: (world) => ({ payload: { userId: world.params.userId, role: "viewer" } }) },
  "PUT /api/v1/organizations/:orgId/workspaces/:wsId/projects/:projectId/members/:userId": {
    status: 200,
    request: (world) => ({ url: `${wsPath(world)}/projects/${world.params.projectId}/members/${world.params.projectViewerId}`, payload: { role: "developer" } }),
  },
  "DELETE /api/v1/organizations/:orgId/workspaces/:wsId/projects/:projectId/members/:userId": {
    status: 204,
    request: (world) => ({ url: `${wsPath(world)}/projects/${world.params.projectId}/members/${world.params.projectViewerId}` }),
  },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/groups": { status: 201, request: () => ({ payload: { name: "created-group" } }) },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/groups": { status: 200 },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/groups/:groupId": { status: 200 },
  "PUT /api/v1/organizations/:orgId/workspaces/:wsId/groups/:groupId": {
    status: 200,
    request: async (world) => ({ ...(await ifMatchOf(`${wsPath(world)}/groups/${world.params.groupId}`)), payload: { description: "updated" } }),
  },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/groups/:groupId/move": { status: 200, request: () => ({ payload: { parentId: null } }) },
  "DELETE /api/v1/organizations/:orgId/workspaces/:wsId/groups/:groupId": { status: 204 },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/groups/:groupId/members": { status: 200 },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/groups/:groupId/members": { status: 201, request: (world) => ({ payload: { userId: world.params.wsViewerId } }) },
  "DELETE /api/v1/organizations/:orgId/workspaces/:wsId/groups/:groupId/members/:userId": { status: 204 },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/rbac/roles": { status: 200 },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/rbac/roles": { status: 201, request: () => ({ payload: { name: "created-role", scope: "project", rules } }) },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/rbac/roles/:roleId": { status: 200 },
  "PUT /api/v1/organizations/:orgId/workspaces/:wsId/rbac/roles/:roleId": {
    status: 200,
    request: async (world) => ({ ...(await ifMatchOf(`${wsPath(world)}/rbac/roles/${world.params.roleId}`)), payload: { description: "updated" } }),
  },
  "DELETE /api/v1/organizations/:orgId/workspaces/:wsId/rbac/roles/:roleId": { status: 204 },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/rbac/bindings": { status: 200 },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/rbac/bindings": {
    status: 201,
    request: (world) => ({ payload: { roleId: world.params.roleId, subject: { kind: "user", id: world.params.userId }, projectId: world.params.projectId } }),
  },
  "DELETE /api/v1/organizations/:orgId/workspaces/:wsId/rbac/bindings/:bindingId": { status: 204 },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/rbac/subjects/:kind/:subjectId/permissions": { status: 200 },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/rbac/can-i": { status: 200, request: () => ({ query: { verb: "get", resource: "pods" } }) },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/rbac/who-can": { status: 200, request: () => ({ query: { verb: "get", resource: "pods" } }) },
  "POST /api/v1/organizations/:orgId/workspaces/:wsId/kube-token": { status: 200, request: () => ({ payload: { ttlSeconds: 600 } }) },
  "GET /api/v1/organizations/:orgId/workspaces/:wsId/kubeconfig": { status: 200, request: () => ({ query: { credential: "token" } }) },
  "GET /k8s/workspaces/:wsId/*": gatewayExample("GET"),
  "POST /k8s/workspaces/:wsId/*": gatewayExample("POST"),
  "PUT /k8s/workspaces/:wsId/*": gatewayExample("PUT"),
  "PATCH /k8s/workspaces/:wsId/*": gatewayExample("PATCH"),
  "DELETE /k8s/workspaces/:wsId/*": gatewayExample("DELETE"),
  "POST /api/v1/invitations/accept": { status: 200, as: "outsider", request: (world) => invitationFor(world, "outsider") },
  "POST /api/v1/invitations/decline": { status: 200, as: "outsider", request: (world) => invitationFor(world, "outsider") },
};

/** World hooks some examples need; set by the test before examples run. */
export const worldServices: {
  call?: (user: WorldUserKey, options: InjectOptions) => Promise<{ statusCode: number; json(): unknown; headers: Record<string, unknown> }>;
  testbed?: TenancyTestbed;
  /** http://127.0.0.1:<port> of the test server, for examples that need a real connection. */
  baseUrl?: string;
} = {};

/** Puts the world's workspace into a status an operation may start from (no cluster runs in this test). */
async function setWorkspaceStatus(world: World, status: string): Promise<void> {
  const db = worldServices.testbed?.database.db;
  if (!db) throw new Error("the isolation test did not hand its testbed to the examples");
  await db.update(schema.workspaces).set({ status }).where(eq(schema.workspaces.id, String(world.params.wsId)));
}

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
