import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { organizations } from "./organizations";
import { users } from "./users";
import { workspaces } from "./workspaces";

/**
 * A backup of a workspace's virtual cluster: a sealed archive of its Kubernetes objects in the
 * backup directory. A backup outlives its workspace (`workspace_id` becomes null; the name stays),
 * so it can be restored into a new one. `status`: PENDING (its task is writing it) → SUCCEEDED
 * | ERROR. `file_path` is relative to the backup directory and never leaves the platform.
 */
export const workspaceBackups = pgTable(
  "workspace_backups",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    workspaceId: text("workspace_id").references(() => workspaces.id, { onDelete: "set null" }),
    /** The workspace's id and name when the backup was taken, kept after it is deleted. */
    sourceWorkspaceId: text("source_workspace_id").notNull(),
    workspaceName: text("workspace_name").notNull(),
    status: text("status").notNull(),
    note: text("note"),
    kubernetesVersion: text("kubernetes_version").notNull(),
    taskId: text("task_id"),
    /** The manifest (counts per namespace and kind, size, sha256); null until the archive is written. */
    manifest: jsonb("manifest").$type<Record<string, unknown>>(),
    filePath: text("file_path"),
    sizeBytes: bigint("size_bytes", { mode: "number" }),
    sha256: text("sha256"),
    errorReason: text("error_reason"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (table) => [index("workspace_backups_org_idx").on(table.organizationId, table.id), index("workspace_backups_workspace_idx").on(table.workspaceId, table.id)],
);

export type WorkspaceBackupRow = typeof workspaceBackups.$inferSelect;
