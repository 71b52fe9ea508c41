import { randomBytes } from "node:crypto";
import type { AuditWriter } from "@hks/audit";
import type { Cache } from "@hks/cache";
import { AppError } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { eq } from "drizzle-orm";
import * as oidc from "openid-client";
import type { ProviderRegistry } from "../providers/provider-registry";
import { ProviderError } from "../providers/identity-provider";
import type { RequestOrigin } from "../request-origin";
import type { SessionService } from "../sessions/session-service";
import type { TokenIssuer, TokenPair } from "../tokens/token-issuer";
import { createCliAuthorizationCodes } from "./cli-authorization-codes";
import { linkIdentity } from "./link-identity";
import { createLoginStateStore } from "./login-state";
import { isLoopbackRedirect, safeReturnPath } from "./return-paths";

export interface StartLoginInput {
  providerId: string;
  returnTo?: string | undefined;
  cli?: { redirectUri: string; state: string; codeChallenge: string } | undefined;
}

/** A sign-in failure the browser is sent back to the sign-in page with. */
export class LoginFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "LoginFailure";
  }
}

export type CompletedLogin =
  | { client: "web"; tokens: TokenPair; sessionId: string; returnTo: string; deviceId: string }
  | { client: "cli"; redirect: URL };

/**
 * The sign-in flow (§3): authorization code with PKCE S256 always, a single-use state, a nonce for
 * OIDC, verified e-mail only. Every attempt, successful or not, leaves an audit event.
 */
export function createLoginService(deps: {
  db: Database;
  cache: Cache;
  audit: AuditWriter;
  providers: ProviderRegistry;
  sessions: SessionService;
  tokens: TokenIssuer;
  publicUrl: string;
}) {
  const states = createLoginStateStore(deps.cache);
  const cliCodes = createCliAuthorizationCodes(deps.cache);
  const callbackUrlFor = (providerId: string) => `${deps.publicUrl}/auth/callback/${providerId}`;

  async function auditFailure(origin: RequestOrigin, provider: string | null, code: string, type: "auth.login.failed" | "security.oauth_state_invalid" = "auth.login.failed") {
    await deps.audit.record(deps.db, origin, { type, success: false, provider, errorCode: code.toUpperCase() });
  }

  return {
    async start(input: StartLoginInput, origin: RequestOrigin): Promise<URL> {
      const provider = deps.providers.get(input.providerId);
      if (!provider) {
        await auditFailure(origin, input.providerId.slice(0, 40), "provider_not_configured");
        throw new AppError("NOT_FOUND", `No sign-in provider "${input.providerId}" is configured`);
      }
      if (input.cli && !isLoopbackRedirect(input.cli.redirectUri)) {
        throw new AppError("VALIDATION_FAILED", "redirect_uri must be an http://127.0.0.1:<port>/ loopback address", {
          details: [{ field: "query.redirect_uri", message: "must be a loopback address with a port" }],
        });
      }
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const nonce = randomBytes(32).toString("base64url");
      const state = await states.create({
        provider: provider.id,
        codeVerifier,
        nonce,
        returnTo: safeReturnPath(input.returnTo),
        client: input.cli ? "cli" : "web",
        ...(input.cli ? { cli: input.cli } : {}),
      });
      try {
        const url = await provider.authorizationUrl({
          redirectUri: callbackUrlFor(provider.id),
          state,
          nonce,
          codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        });
        await deps.audit.record(deps.db, origin, { type: "auth.login.started", success: true, provider: provider.id, metadata: { client: input.cli ? "cli" : "web" } });
        return url;
      } catch (error) {
        const code = error instanceof ProviderError ? error.code : "provider_error";
        await auditFailure(origin, provider.id, code);
        throw new AppError("SERVICE_UNAVAILABLE", "The sign-in provider could not be reached; try again shortly", { cause: error });
      }
    },

    async complete(providerId: string, callbackUrl: URL, origin: RequestOrigin): Promise<CompletedLogin> {
      const stateToken = callbackUrl.searchParams.get("state") ?? "";
      const state = await states.consume(stateToken);
      if (!state || state.provider !== providerId) {
        await auditFailure(origin, providerId.slice(0, 40), "invalid_state", "security.oauth_state_invalid");
        throw new LoginFailure("invalid_state", "The sign-in state is unknown, expired or already used");
      }
      const provider = deps.providers.get(providerId);
      if (!provider) throw new LoginFailure("provider_not_configured", "The provider is no longer configured");

      let identity;
      try {
        identity = await provider.completeAuthorization({
          callbackUrl,
          redirectUri: callbackUrlFor(providerId),
          expectedState: stateToken,
          codeVerifier: state.codeVerifier,
          nonce: state.nonce,
        });
      } catch (error) {
        const code = error instanceof ProviderError ? error.code : "provider_error";
        await auditFailure(origin, providerId, code);
        throw new LoginFailure(code, error instanceof Error ? error.message : "sign-in failed");
      }

      const at = new Date();
      const { user } = await deps.db.transaction(async (tx) => {
        const linked = await linkIdentity(tx, identity, at);
        await deps.audit.record(tx, origin, {
          type: "auth.login.succeeded",
          success: true,
          actorUserId: linked.user.id,
          provider: providerId,
          targetType: "user",
          targetId: linked.user.id,
          metadata: { client: state.client, newUser: linked.created },
        });
        return linked;
      });

      if (state.client === "cli" && state.cli) {
        const code = await cliCodes.issue({ userId: user.id, provider: providerId, redirectUri: state.cli.redirectUri, codeChallenge: state.cli.codeChallenge });
        const redirect = new URL(state.cli.redirectUri);
        redirect.searchParams.set("code", code);
        redirect.searchParams.set("state", state.cli.state);
        return { client: "cli", redirect };
      }

      const deviceId = origin.deviceId ?? newDeviceId();
      const { session, refreshToken } = await deps.sessions.start(
        { userId: user.id, provider: providerId, client: "web", deviceId, ip: origin.ipAddress, userAgent: origin.userAgent },
        origin,
      );
      const tokens = await deps.tokens.pairFor({ userId: user.id, email: user.email }, session, refreshToken, origin.ipAddress);
      await deps.audit.record(deps.db, origin, { type: "auth.token.issued", success: true, actorUserId: user.id, sessionId: session.id, provider: providerId, metadata: { client: "web" } });
      return { client: "web", tokens, sessionId: session.id, returnTo: state.returnTo, deviceId };
    },

    /** `POST /auth/token` for the CLI: redeems the one-time code with the PKCE verifier. */
    async redeemCliCode(input: { code: string; codeVerifier: string; redirectUri: string; deviceId: string }, origin: RequestOrigin): Promise<TokenPair & { sessionId: string }> {
      const pending = await cliCodes.redeem(input.code, input.codeVerifier, input.redirectUri);
      if (!pending) {
        await auditFailure(origin, null, "invalid_grant");
        throw new AppError("UNAUTHENTICATED", "The authorization code is invalid, expired or already used");
      }
      const [user] = await deps.db.select().from(schema.users).where(eq(schema.users.id, pending.userId));
      if (!user) throw new AppError("UNAUTHENTICATED", "The authorization code is invalid, expired or already used");
      const { session, refreshToken } = await deps.sessions.start(
        { userId: user.id, provider: pending.provider, client: "cli", deviceId: input.deviceId, ip: origin.ipAddress, userAgent: origin.userAgent },
        origin,
      );
      const tokens = await deps.tokens.pairFor({ userId: user.id, email: user.email }, session, refreshToken, origin.ipAddress);
      await deps.audit.record(deps.db, origin, { type: "auth.token.issued", success: true, actorUserId: user.id, sessionId: session.id, provider: pending.provider, metadata: { client: "cli" } });
      return { ...tokens, sessionId: session.id };
    },
  };
}

export type LoginService = ReturnType<typeof createLoginService>;

export function newDeviceId(): string {
  return randomBytes(16).toString("base64url");
}
