/** The verified facts a sign-in provider vouches for about a person. */
export interface ExternalIdentity {
  provider: string;
  /** The provider's stable id for the account (OIDC `sub`, GitHub's numeric id). */
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string;
  avatarUrl: string | null;
}

export interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  codeChallenge: string;
  nonce: string;
}

export interface AuthorizationResponse {
  /** The full callback URL as the provider redirected to it (code, state, iss…). */
  callbackUrl: URL;
  redirectUri: string;
  expectedState: string;
  codeVerifier: string;
  nonce: string;
}

/**
 * A sign-in provider behind the authorization code flow with PKCE (S256). Implementations use
 * openid-client for the protocol; they differ only in how the identity is read afterwards (the
 * ID token for OIDC issuers, the REST API for GitHub).
 */
export interface IdentityProvider {
  id: string;
  name: string;
  kind: "oidc" | "github";
  authorizationUrl(request: AuthorizationRequest): Promise<URL>;
  completeAuthorization(response: AuthorizationResponse): Promise<ExternalIdentity>;
}

/** A provider-side failure, with a code the sign-in page knows how to explain. */
export class ProviderError extends Error {
  constructor(
    readonly code: "provider_error" | "provider_unavailable" | "email_not_verified" | "access_denied",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ProviderError";
  }
}
