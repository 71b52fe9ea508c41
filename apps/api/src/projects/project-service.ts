import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type CreateProjectInput, type ResourceAmounts, type UpdateProjectInput } from "@hks/contracts";
import { newId, schema, type Database } from "@hks/db";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Authorizer } from "../authorization/authorizer";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { staleVersion } from "../http/etag";
import { isUniqueViolation } from "../http/unique-violation";
import { countUpTo } from "../workspaces/count-up-to";
import { lockWorkspace } from "../workspaces/lock-workspace";
import { noResources, resourcesOf, withChanges } from "../workspaces/resource-amounts";
import { ensureCovers } from "../workspaces/resource-limits";
import { workspaceInScope } from "../workspaces/workspace-in-scope";
import { ensureProjectCount, planOfWorkspace } from "../workspaces/workspace-plan-rules";
import { listProjects, type ListProjectsQuery } from "./list-projects";
import { lockProject, type ProjectRow } from "./lock-project";
import { allocatedUnder } from "./project-allocations";
import { projectInScope } from "./project-in-scope";
import { ensureDepth, ensureRoomFor } from "./project-placement";
import { depthOf, subtreeOf } from "./project-tree";
import { requestWorkspaceSync } from "../clusters/workspace-sync";
import { emitEvent } from "../live/platform-event";

const p = schema.projects;

/** A project with what its children have taken from it. */
export type ProjectView = ProjectRow & { allocated: ResourceAmounts };

const nameTaken = (name: string) => new AppError("NAME_TAKEN", `The workspace already has a project named "${name}"`, { details: [{ field: "body.name", message: "already taken" }] });

/** What the audit log keeps of a project before and after a change. */
export const projectSummaryOf = (row: ProjectRow) => ({ name: row.name, description: row.description, parentId: row.parentId, quota: resourcesOf(row) });

/**
 * Projects: namespaces of a workspace's virtual cluster, in a tree whose quotas nest. Every write
 * takes the workspace lock first (see `lockWorkspace`), then the parent row it sums under, so
 * concurrent requests can never together overcommit a parent; every change is audited in its
 * transaction.
 */
export function createProjectService(deps: { db: Database; audit: AuditWriter; authorizer: Pick<Authorizer, "authorize"> }) {
  const { db, audit, authorizer } = deps;

  const withAllocation = async (executor: Database, row: ProjectRow): Promise<ProjectView> => ({ ...row, allocated: await allocatedUnder(executor, row.workspaceId, row.id) });

  return {
    /**
     * Creates a project at the top of the workspace or under `parentId`. Creating under a parent
     * needs `project:create` there too (the route checked it for the workspace), which also makes a
     * parent the caller cannot see, or one of another workspace, not found. The creator becomes
     * the project's project_admin, as a workspace's creator becomes its workspace_admin.
     */
    async create(access: ResolvedAccess, actorUserId: string, input: CreateProjectInput, origin: AuditOrigin): Promise<ProjectView> {
      const workspaceId = workspaceInScope(access);
      if (input.parentId !== null) await authorizer.authorize(actorUserId, "project:create", { organizationId: access.organizationId, workspaceId, projectId: input.parentId });
      const quota = withChanges(noResources, input.quota);
      try {
        return await db.transaction(async (tx) => {
          const workspace = await lockWorkspace(tx, { organizationId: access.organizationId, workspaceId });
          const plan = planOfWorkspace(workspace);
          ensureProjectCount(plan, 1 + (await countUpTo(tx, p, eq(p.workspaceId, workspaceId), plan.limits.projectsPerWorkspace)));
          if (input.parentId !== null) ensureDepth((await depthOf(tx, input.parentId)) + 1);
          await ensureRoomFor(tx, workspace, input.parentId, quota, { field: "body.quota" });
          const [row] = await tx
            .insert(p)
            .values({ id: newId("project"), organizationId: access.organizationId, workspaceId, parentId: input.parentId, name: input.name, description: input.description, ...quota })
            .returning();
          if (!row) throw new Error("insert returned nothing");
          await tx.insert(schema.projectMembers).values({ projectId: row.id, userId: actorUserId, role: "project_admin" });
          await requestWorkspaceSync(tx, row.workspaceId);
          await emitEvent(tx, { type: "project.status", organizationId: access.organizationId, workspaceId: row.workspaceId, projectId: row.id, status: "CREATED", at: new Date().toISOString() });
          await audit.record(tx, origin, {
            type: "project.created",
            success: true,
            actorUserId,
            organizationId: access.organizationId,
            targetType: "project",
            targetId: row.id,
            metadata: { workspaceId, after: projectSummaryOf(row) },
          });
          return { ...row, allocated: noResources };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name);
        throw error;
      }
    },

    /** The projects the caller may see in the workspace (see `listProjects`). */
    async list(access: ResolvedAccess, userId: string, query: ListProjectsQuery) {
      const workspaceId = workspaceInScope(access);
      return listProjects(db, { workspaceId, userId, seesAll: access.actions.has("project:read") }, query);
    },

    async get(access: ResolvedAccess): Promise<ProjectView> {
      const scope = projectInScope(access);
      const [row] = await db.select().from(p).where(and(eq(p.id, scope.projectId), eq(p.workspaceId, scope.workspaceId)));
      if (!row) throw new AppError("NOT_FOUND", "Project not found");
      return withAllocation(db, row);
    },

    /**
     * Renames a project or changes its quota. A quota must still cover the children's sum and fit
     * in what the parent has left besides this project.
     */
    async update(access: ResolvedAccess, actorUserId: string, expectedVersion: number, changes: UpdateProjectInput, origin: AuditOrigin): Promise<ProjectView> {
      const scope = projectInScope(access);
      try {
        return await db.transaction(async (tx) => {
          const workspace = await lockWorkspace(tx, scope);
          const before = await lockProject(tx, scope.workspaceId, scope.projectId);
          if (before.version !== expectedVersion) throw staleVersion();
          const quota = withChanges(resourcesOf(before), changes.quota);
          const allocated = await allocatedUnder(tx, scope.workspaceId, before.id);
          if (changes.quota) {
            ensureCovers(quota, allocated, { message: "The project's children already hold more than that; shrink or remove them first", field: "body.quota" });
            await ensureRoomFor(tx, workspace, before.parentId, quota, { excludingId: before.id, field: "body.quota" });
          }
          const [after] = await tx
            .update(p)
            .set({
              ...(changes.name === undefined ? {} : { name: changes.name }),
              ...(changes.description === undefined ? {} : { description: changes.description }),
              ...quota,
              updatedAt: new Date(),
              version: sql`${p.version} + 1`,
            })
            .where(eq(p.id, before.id))
            .returning();
          if (!after) throw new Error("update returned nothing");
          await requestWorkspaceSync(tx, scope.workspaceId);
          await emitEvent(tx, { type: "project.status", organizationId: scope.organizationId, workspaceId: scope.workspaceId, projectId: after.id, status: "UPDATED", at: new Date().toISOString() });
          await audit.record(tx, origin, {
            type: "project.updated",
            success: true,
            actorUserId,
            organizationId: scope.organizationId,
            targetType: "project",
            targetId: after.id,
            metadata: { workspaceId: scope.workspaceId, before: projectSummaryOf(before), after: projectSummaryOf(after) },
          });
          return { ...after, allocated };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(changes.name ?? "");
        throw error;
      }
    },

    /**
     * Moves a project (with its subtree) under another parent, or to the top with null. The caller
     * needs `project:create` at the destination, as if creating there. Refused: a destination inside
     * the project's own subtree (CYCLE), a tree deeper than the limit (DEPTH_LIMIT), and a parent
     * without room for the project's quota (QUOTA_EXCEEDED).
     */
    async move(access: ResolvedAccess, actorUserId: string, parentId: string | null, expectedVersion: number | undefined, origin: AuditOrigin): Promise<ProjectView> {
      const scope = projectInScope(access);
      await authorizer.authorize(actorUserId, "project:create", { organizationId: scope.organizationId, workspaceId: scope.workspaceId, projectId: parentId ?? undefined });
      return db.transaction(async (tx) => {
        const workspace = await lockWorkspace(tx, scope);
        const before = await lockProject(tx, scope.workspaceId, scope.projectId);
        if (expectedVersion !== undefined && before.version !== expectedVersion) throw staleVersion();
        if (before.parentId === parentId) return withAllocation(tx, before);
        const subtree = await subtreeOf(tx, scope.workspaceId, before.id);
        if (parentId !== null && subtree.some((node) => node.id === parentId)) {
          throw new AppError("CYCLE", "A project cannot move under itself or one of its descendants", { details: [{ field: "body.parentId", message: "inside the project's own subtree" }] });
        }
        const height = Math.max(...subtree.map((node) => node.level));
        ensureDepth((parentId === null ? 0 : await depthOf(tx, parentId)) + height);
        await ensureRoomFor(tx, workspace, parentId, resourcesOf(before), { field: "body.parentId" });
        const [after] = await tx
          .update(p)
          .set({ parentId, updatedAt: new Date(), version: sql`${p.version} + 1` })
          .where(eq(p.id, before.id))
          .returning();
        if (!after) throw new Error("update returned nothing");
        await requestWorkspaceSync(tx, scope.workspaceId);
        await emitEvent(tx, { type: "project.status", organizationId: scope.organizationId, workspaceId: scope.workspaceId, projectId: after.id, status: "MOVED", at: new Date().toISOString() });
        await audit.record(tx, origin, {
          type: "project.moved",
          success: true,
          actorUserId,
          organizationId: scope.organizationId,
          targetType: "project",
          targetId: after.id,
          metadata: { workspaceId: scope.workspaceId, name: after.name, before: { parentId: before.parentId }, after: { parentId } },
        });
        return withAllocation(tx, after);
      });
    },

    /**
     * Deletes a project. One with children is refused (NOT_EMPTY) unless `cascade`, which deletes
     * the whole subtree in one statement and audits each project, deepest first.
     */
    async delete(access: ResolvedAccess, actorUserId: string, cascade: boolean, origin: AuditOrigin): Promise<void> {
      const scope = projectInScope(access);
      await db.transaction(async (tx) => {
        await lockWorkspace(tx, scope);
        const project = await lockProject(tx, scope.workspaceId, scope.projectId);
        const subtree = await subtreeOf(tx, scope.workspaceId, project.id);
        if (subtree.length > 1 && !cascade) {
          throw new AppError("NOT_EMPTY", "The project has sub-projects; delete them first or ask for a cascade", {
            details: [{ field: "query.cascade", message: `${subtree.length - 1} sub-project(s) would be deleted with cascade=true` }],
          });
        }
        const levels = new Map(subtree.map((node) => [node.id, node.level]));
        const rows = await tx.delete(p).where(and(eq(p.workspaceId, scope.workspaceId), inArray(p.id, [...levels.keys()]))).returning();
        rows.sort((a, b) => (levels.get(b.id) ?? 0) - (levels.get(a.id) ?? 0));
        for (const row of rows) {
          await requestWorkspaceSync(tx, scope.workspaceId);
          await emitEvent(tx, { type: "project.status", organizationId: scope.organizationId, workspaceId: scope.workspaceId, projectId: row.id, status: "DELETED", at: new Date().toISOString() });
          await audit.record(tx, origin, {
            type: "project.deleted",
            success: true,
            actorUserId,
            organizationId: scope.organizationId,
            targetType: "project",
            targetId: row.id,
            metadata: { workspaceId: scope.workspaceId, before: projectSummaryOf(row), ...(row.id === project.id ? {} : { cascadeFrom: project.id }) },
          });
        }
      });
    },
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;
