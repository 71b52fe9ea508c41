export interface DevOidcUser {
  /** Stable across restarts, so the platform's provider + subject link survives a local restart. */
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
  /** Defaults to an avatar served by the provider itself (`<issuer>/avatars/<sub>.svg`). */
  picture?: string;
}

export const aliceOidcUser: DevOidcUser = {
  sub: "dev-alice",
  email: "alice@example.com",
  emailVerified: true,
  name: "Alice Example",
};

export const bobOidcUser: DevOidcUser = {
  sub: "dev-bob",
  email: "bob@example.com",
  emailVerified: true,
  name: "Bob Example",
};

/** Opt-in (`includeUnverifiedUser`): the platform must refuse sign-in with an unverified e-mail. */
export const malloryOidcUser: DevOidcUser = {
  sub: "dev-mallory",
  email: "mallory@example.com",
  emailVerified: false,
  name: "Mallory Unverified",
};

export const defaultOidcUsers: readonly DevOidcUser[] = [aliceOidcUser, bobOidcUser];
