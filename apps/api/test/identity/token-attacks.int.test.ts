import { createHmac, generateKeyPairSync } from "node:crypto";
import { schema } from "@hks/db";
import { eq } from "drizzle-orm";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_URL, signInWithBrowser, startTestbed, type Testbed } from "./testbed";

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("access token verification refuses forgeries (§4)", () => {
  let testbed: Testbed;
  let validToken: string;
  let deviceCookie: string;

  beforeAll(async () => {
    testbed = await startTestbed();
    const { jar } = await signInWithBrowser(testbed.app, "dev", "alice@example.com");
    validToken = jar.get("hks_at") ?? "";
    deviceCookie = `hks_device=${jar.get("hks_device")}`;
  });
  afterAll(async () => testbed.close());

  const meWith = (token: string) =>
    testbed.app.inject({ method: "GET", url: "/auth/me", headers: { authorization: `Bearer ${token}`, cookie: deviceCookie } });

  /** The real claims of a valid token, for forgeries that change one thing. */
  const claims = () => decodeJwt(validToken);
  const header = () => decodeProtectedHeader(validToken);

  it("accepts the genuine token as a Bearer token", async () => {
    expect((await meWith(validToken)).statusCode).toBe(200);
    expect(header()).toMatchObject({ alg: "RS256", typ: "at+jwt" });
    expect(header().kid).toMatch(/^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
    expect(claims()).toMatchObject({ iss: PUBLIC_URL, aud: "hexabase-kaas", typ: "access", email: "alice@example.com", provider: "dev", orgs: [] });
    expect(Object.keys(claims()).sort()).toEqual(["aud", "email", "exp", "fp", "iat", "iss", "jti", "orgs", "provider", "sid", "sub", "typ", "uid"]);
    expect((claims().exp ?? 0) - (claims().iat ?? 0)).toBe(900);
  });

  it("refuses alg: none", async () => {
    const forged = `${b64({ ...header(), alg: "none" })}.${b64(claims())}.`;
    expect((await meWith(forged)).statusCode).toBe(401);
  });

  it("refuses HS256 signed with the public key (algorithm confusion)", async () => {
    const jwks = (await testbed.app.inject({ method: "GET", url: "/.well-known/jwks.json" })).json();
    const publicJwk = JSON.stringify(jwks.keys[0]);
    const signingInput = `${b64({ ...header(), alg: "HS256" })}.${b64(claims())}`;
    const forged = `${signingInput}.${createHmac("sha256", publicJwk).update(signingInput).digest("base64url")}`;
    expect((await meWith(forged)).statusCode).toBe(401);
  });

  it("refuses a token signed by another key, with an unknown kid or a known one", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const unknownKid = await new SignJWT(claims()).setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: "2026-01-01-deadbeef" }).sign(privateKey);
    const knownKid = await new SignJWT(claims()).setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: header().kid ?? "" }).sign(privateKey);
    expect((await meWith(unknownKid)).statusCode).toBe(401);
    expect((await meWith(knownKid)).statusCode).toBe(401);
  });

  it("refuses a wrong issuer, a wrong audience, an expired token and a non-access token type", async () => {
    const key = await testbed.server.deps.identity.keys.signingKey();
    const sign = (payload: Record<string, unknown>, typ = "at+jwt") =>
      new SignJWT({ ...claims(), ...payload }).setProtectedHeader({ alg: "RS256", typ, kid: key.kid }).sign(key.privateKey);
    const now = Math.floor(Date.now() / 1000);
    const responses = await Promise.all([
      meWith(await sign({ iss: "https://evil.example" })),
      meWith(await sign({ aud: "kubernetes" })),
      meWith(await sign({ iat: now - 3600, exp: now - 1800 })),
      meWith(await sign({}, "JWT")),
      meWith(await sign({ typ: "refresh" })),
    ]);
    expect(responses.map((response) => response.statusCode)).toEqual([401, 401, 401, 401, 401]);
    // Every refusal reads the same: nothing tells an attacker which check failed.
    expect(new Set(responses.map((response) => response.json().error.message)).size).toBe(1);
  });

  it("refuses the provider's own ID token and garbage", async () => {
    expect((await meWith("not.a.jwt")).statusCode).toBe(401);
    expect((await testbed.app.inject({ method: "GET", url: "/auth/me", headers: { authorization: "Basic abc" } })).statusCode).toBe(401);
    expect((await testbed.app.inject({ method: "GET", url: "/auth/me" })).json().error.code).toBe("UNAUTHENTICATED");
  });

  it("audits forged tokens as security events, without flooding", async () => {
    const rows = await testbed.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.type, "security.token_invalid"));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.retentionClass === "security")).toBe(true);
    // Each distinct reason is written at most once per minute per client address.
    const perReason = new Map<string, number>();
    for (const row of rows) perReason.set(row.errorCode ?? "", (perReason.get(row.errorCode ?? "") ?? 0) + 1);
    expect(Math.max(...perReason.values())).toBe(1);
  });

  it("publishes JWKS and discovery so a cluster can verify platform tokens itself", async () => {
    const discovery = (await testbed.app.inject({ method: "GET", url: "/.well-known/openid-configuration" })).json();
    expect(discovery).toMatchObject({ issuer: PUBLIC_URL, jwks_uri: `${PUBLIC_URL}/.well-known/jwks.json`, id_token_signing_alg_values_supported: ["RS256"] });
    const jwksResponse = await testbed.app.inject({ method: "GET", url: "/.well-known/jwks.json" });
    expect(jwksResponse.headers["cache-control"]).toContain("max-age");
    const jwks = jwksResponse.json();
    expect(jwks.keys[0]).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256", e: "AQAB" });
    expect(jwks.keys[0].d).toBeUndefined();
    const { payload } = await jwtVerify(validToken, createLocalJWKSet(jwks), { issuer: PUBLIC_URL, audience: "hexabase-kaas" });
    expect(payload.email).toBe("alice@example.com");
  });

  it("rotates the signing key: the previous key keeps verifying, new tokens use the new kid", async () => {
    const identity = testbed.server.deps.identity;
    const oldKid = header().kid;
    await testbed.database.db.update(schema.signingKeys).set({ createdAt: new Date(Date.now() - 31 * 86_400_000) }).where(eq(schema.signingKeys.kid, oldKid ?? ""));
    expect(await identity.keys.ensureCurrent()).toEqual({ rotated: true });
    expect(await identity.keys.ensureCurrent()).toEqual({ rotated: false });
    const kids = (await testbed.app.inject({ method: "GET", url: "/.well-known/jwks.json" })).json().keys.map((key: { kid: string }) => key.kid);
    expect(kids).toHaveLength(2);
    expect(kids).toContain(oldKid);
    expect((await meWith(validToken)).statusCode).toBe(200);
    const { jar } = await signInWithBrowser(testbed.app, "dev", "bob@example.com");
    expect(decodeProtectedHeader(jar.get("hks_at") ?? "").kid).not.toBe(oldKid);
    const [stored] = await testbed.database.db.select().from(schema.signingKeys).where(eq(schema.signingKeys.kid, oldKid ?? ""));
    expect(stored?.privateKeyEncrypted).toMatch(/^v1\./);
    expect(stored?.privateKeyEncrypted).not.toContain("PRIVATE KEY");
  });
});
