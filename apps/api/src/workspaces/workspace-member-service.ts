import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type WorkspaceRole } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, eq } from "drizzle-orm";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { listMembers, type MemberListQuery } from "../http/member-list";
import { requireOrganizationMember } from "./require-organization-member";
import { workspaceInScope } from "./workspace-in-scope";

const m = schema.workspaceMembers;

/**
 * Workspace membership: roles workspace_admin, developer and viewer, for members of the
 * organization only. A workspace may be left without a workspace_admin: the organization's owners
 * and admins administer every workspace, so it is never orphaned, and refusing would only keep
 * someone who should go (a creator who changed teams) in place.
 */
export function createWorkspaceMemberService(deps: { db: Database; audit: AuditWriter }) {
  const { db, audit } = deps;

  async function lockedMembership(tx: Database, workspaceId: string, userId: string) {
    const [membership] = await tx.select().from(m).where(and(eq(m.workspaceId, workspaceId), eq(m.userId, userId))).for("update");
    if (!membership) throw new AppError("NOT_FOUND", "That user is not a member of the workspace");
    return membership;
  }

  const event = (access: ResolvedAccess, actorUserId: string, userId: string, metadata: Record<string, unknown>) => ({
    success: true,
    actorUserId,
    organizationId: access.organizationId,
    targetType: "user",
    targetId: userId,
    metadata: { workspaceId: access.workspaceId, ...metadata },
  });

  return {
    async list(access: ResolvedAccess, query: MemberListQuery) {
      return listMembers(db, m, eq(m.workspaceId, workspaceInScope(access)), query);
    },

    async add(access: ResolvedAccess, actorUserId: string, input: { userId: string; role: WorkspaceRole }, origin: AuditOrigin) {
      const workspaceId = workspaceInScope(access);
      return db.transaction(async (tx) => {
        await requireOrganizationMember(tx, access.organizationId, input.userId);
        const [added] = await tx.insert(m).values({ workspaceId, userId: input.userId, role: input.role }).onConflictDoNothing().returning();
        if (!added) throw new AppError("CONFLICT", "That user is already a member of the workspace; change their role instead");
        await audit.record(tx, origin, { type: "workspace.member.added", ...event(access, actorUserId, input.userId, { after: { role: input.role } }) });
        return added;
      });
    },

    async changeRole(access: ResolvedAccess, actorUserId: string, userId: string, role: WorkspaceRole, origin: AuditOrigin) {
      const workspaceId = workspaceInScope(access);
      return db.transaction(async (tx) => {
        const before = await lockedMembership(tx, workspaceId, userId);
        await tx.update(m).set({ role, updatedAt: new Date() }).where(and(eq(m.workspaceId, workspaceId), eq(m.userId, userId)));
        await audit.record(tx, origin, { type: "workspace.member.role_changed", ...event(access, actorUserId, userId, { before: { role: before.role }, after: { role } }) });
        return { ...before, role };
      });
    },

    async remove(access: ResolvedAccess, actorUserId: string, userId: string, origin: AuditOrigin): Promise<void> {
      const workspaceId = workspaceInScope(access);
      await db.transaction(async (tx) => {
        const before = await lockedMembership(tx, workspaceId, userId);
        await tx.delete(m).where(and(eq(m.workspaceId, workspaceId), eq(m.userId, userId)));
        await audit.record(tx, origin, { type: "workspace.member.removed", ...event(access, actorUserId, userId, { before: { role: before.role } }) });
      });
    },
  };
}

export type WorkspaceMemberService = ReturnType<typeof createWorkspaceMemberService>;
