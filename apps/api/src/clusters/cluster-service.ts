import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type WorkspaceStatus } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { lockWorkspace } from "../workspaces/lock-workspace";
import { workspaceInScope } from "../workspaces/workspace-in-scope";
import type { HostCluster } from "./host-cluster";
import type { WorkspaceConnections } from "./workspace-connections";
import { workspaceHealth } from "./workspace-health";
import { OPERATION_RULES, startOperation, type WorkspaceOperation } from "./workspace-operations";
import type { WorkspaceTaskDefinitions } from "./workspace-tasks";

/** Compares `v1.35.4`-style versions numerically. */
function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.slice(1).split(".").map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i += 1) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/**
 * The virtual cluster behind a workspace, as its members see it: lifecycle operations (each a
 * task), status and a live health check. Everything is scoped to the workspace the route
 * resolved; nothing here ever returns the cluster's address or credentials.
 */
export function createClusterService(deps: { db: Database; audit: AuditWriter; host: HostCluster | undefined; connections: WorkspaceConnections; workspaceTasks: WorkspaceTaskDefinitions }) {
  const { db } = deps;

  async function loadScoped(access: ResolvedAccess) {
    const workspaceId = workspaceInScope(access);
    const [row] = await db.select().from(schema.workspaces).where(and(eq(schema.workspaces.id, workspaceId), eq(schema.workspaces.organizationId, access.organizationId)));
    if (!row) throw new AppError("NOT_FOUND", "Workspace not found");
    return row;
  }

  return {
    async operate(access: ResolvedAccess, actorUserId: string, operation: Exclude<WorkspaceOperation, "resize" | "delete">, origin: AuditOrigin, input: { kubernetesVersion?: string } = {}) {
      const workspaceId = workspaceInScope(access);
      return db.transaction(async (tx) => {
        const workspace = await lockWorkspace(tx, { organizationId: access.organizationId, workspaceId });
        let payload: Record<string, unknown> = {};
        if (operation === "upgrade") {
          const to = input.kubernetesVersion ?? "";
          if (compareVersions(to, workspace.kubernetesVersion) <= 0) {
            throw new AppError("VALIDATION_FAILED", `The workspace runs ${workspace.kubernetesVersion}; an upgrade must name a later version`, { details: [{ field: "body.kubernetesVersion", message: "not later than the current version" }] });
          }
          payload = { from: workspace.kubernetesVersion, to };
        }
        const task = await startOperation(tx, { audit: deps.audit, definitions: deps.workspaceTasks }, { workspace, operation, actorUserId, origin, payload });
        return { workspaceId, status: OPERATION_RULES[operation].busy, taskId: task.id };
      });
    },

    async status(access: ResolvedAccess) {
      const workspace = await loadScoped(access);
      const [cluster] = await db.select({ lastActivityAt: schema.workspaceClusters.lastActivityAt }).from(schema.workspaceClusters).where(eq(schema.workspaceClusters.workspaceId, workspace.id));
      const t = schema.tasks;
      const [current] = await db
        .select({ id: t.id, kind: t.kind, status: t.status })
        .from(t)
        .where(and(eq(t.workspaceId, workspace.id), eq(t.organizationId, workspace.organizationId), inArray(t.status, ["PENDING", "RUNNING"])))
        .orderBy(desc(t.id))
        .limit(1);
      return {
        workspaceId: workspace.id,
        status: workspace.status as WorkspaceStatus,
        statusReason: workspace.statusReason,
        kubernetesVersion: workspace.kubernetesVersion,
        provisioned: cluster !== undefined,
        lastActivityAt: cluster?.lastActivityAt?.toISOString() ?? null,
        currentTask: current ?? null,
      };
    },

    async health(access: ResolvedAccess) {
      const workspace = await loadScoped(access);
      const { components, quotas } = await workspaceHealth(deps.host, await deps.connections.load(workspace.id), workspace.id);
      return { workspaceId: workspace.id, status: workspace.status as WorkspaceStatus, healthy: components.every((component) => component.healthy), components, quotas };
    },
  };
}

export type ClusterService = ReturnType<typeof createClusterService>;
