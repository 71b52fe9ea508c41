import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { organizations } from "./organizations";
import { workspaces } from "./workspaces";

/**
 * A workspace's virtual cluster as provisioned: where it lives on the host and how the platform
 * reaches its API server. The admin kubeconfig is sealed with the master key (context
 * `workspace-kubeconfig:<workspace id>`) and never leaves the platform: people reach the cluster
 * through the access gateway under their own identity.
 */
export const workspaceClusters = pgTable(
  "workspace_clusters",
  {
    workspaceId: text("workspace_id")
      .primaryKey()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    hostNamespace: text("host_namespace").notNull(),
    /** The virtual cluster's API server, as its kubeconfig names it. */
    server: text("server").notNull(),
    kubeconfigSealed: text("kubeconfig_sealed").notNull(),
    /** The Kubernetes version the virtual cluster runs now (the workspace row holds the wanted one). */
    kubernetesVersion: text("kubernetes_version").notNull(),
    /** Last request through the access gateway (written at most once a minute). */
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (table) => [index("workspace_clusters_org_idx").on(table.organizationId)],
);

export type WorkspaceClusterRow = typeof workspaceClusters.$inferSelect;
