import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type ProjectRole } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, eq } from "drizzle-orm";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { listMembers, type MemberListQuery } from "../http/member-list";
import { requireOrganizationMember } from "../workspaces/require-organization-member";
import { projectInScope } from "./project-in-scope";

const m = schema.projectMembers;

/**
 * Project membership: roles project_admin, developer and viewer, for members of the organization
 * only. A role on a project applies to its whole subtree (the authorizer walks the ancestors), so
 * the list here is the project's direct members; roles inherited from ancestors show on theirs.
 */
export function createProjectMemberService(deps: { db: Database; audit: AuditWriter }) {
  const { db, audit } = deps;

  async function lockedMembership(tx: Database, projectId: string, userId: string) {
    const [membership] = await tx.select().from(m).where(and(eq(m.projectId, projectId), eq(m.userId, userId))).for("update");
    if (!membership) throw new AppError("NOT_FOUND", "That user is not a member of the project");
    return membership;
  }

  const event = (scope: ReturnType<typeof projectInScope>, actorUserId: string, userId: string, metadata: Record<string, unknown>) => ({
    success: true,
    actorUserId,
    organizationId: scope.organizationId,
    targetType: "user",
    targetId: userId,
    metadata: { workspaceId: scope.workspaceId, projectId: scope.projectId, ...metadata },
  });

  return {
    async list(access: ResolvedAccess, query: MemberListQuery) {
      return listMembers(db, m, eq(m.projectId, projectInScope(access).projectId), query);
    },

    async add(access: ResolvedAccess, actorUserId: string, input: { userId: string; role: ProjectRole }, origin: AuditOrigin) {
      const scope = projectInScope(access);
      return db.transaction(async (tx) => {
        await requireOrganizationMember(tx, scope.organizationId, input.userId);
        const [added] = await tx.insert(m).values({ projectId: scope.projectId, userId: input.userId, role: input.role }).onConflictDoNothing().returning();
        if (!added) throw new AppError("CONFLICT", "That user is already a member of the project; change their role instead");
        await audit.record(tx, origin, { type: "project.member.added", ...event(scope, actorUserId, input.userId, { after: { role: input.role } }) });
        return added;
      });
    },

    async changeRole(access: ResolvedAccess, actorUserId: string, userId: string, role: ProjectRole, origin: AuditOrigin) {
      const scope = projectInScope(access);
      return db.transaction(async (tx) => {
        const before = await lockedMembership(tx, scope.projectId, userId);
        await tx.update(m).set({ role, updatedAt: new Date() }).where(and(eq(m.projectId, scope.projectId), eq(m.userId, userId)));
        await audit.record(tx, origin, { type: "project.member.role_changed", ...event(scope, actorUserId, userId, { before: { role: before.role }, after: { role } }) });
        return { ...before, role };
      });
    },

    async remove(access: ResolvedAccess, actorUserId: string, userId: string, origin: AuditOrigin): Promise<void> {
      const scope = projectInScope(access);
      await db.transaction(async (tx) => {
        const before = await lockedMembership(tx, scope.projectId, userId);
        await tx.delete(m).where(and(eq(m.projectId, scope.projectId), eq(m.userId, userId)));
        await audit.record(tx, origin, { type: "project.member.removed", ...event(scope, actorUserId, userId, { before: { role: before.role } }) });
      });
    },
  };
}

export type ProjectMemberService = ReturnType<typeof createProjectMemberService>;
