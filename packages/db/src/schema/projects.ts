import { type AnyPgColumn, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps, version } from "./columns";
import { workspaces } from "./workspaces";

/**
 * A project: a namespace in the workspace's virtual cluster. Projects nest; a project's quota is
 * carved out of its parent's (or, at the top, the workspace's), and children never sum past it.
 */
export const projects = pgTable(
  "projects",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    parentId: text("parent_id").references((): AnyPgColumn => projects.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    cpuMillicores: integer("cpu_millicores").notNull(),
    memoryMib: integer("memory_mib").notNull(),
    storageGib: integer("storage_gib").notNull(),
    ...timestamps,
    ...version,
  },
  (table) => [
    uniqueIndex("projects_workspace_name_key").on(table.workspaceId, table.name),
    index("projects_parent_idx").on(table.parentId),
    index("projects_workspace_id_idx").on(table.workspaceId, table.id),
  ],
);

export type ProjectRow = typeof projects.$inferSelect;
