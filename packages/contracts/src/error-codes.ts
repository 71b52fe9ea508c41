/**
 * The one table of error codes. Every error a client can see carries one of these codes; the HTTP
 * status is derived from the code, so the API, the web app and the CLI all agree on its meaning.
 * Codes are stable: add new ones, never rename or reuse an old one.
 */
export const errorCodes = {
  BAD_REQUEST: { status: 400, description: "The request is malformed (for example invalid JSON)." },
  VALIDATION_FAILED: { status: 400, description: "A field of the request failed validation." },
  UNAUTHENTICATED: { status: 401, description: "No valid credentials were presented." },
  FORBIDDEN: { status: 403, description: "The caller may not perform this action." },
  NOT_FOUND: { status: 404, description: "The resource does not exist or is not visible to the caller." },
  METHOD_NOT_ALLOWED: { status: 405, description: "The route exists but not with this method." },
  CONFLICT: { status: 409, description: "The request conflicts with the current state." },
  NAME_TAKEN: { status: 409, description: "Another resource in the same place already has this name." },
  LAST_OWNER: { status: 409, description: "An organization must keep at least one owner." },
  NOT_EMPTY: { status: 409, description: "The resource still has children; delete them first or ask for a cascade." },
  CYCLE: { status: 409, description: "The move would make a resource its own ancestor." },
  INVALID_STATE: { status: 409, description: "The resource's current status does not allow this (for example starting a workspace that is being deleted)." },
  OPERATION_IN_PROGRESS: { status: 409, description: "Another backup or restore of this workspace is under way; wait for its task to finish." },
  INVITATION_USED: { status: 409, description: "The invitation was already accepted, declined or revoked." },
  INVITATION_EXPIRED: { status: 410, description: "The invitation has expired." },
  QUOTA_EXCEEDED: { status: 422, description: "The requested resources exceed what the parent has left." },
  DEPTH_LIMIT: { status: 422, description: "The hierarchy would become deeper than allowed." },
  PLAN_LIMIT: { status: 422, description: "The organization's plan does not allow this." },
  PRECONDITION_FAILED: { status: 412, description: "The resource changed since it was read (stale ETag)." },
  PRECONDITION_REQUIRED: { status: 428, description: "Updates must send the resource's ETag in If-Match." },
  PAYLOAD_TOO_LARGE: { status: 413, description: "The request body is larger than the allowed limit." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: "The request body has a content type the route does not accept." },
  UPGRADE_REQUIRED: { status: 426, description: "The endpoint speaks WebSocket only; connect with an Upgrade: websocket request." },
  RATE_LIMITED: { status: 429, description: "Too many requests; retry after the time in Retry-After." },
  INTERNAL: { status: 500, description: "An unexpected error occurred; it has been logged with the request id." },
  SERVICE_UNAVAILABLE: { status: 503, description: "A dependency is unavailable; retry later." },
  TIMEOUT: { status: 503, description: "The request took longer than the server allows." },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof errorCodes;

export const errorCodeList = Object.keys(errorCodes) as ErrorCode[];

export function statusOf(code: ErrorCode): number {
  return errorCodes[code].status;
}
