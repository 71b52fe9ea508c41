import type { FingerprintMode } from "./fingerprint";
import { fingerprintOf } from "./fingerprint";
import type { AccessTokens } from "./access-tokens";

export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

export interface TokenSubject {
  userId: string;
  email: string;
}

/** Looks up the organizations a user belongs to, for the token's `orgs` claim. */
export type OrganizationLookup = (userId: string) => Promise<string[]>;

/** Mints the access token for a session, binding it to the session's device (and address). */
export function createTokenIssuer(deps: { accessTokens: AccessTokens; fingerprint: FingerprintMode; organizationsOf: OrganizationLookup }) {
  return {
    async pairFor(
      subject: TokenSubject,
      session: { id: string; provider: string; deviceId: string; absoluteExpiresAt: Date },
      refreshToken: string,
      ip: string,
    ): Promise<TokenPair> {
      const access = await deps.accessTokens.issue({
        userId: subject.userId,
        email: subject.email,
        provider: session.provider,
        organizationIds: await deps.organizationsOf(subject.userId),
        fingerprint: fingerprintOf(deps.fingerprint, session.deviceId, ip),
        sessionId: session.id,
      });
      return {
        accessToken: access.token,
        accessTokenExpiresAt: access.expiresAt,
        refreshToken,
        refreshTokenExpiresAt: session.absoluteExpiresAt,
      };
    },
  };
}

export type TokenIssuer = ReturnType<typeof createTokenIssuer>;
