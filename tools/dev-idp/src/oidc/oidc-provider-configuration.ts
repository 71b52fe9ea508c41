import { randomBytes } from "node:crypto";
import type { ClientMetadata, Configuration, JWK, KoaContextWithOIDC } from "oidc-provider";
import { escapeHtml } from "../http/html-escape";
import type { DevOidcUser } from "./oidc-test-users";

export interface DevOidcClient {
  clientId: string;
  /** Omit for a public client (token endpoint auth `none`, PKCE still required). */
  clientSecret?: string;
  /** Exact-match list, e.g. `http://127.0.0.1:8080/auth/callback/dev`. */
  redirectUris: string[];
}

export interface OidcProviderConfigurationInput {
  clients: readonly DevOidcClient[];
  users: readonly Required<DevOidcUser>[];
  signingKey: JWK;
  claimsInIdToken: boolean;
}

export const interactionPathPrefix = "/interaction/";

export function toClientMetadata(client: DevOidcClient): ClientMetadata {
  const shared = {
    client_id: client.clientId,
    redirect_uris: client.redirectUris,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    id_token_signed_response_alg: "RS256",
  } satisfies ClientMetadata;
  if (client.clientSecret === undefined) {
    return { ...shared, token_endpoint_auth_method: "none" };
  }
  // oidc-provider accepts the secret in the body (client_secret_post, openid-client's default)
  // or in HTTP Basic for either method, so the platform may use whichever it likes.
  return { ...shared, client_secret: client.clientSecret, token_endpoint_auth_method: "client_secret_basic" };
}

/**
 * Every configured client is first-party, so consent is granted without asking: the grant is
 * extended with whatever OIDC scopes and claims this request asks for (oidc-provider's documented
 * `loadExistingGrant` way to skip the consent prompt).
 */
async function grantRequestedScopesWithoutConsent(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || !accountId) return undefined;

  const existingGrantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId);
  const grant =
    (existingGrantId ? await oidc.provider.Grant.find(existingGrantId) : undefined) ??
    new oidc.provider.Grant({ clientId: client.clientId, accountId });
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(" "));
  const requestedClaims = [...oidc.requestParamClaims];
  if (requestedClaims.length > 0) grant.addOIDCClaims(requestedClaims);
  await grant.save();
  return grant;
}

export function buildOidcProviderConfiguration(input: OidcProviderConfigurationInput): Configuration {
  const usersBySub = new Map(input.users.map((user) => [user.sub, user]));
  return {
    clients: input.clients.map(toClientMetadata),
    jwks: { keys: [input.signingKey] },
    // New keys per start: cookies from a previous run are simply ignored.
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    responseTypes: ["code"],
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile"],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "picture"],
    },
    // Like Google and Keycloak, put the requested claims in the ID token too (oidc-provider's
    // default keeps them for userinfo only when an access token is issued).
    conformIdTokenClaims: !input.claimsInIdToken,
    enabledJWA: { idTokenSigningAlgValues: ["RS256"] },
    // Explicit lifetimes (also silences oidc-provider's "default ttl" notices). The code lives
    // 60 s, like oidc-provider's default; a sign-in page left open for 10 minutes still works.
    ttl: {
      AuthorizationCode: 60,
      Interaction: 10 * 60,
      AccessToken: 60 * 60,
      IdToken: 60 * 60,
      Session: 24 * 60 * 60,
      Grant: 24 * 60 * 60,
    },
    features: {
      // Our own login page replaces the built-in one, which asks for a login name.
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    interactions: {
      url: (_ctx, interaction) => `${interactionPathPrefix}${interaction.uid}`,
    },
    loadExistingGrant: grantRequestedScopesWithoutConsent,
    // Errors that cannot go back to the client (unknown client, unregistered redirect_uri).
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error</title></head><body><main><h1>Sign-in error</h1><p><code>${escapeHtml(String(out.error))}</code>: ${escapeHtml(String(out.error_description ?? ""))}</p></main></body></html>`;
    },
    findAccount: (_ctx, sub) => {
      const user = usersBySub.get(sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        claims: () => ({
          sub: user.sub,
          email: user.email,
          email_verified: user.emailVerified,
          name: user.name,
          picture: user.picture,
        }),
      };
    },
  };
}
