import { randomUUID } from "node:crypto";
import { kubeTokenLifetime } from "@hks/contracts";
import { errors as joseErrors, jwtVerify, SignJWT, type JWTHeaderParameters } from "jose";
import type { SigningKeyStore } from "../keys/signing-key-store";
import { SIGNING_ALGORITHM } from "../keys/generate-signing-key";
import { InvalidTokenError } from "./access-tokens";

/**
 * Workspace kube tokens: what kubectl presents to the Kubernetes gateway. Platform access tokens
 * are bound to a device header kubectl cannot send, so kubectl gets its own short-lived token,
 * signed with the same keys but for one audience only — one workspace's gateway — and tied to the
 * session that minted it (the gateway checks that session is still live on every request).
 */
export interface KubeTokenClaims {
  /** The platform user id (the Kubernetes user the gateway impersonates). */
  sub: string;
  sid: string;
  org: string;
  ws: string;
  typ: "kube";
  jti: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

export interface IssueKubeTokenInput {
  userId: string;
  sessionId: string;
  organizationId: string;
  workspaceId: string;
  ttlSeconds: number;
  /** The token never outlives its session: expiry is capped here. */
  notAfter: Date;
}

export const KUBE_TOKEN_TTL = kubeTokenLifetime;

const KUBE_AUDIENCE_PREFIX = "urn:hexabase-kaas:kube:";
/** RFC 9068: these are access tokens (for the gateway as resource server), typed so an ID token cannot pass. */
const ACCESS_TOKEN_TYP = "at+jwt";

/** The audience of kube tokens for one workspace; no other token (or workspace) has it. */
export const kubeAudienceOf = (workspaceId: string): string => `${KUBE_AUDIENCE_PREFIX}${workspaceId}`;

/** Why a presented kube token is valid but not here: it was minted for another workspace. */
export class OtherWorkspaceTokenError extends Error {
  constructor(readonly claims: KubeTokenClaims) {
    super("the kube token belongs to another workspace");
  }
}

export function createKubeTokens(deps: { keys: Pick<SigningKeyStore, "signingKey" | "verificationKey">; issuer: string; now?: () => number }) {
  const now = deps.now ?? Date.now;

  return {
    async issue(input: IssueKubeTokenInput): Promise<{ token: string; expiresAt: Date; claims: KubeTokenClaims }> {
      const key = await deps.keys.signingKey();
      const issuedAt = Math.floor(now() / 1000);
      const ttl = Math.min(Math.max(input.ttlSeconds, KUBE_TOKEN_TTL.minSeconds), KUBE_TOKEN_TTL.maxSeconds);
      const expiresAtSeconds = Math.min(issuedAt + ttl, Math.floor(input.notAfter.getTime() / 1000));
      const claims: KubeTokenClaims = {
        sub: input.userId,
        sid: input.sessionId,
        org: input.organizationId,
        ws: input.workspaceId,
        typ: "kube",
        jti: randomUUID(),
        iss: deps.issuer,
        aud: kubeAudienceOf(input.workspaceId),
        iat: issuedAt,
        exp: expiresAtSeconds,
      };
      const token = await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYP })
        .sign(key.privateKey);
      return { token, expiresAt: new Date(expiresAtSeconds * 1000), claims };
    },

    /**
     * Verifies a kube token for `workspaceId`: RS256 only, a known kid, the exact issuer, an
     * unexpired token with every platform claim. A valid kube token of another workspace throws
     * OtherWorkspaceTokenError (the caller is known, the workspace is not theirs to reach this
     * way); anything else throws InvalidTokenError with the reason for the audit log.
     */
    async verify(token: string, workspaceId: string): Promise<KubeTokenClaims> {
      let payload;
      try {
        ({ payload } = await jwtVerify(
          token,
          async (header: JWTHeaderParameters) => {
            if (!header.kid) throw new InvalidTokenError("missing kid");
            const key = await deps.keys.verificationKey(header.kid);
            if (!key) throw new InvalidTokenError("unknown kid");
            return key;
          },
          {
            algorithms: [SIGNING_ALGORITHM],
            issuer: deps.issuer,
            typ: ACCESS_TOKEN_TYP,
            requiredClaims: ["exp", "iat", "jti", "sub", "aud"],
            clockTolerance: 5,
            currentDate: new Date(now()),
          },
        ));
      } catch (error) {
        if (error instanceof InvalidTokenError) throw error;
        if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError("expired");
        if (error instanceof joseErrors.JOSEError) throw new InvalidTokenError(error.code);
        throw new InvalidTokenError("malformed");
      }
      const { aud, typ, sid, org, ws } = payload;
      // Platform access tokens have their own audience, so they never pass here (nor these there).
      if (typ !== "kube" || typeof aud !== "string" || !aud.startsWith(KUBE_AUDIENCE_PREFIX)) throw new InvalidTokenError("not a kube token");
      if (typeof sid !== "string" || typeof org !== "string" || typeof ws !== "string" || aud !== kubeAudienceOf(ws)) {
        throw new InvalidTokenError("missing platform claims");
      }
      const claims = payload as unknown as KubeTokenClaims;
      if (ws !== workspaceId) throw new OtherWorkspaceTokenError(claims);
      return claims;
    },
  };
}

export type KubeTokens = ReturnType<typeof createKubeTokens>;
