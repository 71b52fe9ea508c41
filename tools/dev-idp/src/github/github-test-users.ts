export interface FakeGitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
  visibility: "public" | "private" | null;
}

export interface FakeGitHubUser {
  /** GitHub's numeric user id: the stable subject to link on (logins can be renamed). */
  id: number;
  login: string;
  name: string | null;
  emails: FakeGitHubEmail[];
  /** Defaults to an avatar served by the fake itself (`<baseUrl>/avatars/<login>.svg`). */
  avatarUrl?: string;
}

/**
 * A primary verified public address plus a verified private one, so the platform has to pick the
 * primary verified address from `/user/emails` rather than the first.
 */
export const octocatGitHubUser: FakeGitHubUser = {
  id: 583231,
  login: "octocat",
  name: "The Octocat",
  emails: [
    { email: "octo@example.com", primary: true, verified: true, visibility: "public" },
    { email: "octocat-work@example.com", primary: false, verified: true, visibility: "private" },
  ],
};

/** Only an unverified address: the platform must refuse the sign-in. `/user` shows `email: null`. */
export const unverifiedGitHubUser: FakeGitHubUser = {
  id: 1000002,
  login: "mona-unverified",
  name: "Mona Unverified",
  emails: [{ email: "mona@example.com", primary: true, verified: false, visibility: null }],
};

export const defaultGitHubUsers: readonly FakeGitHubUser[] = [octocatGitHubUser, unverifiedGitHubUser];
