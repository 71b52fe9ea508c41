import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type GroupMemberResponse } from "@hks/contracts";
import { schema, selectRows, type Database } from "@hks/db";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { decodeCursor, pageOf } from "../http/pagination";
import { isUniqueViolation } from "../http/unique-violation";
import { lockOrganizationMember } from "./organization-member-lock";
import { workspaceScopeOf } from "./workspace-scope";

type Executor = Pick<Database, "select">;

const g = schema.groups;
const gm = schema.groupMembers;
const groupNotFound = () => new AppError("NOT_FOUND", "Group not found");

async function requireGroup(db: Executor, workspaceId: string, groupId: string, lock?: "key share"): Promise<void> {
  const query = db.select({ id: g.id }).from(g).where(and(eq(g.id, groupId), eq(g.workspaceId, workspaceId)));
  const [group] = lock ? await query.for(lock) : await query;
  if (!group) throw groupNotFound();
}

/**
 * Who is in a group. Only members of the organization can be added; listing can include the
 * members of descendant groups, who count as members of this one.
 */
export function createGroupMemberService(deps: { db: Database; audit: AuditWriter }) {
  const { db, audit } = deps;

  return {
    async add(access: ResolvedAccess, actorUserId: string, groupId: string, userId: string, origin: AuditOrigin): Promise<GroupMemberResponse> {
      const scope = workspaceScopeOf(access);
      try {
        return await db.transaction(async (tx) => {
          await requireGroup(tx, scope.workspaceId, groupId, "key share");
          await lockOrganizationMember(tx, scope.organizationId, userId, "body.userId");
          await tx.insert(gm).values({ groupId, userId });
          await audit.record(tx, origin, {
            type: "group.member.added",
            success: true,
            actorUserId,
            organizationId: scope.organizationId,
            targetType: "group",
            targetId: groupId,
            metadata: { workspaceId: scope.workspaceId, userId },
          });
          const [user] = await tx.select({ email: schema.users.email, name: schema.users.displayName }).from(schema.users).where(eq(schema.users.id, userId));
          return { userId, email: user?.email ?? "", name: user?.name ?? "", direct: true };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError("CONFLICT", "The user is already a member of this group");
        throw error;
      }
    },

    async remove(access: ResolvedAccess, actorUserId: string, groupId: string, userId: string, origin: AuditOrigin): Promise<void> {
      const scope = workspaceScopeOf(access);
      await db.transaction(async (tx) => {
        await requireGroup(tx, scope.workspaceId, groupId);
        const removed = await tx.delete(gm).where(and(eq(gm.groupId, groupId), eq(gm.userId, userId))).returning({ userId: gm.userId });
        if (removed.length === 0) throw new AppError("NOT_FOUND", "The user is not a direct member of this group");
        await audit.record(tx, origin, {
          type: "group.member.removed",
          success: true,
          actorUserId,
          organizationId: scope.organizationId,
          targetType: "group",
          targetId: groupId,
          metadata: { workspaceId: scope.workspaceId, userId },
        });
      });
    },

    /** Members by user id (keyset); with `inherited`, also the members of every descendant group. */
    async list(access: ResolvedAccess, groupId: string, query: { limit: number; cursor?: string | undefined; inherited: boolean }) {
      const { workspaceId } = workspaceScopeOf(access);
      await requireGroup(db, workspaceId, groupId);
      const cursor = decodeCursor(query.cursor);
      const u = schema.users;
      if (!query.inherited) {
        const rows = await db
          .select({ userId: gm.userId, email: u.email, name: u.displayName })
          .from(gm)
          .innerJoin(u, eq(u.id, gm.userId))
          .where(and(eq(gm.groupId, groupId), cursor ? gt(gm.userId, cursor.id) : undefined))
          .orderBy(asc(gm.userId))
          .limit(query.limit + 1);
        return pageOf(rows.map((row) => ({ ...row, direct: true })), query.limit, (row) => ({ key: row.userId, id: row.userId }));
      }
      const rows = await selectRows<{ user_id: string; email: string; name: string; direct: boolean }>(
        db,
        sql`with recursive subtree(id, level) as (
          select ${g.id}, 1 from ${g} where ${g.id} = ${groupId} and ${g.workspaceId} = ${workspaceId}
          union all
          select c.id, s.level + 1 from ${g} c join subtree s on c.parent_id = s.id where c.workspace_id = ${workspaceId} and s.level < 64
        )
        select m.user_id, u.email, u.display_name as name, bool_or(m.group_id = ${groupId}) as direct
        from ${gm} m join subtree s on s.id = m.group_id join ${u} u on u.id = m.user_id
        where ${cursor ? sql`m.user_id > ${cursor.id}` : sql`true`}
        group by m.user_id, u.email, u.display_name
        order by m.user_id
        limit ${query.limit + 1}`,
      );
      const members = rows.map((row) => ({ userId: row.user_id, email: row.email, name: row.name, direct: row.direct }));
      return pageOf(members, query.limit, (row) => ({ key: row.userId, id: row.userId }));
    },
  };
}

export type GroupMemberService = ReturnType<typeof createGroupMemberService>;
