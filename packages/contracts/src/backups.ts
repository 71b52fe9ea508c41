import { z } from "zod";

export const backupStatuses = ["PENDING", "SUCCEEDED", "ERROR"] as const;
export type BackupStatus = (typeof backupStatuses)[number];

export const backupIdSchema = z.string().regex(/^bkp_[0-9a-z]{26}$/, "not a backup id");

export const backupManifestSchema = z
  .object({
    format: z.string().describe("The archive format, e.g. hks-workspace-backup/1"),
    kubernetesVersion: z.string(),
    createdAt: z.iso.datetime(),
    objectCount: z.number().int().describe("Namespaces, custom resource definitions and namespaced objects in the archive"),
    namespaces: z.array(z.string()),
    counts: z.array(z.object({ namespace: z.string().nullable(), apiVersion: z.string(), kind: z.string(), count: z.number().int() })).describe("Objects per namespace and kind"),
    skipped: z.array(z.object({ reason: z.string(), count: z.number().int() })).describe("Objects listed but deliberately left out, per reason"),
    unavailableApis: z.array(z.string()).describe("API group versions the cluster could not list when the backup ran"),
    sizeBytes: z.number().int(),
    sha256: z.string().describe("Of the sealed file, checked before every restore"),
  })
  .meta({ id: "BackupManifest" });

export const backupSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    workspaceId: z.string().nullable().describe("Null once the workspace has been deleted (the backup can still be restored into another)"),
    workspaceName: z.string().describe("The workspace's name when the backup was taken"),
    status: z.enum(backupStatuses),
    note: z.string().nullable(),
    kubernetesVersion: z.string(),
    taskId: z.string().nullable().describe("The task that writes the backup"),
    sizeBytes: z.number().int().nullable(),
    sha256: z.string().nullable(),
    manifest: backupManifestSchema.nullable().describe("Null until the backup has been written"),
    errorReason: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Backup" });

export type BackupResponse = z.infer<typeof backupSchema>;

export const createBackupSchema = z
  .object({ note: z.string().trim().max(500).optional().describe("Why the backup was taken, for people") })
  .strict()
  .meta({ id: "CreateBackup" });

export const restoreBackupSchema = z
  .object({ workspaceId: z.string().regex(/^ws_[0-9a-z]{26}$/, "not a workspace id").describe("The RUNNING workspace of the same organization to restore into (the backup's own, or another)") })
  .strict()
  .meta({ id: "RestoreBackup" });

export const restoreOperationSchema = z
  .object({
    backupId: z.string(),
    workspaceId: z.string().describe("The workspace being restored into"),
    taskId: z.string().describe("Follow it at GET /api/v1/tasks/{taskId}; its result lists what was applied and what was skipped, with reasons"),
  })
  .meta({ id: "RestoreOperation" });
