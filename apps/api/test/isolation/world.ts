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

export async function buildWorld(t: TenancyTestbed): Promise<World> {
  const [owner, admin, member, outsider] = await Promise.all([t.user("owner"), t.user("admin"), t.user("member"), t.user("outsider")]);
  const org = await t.call(owner, { method: "POST", url: "/api/v1/organizations", payload: { name: "World org" } });
  const orgId = org.json().id as string;
  // The outsider is a full owner elsewhere: a real tenant, not an anonymous user.
  await t.call(outsider, { method: "POST", url: "/api/v1/organizations", payload: { name: "Other tenant" } });
  await join(t, owner, orgId, admin, "admin");
  await join(t, owner, orgId, member, "member");
  const invitation = await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/invitations`, payload: { email: "pending@example.com" } });
  // Tasks are created by the modules that need them (provisioning…); the world plants two.
  const task = (status: string) => ({ id: newId("task"), organizationId: orgId, kind: "world.task", status, maxAttempts: 1, createdBy: owner.userId });
  const [failedTask, pendingTask] = [task("ERROR"), task("PENDING")];
  await t.database.db.insert(schema.tasks).values([failedTask, pendingTask]);
  return {
    users: { owner, admin, member, outsider },
    params: { orgId, userId: member.userId, invitationId: invitation.json().id, taskId: failedTask.id, pendingTaskId: pendingTask.id },
  };
}
