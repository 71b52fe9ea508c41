/**
 * What an audit event records. `type` is a dotted name from the catalogue below; anything that is
 * not a column goes in `metadata` (never secrets: no tokens, codes or keys).
 */
export interface AuditEventInput {
  type: AuditEventType;
  success: boolean;
  actorUserId?: string | null;
  organizationId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  sessionId?: string | null;
  provider?: string | null;
  errorCode?: string | null;
  metadata?: Record<string, unknown>;
}

/** Where the request that caused the event came from. */
export interface AuditOrigin {
  ipAddress: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/**
 * The catalogue of event types. Types under `security.` are violations or attacks and are kept
 * longest (the specification's 90 days); everything else is kept 30 days.
 */
export const auditEventTypes = [
  "auth.login.started",
  "auth.login.succeeded",
  "auth.login.failed",
  "auth.token.issued",
  "auth.token.refreshed",
  "auth.logout",
  "auth.session.created",
  "auth.session.evicted",
  "auth.session.revoked",
  "auth.session.expired",
  "auth.signing_key.rotated",
  "security.oauth_state_invalid",
  "security.token_invalid",
  "security.token_revoked",
  "security.refresh_token_reused",
  "security.refresh_token_invalid",
  "security.fingerprint_mismatch",
  "security.csrf_rejected",
  "security.origin_rejected",
  "security.rate_limited",
  "organization.created",
  "organization.updated",
  "organization.deleted",
  "organization.member.added",
  "organization.member.role_changed",
  "organization.member.removed",
  "organization.member.left",
  "organization.invitation.created",
  "organization.invitation.accepted",
  "organization.invitation.declined",
  "organization.invitation.revoked",
  "workspace.created",
  "workspace.updated",
  "workspace.deleted",
  "workspace.status_changed",
  "workspace.operation_requested",
  "workspace.member.added",
  "workspace.member.role_changed",
  "workspace.member.removed",
  "project.created",
  "project.updated",
  "project.moved",
  "project.deleted",
  "project.member.added",
  "project.member.role_changed",
  "project.member.removed",
  "group.created",
  "group.updated",
  "group.moved",
  "group.deleted",
  "group.member.added",
  "group.member.removed",
  "role.created",
  "role.updated",
  "role.deleted",
  "role_binding.created",
  "role_binding.deleted",
  "backup.requested",
  "backup.created",
  "backup.failed",
  "backup.deleted",
  "backup.restore_requested",
  "backup.restored",
  "backup.restore_failed",
  "task.created",
  "task.succeeded",
  "task.failed",
  "task.retried",
  "task.cancelled",
  "kube.token.issued",
  "kube.request",
] as const;

export type AuditEventType = (typeof auditEventTypes)[number];

export type RetentionClass = "security" | "failure" | "operation";

export function retentionClassOf(event: Pick<AuditEventInput, "type" | "success">): RetentionClass {
  if (event.type.startsWith("security.")) return "security";
  return event.success ? "operation" : "failure";
}
