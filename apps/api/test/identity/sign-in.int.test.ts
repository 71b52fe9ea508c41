import { completeAuthorization } from "@hks/dev-idp";
import { schema } from "@hks/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTypes, type CookieJar, PUBLIC_URL, signInWithBrowser, startTestbed, type Testbed } from "./testbed";

describe("browser sign-in (PKCE, state, nonce, providers)", () => {
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await startTestbed();
  });
  afterAll(async () => testbed.close());

  it("lists the configured providers", async () => {
    const response = await testbed.app.inject({ method: "GET", url: "/auth/providers" });
    expect(response.json().providers).toEqual([
      { id: "github", name: "GitHub", kind: "github" },
      { id: "dev", name: "Dev IdP", kind: "oidc" },
    ]);
  });

  it("sends the browser to the provider with PKCE S256, a 32-byte state and a nonce", async () => {
    const response = await testbed.app.inject({ method: "GET", url: "/auth/login/dev" });
    expect(response.statusCode).toBe(302);
    const location = new URL(response.headers.location as string);
    expect(location.origin).toBe(testbed.oidc.issuer);
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(location.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get("redirect_uri")).toBe(`${PUBLIC_URL}/auth/callback/dev`);
    expect(response.cookies.find((cookie) => cookie.name === "hks_device")).toMatchObject({ httpOnly: true, secure: true });
  });

  it("signs in with the OIDC provider: httpOnly session cookies, redirect to the requested page, /auth/me", async () => {
    const { jar, callback } = await signInWithBrowser(testbed.app, "dev", "alice@example.com", { redirect: "/organizations?tab=1" });
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe(`${PUBLIC_URL}/organizations?tab=1`);
    const cookies = Object.fromEntries(callback.cookies.map((cookie) => [cookie.name, cookie]));
    expect(cookies.hks_at).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    expect(cookies.hks_rt).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict", path: "/auth" });
    expect(cookies.hks_csrf).toMatchObject({ secure: true, sameSite: "Strict" });
    expect(cookies.hks_csrf?.httpOnly).toBeFalsy();

    const me = await testbed.app.inject({ method: "GET", url: "/auth/me", headers: { cookie: jar.header() } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: "alice@example.com", name: "Alice Example", provider: "dev", organizationIds: [] });
    expect(me.json().id).toMatch(/^usr_/);
  });

  it("refuses to send the browser anywhere but the dashboard's own origin", async () => {
    for (const hostile of ["//evil.example/x", "https://evil.example", "/\\evil.example"]) {
      const { callback } = await signInWithBrowser(testbed.app, "dev", "alice@example.com", { redirect: hostile });
      expect(callback.headers.location).toBe(`${PUBLIC_URL}/dashboard`);
    }
  });

  it("refuses a replayed state and audits it", async () => {
    const { callbackUrl } = await signInWithBrowser(testbed.app, "dev", "bob@example.com");
    const replay = await testbed.app.inject({ method: "GET", url: `${callbackUrl.pathname}${callbackUrl.search}` });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe(`${PUBLIC_URL}/sign-in?error=invalid_state`);
    expect(replay.cookies.find((cookie) => cookie.name === "hks_at")).toBeUndefined();
    expect(await auditTypes(testbed)).toContain("security.oauth_state_invalid");
  });

  it("refuses an unknown or forged state", async () => {
    for (const state of ["A".repeat(43), "not-even-the-right-shape", ""]) {
      const response = await testbed.app.inject({ method: "GET", url: `/auth/callback/dev?code=abc&state=${state}` });
      expect(response.headers.location).toBe(`${PUBLIC_URL}/sign-in?error=invalid_state`);
    }
  });

  it("refuses a state issued for another provider", async () => {
    const start = await testbed.app.inject({ method: "GET", url: "/auth/login/dev" });
    const state = new URL(start.headers.location as string).searchParams.get("state");
    const response = await testbed.app.inject({ method: "GET", url: `/auth/callback/github?code=abc&state=${state}` });
    expect(response.headers.location).toBe(`${PUBLIC_URL}/sign-in?error=invalid_state`);
  });

  it("refuses a code injected into another sign-in (its PKCE verifier does not match)", async () => {
    const victim = await testbed.app.inject({ method: "GET", url: "/auth/login/dev" });
    const attacker = await testbed.app.inject({ method: "GET", url: "/auth/login/dev" });
    const attackerCallback = await completeAuthorization(attacker.headers.location as string, { user: "bob@example.com" });
    const victimState = new URL(victim.headers.location as string).searchParams.get("state") ?? "";
    const injected = new URL(attackerCallback);
    injected.searchParams.set("state", victimState);
    const response = await testbed.app.inject({ method: "GET", url: `${injected.pathname}${injected.search}` });
    expect(response.headers.location).toBe(`${PUBLIC_URL}/sign-in?error=provider_error`);
    expect(response.cookies.find((cookie) => cookie.name === "hks_at")).toBeUndefined();
  });

  it("refuses an authorization code used twice", async () => {
    const first = await testbed.app.inject({ method: "GET", url: "/auth/login/dev" });
    const firstCallback = await completeAuthorization(first.headers.location as string, { user: "alice@example.com" });
    const ok = await testbed.app.inject({ method: "GET", url: `${firstCallback.pathname}${firstCallback.search}` });
    expect(ok.headers.location).toBe(`${PUBLIC_URL}/dashboard`);
    // A fresh, valid state, but the code from the finished sign-in.
    const second = await testbed.app.inject({ method: "GET", url: "/auth/login/dev" });
    const reused = new URL(firstCallback);
    reused.searchParams.set("state", new URL(second.headers.location as string).searchParams.get("state") ?? "");
    const response = await testbed.app.inject({ method: "GET", url: `${reused.pathname}${reused.search}` });
    expect(response.headers.location).toBe(`${PUBLIC_URL}/sign-in?error=provider_error`);
  });

  it("refuses an account whose e-mail the provider has not verified", async () => {
    const { callback } = await signInWithBrowser(testbed.app, "dev", "mallory@example.com");
    expect(callback.headers.location).toBe(`${PUBLIC_URL}/sign-in?error=email_not_verified`);
    const users = await testbed.database.db.select().from(schema.users).where(eq(schema.users.email, "mallory@example.com"));
    expect(users).toEqual([]);
  });

  it("signs in with GitHub (OAuth 2 + REST API) using the numeric account id", async () => {
    const { jar, callback } = await signInWithBrowser(testbed.app, "github", "octocat");
    expect(callback.headers.location).toBe(`${PUBLIC_URL}/dashboard`);
    const me = (await testbed.app.inject({ method: "GET", url: "/auth/me", headers: { cookie: jar.header() } })).json();
    expect(me).toMatchObject({ email: "octo@example.com", provider: "github" });
    const [identity] = await testbed.database.db.select().from(schema.userIdentities).where(eq(schema.userIdentities.provider, "github"));
    expect(identity?.subject).toBe("583231");
  });

  it("refuses a GitHub account without a verified e-mail", async () => {
    const { callback } = await signInWithBrowser(testbed.app, "github", "mona-unverified");
    expect(callback.headers.location).toBe(`${PUBLIC_URL}/sign-in?error=email_not_verified`);
  });

  it("links a second provider to the same person by verified e-mail", async () => {
    const viaOidc = await signInWithBrowser(testbed.app, "dev", "alice@example.com");
    const viaGitHub = await signInWithBrowser(testbed.app, "github", "alice-gh");
    const idOf = async (jar: CookieJar) => (await testbed.app.inject({ method: "GET", url: "/auth/me", headers: { cookie: jar.header() } })).json().id;
    expect(await idOf(viaGitHub.jar)).toBe(await idOf(viaOidc.jar));
  });

  it("tells the user when they cancel at the provider", async () => {
    const start = await testbed.app.inject({ method: "GET", url: "/auth/login/dev" });
    const cancelled = await completeAuthorization(start.headers.location as string, { cancel: true });
    const response = await testbed.app.inject({ method: "GET", url: `${cancelled.pathname}${cancelled.search}` });
    expect(response.headers.location).toBe(`${PUBLIC_URL}/sign-in?error=access_denied`);
  });

  it("answers an unconfigured provider with 404 and a validation error for junk", async () => {
    expect((await testbed.app.inject({ method: "GET", url: "/auth/login/gitlab" })).statusCode).toBe(404);
    const junk = await testbed.app.inject({ method: "GET", url: "/auth/login/..%2F..%2Fetc" });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.code).toBe("VALIDATION_FAILED");
  });

  it("audits every sign-in attempt, successful and failed", async () => {
    const types = await auditTypes(testbed);
    expect(types).toEqual(expect.arrayContaining(["auth.login.started", "auth.login.succeeded", "auth.login.failed", "auth.session.created", "auth.token.issued"]));
    const failed = await testbed.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.type, "auth.login.failed"));
    expect(failed.map((row) => row.errorCode)).toEqual(expect.arrayContaining(["EMAIL_NOT_VERIFIED", "PROVIDER_ERROR"]));
    expect(failed.every((row) => row.ipAddress === "127.0.0.1" && row.requestId?.startsWith("req_"))).toBe(true);
  });

});
