import { performance } from "node:perf_hooks";
import type { AuditWriter } from "@hks/audit";
import type { Database } from "@hks/db";
import type { Logger } from "@hks/observability";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Registry } from "prom-client";
import type { SessionLiveness } from "../auth/sessions/session-liveness";
import type { KubeTokens } from "../auth/tokens/kube-tokens";
import { requestOriginOf } from "../auth/request-device";
import type { WorkspaceConnections } from "../clusters/workspace-connections";
import { toAppError } from "../http/error-handler";
import { writeAccessLog } from "../http/request-lifecycle";
import { kubeTokenAccess } from "../http/route-access";
import { pendingUpgradeOf } from "../http/upgrade-routing";
import type { ThrottledAudit } from "../security/throttled-audit";
import { authenticateKubeCaller, kubeCallerOf, type KubeCaller } from "./authenticate-kube-caller";
import { forwardRequest, UpstreamUnavailableError } from "./forward-request";
import { forwardUpgrade } from "./forward-upgrade";
import { isAuditedKubeRequest, kubeRequestInfoOf } from "./kube-request-info";
import { createKubeRequestRecords } from "./kube-request-records";
import { gatewayRefusals, kubeStatusOf, writeKubeStatus } from "./kube-status";
import { headerMapOf, upstreamRequestHeaders } from "./proxy-headers";
import { createUpstreamTargets, type UpstreamTarget } from "./upstream-targets";
import { workspaceStandingOf } from "./workspace-standing";

export const GATEWAY_PREFIX = "/k8s/workspaces";

type Admission = { groups: string[]; target: UpstreamTarget };

declare module "fastify" {
  interface FastifyRequest {
    /** Started as soon as the token is verified, so it overlaps the session check and the rate limit. */
    kubeAdmission?: Promise<Admission>;
  }
}
/** Every method the Kubernetes API uses (HEAD comes with GET). */
export const GATEWAY_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const WORKSPACE_ID = /^ws_[0-9a-z]{26}$/;

export interface KubeGatewayDeps {
  db: Database;
  kubeTokens: Pick<KubeTokens, "verify">;
  liveness: Pick<SessionLiveness, "get" | "touch">;
  throttledAudit: ThrottledAudit;
  audit: AuditWriter;
  connections: Pick<WorkspaceConnections, "load" | "touch">;
  metrics: Registry;
  logger: Logger;
}

/** The part of the URL after `/k8s/workspaces/<id>`, query included, exactly as the client sent it. */
function upstreamPathOf(rawUrl: string, workspaceId: string): string | undefined {
  const prefix = `${GATEWAY_PREFIX}/${workspaceId}/`;
  return rawUrl.startsWith(prefix) ? rawUrl.slice(prefix.length - 1) : undefined;
}

/**
 * The Kubernetes access gateway: `/k8s/workspaces/:wsId/*` relays kubectl's requests to the
 * workspace's virtual cluster as the calling platform user. Per request: the workspace kube token
 * and its session (hook), the rate limit, the user's standing in the workspace and their groups
 * (fresh from the database, so a removal takes effect at the next call), then the request goes to
 * the cluster's API server over mTLS with the cluster's admin certificate and impersonation
 * headers naming the user and their groups — the cluster's RBAC decides the rest. Anything refused
 * before the cluster is a Kubernetes `Status`.
 */
export function registerKubeGateway(app: FastifyInstance, deps: KubeGatewayDeps): void {
  const targets = createUpstreamTargets({ load: (workspaceId) => deps.connections.load(workspaceId) });
  const records = createKubeRequestRecords({ db: deps.db, audit: deps.audit, connections: deps.connections, metrics: deps.metrics, logger: deps.logger });
  /** Watches and tunnels in progress: ended when the server shuts down, or they would hold it open. */
  const longRunning = new Set<AbortController>();

  app.addHook("preClose", (done) => {
    for (const controller of longRunning) controller.abort();
    done();
  });
  app.addHook("onClose", async () => targets.close());

  async function admit(caller: KubeCaller): Promise<Admission> {
    const [standing, target] = await Promise.all([workspaceStandingOf(deps.db, caller), targets.get(caller.workspaceId)]);
    if (!target) throw gatewayRefusals.notRunning();
    return { groups: standing.groupIds, target };
  }

  async function relay(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const started = performance.now();
    const caller = kubeCallerOf(request);
    // From here the gateway writes the response itself (streams, tunnels), without a handler time limit.
    void reply.hijack();
    clearTimeout(request.timeoutTimer);
    const response = reply.raw;
    const path = upstreamPathOf(request.raw.url ?? "", caller.workspaceId);
    const [pathname = "/", query = ""] = (path ?? "/").split("?", 2);
    const info = kubeRequestInfoOf(request.method, pathname, new URLSearchParams(query));
    const upgrade = pendingUpgradeOf(request);
    const streaming = info.longRunning || upgrade !== undefined;
    request.accessLogFields = { userId: caller.userId, workspaceId: caller.workspaceId, kubeVerb: info.verb, kubePath: pathname.slice(0, 512) };

    const controller = new AbortController();
    response.once("close", () => {
      if (!response.writableFinished) controller.abort();
    });
    if (streaming) {
      longRunning.add(controller);
      // No idle timeout for a stream that may rightly stay quiet (a watch with no events).
      request.raw.socket?.setTimeout?.(0);
    }
    let statusCode = 500;
    let tunnelled = false;
    try {
      if (path === undefined) throw gatewayRefusals.workspaceNotFound();
      const { groups, target } = await (request.kubeAdmission ?? admit(caller));
      const headers = upstreamRequestHeaders(headerMapOf(request.raw.rawHeaders), { user: caller.userId, groups }, { ip: request.ip, upgrade: upgrade ? request.headers.upgrade : undefined });
      const origin = requestOriginOf(request);
      const beforeResponse = isAuditedKubeRequest(info, upgrade !== undefined) ? (code: number) => records.audit(origin, caller, info, pathname, code) : undefined;
      records.touch(caller.workspaceId);
      if (upgrade) {
        const outcome = await forwardUpgrade({ target, method: request.method, path, headers, upgrade, response, signal: controller.signal, ...(beforeResponse ? { beforeResponse } : {}) });
        statusCode = outcome.statusCode;
        tunnelled = statusCode === 101;
        await outcome.closed;
      } else {
        statusCode = await forwardRequest({ target, method: request.method, path, headers, request: request.raw, response, longRunning: info.longRunning, signal: controller.signal, ...(beforeResponse ? { beforeResponse } : {}) });
      }
    } catch (error) {
      let refusal = error;
      if (error instanceof UpstreamUnavailableError) {
        // The cluster may have restarted elsewhere: read its connection afresh next time.
        targets.forget(caller.workspaceId);
        request.log.warn({ err: error.cause, workspaceId: caller.workspaceId }, "virtual cluster did not answer");
        refusal = gatewayRefusals.unreachable();
      }
      const appError = toAppError(refusal);
      if (appError.status >= 500 && appError.code !== "SERVICE_UNAVAILABLE") request.log.error({ err: error }, "gateway failure");
      const status = kubeStatusOf(appError);
      statusCode = status.code;
      writeKubeStatus(response, status, request.id);
    } finally {
      longRunning.delete(controller);
      const elapsedMs = performance.now() - started;
      records.observe(info.verb, statusCode, streaming ? undefined : elapsedMs / 1000);
      // An upgraded connection never finishes an HTTP response, so onResponse cannot log it.
      if (tunnelled) writeAccessLog(request, statusCode, elapsedMs);
    }
  }

  void app.register(async (scope) => {
    // Bodies are streamed to the cluster untouched: no parser may read them.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
    scope.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
      const appError = toAppError(error);
      if (appError.status >= 500) request.log.error({ err: error }, "gateway failure");
      const retryAfter = Number(reply.getHeader("retry-after"));
      const status = kubeStatusOf(appError, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
      const [pathname = "/", query = ""] = (request.url.split(`${GATEWAY_PREFIX}/`)[1] ?? "").replace(/^[^/?]*/, "").split("?", 2);
      records.observe(kubeRequestInfoOf(request.method, pathname || "/", new URLSearchParams(query)).verb, status.code, undefined);
      return reply.code(status.code).type("application/json").header("cache-control", "no-store").send(status);
    });
    scope.route({
      method: [...GATEWAY_METHODS],
      url: `${GATEWAY_PREFIX}/:wsId/*`,
      config: { access: kubeTokenAccess, rateLimitClass: "kube" },
      schema: { hide: true },
      onRequest: async (request) => {
        const { wsId } = request.params as { wsId: string };
        if (!WORKSPACE_ID.test(wsId)) throw gatewayRefusals.workspaceNotFound();
        request.kubeCaller = await authenticateKubeCaller(request, wsId, deps, (caller) => {
          request.kubeAdmission = admit(caller);
          // Awaited by the handler; a request refused before it (session, rate limit) drops it.
          request.kubeAdmission.catch(() => {});
        });
      },
      handler: relay,
    });
  });
}
