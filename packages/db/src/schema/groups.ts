import { type AnyPgColumn, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps, version } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

/** Identity groups of a workspace, nested; they become Kubernetes groups in RoleBindings. */
export const groups = pgTable(
  "groups",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    parentId: text("parent_id").references((): AnyPgColumn => groups.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    ...timestamps,
    ...version,
  },
  (table) => [uniqueIndex("groups_workspace_name_key").on(table.workspaceId, table.name), index("groups_parent_idx").on(table.parentId)],
);

export const groupMembers = pgTable(
  "group_members",
  {
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.groupId, table.userId] }), index("group_members_user_idx").on(table.userId)],
);
