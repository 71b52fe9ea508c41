import type { AuditWriter } from "@hks/audit";
import type { WorkspaceStatus } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, eq, inArray, sql } from "drizzle-orm";
import { emitEvent } from "../live/platform-event";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

const SYSTEM_ORIGIN = { ipAddress: null, userAgent: null, requestId: null };

/**
 * Moves a workspace to `to` if it is in one of `from`, in the caller's transaction, with its audit
 * event and live event. Returns false (and changes nothing) when the workspace is gone or in
 * another status — a step that finds the world moved on (the workspace is being deleted) stops
 * instead of overwriting that.
 */
export async function transitionWorkspace(
  tx: Tx,
  audit: AuditWriter,
  input: { workspaceId: string; from: readonly WorkspaceStatus[]; to: WorkspaceStatus; reason?: string | null; actorUserId?: string | null },
): Promise<boolean> {
  const w = schema.workspaces;
  const [before] = await tx
    .select({ status: w.status, statusReason: w.statusReason, organizationId: w.organizationId })
    .from(w)
    .where(and(eq(w.id, input.workspaceId), inArray(w.status, [...input.from])))
    .for("update");
  if (!before) return false;
  const reason = input.reason ?? null;
  if (before.status === input.to && before.statusReason === reason) return true;
  await tx
    .update(w)
    .set({ status: input.to, statusReason: reason, updatedAt: new Date(), version: sql`${w.version} + 1` })
    .where(eq(w.id, input.workspaceId));
  await audit.record(tx, SYSTEM_ORIGIN, {
    type: "workspace.status_changed",
    success: input.to !== "ERROR",
    actorUserId: input.actorUserId ?? null,
    organizationId: before.organizationId,
    targetType: "workspace",
    targetId: input.workspaceId,
    errorCode: input.to === "ERROR" ? "WORKSPACE_ERROR" : null,
    metadata: { from: before.status, to: input.to, reason },
  });
  await emitEvent(tx, { type: "workspace.status", organizationId: before.organizationId, workspaceId: input.workspaceId, status: input.to, reason, at: new Date().toISOString() });
  return true;
}

/** Statuses in which an operation is under way; another one must wait for it. */
export const BUSY_STATUSES: readonly WorkspaceStatus[] = ["PENDING_CREATION", "CONFIGURING", "STOPPING", "STARTING", "UPDATING_PLAN", "DELETING"];
