import { boolean, index, jsonb, pgTable, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamps, version } from "./columns";
import { projects } from "./projects";
import { workspaces } from "./workspaces";

/** A Kubernetes-style rule, as in a Role or ClusterRole. */
export interface PolicyRuleRecord {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

/**
 * Roles of a workspace: presets and custom ones. `scope` says where a role may be bound:
 * `workspace` (cluster-wide in the virtual cluster) or `project` (namespaced).
 */
export const roles = pgTable(
  "roles",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    scope: text("scope").notNull(),
    preset: boolean("preset").notNull().default(false),
    rules: jsonb("rules").$type<PolicyRuleRecord[]>().notNull(),
    ...timestamps,
    ...version,
  },
  (table) => [uniqueIndex("roles_workspace_name_key").on(table.workspaceId, table.name)],
);

/** A role granted to a user or group, for the whole workspace (projectId null) or one project. */
export const roleBindings = pgTable(
  "role_bindings",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    roleId: text("role_id")
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
    projectId: text("project_id").references(() => projects.id, { onDelete: "cascade" }),
    subjectKind: text("subject_kind").notNull(),
    subjectId: text("subject_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    // One binding per role, place and subject; NULLS NOT DISTINCT makes workspace-wide bindings
    // (project null) unique too.
    unique("role_bindings_unique_key").on(table.roleId, table.projectId, table.subjectKind, table.subjectId).nullsNotDistinct(),
    index("role_bindings_subject_idx").on(table.workspaceId, table.subjectKind, table.subjectId),
    index("role_bindings_project_idx").on(table.projectId),
  ],
);
