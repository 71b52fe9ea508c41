import { randomUUID } from "node:crypto";
import { AppError } from "@hks/contracts";
import { errors as joseErrors, jwtVerify, SignJWT, type JWTHeaderParameters } from "jose";
import type { SigningKeyStore } from "../keys/signing-key-store";
import { SIGNING_ALGORITHM } from "../keys/generate-signing-key";

/** Claims of a platform access token (§4.1), plus the registered ones. */
export interface AccessTokenClaims {
  uid: string;
  email: string;
  provider: string;
  orgs: string[];
  fp: string;
  typ: "access";
  sid: string;
  jti: string;
  iss: string;
  aud: string;
  sub: string;
  iat: number;
  exp: number;
}

export interface IssueAccessTokenInput {
  userId: string;
  email: string;
  provider: string;
  organizationIds: string[];
  fingerprint: string;
  sessionId: string;
}

/** Why a token was refused: for the audit log, never for the client. */
export class InvalidTokenError extends AppError {
  constructor(readonly reason: string) {
    super("UNAUTHENTICATED", "The access token is invalid or expired");
  }
}

export const ACCESS_TOKEN_AUDIENCE = "hexabase-kaas";
/** RFC 9068's media type for JWT access tokens, so an ID token can never pass as one. */
const ACCESS_TOKEN_TYP = "at+jwt";

export function createAccessTokens(deps: { keys: Pick<SigningKeyStore, "signingKey" | "verificationKey">; issuer: string; ttlSeconds: number }) {
  return {
    ttlSeconds: deps.ttlSeconds,

    async issue(input: IssueAccessTokenInput): Promise<{ token: string; jti: string; expiresAt: Date }> {
      const key = await deps.keys.signingKey();
      const jti = randomUUID();
      const issuedAt = Math.floor(Date.now() / 1000);
      const expiresAtSeconds = issuedAt + deps.ttlSeconds;
      const token = await new SignJWT({
        uid: input.userId,
        email: input.email,
        provider: input.provider,
        orgs: input.organizationIds,
        fp: input.fingerprint,
        typ: "access",
        sid: input.sessionId,
      })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYP })
        .setIssuer(deps.issuer)
        .setAudience(ACCESS_TOKEN_AUDIENCE)
        .setSubject(input.userId)
        .setJti(jti)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAtSeconds)
        .sign(key.privateKey);
      return { token, jti, expiresAt: new Date(expiresAtSeconds * 1000) };
    },

    /**
     * Verifies signature, algorithm (RS256 only: `alg: none` and HS256-with-the-public-key are
     * refused by construction), kid, issuer, audience, expiry and type. Throws InvalidTokenError.
     */
    async verify(token: string): Promise<AccessTokenClaims> {
      try {
        const { payload } = await jwtVerify(
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
            audience: ACCESS_TOKEN_AUDIENCE,
            typ: ACCESS_TOKEN_TYP,
            requiredClaims: ["exp", "iat", "jti", "sub"],
            clockTolerance: 5,
          },
        );
        if (payload.typ !== "access" || typeof payload.sid !== "string" || typeof payload.uid !== "string" || typeof payload.fp !== "string") {
          throw new InvalidTokenError("missing platform claims");
        }
        return payload as unknown as AccessTokenClaims;
      } catch (error) {
        if (error instanceof InvalidTokenError) throw error;
        if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError("expired");
        if (error instanceof joseErrors.JOSEError) throw new InvalidTokenError(error.code);
        throw new InvalidTokenError("malformed");
      }
    },
  };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;
