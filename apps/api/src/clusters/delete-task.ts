import { schema } from "@hks/db";
import { hostNamespaceOf, VIRTUAL_CLUSTER_NAME } from "@hks/kube";
import { count, eq } from "drizzle-orm";
import { emitEvent } from "../live/platform-event";
import type { TaskDefinition } from "../tasks/task-definition";
import { requireHost } from "./sync-workspace";
import { WORKSPACE_TASK_RETRY, workspaceStep, type WorkspaceTaskDeps } from "./workspace-task-kit";

export const DELETE_TASK = "workspace.delete";

const SYSTEM_ORIGIN = { ipAddress: null, userAgent: null, requestId: null };

/**
 * Removes a workspace: its virtual cluster (the StatefulSet first, which takes the cluster's data
 * with it, then the whole host namespace), then its records. Every step can run again after a
 * crash: deleting what is already gone succeeds. A workspace that was never provisioned on this
 * host only loses its records.
 */
export function deleteTask(deps: WorkspaceTaskDeps): TaskDefinition {
  const hostIfProvisioned = async (workspaceId: string) => {
    if (deps.host) return deps.host.client;
    const connection = await deps.db.select({ id: schema.workspaceClusters.workspaceId }).from(schema.workspaceClusters).where(eq(schema.workspaceClusters.workspaceId, workspaceId));
    return connection.length === 0 ? undefined : requireHost(deps.host);
  };
  return {
    kind: DELETE_TASK,
    ...WORKSPACE_TASK_RETRY,
    // A failed delete stays DELETING with the reason on the task; retrying the task resumes it.
    steps: [
      workspaceStep(deps, "delete-virtual-cluster", "DELETING", async (workspace) => {
        const host = await hostIfProvisioned(workspace.id);
        if (!host) return;
        const namespace = hostNamespaceOf(workspace.id);
        await host.delete({ apiVersion: "apps/v1", kind: "StatefulSet", name: VIRTUAL_CLUSTER_NAME, namespace });
        await host.delete({ apiVersion: "v1", kind: "Namespace", name: namespace });
      }),
      workspaceStep(deps, "wait-until-removed", "DELETING", async (workspace) => {
        const host = await hostIfProvisioned(workspace.id);
        if (!host) return;
        const deadline = Date.now() + deps.readyTimeoutMs;
        while (await host.read({ apiVersion: "v1", kind: "Namespace", name: hostNamespaceOf(workspace.id) })) {
          if (Date.now() > deadline) throw new Error(`The host namespace ${hostNamespaceOf(workspace.id)} is still being deleted after ${Math.round(deps.readyTimeoutMs / 1000)} s`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }),
      workspaceStep(deps, "delete-records", "DELETING", async (workspace) => {
        await deps.db.transaction(async (tx) => {
          const [projects] = await tx.select({ n: count() }).from(schema.projects).where(eq(schema.projects.workspaceId, workspace.id));
          // Projects, members, groups, roles, bindings and the connection go with it (foreign keys).
          await tx.delete(schema.workspaces).where(eq(schema.workspaces.id, workspace.id));
          await deps.audit.record(tx, SYSTEM_ORIGIN, {
            type: "workspace.deleted",
            success: true,
            organizationId: workspace.organizationId,
            targetType: "workspace",
            targetId: workspace.id,
            metadata: { name: workspace.name, deletedProjects: projects?.n ?? 0 },
          });
          await emitEvent(tx, { type: "workspace.status", organizationId: workspace.organizationId, workspaceId: workspace.id, status: "DELETED", reason: null, at: new Date().toISOString() });
        });
      }),
    ],
  };
}
