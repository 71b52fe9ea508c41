import { AppError, cliTokenRequestSchema, errorEnvelopeSchema, refreshRequestSchema, tokenPairSchema } from "@hks/contracts";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { publicAccess } from "../../http/route-access";
import { authenticate } from "../authenticate";
import type { Identity } from "../identity";
import { requestOriginOf } from "../request-device";
import { looksLikeRefreshToken } from "../tokens/refresh-token";
import type { TokenPair } from "../tokens/token-issuer";
import { clearSessionCookies, COOKIE, CSRF_HEADER, setSessionCookies } from "./auth-cookies";

function tokenPairBody(tokens: TokenPair) {
  return {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    token_type: "Bearer" as const,
    expires_in: Math.max(0, Math.round((tokens.accessTokenExpiresAt.getTime() - Date.now()) / 1000)),
    expires_at: tokens.accessTokenExpiresAt.toISOString(),
    refresh_expires_at: tokens.refreshTokenExpiresAt.toISOString(),
  };
}

const errors = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 429: errorEnvelopeSchema };

export function registerTokenRoutes(app: FastifyInstance, identity: Identity): void {
  const zod = app.withTypeProvider<ZodTypeProvider>();

  /** A cookie-carried refresh token is ambient, so its use needs the CSRF token of its session. */
  async function requireCsrfForCookie(request: FastifyRequest, refreshToken: string): Promise<void> {
    const session = await identity.sessions.sessionOfRefreshToken(refreshToken);
    const header = request.headers[CSRF_HEADER];
    if (session && identity.csrf.verify(request.cookies[COOKIE.csrf], typeof header === "string" ? header : undefined, session.id)) return;
    const origin = requestOriginOf(request);
    await identity.throttledAudit(origin.ipAddress, origin, { type: "security.csrf_rejected", success: false, sessionId: session?.id ?? null, errorCode: "CSRF_TOKEN_INVALID" });
    throw new AppError("FORBIDDEN", "This request needs a valid X-CSRF-Token header");
  }

  zod.post(
    "/auth/token",
    {
      config: { access: publicAccess("the CLI redeems its one-time code here"), rateLimitClass: "login" },
      schema: {
        tags: ["auth"],
        summary: "CLI: exchange the one-time code for tokens (PKCE)",
        description: "Send the device id in X-HKS-Device-Id; tokens are bound to it.",
        body: cliTokenRequestSchema,
        response: { 200: tokenPairSchema, ...errors },
      },
    },
    async (request) => {
      const origin = requestOriginOf(request);
      if (!origin.deviceId) {
        throw new AppError("VALIDATION_FAILED", "The X-HKS-Device-Id header is required", {
          details: [{ field: "headers.x-hks-device-id", message: "16–64 characters of [A-Za-z0-9_-]" }],
        });
      }
      const tokens = await identity.login.redeemCliCode(
        { code: request.body.code, codeVerifier: request.body.code_verifier, redirectUri: request.body.redirect_uri, deviceId: origin.deviceId },
        origin,
      );
      return tokenPairBody(tokens);
    },
  );

  zod.post(
    "/auth/refresh",
    {
      config: { access: publicAccess("authenticated by the refresh token itself"), rateLimitClass: "refresh" },
      schema: {
        tags: ["auth"],
        summary: "Rotate the refresh token and get a new access token",
        description:
          "The CLI sends `refresh_token` in the body and gets the new pair in the response. The browser's comes in its cookie (with X-CSRF-Token) and the new pair is set as cookies only (204), so scripts never see a token. Every refresh token works once: presenting a used one revokes the whole session.",
        body: refreshRequestSchema.nullish(),
        response: { 200: tokenPairSchema, 204: z.null().describe("Cookie mode: new tokens set as cookies"), ...errors },
      },
    },
    async (request, reply) => {
      const fromBody = request.body?.refresh_token;
      const fromCookie = request.cookies[COOKIE.refreshToken];
      const presented = fromBody ?? fromCookie;
      if (!looksLikeRefreshToken(presented)) {
        if (fromCookie) clearSessionCookies(reply);
        throw new AppError("UNAUTHENTICATED", "The refresh token is invalid or expired; sign in again");
      }
      const viaCookie = fromBody === undefined;
      if (viaCookie) await requireCsrfForCookie(request, presented);
      const origin = requestOriginOf(request);
      try {
        const { session, refreshToken } = await identity.sessions.refresh(
          presented,
          { deviceId: origin.deviceId ?? "", ip: origin.ipAddress, userAgent: origin.userAgent },
          origin,
        );
        const user = await identity.users.byId(session.userId);
        const tokens = await identity.tokens.pairFor({ userId: user.id, email: user.email }, session, refreshToken, origin.ipAddress);
        if (!viaCookie) return tokenPairBody(tokens);
        setSessionCookies(reply, tokens, identity.csrf.issue(session.id));
        return reply.code(204).send(null);
      } catch (error) {
        if (viaCookie) clearSessionCookies(reply);
        throw error;
      }
    },
  );

  zod.post(
    "/auth/logout",
    {
      config: { access: publicAccess("works with an expired access token, via the refresh token") },
      schema: {
        tags: ["auth"],
        summary: "Sign out: revoke the current session",
        body: refreshRequestSchema.nullish(),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await signOut(request, reply, identity, request.body?.refresh_token);
      clearSessionCookies(reply);
      return reply.code(204).send(null);
    },
  );
}

async function signOut(request: FastifyRequest, reply: FastifyReply, identity: Identity, refreshTokenFromBody: string | undefined): Promise<void> {
  const origin = requestOriginOf(request);
  const hasAccessToken = request.headers.authorization !== undefined || request.cookies[COOKIE.accessToken] !== undefined;
  if (hasAccessToken) {
    const actor = await authenticate(request, identity.authenticationDeps).catch(() => undefined);
    if (actor) {
      await identity.liveness.revokeAccessToken(actor.tokenId, actor.tokenExpiresAt.getTime());
      await identity.sessions.revoke(actor.userId, actor.sessionId, "logout", origin, "auth.logout").catch(() => undefined);
      return;
    }
  }
  const presented = refreshTokenFromBody ?? request.cookies[COOKIE.refreshToken];
  if (!looksLikeRefreshToken(presented)) {
    clearSessionCookies(reply);
    throw new AppError("UNAUTHENTICATED", "There is no session to sign out of");
  }
  const session = await identity.sessions.sessionOfRefreshToken(presented);
  if (refreshTokenFromBody === undefined) {
    const header = request.headers[CSRF_HEADER];
    if (!session || !identity.csrf.verify(request.cookies[COOKIE.csrf], typeof header === "string" ? header : undefined, session.id)) {
      throw new AppError("FORBIDDEN", "This request needs a valid X-CSRF-Token header");
    }
  }
  if (session && !session.revokedAt) {
    await identity.sessions.revoke(session.userId, session.id, "logout", origin, "auth.logout").catch(() => undefined);
  }
}
