/**
 * What a Kubernetes API request is about, read from its method, path and query the way the API
 * server's RequestInfoFactory reads them — for the access log, the audit event and to know which
 * requests stay open (watches, logs that follow, exec/attach/port-forward). The virtual cluster
 * decides what is allowed; nothing here authorizes anything.
 */
export interface KubeRequestInfo {
  /** Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection (or the lower-case method for non-resource paths). */
  verb: string;
  /** False for /version, /openapi/…, discovery roots and other non-resource paths. */
  resourceRequest: boolean;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  /** The response stays open: a watch, followed logs, or a streaming subresource. */
  longRunning: boolean;
}

const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);
/** Subresources whose responses stream for as long as the connection lasts. */
const STREAMING_SUBRESOURCES = new Set(["exec", "attach", "portforward", "proxy"]);
/** Subresources that open a session inside a pod, audited whatever the method. */
const POD_SESSION_SUBRESOURCES = new Set(["exec", "attach", "portforward"]);
const MUTATING_VERBS = new Set(["create", "update", "patch", "delete", "deletecollection"]);

const truthy = (value: string | null) => value === "true" || value === "1";

/** `path` is the part after the gateway prefix (starting with "/"); `query` its query string. */
export function kubeRequestInfoOf(method: string, path: string, query: URLSearchParams): KubeRequestInfo {
  const upper = method.toUpperCase();
  const segments = path.split("/").filter((segment) => segment !== "").map(safeDecode);
  const info: KubeRequestInfo = { verb: upper.toLowerCase(), resourceRequest: false, apiGroup: "", apiVersion: "", namespace: "", resource: "", subresource: "", name: "", longRunning: false };

  let parts: string[];
  if (segments[0] === "api" && segments.length >= 3) {
    info.apiVersion = segments[1] ?? "";
    parts = segments.slice(2);
  } else if (segments[0] === "apis" && segments.length >= 4) {
    info.apiGroup = segments[1] ?? "";
    info.apiVersion = segments[2] ?? "";
    parts = segments.slice(3);
  } else {
    return info;
  }
  info.resourceRequest = true;

  let watchPath = false;
  if (parts[0] === "watch") {
    watchPath = true;
    parts = parts.slice(1);
  }
  if (parts[0] === "namespaces" && parts.length > 1) {
    info.namespace = parts[1] ?? "";
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2] ?? "")) parts = parts.slice(2);
  }
  info.resource = parts[0] ?? "";
  info.name = parts[1] ?? "";
  info.subresource = parts[2] ?? "";

  switch (upper) {
    case "POST":
      info.verb = "create";
      break;
    case "PUT":
      info.verb = "update";
      break;
    case "PATCH":
      info.verb = "patch";
      break;
    case "DELETE":
      info.verb = info.name ? "delete" : "deletecollection";
      break;
    case "GET":
    case "HEAD":
      info.verb = watchPath || truthy(query.get("watch")) ? "watch" : info.name ? "get" : "list";
      break;
    default:
      info.verb = upper.toLowerCase();
  }

  info.longRunning =
    info.verb === "watch" || STREAMING_SUBRESOURCES.has(info.subresource) || (info.subresource === "log" && truthy(query.get("follow")));
  return info;
}

/** Requests the audit log records: everything that changes the cluster or opens a stream into a pod. */
export function isAuditedKubeRequest(info: KubeRequestInfo, upgrade: boolean): boolean {
  return MUTATING_VERBS.has(info.verb) || upgrade || (info.resourceRequest && POD_SESSION_SUBRESOURCES.has(info.subresource));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
