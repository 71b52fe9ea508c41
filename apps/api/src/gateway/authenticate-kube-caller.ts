import { annotateRequestContext } from "@hks/observability";
import type { FastifyRequest } from "fastify";
import { requestOriginOf } from "../auth/request-device";
import type { SessionLiveness } from "../auth/sessions/session-liveness";
import { InvalidTokenError } from "../auth/tokens/access-tokens";
import { OtherWorkspaceTokenError, type KubeTokenClaims, type KubeTokens } from "../auth/tokens/kube-tokens";
import type { ThrottledAudit } from "../security/throttled-audit";
import { gatewayRefusals } from "./kube-status";

/** Who is calling the gateway, from a verified workspace kube token. */
export interface KubeCaller {
  userId: string;
  sessionId: string;
  organizationId: string;
  workspaceId: string;
  tokenId: string;
}

declare module "fastify" {
  interface FastifyRequest {
    kubeCaller?: KubeCaller;
  }
}

export interface KubeCallerDeps {
  kubeTokens: Pick<KubeTokens, "verify">;
  liveness: Pick<SessionLiveness, "get" | "touch">;
  throttledAudit: ThrottledAudit;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;

/**
 * Establishes the caller of a gateway request: a kube token for this workspace (any other
 * credential, including a platform access token, is refused) whose session is still live — so
 * signing out or revoking the session makes the next kubectl call fail. Using the gateway counts
 * as activity and slides the session's idle timeout, like any other use of the platform. A valid
 * token of another workspace is "not found": the caller is known, the workspace is not theirs.
 */
export async function authenticateKubeCaller(
  request: FastifyRequest,
  workspaceId: string,
  deps: KubeCallerDeps,
  /** Called once the token is known good for this workspace, while the session is checked: lets the caller start work that only needs the identity. */
  onTokenVerified?: (caller: KubeCaller) => void,
): Promise<KubeCaller> {
  const origin = requestOriginOf(request);
  const match = BEARER.exec(request.headers.authorization ?? "");
  if (!match?.[1]) throw gatewayRefusals.unauthorized();

  let claims: KubeTokenClaims;
  let otherWorkspace = false;
  try {
    claims = await deps.kubeTokens.verify(match[1], workspaceId);
  } catch (error) {
    if (error instanceof OtherWorkspaceTokenError) {
      claims = error.claims;
      otherWorkspace = true;
    } else {
      if (error instanceof InvalidTokenError && error.reason !== "expired") {
        await deps.throttledAudit(origin.ipAddress, origin, { type: "security.token_invalid", success: false, errorCode: `KUBE_${error.reason.toUpperCase().replaceAll(/[^A-Z0-9]+/g, "_")}` });
      }
      throw gatewayRefusals.unauthorized();
    }
  }

  const caller: KubeCaller = { userId: claims.sub, sessionId: claims.sid, organizationId: claims.org, workspaceId: claims.ws, tokenId: claims.jti };
  if (!otherWorkspace) onTokenVerified?.(caller);
  const live = await deps.liveness.get(claims.sid);
  if (!live || live.userId !== claims.sub) throw gatewayRefusals.unauthorized();
  if (otherWorkspace) throw gatewayRefusals.workspaceNotFound();
  await deps.liveness.touch(claims.sid, live, origin.ipAddress);

  annotateRequestContext({ userId: claims.sub, orgId: claims.org });
  return caller;
}

/** The caller established by the gateway's hook; its absence is a wiring bug, reported as 401. */
export function kubeCallerOf(request: FastifyRequest): KubeCaller {
  if (!request.kubeCaller) throw gatewayRefusals.unauthorized();
  return request.kubeCaller;
}
