import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type CreateWorkspaceInput, type UpdateWorkspaceInput } from "@hks/contracts";
import { newId, schema, type Database } from "@hks/db";
import { and, eq, ne, sql } from "drizzle-orm";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { startOperation } from "../clusters/workspace-operations";
import type { WorkspaceTaskDefinitions } from "../clusters/workspace-tasks";
import { enqueueTask, type TaskRecord } from "../tasks/enqueue-task";
import { grantedActions } from "../authorization/grants";
import { staleVersion } from "../http/etag";
import { isUniqueViolation } from "../http/unique-violation";
import { allocatedUnder } from "../projects/project-allocations";
import { seedPresetRoles } from "../rbac/preset-roles";
import { countUpTo } from "./count-up-to";
import { listWorkspaces, type ListWorkspacesQuery, type WorkspaceRow, type WorkspaceView } from "./list-workspaces";
import { lockWorkspace } from "./lock-workspace";
import { workspaceInScope } from "./workspace-in-scope";
import { noResources, resourcesOf } from "./resource-amounts";
import { ensureCovers } from "./resource-limits";
import { ensureProjectCount, ensureWorkspaceCount, initialResources, planOfWorkspace, requestedPlan, resizedResources } from "./workspace-plan-rules";

const w = schema.workspaces;

const nameTaken = (name: string) => new AppError("NAME_TAKEN", `The organization already has a workspace named "${name}"`, { details: [{ field: "body.name", message: "already taken" }] });

/** What the audit log keeps of a workspace before and after a change. */
const summaryOf = (row: WorkspaceRow) => ({ name: row.name, description: row.description, planId: row.planId, kubernetesVersion: row.kubernetesVersion, resources: resourcesOf(row) });

/**
 * Locks the organization row: workspace creation and plan changes count the organization's
 * workspaces against a plan, and two of them running at once must not both see room for one more.
 */
async function lockOrganization(tx: Database, organizationId: string): Promise<void> {
  await tx.select({ id: schema.organizations.id }).from(schema.organizations).where(eq(schema.organizations.id, organizationId)).for("no key update");
}

/**
 * Workspaces as records: their plan, size and status. Creating one makes the creator its
 * workspace_admin, seeds the preset roles and enqueues its provisioning in the same transaction;
 * resizing a provisioned one enqueues the quota change, and deleting one is a task that tears the
 * virtual cluster down before the records go. Every change is audited in its transaction.
 */
export function createWorkspaceService(deps: { db: Database; audit: AuditWriter; workspaceTasks: WorkspaceTaskDefinitions }) {
  const { db, audit } = deps;
  const operationDeps = { audit, definitions: deps.workspaceTasks };

  return {
    async create(access: ResolvedAccess, actorUserId: string, input: CreateWorkspaceInput, origin: AuditOrigin): Promise<WorkspaceView> {
      const plan = requestedPlan(input.planId);
      const resources = initialResources(plan, input.resources);
      try {
        return await db.transaction(async (tx) => {
          await lockOrganization(tx, access.organizationId);
          // The limit of the plan being requested applies to all the organization's workspaces,
          // whatever their plans: the plan is the organization's level of service.
          ensureWorkspaceCount(plan, 1 + (await countUpTo(tx, w, eq(w.organizationId, access.organizationId), plan.limits.workspaces)));
          const [row] = await tx
            .insert(w)
            .values({
              id: newId("workspace"),
              organizationId: access.organizationId,
              name: input.name,
              description: input.description,
              planId: plan.id,
              kubernetesVersion: input.kubernetesVersion,
              ...resources,
              status: "PENDING_CREATION",
              createdBy: actorUserId,
            })
            .returning();
          if (!row) throw new Error("insert returned nothing");
          await tx.insert(schema.workspaceMembers).values({ workspaceId: row.id, userId: actorUserId, role: "workspace_admin" });
          await seedPresetRoles(tx, { organizationId: row.organizationId, workspaceId: row.id });
          await audit.record(tx, origin, {
            type: "workspace.created",
            success: true,
            actorUserId,
            organizationId: row.organizationId,
            targetType: "workspace",
            targetId: row.id,
            metadata: { after: summaryOf(row) },
          });
          await enqueueTask(tx, audit, origin, deps.workspaceTasks.provision, { organizationId: row.organizationId, workspaceId: row.id, createdBy: actorUserId });
          return { ...row, allocated: noResources };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name);
        throw error;
      }
    },

    /** The workspaces the caller may see (see `listWorkspaces`). */
    async list(access: ResolvedAccess, userId: string, query: ListWorkspacesQuery) {
      const seesAll = grantedActions({ level: "workspace", organizationRole: access.organizationRole }).has("workspace:read");
      return listWorkspaces(db, { organizationId: access.organizationId, userId, seesAll }, query);
    },

    async get(access: ResolvedAccess): Promise<WorkspaceView> {
      const workspaceId = workspaceInScope(access);
      const [row] = await db.select().from(w).where(and(eq(w.id, workspaceId), eq(w.organizationId, access.organizationId)));
      if (!row) throw new AppError("NOT_FOUND", "Workspace not found");
      return { ...row, allocated: await allocatedUnder(db, row.id, null) };
    },

    /**
     * Renames, resizes or re-plans a workspace. The result must fit the plan (PLAN_LIMIT) and still
     * cover what the top-level projects hold (QUOTA_EXCEEDED); the workspace lock keeps projects
     * from taking more while this is decided.
     */
    async update(access: ResolvedAccess, actorUserId: string, expectedVersion: number, changes: UpdateWorkspaceInput, origin: AuditOrigin): Promise<WorkspaceView> {
      const workspaceId = workspaceInScope(access);
      const newPlan = changes.planId === undefined ? undefined : requestedPlan(changes.planId);
      try {
        return await db.transaction(async (tx) => {
          // Organization before workspace, the order creation locks them in.
          if (newPlan) await lockOrganization(tx, access.organizationId);
          const before = await lockWorkspace(tx, { organizationId: access.organizationId, workspaceId });
          if (before.version !== expectedVersion) throw staleVersion();
          if (before.status === "DELETING") throw new AppError("INVALID_STATE", "The workspace is being deleted");
          const planChanged = newPlan !== undefined && newPlan.id !== before.planId;
          const plan = newPlan ?? planOfWorkspace(before);
          if (planChanged) {
            const others = await countUpTo(tx, w, and(eq(w.organizationId, access.organizationId), ne(w.id, before.id)), plan.limits.workspaces);
            ensureWorkspaceCount(plan, others + 1);
            ensureProjectCount(plan, await countUpTo(tx, schema.projects, eq(schema.projects.workspaceId, before.id), plan.limits.projectsPerWorkspace));
          }
          const resources = planChanged || changes.resources ? resizedResources(resourcesOf(before), plan, changes.resources, planChanged) : resourcesOf(before);
          const allocated = await allocatedUnder(tx, before.id, null);
          ensureCovers(resources, allocated, { message: "The workspace's projects already hold more than that; shrink or delete projects first", field: "body.resources" });
          const [after] = await tx
            .update(w)
            .set({
              ...(changes.name === undefined ? {} : { name: changes.name }),
              ...(changes.description === undefined ? {} : { description: changes.description }),
              planId: plan.id,
              ...resources,
              updatedAt: new Date(),
              version: sql`${w.version} + 1`,
            })
            .where(eq(w.id, before.id))
            .returning();
          if (!after) throw new Error("update returned nothing");
          await audit.record(tx, origin, {
            type: "workspace.updated",
            success: true,
            actorUserId,
            organizationId: after.organizationId,
            targetType: "workspace",
            targetId: after.id,
            metadata: { before: summaryOf(before), after: summaryOf(after) },
          });
          const resized = JSON.stringify(resourcesOf(before)) !== JSON.stringify(resourcesOf(after));
          // A provisioned workspace's host quota follows its new size; one still being provisioned picks it up when rendered.
          if (resized && (after.status === "RUNNING" || after.status === "STOPPED")) {
            await startOperation(tx, operationDeps, { workspace: after, operation: "resize", actorUserId, origin, payload: { resume: after.status } });
            const [current] = await tx.select().from(w).where(eq(w.id, after.id));
            return { ...(current ?? after), allocated };
          }
          return { ...after, allocated };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(changes.name ?? "");
        throw error;
      }
    },

    /**
     * Starts deleting the workspace: DELETING at once, then a task removes the virtual cluster from
     * the host and finally the records (projects, members, groups, roles and bindings go with it).
     */
    async delete(access: ResolvedAccess, actorUserId: string, origin: AuditOrigin): Promise<TaskRecord> {
      const workspaceId = workspaceInScope(access);
      return db.transaction(async (tx) => {
        const before = await lockWorkspace(tx, { organizationId: access.organizationId, workspaceId });
        if (before.status === "DELETING") throw new AppError("INVALID_STATE", "The workspace is already being deleted");
        return startOperation(tx, operationDeps, { workspace: before, operation: "delete", actorUserId, origin });
      });
    },
  };
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
