import type { OrganizationRole, ProjectRole, WorkspaceRole } from "@hks/contracts";
import { newId, schema } from "@hks/db";
import type { SignedInUser, TenancyTestbed } from "../tenancy/tenancy-testbed";

/** The roles a world user holds in the world's organization (and its workspace and project). */
export interface RoleAssignment {
  organization?: OrganizationRole;
  workspace?: WorkspaceRole;
  project?: ProjectRole;
}

export const worldRoles = {
  owner: { organization: "owner" },
  admin: { organization: "admin" },
  member: { organization: "member" },
  wsAdmin: { organization: "member", workspace: "workspace_admin" },
  wsDeveloper: { organization: "member", workspace: "developer" },
  wsViewer: { organization: "member", workspace: "viewer" },
  projectAdmin: { organization: "member", project: "project_admin" },
  projectDeveloper: { organization: "member", project: "developer" },
  projectViewer: { organization: "member", project: "viewer" },
  outsider: {},
} satisfies Record<string, RoleAssignment>;

export type WorldUserKey = keyof typeof worldRoles;

/** A small tenant world built through the API: one organization seen from every role, and a stranger. */
export interface World {
  users: Record<WorldUserKey, SignedInUser>;
  /** Values for every path parameter a route may have. */
  params: Record<string, string>;
}

async function join(t: TenancyTestbed, owner: SignedInUser, orgId: string, user: SignedInUser, role: OrganizationRole): Promise<void> {
  const invitation = await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/invitations`, payload: { email: user.email, role } });
  const accepted = await t.call(user, { method: "POST", url: "/api/v1/invitations/accept", payload: { token: invitation.json().token } });
  if (accepted.statusCode !== 200) throw new Error(`joining failed: ${accepted.body}`);
}

/** Calls the API and insists on success: world building must never half-work silently. */
async function ok(t: TenancyTestbed, user: SignedInUser, options: Parameters<TenancyTestbed["call"]>[1]): Promise<Record<string, string>> {
  const response = await t.call(user, options);
  if (response.statusCode >= 300) throw new Error(`world building: ${options.method} ${options.url} answered ${response.statusCode}: ${response.body}`);
  return response.statusCode === 204 ? {} : response.json();
}

export async function buildWorld(t: TenancyTestbed): Promise<World> {
  const keys = Object.keys(worldRoles) as WorldUserKey[];
  const signedIn = await Promise.all(keys.map((key) => t.user(key)));
  const users = Object.fromEntries(keys.map((key, index) => [key, signedIn[index]!])) as Record<WorldUserKey, SignedInUser>;
  const { owner, member, outsider } = users;
  const org = await t.call(owner, { method: "POST", url: "/api/v1/organizations", payload: { name: "World org" } });
  const orgId = org.json().id as string;
  // The outsider is a full owner elsewhere: a real tenant, not an anonymous user.
  await t.call(outsider, { method: "POST", url: "/api/v1/organizations", payload: { name: "Other tenant" } });
  for (const key of keys) {
    const role = (worldRoles[key] as RoleAssignment).organization;
    if (role && key !== "owner") await join(t, owner, orgId, users[key], role);
  }
  const orgPath = `/api/v1/organizations/${orgId}`;
  const ws = (await ok(t, owner, { method: "POST", url: `${orgPath}/workspaces`, payload: { name: "world", planId: "starter-shared" } })).id!;
  const wsPath = `${orgPath}/workspaces/${ws}`;
  for (const key of keys) {
    const role = (worldRoles[key] as RoleAssignment).workspace;
    if (role) await ok(t, owner, { method: "POST", url: `${wsPath}/members`, payload: { userId: users[key].userId, role } });
  }
  const quota = { cpuMillicores: 500, memoryMib: 512, storageGib: 5 };
  const project = (await ok(t, owner, { method: "POST", url: `${wsPath}/projects`, payload: { name: "apps", quota } })).id!;
  const child = (await ok(t, owner, { method: "POST", url: `${wsPath}/projects`, payload: { name: "apps-api", parentId: project, quota: { cpuMillicores: 100, memoryMib: 128, storageGib: 1 } } })).id!;
  for (const key of keys) {
    const role = (worldRoles[key] as RoleAssignment).project;
    if (role) await ok(t, owner, { method: "POST", url: `${wsPath}/projects/${project}/members`, payload: { userId: users[key].userId, role } });
  }
  const group = (await ok(t, owner, { method: "POST", url: `${wsPath}/groups`, payload: { name: "developers" } })).id!;
  await ok(t, owner, { method: "POST", url: `${wsPath}/groups/${group}/members`, payload: { userId: member.userId } });
  const role = (await ok(t, owner, { method: "POST", url: `${wsPath}/rbac/roles`, payload: { name: "pod-reader", scope: "project", rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }] } })).id!;
  const binding = (await ok(t, owner, { method: "POST", url: `${wsPath}/rbac/bindings`, payload: { roleId: role, subject: { kind: "group", id: group }, projectId: project } })).id!;
  const invitation = await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/invitations`, payload: { email: "pending@example.com" } });
  // Tasks are created by the modules that need them (provisioning…); the world plants two.
  const task = (status: string) => ({ id: newId("task"), organizationId: orgId, kind: "world.task", status, maxAttempts: 1, createdBy: owner.userId });
  const [failedTask, pendingTask] = [task("ERROR"), task("PENDING")];
  await t.database.db.insert(schema.tasks).values([failedTask, pendingTask]);
  // A finished backup of the workspace (its file is never read by the isolation test).
  const backup = newId("backup");
  await t.database.db.insert(schema.workspaceBackups).values({
    id: backup,
    organizationId: orgId,
    workspaceId: ws,
    sourceWorkspaceId: ws,
    workspaceName: "world",
    status: "SUCCEEDED",
    kubernetesVersion: "v1.35.4",
    filePath: `${orgId}/${ws}/${backup}.sealed`,
    sizeBytes: 0,
    sha256: "0".repeat(64),
    createdBy: owner.userId,
    completedAt: new Date(),
  });
  return {
    users,
    params: {
      orgId,
      userId: member.userId,
      invitationId: invitation.json().id,
      taskId: failedTask.id,
      pendingTaskId: pendingTask.id,
      wsId: ws,
      projectId: project,
      childProjectId: child,
      groupId: group,
      roleId: role,
      bindingId: binding,
      backupId: backup,
      kind: "user",
      subjectId: member.userId,
      wsViewerId: users.wsViewer.userId,
      projectViewerId: users.projectViewer.userId,
    },
  };
}
