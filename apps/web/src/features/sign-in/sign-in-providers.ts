/**
 * The identity providers offered on the sign-in page. `id` is the path segment of the API's
 * login route (`/auth/login/:provider`), which redirects to the provider; the browser never sees
 * a token.
 */
export const signInProviders = [
  { id: "google", label: "Google" },
  { id: "github", label: "GitHub" },
  { id: "gitlab", label: "GitLab" },
  { id: "oidc", label: "single sign-on (OIDC)" },
] as const;

export type SignInProviderId = (typeof signInProviders)[number]["id"];

export function loginHref(provider: SignInProviderId, returnPath: string | undefined): string {
  const base = `/auth/login/${provider}`;
  return returnPath ? `${base}?${new URLSearchParams({ next: returnPath }).toString()}` : base;
}
