import { AppError } from "@hks/contracts";
import { annotateRequestContext } from "@hks/observability";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ThrottledAudit } from "../security/throttled-audit";
import type { Actor } from "./actor";
import type { CsrfTokens } from "./csrf-tokens";
import { COOKIE, CSRF_HEADER } from "./http/auth-cookies";
import { requestOriginOf } from "./request-device";
import type { SessionLiveness } from "./sessions/session-liveness";
import type { SessionService } from "./sessions/session-service";
import { InvalidTokenError, type AccessTokens } from "./tokens/access-tokens";
import { fingerprintOf, type FingerprintMode } from "./tokens/fingerprint";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface AuthenticationDeps {
  accessTokens: AccessTokens;
  liveness: SessionLiveness;
  sessions: SessionService;
  csrf: CsrfTokens;
  throttledAudit: ThrottledAudit;
  fingerprint: FingerprintMode;
}

const unauthenticated = () => new AppError("UNAUTHENTICATED", "The access token is invalid or expired");

/**
 * Establishes `request.actor` for routes whose access is `authenticated`, on every request:
 * signature and claims (RS256 only), the revocation list, the session's liveness (idle and
 * absolute timeouts, revocation), the device fingerprint, and — for cookie-authenticated writes —
 * the CSRF token. Anything off is 401 (403 for CSRF) with the same wording, whatever the reason;
 * the reason goes to the audit log.
 */
export function installAuthentication(app: FastifyInstance, deps: AuthenticationDeps): void {
  app.addHook("onRequest", async (request) => {
    const kind = request.routeOptions.config.access?.kind;
    if (kind !== "authenticated" && kind !== "authorized") return;
    request.actor = await authenticate(request, deps);
    annotateRequestContext({ userId: request.actor.userId });
  });
}

export async function authenticate(request: FastifyRequest, deps: AuthenticationDeps): Promise<Actor> {
  const origin = requestOriginOf(request);
  const authorization = request.headers.authorization;
  let token: string | undefined;
  let via: Actor["via"];
  if (authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization);
    if (!match?.[1]) throw new AppError("UNAUTHENTICATED", "The Authorization header must be `Bearer <token>`");
    token = match[1];
    via = "bearer";
  } else {
    token = request.cookies[COOKIE.accessToken];
    via = "cookie";
  }
  if (!token) throw new AppError("UNAUTHENTICATED", "Sign in to use this endpoint");

  let claims;
  try {
    claims = await deps.accessTokens.verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError && error.reason !== "expired") {
      await deps.throttledAudit(origin.ipAddress, origin, {
        type: "security.token_invalid",
        success: false,
        errorCode: error.reason.toUpperCase().replaceAll(/[^A-Z0-9]+/g, "_"),
      });
    }
    throw unauthenticated();
  }

  if (await deps.liveness.isAccessTokenRevoked(claims.jti)) {
    await deps.throttledAudit(claims.jti, origin, { type: "security.token_revoked", success: false, actorUserId: claims.uid, sessionId: claims.sid });
    throw unauthenticated();
  }
  const live = await deps.liveness.get(claims.sid);
  if (!live || live.userId !== claims.uid) throw unauthenticated();

  if (deps.fingerprint !== "off" && fingerprintOf(deps.fingerprint, origin.deviceId ?? "", origin.ipAddress) !== claims.fp) {
    // A valid token from another device or address: treat it as stolen and end the session.
    await deps.sessions.revoke(claims.uid, claims.sid, "fingerprint_mismatch", origin).catch(() => {});
    await deps.throttledAudit(claims.sid, origin, {
      type: "security.fingerprint_mismatch",
      success: false,
      actorUserId: claims.uid,
      sessionId: claims.sid,
      errorCode: "FINGERPRINT_MISMATCH",
    });
    throw unauthenticated();
  }

  if (via === "cookie" && UNSAFE_METHODS.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    if (!deps.csrf.verify(request.cookies[COOKIE.csrf], typeof header === "string" ? header : undefined, claims.sid)) {
      await deps.throttledAudit(claims.sid, origin, { type: "security.csrf_rejected", success: false, actorUserId: claims.uid, sessionId: claims.sid, errorCode: "CSRF_TOKEN_INVALID" });
      throw new AppError("FORBIDDEN", "This request needs a valid X-CSRF-Token header");
    }
  }

  await deps.liveness.touch(claims.sid, live, origin.ipAddress);
  return {
    userId: claims.uid,
    email: claims.email,
    provider: claims.provider,
    sessionId: claims.sid,
    organizationIds: claims.orgs,
    tokenId: claims.jti,
    tokenExpiresAt: new Date(claims.exp * 1000),
    via,
  };
}
