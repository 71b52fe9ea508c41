import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type PolicyRule, type RoleScope } from "@hks/contracts";
import { newId, schema, type Database } from "@hks/db";
import { and, asc, eq, gt, ilike, or, sql } from "drizzle-orm";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { workspaceScopeOf } from "../groups/workspace-scope";
import { staleVersion } from "../http/etag";
import { decodeCursor, pageOf } from "../http/pagination";
import { isUniqueViolation } from "../http/unique-violation";
import { escapeLike } from "../http/escape-like";
import { requestWorkspaceSync } from "../clusters/workspace-sync";

export type RoleRow = typeof schema.roles.$inferSelect;
type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

const r = schema.roles;
const roleNotFound = () => new AppError("NOT_FOUND", "Role not found");
const nameTaken = (name: string) => new AppError("NAME_TAKEN", `A role named "${name}" already exists in this workspace`, { details: [{ field: "body.name", message: "already taken" }] });
/**
 * Presets mirror Kubernetes' built-in ClusterRoles and every workspace relies on them meaning the
 * same thing, so they are read-only. CONFLICT, not FORBIDDEN: nobody may change them, whatever
 * their role, and a 403 would read as "ask an administrator".
 */
const presetReadOnly = (role: RoleRow, what: "changed" | "deleted") =>
  new AppError("CONFLICT", `"${role.name}" is a preset role and cannot be ${what}; create a custom role with the rules you need instead`, {
    details: [{ field: "roleId", message: "preset roles are read-only" }],
  });

/**
 * Roles of a workspace: the presets every workspace starts with and custom ones with
 * Kubernetes-style rules (validated by the contract's schema before they get here).
 */
export function createRoleService(deps: { db: Database; audit: AuditWriter }) {
  const { db, audit } = deps;

  async function lockedRole(tx: Tx, workspaceId: string, roleId: string): Promise<RoleRow> {
    const [role] = await tx.select().from(r).where(and(eq(r.id, roleId), eq(r.workspaceId, workspaceId))).for("update");
    if (!role) throw roleNotFound();
    return role;
  }

  return {
    /** Presets and custom roles, keyset-paginated by name. */
    async list(access: ResolvedAccess, query: { limit: number; cursor?: string | undefined; scope?: RoleScope | undefined; q?: string | undefined }) {
      const { workspaceId } = workspaceScopeOf(access);
      const cursor = decodeCursor(query.cursor);
      const rows = await db
        .select()
        .from(r)
        .where(
          and(
            eq(r.workspaceId, workspaceId),
            query.scope ? eq(r.scope, query.scope) : undefined,
            query.q ? ilike(r.name, `%${escapeLike(query.q)}%`) : undefined,
            cursor ? or(gt(r.name, String(cursor.key)), and(eq(r.name, String(cursor.key)), gt(r.id, cursor.id))) : undefined,
          ),
        )
        .orderBy(asc(r.name), asc(r.id))
        .limit(query.limit + 1);
      return pageOf(rows, query.limit, (row) => ({ key: row.name, id: row.id }));
    },

    async get(access: ResolvedAccess, roleId: string): Promise<RoleRow> {
      const { workspaceId } = workspaceScopeOf(access);
      const [role] = await db.select().from(r).where(and(eq(r.id, roleId), eq(r.workspaceId, workspaceId)));
      if (!role) throw roleNotFound();
      return role;
    },

    async create(access: ResolvedAccess, actorUserId: string, input: { name: string; description: string; scope: RoleScope; rules: PolicyRule[] }, origin: AuditOrigin): Promise<RoleRow> {
      const scope = workspaceScopeOf(access);
      try {
        return await db.transaction(async (tx) => {
          const [role] = await tx
            .insert(r)
            .values({ id: newId("role"), ...scope, name: input.name, description: input.description, scope: input.scope, preset: false, rules: input.rules })
            .returning();
          if (!role) throw new Error("insert returned nothing");
          await requestWorkspaceSync(tx, scope.workspaceId);
          await audit.record(tx, origin, {
            type: "role.created",
            success: true,
            actorUserId,
            organizationId: scope.organizationId,
            targetType: "role",
            targetId: role.id,
            metadata: { workspaceId: scope.workspaceId, after: { name: role.name, scope: role.scope, rules: role.rules } },
          });
          return role;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name);
        throw error;
      }
    },

    async update(
      access: ResolvedAccess,
      actorUserId: string,
      roleId: string,
      expectedVersion: number,
      changes: { name?: string | undefined; description?: string | undefined; rules?: PolicyRule[] | undefined },
      origin: AuditOrigin,
    ): Promise<RoleRow> {
      const scope = workspaceScopeOf(access);
      try {
        return await db.transaction(async (tx) => {
          const before = await lockedRole(tx, scope.workspaceId, roleId);
          if (before.preset) throw presetReadOnly(before, "changed");
          if (before.version !== expectedVersion) throw staleVersion();
          const [after] = await tx
            .update(r)
            .set({ ...changes, updatedAt: new Date(), version: sql`${r.version} + 1` })
            .where(and(eq(r.id, roleId), eq(r.workspaceId, scope.workspaceId)))
            .returning();
          if (!after) throw new Error("update returned nothing");
          await requestWorkspaceSync(tx, scope.workspaceId);
          await audit.record(tx, origin, {
            type: "role.updated",
            success: true,
            actorUserId,
            organizationId: scope.organizationId,
            targetType: "role",
            targetId: roleId,
            metadata: {
              workspaceId: scope.workspaceId,
              before: { name: before.name, description: before.description, rules: before.rules },
              after: { name: after.name, description: after.description, rules: after.rules },
            },
          });
          return after;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(changes.name ?? "");
        throw error;
      }
    },

    /** Deletes a custom role; its bindings go with it (ON DELETE CASCADE), listed in the audit event. */
    async delete(access: ResolvedAccess, actorUserId: string, roleId: string, origin: AuditOrigin): Promise<void> {
      const scope = workspaceScopeOf(access);
      await db.transaction(async (tx) => {
        const role = await lockedRole(tx, scope.workspaceId, roleId);
        if (role.preset) throw presetReadOnly(role, "deleted");
        const rb = schema.roleBindings;
        const bindings = await tx.select({ id: rb.id }).from(rb).where(and(eq(rb.roleId, roleId), eq(rb.workspaceId, scope.workspaceId)));
        await tx.delete(r).where(and(eq(r.id, roleId), eq(r.workspaceId, scope.workspaceId)));
        await requestWorkspaceSync(tx, scope.workspaceId);
        await audit.record(tx, origin, {
          type: "role.deleted",
          success: true,
          actorUserId,
          organizationId: scope.organizationId,
          targetType: "role",
          targetId: roleId,
          metadata: { workspaceId: scope.workspaceId, before: { name: role.name, scope: role.scope, rules: role.rules }, removedBindingIds: bindings.map((row) => row.id) },
        });
      });
    },
  };
}

export type RoleService = ReturnType<typeof createRoleService>;
