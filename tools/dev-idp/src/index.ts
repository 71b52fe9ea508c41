/**
 * Identity providers for local mode and tests only. They sign in anyone who presses a button and
 * bind 127.0.0.1; never configure them in production.
 */
export { startDevOidcProvider, type DevOidcProvider, type DevOidcProviderOptions } from "./oidc/dev-oidc-provider";
export type { DevOidcClient } from "./oidc/oidc-provider-configuration";
export {
  aliceOidcUser,
  bobOidcUser,
  defaultOidcUsers,
  malloryOidcUser,
  type DevOidcUser,
} from "./oidc/oidc-test-users";

export { startFakeGitHub } from "./github/fake-github";
export type { FakeGitHub, FakeGitHubClient, FakeGitHubOptions } from "./github/fake-github-options";
export {
  defaultGitHubUsers,
  octocatGitHubUser,
  unverifiedGitHubUser,
  type FakeGitHubEmail,
  type FakeGitHubUser,
} from "./github/github-test-users";

export { completeAuthorization, type AuthorizationChoice } from "./login/complete-authorization";
