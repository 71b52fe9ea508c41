import type { FakeGitHubUser } from "./github-test-users";

/** An OAuth App registration, as on github.com/settings/developers. */
export interface FakeGitHubClient {
  clientId: string;
  clientSecret: string;
  /** The first is the app's registered callback URL (where GitHub sends redirect_uri errors). */
  redirectUris: string[];
}

export interface FakeGitHubOptions {
  /** 0 (the default) picks a free port. The server always binds 127.0.0.1. */
  port?: number;
  clients: readonly FakeGitHubClient[];
  /** Replaces the default users (octocat, mona-unverified). */
  users?: readonly FakeGitHubUser[];
}

export interface FakeGitHub {
  /**
   * `http://127.0.0.1:<port>`; stands for both https://github.com (OAuth) and
   * https://api.github.com (REST API).
   */
  baseUrl: string;
  users: readonly Required<FakeGitHubUser>[];
  stop(): Promise<void>;
}
