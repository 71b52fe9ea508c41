import { createHash, randomBytes } from "node:crypto";
import { completeAuthorization } from "@hks/dev-idp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestbed, type Testbed } from "./testbed";

const LOOPBACK = "http://127.0.0.1:53682/callback";

describe("hks login: loopback redirect with PKCE, Bearer tokens, refresh", () => {
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await startTestbed();
  });
  afterAll(async () => testbed.close());

  const device = "cli-device-0123456789";

  async function cliSignIn(user: string) {
    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const start = await testbed.app.inject({
      method: "GET",
      url: `/auth/login/dev?client=cli&redirect_uri=${encodeURIComponent(LOOPBACK)}&state=cli-state-1&code_challenge=${challenge}&code_challenge_method=S256`,
    });
    expect(start.statusCode).toBe(302);
    const callbackUrl = await completeAuthorization(start.headers.location as string, { user });
    const callback = await testbed.app.inject({ method: "GET", url: `${callbackUrl.pathname}${callbackUrl.search}` });
    expect(callback.statusCode).toBe(303);
    const loopback = new URL(callback.headers.location as string);
    expect(`${loopback.origin}${loopback.pathname}`).toBe(LOOPBACK);
    expect(loopback.searchParams.get("state")).toBe("cli-state-1");
    // The browser never gets session cookies in the CLI flow.
    expect(callback.cookies.find((cookie) => cookie.name === "hks_at")).toBeUndefined();
    return { code: loopback.searchParams.get("code") ?? "", verifier };
  }

  const redeem = (code: string, verifier: string, headers: Record<string, string> = { "x-hks-device-id": device }) =>
    testbed.app.inject({ method: "POST", url: "/auth/token", headers, payload: { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: LOOPBACK } });

  it("redeems the one-time code with the verifier and uses Bearer tokens bound to the device", async () => {
    const { code, verifier } = await cliSignIn("alice@example.com");
    const tokens = await redeem(code, verifier);
    expect(tokens.statusCode).toBe(200);
    const pair = tokens.json();
    expect(pair).toMatchObject({ token_type: "Bearer" });
    expect(pair.refresh_token).toMatch(/^hksr_/);

    const me = await testbed.app.inject({ method: "GET", url: "/auth/me", headers: { authorization: `Bearer ${pair.access_token}`, "x-hks-device-id": device } });
    expect(me.json()).toMatchObject({ email: "alice@example.com" });
    const otherDevice = await testbed.app.inject({ method: "GET", url: "/auth/sessions", headers: { authorization: `Bearer ${pair.access_token}` } });
    expect(otherDevice.statusCode).toBe(401);
  });

  it("refreshes with the body token, and reuse of the old one kills the session", async () => {
    const { code, verifier } = await cliSignIn("bob@example.com");
    const first = (await redeem(code, verifier)).json();
    const rotated = await testbed.app.inject({ method: "POST", url: "/auth/refresh", headers: { "x-hks-device-id": device }, payload: { refresh_token: first.refresh_token } });
    expect(rotated.statusCode).toBe(200);
    const second = rotated.json();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const replay = await testbed.app.inject({ method: "POST", url: "/auth/refresh", headers: { "x-hks-device-id": device }, payload: { refresh_token: first.refresh_token } });
    expect(replay.statusCode).toBe(401);
    const after = await testbed.app.inject({ method: "POST", url: "/auth/refresh", headers: { "x-hks-device-id": device }, payload: { refresh_token: second.refresh_token } });
    expect(after.statusCode).toBe(401);
  });

  it("refuses a refresh from another device", async () => {
    const { code, verifier } = await cliSignIn("alice@example.com");
    const pair = (await redeem(code, verifier)).json();
    const stolen = await testbed.app.inject({ method: "POST", url: "/auth/refresh", headers: { "x-hks-device-id": "thief-device-000000000" }, payload: { refresh_token: pair.refresh_token } });
    expect(stolen.statusCode).toBe(401);
  });

  it("refuses a wrong verifier, a reused code and a missing device id", async () => {
    const { code, verifier } = await cliSignIn("alice@example.com");
    // A different last character (never the same one, or the "wrong" verifier would be the right one).
    const wrongVerifier = `${verifier.slice(0, -1)}${verifier.endsWith("A") ? "B" : "A"}`;
    expect((await redeem(code, wrongVerifier)).statusCode).toBe(401);
    // The failed attempt consumed the code: a stolen code gives at most one guess.
    expect((await redeem(code, verifier)).statusCode).toBe(401);
    const again = await cliSignIn("alice@example.com");
    const noDevice = await redeem(again.code, again.verifier, {});
    expect(noDevice.statusCode).toBe(400);
    expect(noDevice.json().error.details[0].field).toBe("headers.x-hks-device-id");
  });

  it("accepts only loopback redirects", async () => {
    const challenge = createHash("sha256").update("v".repeat(43)).digest("base64url");
    for (const redirect of ["http://evil.example:8080/cb", "http://localhost:5000/cb", "https://127.0.0.1:5000/cb", "http://127.0.0.1/cb"]) {
      const response = await testbed.app.inject({
        method: "GET",
        url: `/auth/login/dev?client=cli&redirect_uri=${encodeURIComponent(redirect)}&state=s&code_challenge=${challenge}&code_challenge_method=S256`,
      });
      expect(response.statusCode).toBe(400);
    }
    const plain = await testbed.app.inject({ method: "GET", url: `/auth/login/dev?client=cli&redirect_uri=${encodeURIComponent(LOOPBACK)}&state=s&code_challenge=${challenge}&code_challenge_method=plain` });
    expect(plain.statusCode).toBe(400);
  });

  it("signs out with the refresh token when the access token is gone", async () => {
    const { code, verifier } = await cliSignIn("bob@example.com");
    const pair = (await redeem(code, verifier)).json();
    const logout = await testbed.app.inject({ method: "POST", url: "/auth/logout", headers: { "x-hks-device-id": device }, payload: { refresh_token: pair.refresh_token } });
    expect(logout.statusCode).toBe(204);
    const me = await testbed.app.inject({ method: "GET", url: "/auth/me", headers: { authorization: `Bearer ${pair.access_token}`, "x-hks-device-id": device } });
    expect(me.statusCode).toBe(401);
  });
});
