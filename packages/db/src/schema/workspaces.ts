import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps, version } from "./columns";
import { organizations } from "./organizations";
import { users } from "./users";

/** A workspace: a virtual cluster sized by its plan. Provisioning state lives in `status`. */
export const workspaces = pgTable(
  "workspaces",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    planId: text("plan_id").notNull(),
    kubernetesVersion: text("kubernetes_version").notNull(),
    /** Resources the workspace may hand to its projects (within the plan's limits). */
    cpuMillicores: integer("cpu_millicores").notNull(),
    memoryMib: integer("memory_mib").notNull(),
    storageGib: integer("storage_gib").notNull(),
    status: text("status").notNull(),
    statusReason: text("status_reason"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
    ...version,
  },
  (table) => [
    uniqueIndex("workspaces_org_name_key").on(table.organizationId, table.name),
    // Serves the default list order (newest first) with keyset pagination.
    index("workspaces_org_id_idx").on(table.organizationId, table.id),
  ],
);

export type WorkspaceRow = typeof workspaces.$inferSelect;
