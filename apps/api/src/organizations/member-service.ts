import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type OrganizationRole } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, count, eq, sql } from "drizzle-orm";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { listMembers, type MemberListQuery } from "../http/member-list";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Organization membership. The rule that matters: an organization always keeps an owner. Changes
 * lock the organization row, so two admins demoting the last two owners at once cannot both win.
 */
export function createMemberService(deps: { db: Database; audit: AuditWriter }) {
  const { db, audit } = deps;
  const m = schema.organizationMembers;

  async function lockedMembership(tx: Tx, organizationId: string, userId: string) {
    await tx.execute(sql`select id from ${schema.organizations} where id = ${organizationId} for update`);
    const [membership] = await tx.select().from(m).where(and(eq(m.organizationId, organizationId), eq(m.userId, userId)));
    if (!membership) throw new AppError("NOT_FOUND", "Member not found");
    return membership;
  }

  async function ensureAnotherOwner(tx: Tx, organizationId: string, userId: string) {
    const [owners] = await tx
      .select({ n: count() })
      .from(m)
      .where(and(eq(m.organizationId, organizationId), eq(m.role, "owner"), sql`${m.userId} <> ${userId}`));
    if ((owners?.n ?? 0) === 0) throw new AppError("LAST_OWNER", "The organization must keep at least one owner; make someone else owner first");
  }

  return {
    async list(access: ResolvedAccess, query: MemberListQuery) {
      return listMembers(db, m, eq(m.organizationId, access.organizationId), query);
    },

    async changeRole(access: ResolvedAccess, actorUserId: string, userId: string, role: OrganizationRole, origin: AuditOrigin) {
      return db.transaction(async (tx) => {
        const before = await lockedMembership(tx, access.organizationId, userId);
        // Only an owner may create or remove owners.
        if ((role === "owner" || before.role === "owner") && access.organizationRole !== "owner") {
          throw new AppError("FORBIDDEN", "Only an owner can grant or take away the owner role");
        }
        if (before.role === "owner" && role !== "owner") await ensureAnotherOwner(tx, access.organizationId, userId);
        await tx.update(m).set({ role, updatedAt: new Date() }).where(and(eq(m.organizationId, access.organizationId), eq(m.userId, userId)));
        await audit.record(tx, origin, {
          type: "organization.member.role_changed",
          success: true,
          actorUserId,
          organizationId: access.organizationId,
          targetType: "user",
          targetId: userId,
          metadata: { before: { role: before.role }, after: { role } },
        });
        return { ...before, role };
      });
    },

    /** Leaving is removing yourself; the last owner must hand over ownership first. */
    async leave(access: ResolvedAccess, userId: string, origin: AuditOrigin): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await lockedMembership(tx, access.organizationId, userId);
        if (before.role === "owner") await ensureAnotherOwner(tx, access.organizationId, userId);
        await removeEverywhere(tx, access.organizationId, userId);
        await audit.record(tx, origin, {
          type: "organization.member.left",
          success: true,
          actorUserId: userId,
          organizationId: access.organizationId,
          targetType: "user",
          targetId: userId,
          metadata: { before: { role: before.role } },
        });
      });
    },

    async remove(access: ResolvedAccess, actorUserId: string, userId: string, origin: AuditOrigin): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await lockedMembership(tx, access.organizationId, userId);
        if (before.role === "owner" && access.organizationRole !== "owner") throw new AppError("FORBIDDEN", "Only an owner can remove an owner");
        if (before.role === "owner") await ensureAnotherOwner(tx, access.organizationId, userId);
        await removeEverywhere(tx, access.organizationId, userId);
        await audit.record(tx, origin, {
          type: "organization.member.removed",
          success: true,
          actorUserId,
          organizationId: access.organizationId,
          targetType: "user",
          targetId: userId,
          metadata: { before: { role: before.role } },
        });
      });
    },
  };
}

/**
 * Leaving an organization also ends every workspace, project and group membership inside it, so
 * no access survives the membership it hung on.
 */
async function removeEverywhere(tx: Tx, organizationId: string, userId: string): Promise<void> {
  await tx.execute(sql`delete from ${schema.groupMembers} where user_id = ${userId}
    and group_id in (select id from ${schema.groups} where organization_id = ${organizationId})`);
  await tx.execute(sql`delete from ${schema.projectMembers} where user_id = ${userId}
    and project_id in (select id from ${schema.projects} where organization_id = ${organizationId})`);
  await tx.execute(sql`delete from ${schema.workspaceMembers} where user_id = ${userId}
    and workspace_id in (select id from ${schema.workspaces} where organization_id = ${organizationId})`);
  await tx.execute(sql`delete from ${schema.roleBindings} where subject_kind = 'user' and subject_id = ${userId}
    and organization_id = ${organizationId}`);
  await tx.delete(schema.organizationMembers).where(and(eq(schema.organizationMembers.organizationId, organizationId), eq(schema.organizationMembers.userId, userId)));
}

export type MemberService = ReturnType<typeof createMemberService>;
