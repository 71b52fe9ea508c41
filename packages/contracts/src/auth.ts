import { z } from "zod";

/** A sign-in provider the platform offers (for the sign-in page and `hks login`). */
export const authProviderSchema = z
  .object({
    id: z.string().describe("Used in /auth/login/{id}"),
    name: z.string(),
    kind: z.enum(["oidc", "github"]),
  })
  .meta({ id: "AuthProvider" });

export const authProvidersSchema = z.object({ providers: z.array(authProviderSchema) }).meta({ id: "AuthProviders" });

/** §4.2 token pair, as the CLI receives it (the browser gets the same tokens as cookies). */
export const tokenPairSchema = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().describe("Seconds until the access token expires"),
    expires_at: z.iso.datetime().describe("When the access token expires"),
    refresh_expires_at: z.iso.datetime().describe("When the refresh token (and its session) expires at the latest"),
  })
  .meta({ id: "TokenPair" });

export const refreshRequestSchema = z
  .object({
    refresh_token: z.string().max(200).optional().describe("Omit when the refresh token is in the hks_rt cookie"),
  })
  .strict()
  .meta({ id: "RefreshRequest" });

export const cliTokenRequestSchema = z
  .object({
    grant_type: z.literal("authorization_code"),
    code: z.string().min(1).max(200),
    code_verifier: z.string().min(43).max(128),
    redirect_uri: z.string().url(),
  })
  .strict()
  .meta({ id: "CliTokenRequest" });

export const sessionUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    avatarUrl: z.string().nullable(),
    provider: z.string().describe("The provider of the current session"),
    sessionId: z.string(),
    organizationIds: z.array(z.string()),
  })
  .meta({ id: "SessionUser" });

export const sessionSchema = z
  .object({
    id: z.string(),
    current: z.boolean().describe("True for the session making this request"),
    provider: z.string(),
    client: z.enum(["web", "cli"]),
    userAgent: z.string(),
    ipAddress: z.string().describe("Address at sign-in"),
    lastSeenIp: z.string(),
    createdAt: z.iso.datetime().describe("First seen"),
    lastSeenAt: z.iso.datetime().describe("Last seen"),
    expiresAt: z.iso.datetime().describe("Absolute expiry; idle sessions end sooner"),
  })
  .meta({ id: "Session" });

export const sessionListSchema = z.object({ sessions: z.array(sessionSchema) }).meta({ id: "SessionList" });

export const revokedCountSchema = z.object({ revoked: z.number().int() }).meta({ id: "RevokedCount" });

export const securityEventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    success: z.boolean(),
    occurredAt: z.iso.datetime(),
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    provider: z.string().nullable(),
    sessionId: z.string().nullable(),
    errorCode: z.string().nullable(),
  })
  .meta({ id: "SecurityEvent" });

export const securityEventPageSchema = z
  .object({
    items: z.array(securityEventSchema),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null at the end"),
  })
  .meta({ id: "SecurityEventPage" });

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export const jwksSchema = z
  .object({ keys: z.array(z.record(z.string(), z.unknown())) })
  .meta({ id: "JsonWebKeySet" });

export const openIdConfigurationSchema = z
  .object({
    issuer: z.string(),
    jwks_uri: z.string(),
    authorization_endpoint: z.string(),
    token_endpoint: z.string(),
    response_types_supported: z.array(z.string()),
    subject_types_supported: z.array(z.string()),
    id_token_signing_alg_values_supported: z.array(z.string()),
    token_endpoint_auth_methods_supported: z.array(z.string()),
    code_challenge_methods_supported: z.array(z.string()),
    grant_types_supported: z.array(z.string()),
    claims_supported: z.array(z.string()),
  })
  .meta({ id: "OpenIdConfiguration" });

export type TokenPairResponse = z.infer<typeof tokenPairSchema>;
export type SessionUser = z.infer<typeof sessionUserSchema>;
