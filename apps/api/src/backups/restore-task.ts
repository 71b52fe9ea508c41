import { schema } from "@hks/db";
import { createKubeRestClient } from "@hks/kube";
import { eq } from "drizzle-orm";
import { syncInside } from "../clusters/sync-workspace";
import { recordTaskResult } from "../tasks/task-result";
import { TaskFailed, type TaskContext, type TaskDefinition } from "../tasks/task-definition";
import { applyArchive } from "./apply-archive";
import { BackupIntegrityError, openArchive, type BackupArchive } from "./backup-archive";
import { BackupFileError } from "./backup-store";
import { backupOfTask, runningWorkspace, type BackupTaskDeps } from "./backup-task";

export const RESTORE_TASK = "workspace.restore";

const schemaTasks = schema.tasks;

const SYSTEM_ORIGIN = { ipAddress: null, userAgent: null, requestId: null };

/** At most this many skipped objects are listed in the task's result (all are counted). */
const REPORTED_SKIPS = 200;

/**
 * Restores a backup into a running workspace (its own or another of the organization): checks the
 * file's sha256 and opens it, applies its objects in dependency order with server-side apply, then
 * syncs the platform's own objects (project namespaces, quotas, network policies, RBAC) from the
 * target workspace's records. Objects the cluster refuses are listed in the task's result with the
 * reason; the restore fails only when nothing could be applied or the file cannot be trusted. The
 * workspace stays RUNNING. Every step can run again: applying twice changes nothing.
 */
export function restoreTask(deps: BackupTaskDeps): TaskDefinition {
  /** The verified archive of the task's backup; an untrustworthy file ends the task. */
  const loadArchive = async (context: TaskContext): Promise<BackupArchive> => {
    const backup = await backupOfTask(deps, context);
    if (backup.status !== "SUCCEEDED" || !backup.filePath || !backup.sha256) throw new TaskFailed(`The backup is ${backup.status}, not restorable`);
    let bytes: Buffer;
    try {
      bytes = await deps.store.read(backup.filePath);
    } catch (error) {
      if (error instanceof BackupFileError && error.message.includes("missing")) throw new TaskFailed(`${error.message}; nothing was restored`);
      throw error;
    }
    try {
      return openArchive(deps.secretBox, { backupId: backup.id, sha256: backup.sha256, bytes });
    } catch (error) {
      if (error instanceof BackupIntegrityError) throw new TaskFailed(`${error.message}; nothing was restored`);
      throw error;
    }
  };

  return {
    kind: RESTORE_TASK,
    maxAttempts: 4,
    backoffMs: [2_000, 10_000, 30_000],
    async onGivenUp(context, reason) {
      await deps.db.transaction((tx) =>
        deps.audit.record(tx, SYSTEM_ORIGIN, {
          type: "backup.restore_failed",
          success: false,
          organizationId: context.organizationId,
          targetType: "backup",
          targetId: String(context.payload.backupId ?? ""),
          errorCode: "RESTORE_FAILED",
          metadata: { workspaceId: context.workspaceId, taskId: context.taskId, reason },
        }),
      );
    },
    steps: [
      {
        name: "verify-backup",
        async run(context) {
          await loadArchive(context);
        },
      },
      {
        name: "apply-objects",
        async run(context) {
          const archive = await loadArchive(context);
          const workspace = await runningWorkspace(deps, context.workspaceId);
          const connection = await deps.connections.load(workspace.id);
          if (!connection) throw new Error("The workspace has no virtual cluster connection yet");
          const report = await applyArchive(createKubeRestClient(connection.kubeconfig), archive);
          const total = archive.definitions.length + archive.namespaces.length + archive.objects.length;
          await recordTaskResult(deps.db, context.taskId, {
            backupId: archive.backupId,
            sourceWorkspace: archive.workspace,
            objects: total,
            applied: report.applied,
            appliedByKind: report.appliedByKind,
            skippedCount: report.skipped.length,
            skipped: report.skipped.slice(0, REPORTED_SKIPS),
          });
          if (report.applied === 0 && report.skipped.length > 0) {
            const first = report.skipped.slice(0, 3).map((object) => `${object.kind} ${object.namespace ? `${object.namespace}/` : ""}${object.name}: ${object.reason}`);
            throw new TaskFailed(`Nothing could be restored: the cluster refused all ${report.skipped.length} object(s), e.g. ${first.join("; ")}`);
          }
        },
      },
      {
        name: "sync-platform-objects",
        async run(context) {
          const workspace = await runningWorkspace(deps, context.workspaceId);
          await syncInside(deps, workspace.id);
        },
      },
      {
        name: "record-restore",
        async run(context) {
          await deps.db.transaction(async (tx) => {
            const [task] = await tx.select({ result: schemaTasks.result, createdBy: schemaTasks.createdBy }).from(schemaTasks).where(eq(schemaTasks.id, context.taskId));
            const result = task?.result ?? {};
            await deps.audit.record(tx, SYSTEM_ORIGIN, {
              type: "backup.restored",
              success: true,
              actorUserId: task?.createdBy ?? null,
              organizationId: context.organizationId,
              targetType: "backup",
              targetId: String(context.payload.backupId ?? ""),
              metadata: { workspaceId: context.workspaceId, taskId: context.taskId, applied: result.applied ?? 0, skipped: result.skippedCount ?? 0 },
            });
          });
        },
      },
    ],
  };
}
