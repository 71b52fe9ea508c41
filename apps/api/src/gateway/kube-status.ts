import type { ServerResponse } from "node:http";
import { AppError, type ErrorCode } from "@hks/contracts";

/**
 * A Kubernetes `Status` (meta/v1), the error body kubectl and client-go understand: kubectl shows
 * its `message` ("Error from server (Forbidden): …"). The gateway answers with one whenever it
 * refuses a request itself, before anything reaches a cluster, instead of the platform's envelope.
 */
export interface KubeStatus {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure";
  message: string;
  reason: string;
  code: number;
  details?: { retryAfterSeconds?: number };
}

/** Reasons from k8s.io/apimachinery's StatusReason, by HTTP status. */
const REASONS: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  413: "RequestEntityTooLarge",
  415: "UnsupportedMediaType",
  429: "TooManyRequests",
  500: "InternalError",
  503: "ServiceUnavailable",
  504: "Timeout",
};

export function kubeStatus(code: number, message: string, details?: KubeStatus["details"]): KubeStatus {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason: REASONS[code] ?? "Unknown", code, ...(details ? { details } : {}) };
}

/** Gateway refusals with fixed wording: they say what to do, and nothing about the internals. */
export const gatewayRefusals = {
  unauthorized: () => new AppError("UNAUTHENTICATED", "Unauthorized: the token is invalid or expired, or its session has ended; run `hks kube credential` or download a new kubeconfig"),
  workspaceNotFound: () => new AppError("NOT_FOUND", "workspace not found"),
  notRunning: () => new AppError("SERVICE_UNAVAILABLE", "the workspace's virtual cluster is not running"),
  unreachable: () => new AppError("SERVICE_UNAVAILABLE", "the workspace's virtual cluster is not running or not reachable; try again when it has started"),
} satisfies Record<string, () => AppError>;

/** Platform error codes whose status is not the one a Kubernetes client expects. */
const CODE_OVERRIDES: Partial<Record<ErrorCode, number>> = { TIMEOUT: 504 };

/** The Status for an error the platform raised (AppError) or for anything unexpected (500, no details). */
export function kubeStatusOf(error: AppError, retryAfterSeconds?: number): KubeStatus {
  const code = CODE_OVERRIDES[error.code] ?? error.status;
  return kubeStatus(code, error.message, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds });
}

/** Writes a Status on a raw response (the gateway writes raw once it has taken the response over). */
export function writeKubeStatus(response: ServerResponse, status: KubeStatus, requestId: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = JSON.stringify(status);
  response.writeHead(status.code, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "x-request-id": requestId,
  });
  response.end(body);
}
