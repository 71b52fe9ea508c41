import type { OidcProviderSettings } from "@hks/config";
import * as oidc from "openid-client";
import { allowsInsecureLoopback } from "./insecure-loopback";
import { ProviderError, type ExternalIdentity, type IdentityProvider } from "./identity-provider";

/**
 * Any standards OIDC issuer (Google, GitLab, Keycloak, Entra ID, Dex, Okta…): discovery, code flow
 * with PKCE and nonce, ID token validated by openid-client (signature, issuer, audience, expiry,
 * nonce). Discovery runs lazily and is retried on the next sign-in if the issuer was down.
 */
export function createOidcIdentityProvider(settings: OidcProviderSettings, env: "development" | "test" | "production"): IdentityProvider {
  const insecure = allowsInsecureLoopback(settings.issuer, env);
  let configuration: Promise<oidc.Configuration> | undefined;

  const discover = (): Promise<oidc.Configuration> => {
    configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None(),
        insecure ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw new ProviderError("provider_unavailable", `discovery of ${settings.issuer} failed`, { cause: error });
      });
    return configuration;
  };

  return {
    id: settings.id,
    name: settings.name,
    kind: "oidc",

    async authorizationUrl(request) {
      return oidc.buildAuthorizationUrl(await discover(), {
        redirect_uri: request.redirectUri,
        scope: settings.scopes.join(" "),
        state: request.state,
        nonce: request.nonce,
        code_challenge: request.codeChallenge,
        code_challenge_method: "S256",
      });
    },

    async completeAuthorization(response): Promise<ExternalIdentity> {
      const config = await discover();
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, response.callbackUrl, {
          pkceCodeVerifier: response.codeVerifier,
          expectedState: response.expectedState,
          expectedNonce: response.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw toProviderError(error);
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new ProviderError("provider_error", "the provider returned no ID token");
      let claims: Record<string, unknown> = idClaims;
      if (typeof claims.email !== "string") {
        // Some issuers put e-mail only in userinfo.
        claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
      }
      const email = typeof claims.email === "string" ? claims.email.toLowerCase() : undefined;
      if (!email) throw new ProviderError("email_not_verified", "the provider did not share an e-mail address");
      if (claims.email_verified !== true) throw new ProviderError("email_not_verified", "the provider has not verified this e-mail address");
      return {
        provider: settings.id,
        subject: idClaims.sub,
        email,
        emailVerified: true,
        name: typeof claims.name === "string" && claims.name.trim() ? claims.name.trim() : email,
        avatarUrl: typeof claims.picture === "string" ? claims.picture : null,
      };
    },
  };
}

/** Maps openid-client's errors to what a user can be told; the cause keeps the detail for logs. */
export function toProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof oidc.AuthorizationResponseError && error.error === "access_denied") {
    return new ProviderError("access_denied", "the user or the provider denied access", { cause: error });
  }
  if (error instanceof TypeError || (error instanceof Error && /fetch failed|ECONNREFUSED|timed? ?out/i.test(error.message))) {
    return new ProviderError("provider_unavailable", "the provider could not be reached", { cause: error });
  }
  return new ProviderError("provider_error", error instanceof Error ? error.message : "the provider refused the sign-in", { cause: error });
}
