import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type Subject, type SubjectKind } from "@hks/contracts";
import { newId, schema, type Database } from "@hks/db";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Authorizer } from "../authorization/authorizer";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { workspaceScopeOf, type WorkspaceScope } from "../groups/workspace-scope";
import { decodeCursor, pageOf } from "../http/pagination";
import { isUniqueViolation } from "../http/unique-violation";
import { lockSubject } from "./subject-lookup";
import { requestWorkspaceSync } from "../clusters/workspace-sync";

const rb = schema.roleBindings;
const r = schema.roles;
const bindingColumns = {
  id: rb.id,
  workspaceId: rb.workspaceId,
  projectId: rb.projectId,
  subjectKind: rb.subjectKind,
  subjectId: rb.subjectId,
  createdAt: rb.createdAt,
  role: { id: r.id, name: r.name, scope: r.scope },
};

export interface RoleBindingView {
  id: string;
  workspaceId: string;
  projectId: string | null;
  subjectKind: string;
  subjectId: string;
  createdAt: Date;
  role: { id: string; name: string; scope: string };
}

export interface ListRoleBindingsQuery {
  limit: number;
  cursor?: string | undefined;
  /** A project id, or "workspace" for workspace-wide bindings only. */
  projectId?: string | undefined;
  roleId?: string | undefined;
  subjectKind?: SubjectKind | undefined;
  subjectId?: string | undefined;
}

/**
 * Bindings of roles to users or groups, workspace-wide or on a project (and so its descendants).
 * A binding on a project needs `role-binding:manage` at that project, checked on top of the
 * route's workspace-level check, which also proves the project is in this workspace.
 */
export function createRoleBindingService(deps: { db: Database; audit: AuditWriter; authorizer: Authorizer }) {
  const { db, audit, authorizer } = deps;

  const authorizeAtProject = (scope: WorkspaceScope, actorUserId: string, projectId: string) =>
    authorizer.authorize(actorUserId, "role-binding:manage", { ...scope, projectId });

  return {
    async create(access: ResolvedAccess, actorUserId: string, input: { roleId: string; subject: Subject; projectId?: string | null | undefined }, origin: AuditOrigin): Promise<RoleBindingView> {
      const scope = workspaceScopeOf(access);
      const projectId = input.projectId ?? null;
      if (projectId !== null) await authorizeAtProject(scope, actorUserId, projectId);
      try {
        return await db.transaction(async (tx) => {
          // KEY SHARE on role, project and subject: none can be deleted between here and commit.
          const [role] = await tx.select().from(r).where(and(eq(r.id, input.roleId), eq(r.workspaceId, scope.workspaceId))).for("key share");
          if (!role) throw new AppError("NOT_FOUND", "Role not found", { details: [{ field: "body.roleId", message: "no such role in this workspace" }] });
          if (role.scope === "project" && projectId === null) {
            throw new AppError("VALIDATION_FAILED", `"${role.name}" is a project-scoped role: bind it on a project (set projectId), not workspace-wide`, {
              details: [{ field: "body.projectId", message: "required for a project-scoped role" }],
            });
          }
          if (projectId !== null) {
            const p = schema.projects;
            const [project] = await tx.select({ id: p.id }).from(p).where(and(eq(p.id, projectId), eq(p.workspaceId, scope.workspaceId))).for("key share");
            if (!project) throw new AppError("NOT_FOUND", "Project not found", { details: [{ field: "body.projectId", message: "no such project in this workspace" }] });
          }
          await lockSubject(tx, scope, input.subject, "body.subject.id");
          const [binding] = await tx
            .insert(rb)
            .values({ id: newId("roleBinding"), ...scope, roleId: role.id, projectId, subjectKind: input.subject.kind, subjectId: input.subject.id })
            .returning();
          if (!binding) throw new Error("insert returned nothing");
          await requestWorkspaceSync(tx, scope.workspaceId);
          await audit.record(tx, origin, {
            type: "role_binding.created",
            success: true,
            actorUserId,
            organizationId: scope.organizationId,
            targetType: "role_binding",
            targetId: binding.id,
            metadata: { workspaceId: scope.workspaceId, after: { roleId: role.id, roleName: role.name, projectId, subject: input.subject } },
          });
          return { ...binding, role: { id: role.id, name: role.name, scope: role.scope } };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError("CONFLICT", "That role is already bound to that subject here");
        throw error;
      }
    },

    /** Bindings in creation order (ids sort by time), filtered by place, role or subject. */
    async list(access: ResolvedAccess, query: ListRoleBindingsQuery) {
      const { workspaceId } = workspaceScopeOf(access);
      const cursor = decodeCursor(query.cursor);
      const place = query.projectId === undefined ? undefined : query.projectId === "workspace" ? isNull(rb.projectId) : eq(rb.projectId, query.projectId);
      const rows = await db
        .select(bindingColumns)
        .from(rb)
        .innerJoin(r, eq(r.id, rb.roleId))
        .where(
          and(
            eq(rb.workspaceId, workspaceId),
            place,
            query.roleId ? eq(rb.roleId, query.roleId) : undefined,
            query.subjectKind ? eq(rb.subjectKind, query.subjectKind) : undefined,
            query.subjectId ? eq(rb.subjectId, query.subjectId) : undefined,
            cursor ? gt(rb.id, cursor.id) : undefined,
          ),
        )
        .orderBy(asc(rb.id))
        .limit(query.limit + 1);
      return pageOf(rows, query.limit, (row) => ({ key: row.id, id: row.id }));
    },

    async delete(access: ResolvedAccess, actorUserId: string, bindingId: string, origin: AuditOrigin): Promise<void> {
      const scope = workspaceScopeOf(access);
      const [found] = await db.select({ projectId: rb.projectId }).from(rb).where(and(eq(rb.id, bindingId), eq(rb.workspaceId, scope.workspaceId)));
      if (!found) throw new AppError("NOT_FOUND", "Role binding not found");
      if (found.projectId !== null) await authorizeAtProject(scope, actorUserId, found.projectId);
      await db.transaction(async (tx) => {
        const [removed] = await tx.delete(rb).where(and(eq(rb.id, bindingId), eq(rb.workspaceId, scope.workspaceId))).returning();
        if (!removed) throw new AppError("NOT_FOUND", "Role binding not found");
        await requestWorkspaceSync(tx, scope.workspaceId);
        await audit.record(tx, origin, {
          type: "role_binding.deleted",
          success: true,
          actorUserId,
          organizationId: scope.organizationId,
          targetType: "role_binding",
          targetId: bindingId,
          metadata: { workspaceId: scope.workspaceId, before: { roleId: removed.roleId, projectId: removed.projectId, subject: { kind: removed.subjectKind, id: removed.subjectId } } },
        });
      });
    },
  };
}

export type RoleBindingService = ReturnType<typeof createRoleBindingService>;
