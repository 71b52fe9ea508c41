import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, roleGrants, workspaceRoles, type BackupResponse, type BackupStatus } from "@hks/contracts";
import { newId, schema, type Database } from "@hks/db";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Authorizer } from "../authorization/authorizer";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { enqueueTask } from "../tasks/enqueue-task";
import type { TaskDefinition } from "../tasks/task-definition";
import { decodeCursor, pageOf } from "../http/pagination";
import { lockWorkspace } from "../workspaces/lock-workspace";
import { workspaceInScope } from "../workspaces/workspace-in-scope";
import type { BackupManifest } from "./backup-archive";
import type { BackupStore } from "./backup-store";
import { BACKUP_TASK } from "./backup-task";
import { RESTORE_TASK } from "./restore-task";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type BackupRow = typeof schema.workspaceBackups.$inferSelect;

/** Workspace roles that may back up and restore (and so see backups): read from the catalogue. */
const BACKUP_ROLES = workspaceRoles.filter((role) => (roleGrants.workspace[role] as readonly string[]).includes("workspace:backup"));

const notFound = () => new AppError("NOT_FOUND", "Backup not found");

/** A backup as tenants see it: never the file's path. */
function toResponse(row: BackupRow): BackupResponse {
  const manifest = row.manifest as BackupManifest | null;
  return {
    id: row.id,
    organizationId: row.organizationId,
    workspaceId: row.workspaceId,
    workspaceName: row.workspaceName,
    status: row.status as BackupStatus,
    note: row.note,
    kubernetesVersion: row.kubernetesVersion,
    taskId: row.taskId,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    manifest: manifest
      ? {
          format: manifest.format,
          kubernetesVersion: manifest.kubernetesVersion,
          createdAt: manifest.createdAt,
          objectCount: manifest.objectCount,
          namespaces: manifest.namespaces,
          counts: manifest.counts,
          skipped: manifest.skipped,
          unavailableApis: manifest.unavailableApis,
          sizeBytes: manifest.sizeBytes,
          sha256: manifest.sha256,
        }
      : null,
    errorReason: row.errorReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

/**
 * Backups of workspaces' virtual clusters and restores from them. Who may do what:
 *  - taking, seeing, deleting and restoring a backup all need `workspace:backup` on its workspace
 *    (workspace admins; organization owners and admins everywhere) — a backup holds the
 *    workspace's Secrets, so seeing one is as sensitive as taking one;
 *  - a backup whose workspace was deleted belongs to the organization's administrators;
 *  - restoring also needs `workspace:backup` on the target workspace.
 * Whoever cannot see a backup's workspace gets 404, whoever can see it but lacks the permission 403.
 */
export function createBackupService(deps: { db: Database; audit: AuditWriter; authorizer: Authorizer; store: BackupStore; backupTask: TaskDefinition; restoreTask: TaskDefinition }) {
  const { db } = deps;
  const b = schema.workspaceBackups;

  /** Backups and restores of one workspace run one at a time: both read or write all of it. */
  async function refuseConcurrentWork(tx: Tx, workspaceId: string): Promise<void> {
    const t = schema.tasks;
    const [running] = await tx
      .select({ id: t.id, kind: t.kind })
      .from(t)
      .where(and(eq(t.workspaceId, workspaceId), inArray(t.kind, [BACKUP_TASK, RESTORE_TASK]), inArray(t.status, ["PENDING", "RUNNING"])))
      .limit(1);
    if (running) {
      const what = running.kind === BACKUP_TASK ? "A backup" : "A restore";
      throw new AppError("OPERATION_IN_PROGRESS", `${what} of this workspace is under way (task ${running.id}); try again when it has finished`);
    }
  }

  /** The backup, if the caller may work with it (see above). */
  async function authorizedBackup(access: ResolvedAccess, userId: string, backupId: string, executor: Pick<Database, "select"> = db, lock = false): Promise<BackupRow> {
    const query = executor.select().from(b).where(and(eq(b.id, backupId), eq(b.organizationId, access.organizationId)));
    const [row] = lock ? await query.for("update") : await query;
    if (!row) throw notFound();
    if (access.actions.has("workspace:backup")) return row;
    if (!row.workspaceId) throw notFound();
    const workspaceAccess = await deps.authorizer.resolve(userId, { organizationId: access.organizationId, workspaceId: row.workspaceId }).catch(() => undefined);
    if (!workspaceAccess?.actions.has("workspace:read")) throw notFound();
    if (!workspaceAccess.actions.has("workspace:backup")) throw new AppError("FORBIDDEN", "Your role does not allow workspace:backup");
    return row;
  }

  return {
    /** Starts a backup of a RUNNING workspace (the route checked `workspace:backup`). */
    async create(access: ResolvedAccess, userId: string, input: { note?: string | undefined }, origin: AuditOrigin): Promise<BackupResponse> {
      const workspaceId = workspaceInScope(access);
      return db.transaction(async (tx) => {
        const workspace = await lockWorkspace(tx, { organizationId: access.organizationId, workspaceId });
        if (workspace.status !== "RUNNING") throw new AppError("INVALID_STATE", `A workspace that is ${workspace.status} cannot be backed up (only when RUNNING)`);
        await refuseConcurrentWork(tx, workspaceId);
        const id = newId("backup");
        const task = await enqueueTask(tx, deps.audit, origin, deps.backupTask, { organizationId: access.organizationId, workspaceId, payload: { backupId: id }, createdBy: userId });
        const [row] = await tx
          .insert(b)
          .values({
            id,
            organizationId: access.organizationId,
            workspaceId,
            sourceWorkspaceId: workspaceId,
            workspaceName: workspace.name,
            status: "PENDING",
            note: input.note || null,
            kubernetesVersion: workspace.kubernetesVersion,
            taskId: task.id,
            createdBy: userId,
          })
          .returning();
        if (!row) throw new Error("backup insert returned nothing");
        await deps.audit.record(tx, origin, { type: "backup.requested", success: true, actorUserId: userId, organizationId: access.organizationId, targetType: "backup", targetId: id, metadata: { workspaceId, taskId: task.id } });
        return toResponse(row);
      });
    },

    /** Newest first; administrators see all, others the backups of workspaces they may back up. */
    async list(access: ResolvedAccess, userId: string, query: { limit: number; cursor?: string | undefined; workspaceId?: string | undefined; status?: BackupStatus | undefined }) {
      const cursor = decodeCursor(query.cursor);
      const visible = access.actions.has("workspace:backup")
        ? undefined
        : sql`${b.workspaceId} in (select workspace_id from ${schema.workspaceMembers} where user_id = ${userId} and role in (${sql.join(
            BACKUP_ROLES.map((role) => sql`${role}`),
            sql`, `,
          )}))`;
      const rows = await db
        .select()
        .from(b)
        .where(and(eq(b.organizationId, access.organizationId), visible, query.workspaceId ? eq(b.sourceWorkspaceId, query.workspaceId) : undefined, query.status ? eq(b.status, query.status) : undefined, cursor ? lt(b.id, cursor.id) : undefined))
        .orderBy(desc(b.id))
        .limit(query.limit + 1);
      const page = pageOf(rows, query.limit, (row) => ({ key: row.id, id: row.id }));
      return { items: page.items.map(toResponse), nextCursor: page.nextCursor };
    },

    async get(access: ResolvedAccess, userId: string, backupId: string): Promise<BackupResponse> {
      return toResponse(await authorizedBackup(access, userId, backupId));
    },

    /** Removes the backup's file and record together (a file that cannot be removed keeps the record). */
    async delete(access: ResolvedAccess, userId: string, backupId: string, origin: AuditOrigin): Promise<void> {
      await db.transaction(async (tx) => {
        const backup = await authorizedBackup(access, userId, backupId, tx, true);
        if (backup.status === "PENDING") throw new AppError("INVALID_STATE", "The backup is still being written; delete it when its task has finished");
        const t = schema.tasks;
        const [restoring] = await tx
          .select({ id: t.id })
          .from(t)
          .where(and(eq(t.organizationId, backup.organizationId), eq(t.kind, RESTORE_TASK), inArray(t.status, ["PENDING", "RUNNING"]), sql`${t.payload}->>'backupId' = ${backup.id}`))
          .limit(1);
        if (restoring) throw new AppError("OPERATION_IN_PROGRESS", `The backup is being restored (task ${restoring.id}); delete it when that has finished`);
        await tx.delete(b).where(eq(b.id, backup.id));
        await deps.audit.record(tx, origin, {
          type: "backup.deleted",
          success: true,
          actorUserId: userId,
          organizationId: backup.organizationId,
          targetType: "backup",
          targetId: backup.id,
          metadata: { workspaceId: backup.sourceWorkspaceId, workspaceName: backup.workspaceName, status: backup.status },
        });
        try {
          await deps.store.remove(backup.filePath ?? deps.store.pathOf(backup.organizationId, backup.sourceWorkspaceId, backup.id));
        } catch (error) {
          throw new AppError("SERVICE_UNAVAILABLE", "The backup file could not be removed; try again later", { cause: error });
        }
      });
    },

    /** Starts restoring a backup into a RUNNING workspace of the same organization. */
    async restore(access: ResolvedAccess, userId: string, backupId: string, input: { workspaceId: string }, origin: AuditOrigin) {
      const backup = await authorizedBackup(access, userId, backupId);
      if (backup.status !== "SUCCEEDED") throw new AppError("INVALID_STATE", `The backup is ${backup.status}; only a SUCCEEDED backup can be restored`);
      const target = await deps.authorizer.resolve(userId, { organizationId: access.organizationId, workspaceId: input.workspaceId }).catch(() => undefined);
      if (!target?.actions.has("workspace:read")) throw new AppError("NOT_FOUND", "Workspace not found", { details: [{ field: "body.workspaceId", message: "no such workspace in this organization" }] });
      if (!target.actions.has("workspace:backup")) throw new AppError("FORBIDDEN", "Your role does not allow workspace:backup on the target workspace");
      return db.transaction(async (tx) => {
        const workspace = await lockWorkspace(tx, { organizationId: access.organizationId, workspaceId: input.workspaceId });
        if (workspace.status !== "RUNNING") throw new AppError("INVALID_STATE", `A workspace that is ${workspace.status} cannot be restored into (only when RUNNING)`);
        await refuseConcurrentWork(tx, workspace.id);
        const task = await enqueueTask(tx, deps.audit, origin, deps.restoreTask, {
          organizationId: access.organizationId,
          workspaceId: workspace.id,
          payload: { backupId: backup.id, sourceWorkspaceId: backup.sourceWorkspaceId },
          createdBy: userId,
        });
        await deps.audit.record(tx, origin, {
          type: "backup.restore_requested",
          success: true,
          actorUserId: userId,
          organizationId: access.organizationId,
          targetType: "backup",
          targetId: backup.id,
          metadata: { workspaceId: workspace.id, sourceWorkspaceId: backup.sourceWorkspaceId, taskId: task.id },
        });
        return { backupId: backup.id, workspaceId: workspace.id, taskId: task.id };
      });
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
