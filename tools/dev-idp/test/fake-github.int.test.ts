import * as oidc from "openid-client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { completeAuthorization, startFakeGitHub, type FakeGitHub } from "../src/index";

const redirectUri = "http://127.0.0.1:8080/auth/callback/github";
const app = { clientId: "Iv1.hks-test", clientSecret: "github-test-secret", redirectUris: [redirectUri] };
const otherApp = { clientId: "Iv1.other", clientSecret: "other-secret", redirectUris: ["http://127.0.0.1:8080/other"] };

let github: FakeGitHub;

beforeAll(async () => {
  github = await startFakeGitHub({ clients: [app, otherApp] });
});
afterAll(async () => {
  await github.stop();
});
afterEach(() => {
  vi.useRealTimers();
});

interface Authorized {
  code: string;
  state: string;
  verifier: string;
}

async function authorize(
  user: string,
  { scope = "read:user user:email", pkce = true }: { scope?: string; pkce?: boolean } = {},
): Promise<Authorized> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = new URL("/login/oauth/authorize", github.baseUrl);
  url.search = new URLSearchParams({ client_id: app.clientId, redirect_uri: redirectUri, state, scope }).toString();
  if (pkce) {
    url.searchParams.set("code_challenge", await oidc.calculatePKCECodeChallenge(verifier));
    url.searchParams.set("code_challenge_method", "S256");
  }
  const back = await completeAuthorization(url, { user });
  expect(back.origin + back.pathname).toBe(redirectUri);
  expect(back.searchParams.get("state")).toBe(state);
  return { code: back.searchParams.get("code") ?? "", state, verifier };
}

/** Form body without the fields a test left undefined. */
function formBody(fields: Record<string, string | undefined>): URLSearchParams {
  return new URLSearchParams(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

async function exchangeCode(fields: Record<string, string | undefined>, accept = "application/json"): Promise<Record<string, string>> {
  const body = formBody(fields);
  const response = await fetch(`${github.baseUrl}/login/oauth/access_token`, {
    method: "POST",
    headers: { accept, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, string>;
}

function exchangeFields(authorized: Authorized, overrides: Record<string, string | undefined> = {}) {
  return {
    client_id: app.clientId,
    client_secret: app.clientSecret,
    code: authorized.code,
    redirect_uri: redirectUri,
    code_verifier: authorized.verifier,
    ...overrides,
  };
}

function api(path: string, token?: string): Promise<Response> {
  return fetch(`${github.baseUrl}${path}`, {
    headers: { accept: "application/vnd.github+json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

describe("fake GitHub OAuth App flow", () => {
  it("signs octocat in with PKCE and serves /user and /user/emails for the token", async () => {
    const authorized = await authorize("octocat");
    expect(authorized.code).toMatch(/^[0-9a-f]{20}$/);

    const token = await exchangeCode(exchangeFields(authorized));
    expect(token).toEqual({ access_token: expect.stringMatching(/^gho_\w{36}$/), token_type: "bearer", scope: "read:user,user:email" });

    const user = await api("/user", token.access_token);
    expect(user.status).toBe(200);
    expect(user.headers.get("x-oauth-scopes")).toBe("read:user, user:email");
    expect(await user.json()).toMatchObject({
      id: 583231,
      login: "octocat",
      name: "The Octocat",
      email: "octo@example.com",
      avatar_url: `${github.baseUrl}/avatars/octocat.svg`,
    });
    const emails = await api("/user/emails", token.access_token);
    expect(await emails.json()).toEqual([
      { email: "octo@example.com", primary: true, verified: true, visibility: "public" },
      { email: "octocat-work@example.com", primary: false, verified: true, visibility: "private" },
    ]);
  });

  it("shows the user whose only e-mail is unverified as such", async () => {
    const token = await exchangeCode(exchangeFields(await authorize("mona-unverified")));
    expect(await (await api("/user", token.access_token)).json()).toMatchObject({ login: "mona-unverified", email: null });
    expect(await (await api("/user/emails", token.access_token)).json()).toEqual([
      { email: "mona@example.com", primary: true, verified: false, visibility: null },
    ]);
  });

  it("answers form-encoded without Accept: application/json, and takes JSON bodies and HTTP Basic", async () => {
    const asForm = await fetch(`${github.baseUrl}/login/oauth/access_token`, {
      method: "POST",
      body: formBody(exchangeFields(await authorize("octocat"))),
    });
    expect(asForm.headers.get("content-type")).toMatch(/^application\/x-www-form-urlencoded/);
    const fields = new URLSearchParams(await asForm.text());
    expect(fields.get("access_token")).toMatch(/^gho_/);
    expect(fields.get("token_type")).toBe("bearer");

    const json = await fetch(`${github.baseUrl}/login/oauth/access_token`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify(exchangeFields(await authorize("octocat"))),
    });
    expect(await json.json()).toMatchObject({ token_type: "bearer" });

    const basic = await fetch(`${github.baseUrl}/login/oauth/access_token`, {
      method: "POST",
      headers: {
        accept: "application/json",
        authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`,
      },
      body: formBody(exchangeFields(await authorize("octocat"), { client_id: undefined, client_secret: undefined })),
    });
    expect(await basic.json()).toMatchObject({ token_type: "bearer" });
  });

  it("works with openid-client as a plain OAuth 2.0 client (endpoints configured by hand)", async () => {
    const config = new oidc.Configuration(
      {
        issuer: github.baseUrl,
        authorization_endpoint: `${github.baseUrl}/login/oauth/authorize`,
        token_endpoint: `${github.baseUrl}/login/oauth/access_token`,
      },
      app.clientId,
      app.clientSecret,
    );
    oidc.allowInsecureRequests(config);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: "read:user user:email",
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
    });
    const callbackUrl = await completeAuthorization(url, { user: "octocat" });
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.access_token).toMatch(/^gho_/);

    // GitHub reports token errors with status 200, so openid-client sees a response without
    // access_token rather than an OAuth error: the platform has to expect that.
    await expect(
      oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: verifier, expectedState: state }),
    ).rejects.toMatchObject({ code: "OAUTH_INVALID_RESPONSE", cause: expect.objectContaining({ message: expect.stringMatching(/access_token/) }) });
  });
});

describe("fake GitHub refuses what GitHub refuses", () => {
  it("rejects a wrong PKCE verifier with bad_verification_code, and burns the code", async () => {
    const authorized = await authorize("octocat");
    const wrong = await exchangeCode(exchangeFields(authorized, { code_verifier: oidc.randomPKCECodeVerifier() }));
    expect(wrong).toMatchObject({ error: "bad_verification_code", error_description: "The code passed is incorrect or expired." });
    expect(wrong.access_token).toBeUndefined();
    expect(await exchangeCode(exchangeFields(authorized))).toMatchObject({ error: "bad_verification_code" });
  });

  it("rejects a missing verifier when a challenge was sent, and a verifier when none was", async () => {
    expect(await exchangeCode(exchangeFields(await authorize("octocat"), { code_verifier: undefined }))).toMatchObject({
      error: "bad_verification_code",
    });
    const withoutPkce = await authorize("octocat", { pkce: false });
    expect(await exchangeCode(exchangeFields(withoutPkce))).toMatchObject({ error: "bad_verification_code" });
    const withoutPkceAgain = await authorize("octocat", { pkce: false });
    expect(await exchangeCode(exchangeFields(withoutPkceAgain, { code_verifier: undefined }))).toMatchObject({
      token_type: "bearer",
    });
  });

  it("rejects a reused code and revokes the token it produced", async () => {
    const authorized = await authorize("octocat");
    const first = await exchangeCode(exchangeFields(authorized));
    expect((await api("/user", first.access_token)).status).toBe(200);
    expect(await exchangeCode(exchangeFields(authorized))).toMatchObject({ error: "bad_verification_code" });
    const revoked = await api("/user", first.access_token);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ message: "Bad credentials" });
  });

  it("expires codes after 10 minutes", async () => {
    const authorized = await authorize("octocat");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10 * 60 * 1000 + 1000);
    expect(await exchangeCode(exchangeFields(authorized))).toMatchObject({ error: "bad_verification_code" });
  });

  it("binds the code to its client and redirect URI", async () => {
    expect(
      await exchangeCode(exchangeFields(await authorize("octocat"), { client_id: otherApp.clientId, client_secret: otherApp.clientSecret })),
    ).toMatchObject({ error: "bad_verification_code" });
    expect(
      await exchangeCode(exchangeFields(await authorize("octocat"), { redirect_uri: "http://127.0.0.1:8080/elsewhere" })),
    ).toMatchObject({ error: "redirect_uri_mismatch" });
    expect(await exchangeCode(exchangeFields(await authorize("octocat"), { redirect_uri: undefined }))).toMatchObject({
      error: "redirect_uri_mismatch",
    });
  });

  it("rejects wrong client credentials", async () => {
    expect(await exchangeCode(exchangeFields(await authorize("octocat"), { client_secret: "wrong" }))).toMatchObject({
      error: "incorrect_client_credentials",
    });
  });

  it("sends an unregistered redirect_uri's error to the registered callback, never to the unregistered one", async () => {
    const url = new URL("/login/oauth/authorize", github.baseUrl);
    url.search = new URLSearchParams({ client_id: app.clientId, redirect_uri: "http://127.0.0.1:9999/evil", state: "s" }).toString();
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get("error")).toBe("redirect_uri_mismatch");
    expect(location.searchParams.get("state")).toBe("s");
  });

  it("refuses the plain PKCE method", async () => {
    const url = new URL("/login/oauth/authorize", github.baseUrl);
    url.search = new URLSearchParams({
      client_id: app.clientId,
      redirect_uri: redirectUri,
      code_challenge: oidc.randomPKCECodeVerifier(),
      code_challenge_method: "plain",
    }).toString();
    const answer = await completeAuthorization(url, { user: "octocat" });
    expect(answer.searchParams.get("error")).toBe("invalid_request");
    expect(answer.searchParams.has("code")).toBe(false);
  });

  it("answers 404 for an unknown client_id", async () => {
    const url = `${github.baseUrl}/login/oauth/authorize?client_id=nope&redirect_uri=${encodeURIComponent(redirectUri)}`;
    await expect(completeAuthorization(url, { user: "octocat" })).rejects.toThrow(/answered 404/);
  });

  it("sends access_denied when the user cancels", async () => {
    const url = new URL("/login/oauth/authorize", github.baseUrl);
    url.search = new URLSearchParams({ client_id: app.clientId, redirect_uri: redirectUri, state: "c" }).toString();
    const answer = await completeAuthorization(url, { cancel: true });
    expect(answer.searchParams.get("error")).toBe("access_denied");
    expect(answer.searchParams.get("state")).toBe("c");
  });

  it("answers 401 to API calls without a token or with an unknown one", async () => {
    for (const path of ["/user", "/user/emails"]) {
      const anonymous = await api(path);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ message: "Requires authentication" });
      const forged = await api(path, "gho_000000000000000000000000000000000000");
      expect(forged.status).toBe(401);
      expect(await forged.json()).toMatchObject({ message: "Bad credentials" });
    }
  });

  it("hides /user/emails from a token without the user:email scope", async () => {
    const token = await exchangeCode(exchangeFields(await authorize("octocat", { scope: "read:user" })));
    expect((await api("/user", token.access_token)).status).toBe(200);
    const emails = await api("/user/emails", token.access_token);
    expect(emails.status).toBe(404);
    expect(emails.headers.get("x-accepted-oauth-scopes")).toBe("user:email, user");
  });
});
