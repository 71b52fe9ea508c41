import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError } from "@hks/contracts";
import { newId, schema, type Database } from "@hks/db";
import { and, asc, desc, eq, gt, ilike, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { staleVersion } from "../http/etag";
import { decodeCursor, pageOf } from "../http/pagination";
import { isUniqueViolation } from "../http/unique-violation";
import { escapeLike } from "../http/escape-like";
import { checkGroupPlacement } from "./group-placement";
import { groupChain, groupSubtree, lockGroupTree } from "./group-tree-queries";
import { workspaceScopeOf } from "./workspace-scope";
import { requestWorkspaceSync } from "../clusters/workspace-sync";

export type GroupRow = typeof schema.groups.$inferSelect;
type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface ListGroupsQuery {
  limit: number;
  cursor?: string | undefined;
  /** A group id, or "root" for top-level groups. */
  parentId?: string | undefined;
  q?: string | undefined;
  sort: "name" | "-createdAt";
}

const g = schema.groups;
const groupNotFound = () => new AppError("NOT_FOUND", "Group not found");
const nameTaken = (name: string) => new AppError("NAME_TAKEN", `A group named "${name}" already exists in this workspace`, { details: [{ field: "body.name", message: "already taken" }] });
const parentNotFound = () => new AppError("NOT_FOUND", "Parent group not found in this workspace", { details: [{ field: "body.parentId", message: "no such group here" }] });

/**
 * Groups of a workspace: a tree (cycles refused, at most GROUP_DEPTH_LIMIT deep) whose membership
 * counts upward. Every query is scoped by the workspace, so another tenant's group id is simply
 * not found; structural changes hold the workspace's group-tree lock.
 */
export function createGroupService(deps: { db: Database; audit: AuditWriter }) {
  const { db, audit } = deps;

  async function lockedGroup(tx: Tx, workspaceId: string, groupId: string): Promise<GroupRow> {
    const [group] = await tx.select().from(g).where(and(eq(g.id, groupId), eq(g.workspaceId, workspaceId))).for("update");
    if (!group) throw groupNotFound();
    return group;
  }

  return {
    async create(access: ResolvedAccess, actorUserId: string, input: { name: string; description: string; parentId?: string | null | undefined }, origin: AuditOrigin): Promise<GroupRow> {
      const scope = workspaceScopeOf(access);
      const parentId = input.parentId ?? null;
      try {
        return await db.transaction(async (tx) => {
          if (parentId !== null) {
            await lockGroupTree(tx, scope.workspaceId);
            const parentChain = await groupChain(tx, scope.workspaceId, parentId);
            if (parentChain.length === 0) throw parentNotFound();
            checkGroupPlacement({ parentChain });
          }
          const [group] = await tx
            .insert(g)
            .values({ id: newId("group"), ...scope, parentId, name: input.name, description: input.description })
            .returning();
          if (!group) throw new Error("insert returned nothing");
          await audit.record(tx, origin, {
            type: "group.created",
            success: true,
            actorUserId,
            organizationId: scope.organizationId,
            targetType: "group",
            targetId: group.id,
            metadata: { workspaceId: scope.workspaceId, after: { name: group.name, description: group.description, parentId } },
          });
          return group;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name);
        throw error;
      }
    },

    /** Keyset-paginated by name or by creation (newest first), filtered by parent and name. */
    async list(access: ResolvedAccess, query: ListGroupsQuery) {
      const { workspaceId } = workspaceScopeOf(access);
      const cursor = decodeCursor(query.cursor);
      const byName = query.sort === "name";
      const after = cursor
        ? byName
          ? or(gt(g.name, String(cursor.key)), and(eq(g.name, String(cursor.key)), gt(g.id, cursor.id)))
          : lt(g.id, cursor.id)
        : undefined;
      const parent = query.parentId === undefined ? undefined : query.parentId === "root" ? isNull(g.parentId) : eq(g.parentId, query.parentId);
      const rows = await db
        .select()
        .from(g)
        .where(and(eq(g.workspaceId, workspaceId), parent, query.q ? ilike(g.name, `%${escapeLike(query.q)}%`) : undefined, after))
        .orderBy(...(byName ? [asc(g.name), asc(g.id)] : [desc(g.id)]))
        .limit(query.limit + 1);
      return pageOf(rows, query.limit, (row) => ({ key: byName ? row.name : row.id, id: row.id }));
    },

    async get(access: ResolvedAccess, groupId: string): Promise<GroupRow> {
      const { workspaceId } = workspaceScopeOf(access);
      const [group] = await db.select().from(g).where(and(eq(g.id, groupId), eq(g.workspaceId, workspaceId)));
      if (!group) throw groupNotFound();
      return group;
    },

    async update(access: ResolvedAccess, actorUserId: string, groupId: string, expectedVersion: number, changes: { name?: string | undefined; description?: string | undefined }, origin: AuditOrigin): Promise<GroupRow> {
      const scope = workspaceScopeOf(access);
      try {
        return await db.transaction(async (tx) => {
          const before = await lockedGroup(tx, scope.workspaceId, groupId);
          if (before.version !== expectedVersion) throw staleVersion();
          const [after] = await tx
            .update(g)
            .set({ ...changes, updatedAt: new Date(), version: sql`${g.version} + 1` })
            .where(and(eq(g.id, groupId), eq(g.workspaceId, scope.workspaceId)))
            .returning();
          if (!after) throw new Error("update returned nothing");
          await audit.record(tx, origin, {
            type: "group.updated",
            success: true,
            actorUserId,
            organizationId: scope.organizationId,
            targetType: "group",
            targetId: groupId,
            metadata: { workspaceId: scope.workspaceId, before: { name: before.name, description: before.description }, after: { name: after.name, description: after.description } },
          });
          return after;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(changes.name ?? "");
        throw error;
      }
    },

    /**
     * Moves a group (with everything below it) under another parent or to the top. Refuses a
     * cycle and a tree deeper than the limit, counting the moved subtree's own height. If-Match
     * is optional here: a move is checked against the tree as it is under the lock anyway.
     */
    async move(access: ResolvedAccess, actorUserId: string, groupId: string, parentId: string | null, expectedVersion: number | undefined, origin: AuditOrigin): Promise<GroupRow> {
      const scope = workspaceScopeOf(access);
      return db.transaction(async (tx) => {
        await lockGroupTree(tx, scope.workspaceId);
        const before = await lockedGroup(tx, scope.workspaceId, groupId);
        if (expectedVersion !== undefined && before.version !== expectedVersion) throw staleVersion();
        if (before.parentId === parentId) return before;
        const parentChain = parentId === null ? [] : await groupChain(tx, scope.workspaceId, parentId);
        if (parentId !== null && parentChain.length === 0) throw parentNotFound();
        const subtree = await groupSubtree(tx, scope.workspaceId, groupId);
        checkGroupPlacement({ parentChain, moving: { id: groupId, subtreeHeight: subtree.height } });
        const [after] = await tx
          .update(g)
          .set({ parentId, updatedAt: new Date(), version: sql`${g.version} + 1` })
          .where(and(eq(g.id, groupId), eq(g.workspaceId, scope.workspaceId)))
          .returning();
        if (!after) throw new Error("update returned nothing");
        await audit.record(tx, origin, {
          type: "group.moved",
          success: true,
          actorUserId,
          organizationId: scope.organizationId,
          targetType: "group",
          targetId: groupId,
          metadata: { workspaceId: scope.workspaceId, before: { parentId: before.parentId }, after: { parentId } },
        });
        return after;
      });
    },

    /**
     * Deletes a group with its memberships and the bindings naming it. A group with child groups
     * needs `cascade`, which deletes the whole subtree the same way.
     */
    async delete(access: ResolvedAccess, actorUserId: string, groupId: string, cascade: boolean, origin: AuditOrigin): Promise<void> {
      const scope = workspaceScopeOf(access);
      await db.transaction(async (tx) => {
        await lockGroupTree(tx, scope.workspaceId);
        const group = await lockedGroup(tx, scope.workspaceId, groupId);
        const { ids } = await groupSubtree(tx, scope.workspaceId, groupId);
        const descendants = ids.filter((id) => id !== groupId);
        if (descendants.length > 0 && !cascade) {
          throw new AppError("NOT_EMPTY", `The group has ${descendants.length} group(s) below it; move or delete them first, or delete with cascade=true`, {
            details: [{ field: "query.cascade", message: `${descendants.length} descendant group(s)` }],
          });
        }
        // Lock the whole subtree first: a binding or membership being added to one of these
        // groups right now then either commits before the deletes below see it, or finds no group.
        const locked = await tx.select({ id: g.id, name: g.name }).from(g).where(and(inArray(g.id, ids), eq(g.workspaceId, scope.workspaceId))).for("update");
        const rb = schema.roleBindings;
        const removedBindings = await tx
          .delete(rb)
          .where(and(eq(rb.workspaceId, scope.workspaceId), eq(rb.subjectKind, "group"), inArray(rb.subjectId, ids)))
          .returning({ id: rb.id });
        // Memberships go by ON DELETE CASCADE; parent and children go in one statement.
        await tx.delete(g).where(and(inArray(g.id, ids), eq(g.workspaceId, scope.workspaceId)));
        await requestWorkspaceSync(tx, scope.workspaceId);
        await audit.record(tx, origin, {
          type: "group.deleted",
          success: true,
          actorUserId,
          organizationId: scope.organizationId,
          targetType: "group",
          targetId: groupId,
          metadata: {
            workspaceId: scope.workspaceId,
            before: { name: group.name, description: group.description, parentId: group.parentId },
            deletedDescendants: locked.filter((row) => row.id !== groupId),
            removedBindingIds: removedBindings.map((row) => row.id),
          },
        });
      });
    },
  };
}

export type GroupService = ReturnType<typeof createGroupService>;
