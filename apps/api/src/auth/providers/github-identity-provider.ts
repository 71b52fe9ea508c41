import type { GitHubProviderSettings } from "@hks/config";
import * as oidc from "openid-client";
import { allowsInsecureLoopback } from "./insecure-loopback";
import { ProviderError, type ExternalIdentity, type IdentityProvider } from "./identity-provider";
import { toProviderError } from "./oidc-identity-provider";

interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  avatar_url: string | null;
}

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * GitHub is OAuth 2.0 without OpenID Connect: the code flow (with PKCE, which GitHub supports)
 * runs through openid-client with GitHub's endpoints, then the identity comes from the REST API —
 * the numeric account id (logins can be renamed) and the primary *verified* e-mail.
 */
export function createGitHubIdentityProvider(settings: GitHubProviderSettings, env: "development" | "test" | "production"): IdentityProvider {
  const insecure = allowsInsecureLoopback(settings.webUrl, env) || allowsInsecureLoopback(settings.apiUrl, env);
  const config = new oidc.Configuration(
    {
      issuer: settings.webUrl,
      authorization_endpoint: `${settings.webUrl}/login/oauth/authorize`,
      token_endpoint: `${settings.webUrl}/login/oauth/access_token`,
    },
    settings.clientId,
    undefined,
    oidc.ClientSecretPost(settings.clientSecret),
  );
  if (insecure) oidc.allowInsecureRequests(config);

  async function githubApi<T>(path: string, accessToken: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${settings.apiUrl}${path}`, {
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: "application/vnd.github+json",
          "x-github-api-version": "2022-11-28",
          "user-agent": "hexabase-kaas",
        },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new ProviderError("provider_unavailable", "GitHub's API could not be reached", { cause: error });
    }
    if (!response.ok) throw new ProviderError("provider_error", `GitHub's API answered ${response.status} for ${path}`);
    return (await response.json()) as T;
  }

  return {
    id: "github",
    name: "GitHub",
    kind: "github",

    async authorizationUrl(request) {
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: request.redirectUri,
        scope: "read:user user:email",
        state: request.state,
        code_challenge: request.codeChallenge,
        code_challenge_method: "S256",
        allow_signup: "true",
      });
    },

    async completeAuthorization(response): Promise<ExternalIdentity> {
      let accessToken: string;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, response.callbackUrl, {
          pkceCodeVerifier: response.codeVerifier,
          expectedState: response.expectedState,
        });
        accessToken = tokens.access_token;
      } catch (error) {
        throw toProviderError(error);
      }
      const user = await githubApi<GitHubUser>("/user", accessToken);
      const emails = await githubApi<GitHubEmail[]>("/user/emails", accessToken);
      const primary = emails.find((entry) => entry.primary && entry.verified) ?? emails.find((entry) => entry.verified);
      if (!primary) throw new ProviderError("email_not_verified", "the GitHub account has no verified e-mail address");
      return {
        provider: "github",
        subject: String(user.id),
        email: primary.email.toLowerCase(),
        emailVerified: true,
        name: user.name?.trim() || user.login,
        avatarUrl: user.avatar_url,
      };
    },
  };
}
