import { schema } from "@hks/db";
import type { SecretBox } from "@hks/encryption";
import { createKubeRestClient } from "@hks/kube";
import { and, eq } from "drizzle-orm";
import type { WorkspaceTaskDeps } from "../clusters/workspace-task-kit";
import { loadWorkspace } from "../clusters/workspace-spec";
import { recordTaskResult } from "../tasks/task-result";
import { TaskFailed, type TaskContext, type TaskDefinition } from "../tasks/task-definition";
import { ARCHIVE_FORMAT, buildManifest, sealArchive, type BackupArchive } from "./backup-archive";
import type { BackupStore } from "./backup-store";
import { exportObjects } from "./export-objects";

export const BACKUP_TASK = "workspace.backup";

export interface BackupTaskDeps extends WorkspaceTaskDeps {
  secretBox: SecretBox;
  store: BackupStore;
}

const SYSTEM_ORIGIN = { ipAddress: null, userAgent: null, requestId: null };

/** The backup a task works on, by the id in its payload; gone is final. */
export async function backupOfTask(deps: Pick<WorkspaceTaskDeps, "db">, context: Pick<TaskContext, "payload" | "organizationId">) {
  const backupId = String(context.payload.backupId ?? "");
  const b = schema.workspaceBackups;
  const [backup] = await deps.db.select().from(b).where(and(eq(b.id, backupId), eq(b.organizationId, context.organizationId)));
  if (!backup) throw new TaskFailed("The backup no longer exists");
  return backup;
}

/**
 * The running workspace a backup or restore works on. Gone or being deleted ends the task; any
 * other status than RUNNING (stopping, restarting, upgrading) is waited out by the task's retries.
 */
export async function runningWorkspace(deps: Pick<WorkspaceTaskDeps, "db">, workspaceId: string | null | undefined) {
  const workspace = workspaceId ? await loadWorkspace(deps.db, workspaceId) : undefined;
  if (!workspace) throw new TaskFailed("The workspace no longer exists");
  if (workspace.status === "DELETING") throw new TaskFailed("The workspace is being deleted");
  if (workspace.status !== "RUNNING") throw new Error(`The workspace is ${workspace.status}; waiting for it to be RUNNING again`);
  return workspace;
}

/**
 * Writes a backup of a running workspace's virtual cluster (see docs/backups.md): lists its
 * objects, cleans them, seals them into one archive in the backup directory with its manifest,
 * and marks the backup SUCCEEDED with the manifest — or ERROR with the reason when it gives up.
 * The workspace stays RUNNING throughout. Running the step again rewrites the same file.
 */
export function backupTask(deps: BackupTaskDeps): TaskDefinition {
  const b = schema.workspaceBackups;
  return {
    kind: BACKUP_TASK,
    maxAttempts: 4,
    backoffMs: [2_000, 10_000, 30_000],
    async onGivenUp(context, reason) {
      const backupId = String(context.payload.backupId ?? "");
      const [failed] = await deps.db.transaction(async (tx) => {
        const rows = await tx
          .update(b)
          .set({ status: "ERROR", errorReason: reason.slice(0, 2000), completedAt: new Date(), updatedAt: new Date() })
          .where(and(eq(b.id, backupId), eq(b.status, "PENDING")))
          .returning();
        const row = rows[0];
        if (row) {
          await deps.audit.record(tx, SYSTEM_ORIGIN, { type: "backup.failed", success: false, organizationId: row.organizationId, targetType: "backup", targetId: row.id, errorCode: "BACKUP_FAILED", metadata: { workspaceId: row.sourceWorkspaceId, reason } });
        }
        return rows;
      });
      // Nothing half-written stays behind under the backup's name.
      if (failed) await deps.store.remove(deps.store.pathOf(failed.organizationId, failed.sourceWorkspaceId, failed.id));
    },
    steps: [
      {
        name: "export-and-seal",
        async run(context) {
          const backup = await backupOfTask(deps, context);
          if (backup.status === "SUCCEEDED") return;
          if (backup.status !== "PENDING") throw new TaskFailed(`The backup is ${backup.status}`);
          const workspace = await runningWorkspace(deps, backup.workspaceId);
          const connection = await deps.connections.load(workspace.id);
          if (!connection) throw new Error("The workspace has no virtual cluster connection yet");

          const exported = await exportObjects(createKubeRestClient(connection.kubeconfig));
          const archive: BackupArchive = {
            format: ARCHIVE_FORMAT,
            backupId: backup.id,
            organizationId: backup.organizationId,
            workspace: { id: workspace.id, name: workspace.name },
            kubernetesVersion: exported.kubernetesVersion,
            createdAt: new Date().toISOString(),
            definitions: exported.definitions,
            namespaces: exported.namespaces,
            objects: exported.objects,
          };
          const sealed = sealArchive(deps.secretBox, archive);
          const manifest = buildManifest(archive, sealed, { skipped: exported.skipped, unavailableApis: exported.unavailableApis });
          const filePath = deps.store.pathOf(backup.organizationId, workspace.id, backup.id);
          await deps.store.write(filePath, sealed, manifest);

          await deps.db.transaction(async (tx) => {
            const [done] = await tx
              .update(b)
              .set({ status: "SUCCEEDED", manifest: { ...manifest }, filePath, sizeBytes: manifest.sizeBytes, sha256: manifest.sha256, kubernetesVersion: manifest.kubernetesVersion, completedAt: new Date(), updatedAt: new Date() })
              .where(and(eq(b.id, backup.id), eq(b.status, "PENDING")))
              .returning();
            if (!done) return;
            await deps.audit.record(tx, SYSTEM_ORIGIN, {
              type: "backup.created",
              success: true,
              actorUserId: backup.createdBy,
              organizationId: backup.organizationId,
              targetType: "backup",
              targetId: backup.id,
              metadata: { workspaceId: workspace.id, objectCount: manifest.objectCount, sizeBytes: manifest.sizeBytes, sha256: manifest.sha256 },
            });
            await recordTaskResult(tx, context.taskId, { backupId: backup.id, objectCount: manifest.objectCount, sizeBytes: manifest.sizeBytes, unavailableApis: manifest.unavailableApis });
          });
        },
      },
    ],
  };
}
