import { decodeProtectedHeader } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeAuthorization, startDevOidcProvider, type DevOidcProvider } from "../src/index";

const redirectUri = "http://127.0.0.1:8080/auth/callback/dev";
const confidential = { clientId: "hks-test", clientSecret: "test-secret", redirectUris: [redirectUri] };
const publicClient = { clientId: "hks-cli-test", redirectUris: [redirectUri] };

let idp: DevOidcProvider;

beforeAll(async () => {
  idp = await startDevOidcProvider({ clients: [confidential, publicClient], includeUnverifiedUser: true });
});
afterAll(async () => {
  await idp.stop();
});

async function discover(clientId: string, secret?: string, auth?: oidc.ClientAuth): Promise<oidc.Configuration> {
  // openid-client refuses http issuers unless told otherwise; the platform must do the same for loopback.
  return oidc.discovery(new URL(idp.issuer), clientId, secret, auth, { execute: [oidc.allowInsecureRequests] });
}

interface SignIn {
  callbackUrl: URL;
  verifier: string;
  nonce: string;
  state: string;
}

async function signIn(config: oidc.Configuration, user: string): Promise<SignIn> {
  const verifier = oidc.randomPKCECodeVerifier();
  const nonce = oidc.randomNonce();
  const state = oidc.randomState();
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid email profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    nonce,
    state,
  });
  return { callbackUrl: await completeAuthorization(authorizationUrl, { user }), verifier, nonce, state };
}

function exchange(config: oidc.Configuration, flow: SignIn, verifier = flow.verifier) {
  return oidc.authorizationCodeGrant(config, flow.callbackUrl, {
    pkceCodeVerifier: verifier,
    expectedNonce: flow.nonce,
    expectedState: flow.state,
  });
}

describe("development OIDC provider", () => {
  it("binds loopback and publishes a discovery document for code flow with S256 PKCE and RS256", async () => {
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metadata = (await discover(confidential.clientId, confidential.clientSecret)).serverMetadata();
    expect(metadata.issuer).toBe(idp.issuer);
    expect(metadata.response_types_supported).toEqual(["code"]);
    expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
    expect(metadata.id_token_signing_alg_values_supported).toEqual(["RS256"]);
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(["openid", "email", "profile"]));
    expect(metadata.claims_supported).toEqual(expect.arrayContaining(["sub", "email", "email_verified", "name", "picture"]));
    expect(metadata.userinfo_endpoint).toBe(`${idp.issuer}/me`);
  });

  it("signs alice in with code + PKCE + nonce and issues an RS256 ID token with her claims", async () => {
    const config = await discover(confidential.clientId, confidential.clientSecret);
    const flow = await signIn(config, "alice@example.com");
    expect(flow.callbackUrl.origin + flow.callbackUrl.pathname).toBe(redirectUri);
    expect(flow.callbackUrl.searchParams.get("state")).toBe(flow.state);
    expect(flow.callbackUrl.searchParams.get("code")).toBeTruthy();

    const tokens = await exchange(config, flow);
    const idToken = tokens.id_token ?? "";
    const header = decodeProtectedHeader(idToken);
    expect(header.alg).toBe("RS256");
    const jwks = (await (await fetch(config.serverMetadata().jwks_uri ?? "")).json()) as { keys: { kid: string; kty: string }[] };
    expect(jwks.keys).toEqual([expect.objectContaining({ kid: header.kid, kty: "RSA" })]);
    expect(tokens.claims()).toMatchObject({
      iss: idp.issuer,
      aud: confidential.clientId,
      sub: "dev-alice",
      nonce: flow.nonce,
      email: "alice@example.com",
      email_verified: true,
      name: "Alice Example",
      picture: `${idp.issuer}/avatars/dev-alice.svg`,
    });
    const avatar = await fetch(`${idp.issuer}/avatars/dev-alice.svg`);
    expect(avatar.headers.get("content-type")).toBe("image/svg+xml");
  });

  it("reports the unverified e-mail of mallory as email_verified false, in the ID token and userinfo", async () => {
    const config = await discover(confidential.clientId, confidential.clientSecret);
    const tokens = await exchange(config, await signIn(config, "mallory@example.com"));
    expect(tokens.claims()).toMatchObject({ sub: "dev-mallory", email: "mallory@example.com", email_verified: false });
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, "dev-mallory");
    expect(userinfo).toMatchObject({ email: "mallory@example.com", email_verified: false, name: "Mallory Unverified" });
  });

  it("offers alice and bob by default and mallory only when asked", async () => {
    const plain = await startDevOidcProvider({ clients: [confidential] });
    try {
      expect(plain.users.map((user) => [user.email, user.emailVerified])).toEqual([
        ["alice@example.com", true],
        ["bob@example.com", true],
      ]);
      const config = await oidc.discovery(new URL(plain.issuer), confidential.clientId, confidential.clientSecret, undefined, {
        execute: [oidc.allowInsecureRequests],
      });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: "openid email",
        code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
        code_challenge_method: "S256",
      });
      await expect(completeAuthorization(url, { user: "mallory@example.com" })).rejects.toThrow(
        /No test user "mallory@example.com".*alice@example.com, bob@example.com/,
      );
    } finally {
      await plain.stop();
    }
  });

  it("rejects a second use of the same authorization code", async () => {
    const config = await discover(confidential.clientId, confidential.clientSecret);
    const flow = await signIn(config, "bob@example.com");
    await exchange(config, flow);
    await expect(exchange(config, flow)).rejects.toMatchObject({ error: "invalid_grant" });
  });

  it("rejects a code exchanged with the wrong PKCE verifier", async () => {
    const config = await discover(confidential.clientId, confidential.clientSecret);
    const flow = await signIn(config, "alice@example.com");
    await expect(exchange(config, flow, oidc.randomPKCECodeVerifier())).rejects.toMatchObject({
      error: "invalid_grant",
    });
  });

  it("refuses an authorization request without PKCE, and the plain method, back at the redirect URI", async () => {
    const config = await discover(confidential.clientId, confidential.clientSecret);
    const withoutPkce = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: "openid", state: "s1" });
    const answer = await completeAuthorization(withoutPkce, { user: "alice@example.com" });
    expect(answer.searchParams.get("error")).toBe("invalid_request");
    expect(answer.searchParams.get("state")).toBe("s1");
    expect(answer.searchParams.has("code")).toBe(false);

    const plain = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: "openid",
      code_challenge: oidc.randomPKCECodeVerifier(),
      code_challenge_method: "plain",
    });
    expect((await completeAuthorization(plain, { user: "alice@example.com" })).searchParams.get("error")).toBe(
      "invalid_request",
    );
  });

  it("takes the client secret in the body or in HTTP Basic, and refuses a wrong secret", async () => {
    const basicConfig = await discover(confidential.clientId, confidential.clientSecret, oidc.ClientSecretBasic());
    const viaBasic = await exchange(basicConfig, await signIn(basicConfig, "alice@example.com"));
    expect(viaBasic.claims()?.sub).toBe("dev-alice");
    const postConfig = await discover(confidential.clientId, confidential.clientSecret, oidc.ClientSecretPost());
    const viaPost = await exchange(postConfig, await signIn(postConfig, "alice@example.com"));
    expect(viaPost.claims()?.sub).toBe("dev-alice");

    const wrongSecret = await discover(confidential.clientId, "not-the-secret");
    await expect(exchange(wrongSecret, await signIn(wrongSecret, "alice@example.com"))).rejects.toMatchObject({
      error: "invalid_client",
    });
  });

  it("serves a public client with PKCE and no secret", async () => {
    const config = await discover(publicClient.clientId, undefined, oidc.None());
    const tokens = await exchange(config, await signIn(config, "bob@example.com"));
    expect(tokens.claims()).toMatchObject({ sub: "dev-bob", email: "bob@example.com", aud: publicClient.clientId });
  });

  it("sends access_denied back to the client when the user cancels", async () => {
    const config = await discover(confidential.clientId, confidential.clientSecret);
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: "openid email",
      state: "cancel-state",
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
    });
    const answer = await completeAuthorization(url, { cancel: true });
    expect(answer.searchParams.get("error")).toBe("access_denied");
    expect(answer.searchParams.get("state")).toBe("cancel-state");
  });

  it("never redirects to an unregistered redirect URI", async () => {
    const config = await discover(confidential.clientId, confidential.clientSecret);
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: "http://127.0.0.1:9999/evil",
      scope: "openid",
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
    });
    await expect(completeAuthorization(url, { user: "alice@example.com" })).rejects.toThrow(/answered 400/);
  });

  it("serves an accessible login page that lists the test users as buttons", async () => {
    const config = await discover(confidential.clientId, confidential.clientSecret);
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: "openid",
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
    });
    const toLogin = await fetch(url, { redirect: "manual" });
    const page = await fetch(new URL(toLogin.headers.get("location") ?? "", idp.issuer), {
      headers: { cookie: toLogin.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ") },
    });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<legend>Test users</legend>");
    expect(html).toMatch(/<button type="submit" name="user" value="alice@example.com">Sign in as Alice Example/);
    expect(html).toMatch(/value="mallory@example.com">Sign in as Mallory Unverified .*e-mail not verified/);
    expect(html).not.toMatch(/type="password"/);
  });

  it("can keep the ID token minimal so the platform must read claims from userinfo", async () => {
    const minimal = await startDevOidcProvider({ clients: [confidential], claimsInIdToken: false });
    try {
      const config = await oidc.discovery(new URL(minimal.issuer), confidential.clientId, confidential.clientSecret, undefined, {
        execute: [oidc.allowInsecureRequests],
      });
      const tokens = await exchange(config, await signIn(config, "alice@example.com"));
      expect(tokens.claims()?.email).toBeUndefined();
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, "dev-alice");
      expect(userinfo).toMatchObject({ email: "alice@example.com", email_verified: true, name: "Alice Example" });
    } finally {
      await minimal.stop();
    }
  });

  it("stops listening on stop()", async () => {
    const shortLived = await startDevOidcProvider({ clients: [confidential] });
    await shortLived.stop();
    await expect(fetch(`${shortLived.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
  });
});
