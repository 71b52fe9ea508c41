import { schema } from "@hks/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditTypes, browserHeaders, signInWithBrowser, startTestbed, type Testbed } from "./testbed";

describe("sessions and refresh tokens (§5, rotation, reuse, fingerprint, CSRF)", () => {
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await startTestbed();
  });
  afterAll(async () => testbed.close());

  const me = (headers: Record<string, string>, remoteAddress = "127.0.0.1") =>
    testbed.app.inject({ method: "GET", url: "/auth/me", headers, remoteAddress });
  const refresh = (headers: Record<string, string>) => testbed.app.inject({ method: "POST", url: "/auth/refresh", headers });

  it("rotates the refresh token on every use and issues a new access token", async () => {
    const { jar } = await signInWithBrowser(testbed.app, "dev", "alice@example.com");
    const firstRefresh = jar.get("hks_rt");
    const firstAccess = jar.get("hks_at");
    const response = await refresh(browserHeaders(jar));
    // Cookie mode: the new pair arrives as httpOnly cookies only, never in a body scripts can read.
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe("");
    jar.absorb(response);
    expect(jar.get("hks_rt")).not.toBe(firstRefresh);
    expect(jar.get("hks_at")).not.toBe(firstAccess);
    expect((await me({ cookie: jar.header() })).statusCode).toBe(200);
  });

  it("revokes the whole session when a used refresh token comes back (reuse detection)", async () => {
    const { jar } = await signInWithBrowser(testbed.app, "dev", "alice@example.com");
    const stolen = jar.clone();
    jar.absorb(await refresh(browserHeaders(jar)));
    // The thief replays the old refresh token.
    const replay = await refresh(browserHeaders(stolen));
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error).toMatchObject({ code: "UNAUTHENTICATED" });
    // The session is gone for the legitimate holder too: access token and current refresh token.
    expect((await me({ cookie: jar.header() })).statusCode).toBe(401);
    expect((await refresh(browserHeaders(jar))).statusCode).toBe(401);
    expect(await auditTypes(testbed)).toContain("security.refresh_token_reused");
  });

  it("refuses a cookie refresh without the CSRF token, and a CSRF token of another session", async () => {
    const alice = await signInWithBrowser(testbed.app, "dev", "alice@example.com");
    const bob = await signInWithBrowser(testbed.app, "dev", "bob@example.com");
    const missing = await refresh({ ...browserHeaders(alice.jar), "x-csrf-token": "" });
    expect(missing.statusCode).toBe(403);
    const crossed = alice.jar.clone();
    crossed.cookies.set("hks_csrf", bob.jar.get("hks_csrf") ?? "");
    const wrongSession = await refresh(browserHeaders(crossed));
    expect(wrongSession.statusCode).toBe(403);
    // Neither attempt used the refresh token up.
    expect((await refresh(browserHeaders(alice.jar))).statusCode).toBe(204);
  });

  it("refuses a cookie-authenticated write without the CSRF token and audits it", async () => {
    const { jar } = await signInWithBrowser(testbed.app, "dev", "bob@example.com");
    const response = await testbed.app.inject({ method: "POST", url: "/auth/sessions/revoke-all", headers: { cookie: jar.header(), origin: browserHeaders(jar).origin ?? "" } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("FORBIDDEN");
    expect(await auditTypes(testbed)).toContain("security.csrf_rejected");
    const withToken = await testbed.app.inject({ method: "POST", url: "/auth/sessions/revoke-all", headers: browserHeaders(jar) });
    expect(withToken.statusCode).toBe(200);
  });

  it("ends the session when its access token shows up from another device (hijack)", async () => {
    const { jar } = await signInWithBrowser(testbed.app, "dev", "alice@example.com");
    const thief = jar.clone();
    thief.cookies.set("hks_device", "another-device-entirely");
    expect((await me({ cookie: thief.header() })).statusCode).toBe(401);
    expect((await me({ cookie: jar.header() })).statusCode).toBe(401);
    expect(await auditTypes(testbed)).toContain("security.fingerprint_mismatch");
  });

  it("binds the access token to the client address in the default device+ip mode", async () => {
    const { jar } = await signInWithBrowser(testbed.app, "dev", "bob@example.com", { remoteAddress: "10.1.1.1" });
    expect((await me({ cookie: jar.header() }, "10.1.1.1")).statusCode).toBe(200);
    expect((await me({ cookie: jar.header() }, "10.9.9.9")).statusCode).toBe(401);
  });

  it("keeps sessions alive for the idle timeout, sliding on use", async () => {
    const { jar } = await signInWithBrowser(testbed.app, "dev", "alice@example.com");
    const sessionId = (await me({ cookie: jar.header() })).json().sessionId as string;
    const ttl = await testbed.server.deps.cache.ttlMs(`session:${sessionId}`);
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000);
  });

  it("ends an idle session: the access token and the refresh token stop working", async () => {
    const { jar } = await signInWithBrowser(testbed.app, "dev", "alice@example.com");
    const sessionId = (await me({ cookie: jar.header() })).json().sessionId as string;
    // What the idle timeout does: the session's liveness key expires.
    await testbed.server.deps.cache.del(`session:${sessionId}`);
    expect((await me({ cookie: jar.header() })).statusCode).toBe(401);
    expect((await refresh(browserHeaders(jar))).statusCode).toBe(401);
    const [row] = await testbed.database.db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId));
    expect(row?.revokedReason).toBe("expired");
  });

  it("ends a session at its absolute lifetime even when it is active", async () => {
    const { jar } = await signInWithBrowser(testbed.app, "dev", "alice@example.com");
    const sessionId = (await me({ cookie: jar.header() })).json().sessionId as string;
    const key = `session:${sessionId}`;
    const live = JSON.parse((await testbed.server.deps.cache.get(key)) ?? "{}");
    await testbed.server.deps.cache.set(key, JSON.stringify({ ...live, absoluteExpiresAt: Date.now() - 1 }), { ttlMs: 60_000 });
    expect((await me({ cookie: jar.header() })).statusCode).toBe(401);
  });

  it("keeps at most 3 sessions per user by evicting the least recently active", async () => {
    const jars = [];
    for (let i = 0; i < 4; i++) jars.push((await signInWithBrowser(testbed.app, "dev", "carol-free@example.com".replace("carol-free", "bob"), { userAgent: `device ${i}` })).jar);
    const statuses = [];
    for (const jar of jars) statuses.push((await me({ cookie: jar.header() })).statusCode);
    // bob signed in earlier in this file too; of all his sessions only the newest three survive.
    expect(statuses).toEqual([401, 200, 200, 200]);
    const list = await testbed.app.inject({ method: "GET", url: "/auth/sessions", headers: { cookie: jars[3]?.header() ?? "" } });
    expect(list.json().sessions).toHaveLength(3);
    expect(await auditTypes(testbed)).toContain("auth.session.evicted");
  });

  it("lists my sessions with device details and lets me revoke one and all others", async () => {
    const a = await signInWithBrowser(testbed.app, "dev", "alice@example.com", { userAgent: "Laptop" });
    const b = await signInWithBrowser(testbed.app, "dev", "alice@example.com", { userAgent: "Phone" });
    const list = await testbed.app.inject({ method: "GET", url: "/auth/sessions", headers: { cookie: b.jar.header() } });
    const sessions = list.json().sessions as { id: string; current: boolean; userAgent: string; lastSeenAt: string; createdAt: string }[];
    const current = sessions.find((session) => session.current);
    expect(current?.userAgent).toBe("Phone");
    const laptop = sessions.find((session) => session.userAgent === "Laptop");
    expect(laptop).toBeDefined();

    const revoke = await testbed.app.inject({ method: "DELETE", url: `/auth/sessions/${laptop?.id}`, headers: browserHeaders(b.jar) });
    expect(revoke.statusCode).toBe(204);
    expect((await me({ cookie: a.jar.header() })).statusCode).toBe(401);

    // Another user's session id is simply not found.
    const bob = await signInWithBrowser(testbed.app, "dev", "bob@example.com");
    const bobSession = (await me({ cookie: bob.jar.header() })).json().sessionId;
    const foreign = await testbed.app.inject({ method: "DELETE", url: `/auth/sessions/${bobSession}`, headers: browserHeaders(b.jar) });
    expect(foreign.statusCode).toBe(404);
    expect((await me({ cookie: bob.jar.header() })).statusCode).toBe(200);
  });

  it("signs out: the access token is revoked at once and the refresh token is dead", async () => {
    const { jar } = await signInWithBrowser(testbed.app, "dev", "alice@example.com");
    const before = jar.clone();
    const response = await testbed.app.inject({ method: "POST", url: "/auth/logout", headers: browserHeaders(jar) });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((cookie) => cookie.name === "hks_at")?.value).toBe("");
    expect((await me({ cookie: before.header() })).statusCode).toBe(401);
    expect((await refresh(browserHeaders(before))).statusCode).toBe(401);
    expect(await auditTypes(testbed)).toContain("auth.logout");
  });

  it("shows me my own security events, paginated", async () => {
    const { jar } = await signInWithBrowser(testbed.app, "github", "octocat");
    jar.absorb(await refresh(browserHeaders(jar)));
    const first = await testbed.app.inject({ method: "GET", url: "/auth/security-logs?limit=2", headers: { cookie: jar.header() } });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(2);
    expect(page.items[0].type).toBe("auth.token.refreshed");
    const second = await testbed.app.inject({ method: "GET", url: `/auth/security-logs?limit=50&cursor=${page.nextCursor}`, headers: { cookie: jar.header() } });
    const types = second.json().items.map((item: { type: string }) => item.type);
    expect(types).toEqual(expect.arrayContaining(["auth.login.succeeded"]));
    // The next page continues strictly after the first: older events, none repeated.
    const lastOfFirst = page.items.at(-1).id as string;
    expect(second.json().items.every((item: { id: string }) => item.id < lastOfFirst)).toBe(true);
  });

  it("gives the same answer for an unknown and a used refresh token (no account oracle)", async () => {
    const unknown = await refresh({});
    const body = await testbed.app.inject({ method: "POST", url: "/auth/refresh", payload: { refresh_token: `hksr_${"x".repeat(43)}` } });
    expect(unknown.statusCode).toBe(401);
    expect(body.statusCode).toBe(401);
    expect(body.json().error.message).toBe("The refresh token is invalid or expired; sign in again");
  });
});
