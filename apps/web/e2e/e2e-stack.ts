/**
 * Where the end-to-end stack listens. Ports differ from the local-run defaults (8080 / 3000 /
 * 5556) so a developer's running platform never answers in place of the stack under test.
 */
export const apiOrigin = "http://127.0.0.1:18080";
export const webOrigin = "http://127.0.0.1:13000";

/** The development OIDC provider (tools/dev-idp), the platform's only sign-in method in the run. */
export const devIdentityProvider = {
  issuer: "http://127.0.0.1:13556",
  /** The platform's provider id, so `/auth/login/dev` and `/auth/callback/dev`. */
  id: "dev",
  name: "Development sign-in",
  clientId: "hks-e2e",
  clientSecret: "e2e-secret",
} as const;

/** Test users the provider offers (docs/dev-identity-providers.md). */
export const testUsers = {
  alice: { name: "Alice Example", email: "alice@example.com" },
  bob: { name: "Bob Example", email: "bob@example.com" },
} as const;
