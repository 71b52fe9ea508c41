import type { AuditOrigin, AuditWriter } from "@hks/audit";
import type { Database } from "@hks/db";
import type { Logger } from "@hks/observability";
import { Counter, Histogram, type Registry } from "prom-client";
import type { WorkspaceConnections } from "../clusters/workspace-connections";
import type { KubeCaller } from "./authenticate-kube-caller";
import type { KubeRequestInfo } from "./kube-request-info";

/** The store records last activity at most once a minute; asking more often is wasted round trips. */
const TOUCH_EVERY_MS = 60_000;

/**
 * What the gateway remembers about requests: an audit event for every request that changes a
 * cluster or opens a session into a pod (written before the client sees the answer), the
 * workspace's last activity (which idle-stop decisions read), and Prometheus metrics by verb and
 * status.
 */
export function createKubeRequestRecords(deps: {
  db: Database;
  audit: AuditWriter;
  connections: Pick<WorkspaceConnections, "touch">;
  metrics: Registry;
  logger: Logger;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const touchedAt = new Map<string, number>();
  const requests = new Counter({
    name: "hks_kube_gateway_requests_total",
    help: "Kubernetes API requests relayed by the gateway (or refused by it), by verb and status",
    labelNames: ["verb", "code"] as const,
    registers: [deps.metrics],
  });
  const duration = new Histogram({
    name: "hks_kube_gateway_request_duration_seconds",
    help: "Time to answer a Kubernetes API request through the gateway (long-running requests excluded)",
    labelNames: ["verb"] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [deps.metrics],
  });

  return {
    async audit(origin: AuditOrigin, caller: KubeCaller, info: KubeRequestInfo, path: string, statusCode: number): Promise<void> {
      try {
        await deps.audit.record(deps.db, origin, {
          type: "kube.request",
          success: statusCode < 400,
          actorUserId: caller.userId,
          organizationId: caller.organizationId,
          targetType: "workspace",
          targetId: caller.workspaceId,
          sessionId: caller.sessionId,
          ...(statusCode >= 400 ? { errorCode: `HTTP_${statusCode}` } : {}),
          metadata: {
            verb: info.verb,
            path: path.split("?")[0]?.slice(0, 512),
            apiGroup: info.apiGroup,
            resource: info.resource,
            subresource: info.subresource || undefined,
            namespace: info.namespace || undefined,
            name: info.name || undefined,
            status: statusCode,
          },
        });
      } catch (error) {
        // The cluster has already acted; failing the relay now would only hide that from the client.
        deps.logger.error({ err: error, workspaceId: caller.workspaceId }, "could not write the kube.request audit event");
      }
    },

    /** Marks the workspace as used, at most once a minute per workspace from this process. */
    touch(workspaceId: string): void {
      const last = touchedAt.get(workspaceId);
      if (last !== undefined && now() - last < TOUCH_EVERY_MS) return;
      touchedAt.set(workspaceId, now());
      if (touchedAt.size > 10_000) touchedAt.clear();
      deps.connections.touch(workspaceId).catch((error: unknown) => deps.logger.warn({ err: error, workspaceId }, "could not record workspace activity"));
    },

    observe(verb: string, statusCode: number, seconds: number | undefined): void {
      requests.inc({ verb, code: String(statusCode) });
      if (seconds !== undefined) duration.observe({ verb }, seconds);
    },
  };
}

export type KubeRequestRecords = ReturnType<typeof createKubeRequestRecords>;
