import { randomBytes } from "node:crypto";
import { createRedisCache } from "@hks/cache";
import { createTestDatabase, type TestDatabase } from "@hks/db/testing";
import { completeAuthorization, octocatGitHubUser, startDevOidcProvider, startFakeGitHub, unverifiedGitHubUser, type DevOidcProvider, type FakeGitHub } from "@hks/dev-idp";
import { aliceOidcUser, bobOidcUser, malloryOidcUser } from "@hks/dev-idp";
import { schema } from "@hks/db";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildTestServer, type TestServer } from "../../src/testing/embedded-server";

/** The public origin the platform believes it has; inject() never needs it to be reachable. */
export const PUBLIC_URL = "http://127.0.0.1:3999";

export interface Testbed {
  server: TestServer;
  app: FastifyInstance;
  database: TestDatabase;
  oidc: DevOidcProvider;
  github: FakeGitHub;
  /** The configuration the platform runs with, for building a second replica. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A platform on real PostgreSQL and Redis with two real sign-in providers on loopback: the dev
 * OIDC provider (as provider "dev") and the GitHub-protocol server (as "github").
 */
export async function startTestbed(env: Record<string, string> = {}): Promise<Testbed> {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) throw new Error("REDIS_URL is not set: run integration tests through `npm test`");
  const oidc = await startDevOidcProvider({
    clients: [{ clientId: "hks-test", clientSecret: "test-secret", redirectUris: [`${PUBLIC_URL}/auth/callback/dev`] }],
    users: [aliceOidcUser, bobOidcUser, malloryOidcUser],
  });
  const github = await startFakeGitHub({
    clients: [{ clientId: "gh-test", clientSecret: "gh-secret", redirectUris: [`${PUBLIC_URL}/auth/callback/github`] }],
    users: [octocatGitHubUser, unverifiedGitHubUser, { id: 4242, login: "alice-gh", name: "Alice on GitHub", emails: [{ email: "alice@example.com", primary: true, verified: true, visibility: "private" }] }],
  });
  const database = await createTestDatabase();
  const cache = createRedisCache({ url: redisUrl, keyPrefix: `hks-test-${randomBytes(4).toString("hex")}:` });
  const platformEnv: Record<string, string> = {
    HKS_PUBLIC_URL: PUBLIC_URL,
    HKS_AUTH_OIDC_PROVIDERS: JSON.stringify([{ id: "dev", name: "Dev IdP", issuer: oidc.issuer, clientId: "hks-test", clientSecret: "test-secret" }]),
    HKS_AUTH_GITHUB_CLIENT_ID: "gh-test",
    HKS_AUTH_GITHUB_CLIENT_SECRET: "gh-secret",
    HKS_AUTH_GITHUB_URL: github.baseUrl,
    HKS_AUTH_GITHUB_API_URL: github.baseUrl,
    HKS_RATE_LIMIT_LOGIN_PER_MINUTE: "10000",
    HKS_RATE_LIMIT_REFRESH_PER_MINUTE: "10000",
    HKS_RATE_LIMIT_WRITE_PER_MINUTE: "10000",
    HKS_RATE_LIMIT_READ_PER_MINUTE: "10000",
    ...env,
  };
  const server = await buildTestServer({ database, cache, env: platformEnv });
  return {
    env: platformEnv,
    server,
    app: server.app,
    database,
    oidc,
    github,
    async close() {
      await server.close();
      await cache.close();
      await database.destroy();
      await oidc.stop();
      await github.stop();
    },
  };
}

/** A browser's cookie jar, as far as these tests need one. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  absorb(response: LightMyRequestResponse): this {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (cookie.value === "" || cookie.maxAge === 0) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return this;
  }
  header(only?: string[]): string {
    return [...this.cookies].filter(([name]) => !only || only.includes(name)).map(([name, value]) => `${name}=${value}`).join("; ");
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  clone(): CookieJar {
    const copy = new CookieJar();
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    return copy;
  }
}

export interface BrowserSignIn {
  jar: CookieJar;
  callback: LightMyRequestResponse;
  /** Where the provider sent the browser back (the callback URL with code and state). */
  callbackUrl: URL;
}

/** Starts sign-in, lets the provider authenticate `user`, and lands on the platform's callback. */
export async function signInWithBrowser(
  app: FastifyInstance,
  provider: "dev" | "github",
  user: string,
  options: { jar?: CookieJar; remoteAddress?: string; userAgent?: string; redirect?: string } = {},
): Promise<BrowserSignIn> {
  const jar = options.jar ?? new CookieJar();
  const headers = { cookie: jar.header(), "user-agent": options.userAgent ?? "Mozilla/5.0 (test browser)" };
  const start = await app.inject({
    method: "GET",
    url: `/auth/login/${provider}${options.redirect ? `?redirect=${encodeURIComponent(options.redirect)}` : ""}`,
    headers,
    remoteAddress: options.remoteAddress ?? "127.0.0.1",
  });
  if (start.statusCode !== 302) throw new Error(`login start answered ${start.statusCode}: ${start.body}`);
  jar.absorb(start);
  const callbackUrl = await completeAuthorization(start.headers.location as string, { user });
  const callback = await app.inject({
    method: "GET",
    url: `${callbackUrl.pathname}${callbackUrl.search}`,
    headers: { cookie: jar.header(), "user-agent": headers["user-agent"] },
    remoteAddress: options.remoteAddress ?? "127.0.0.1",
  });
  jar.absorb(callback);
  return { jar, callback, callbackUrl };
}

/** Cookie-authenticated request headers, CSRF header included (what the dashboard sends). */
export function browserHeaders(jar: CookieJar, extra: Record<string, string> = {}): Record<string, string> {
  return { cookie: jar.header(), "x-csrf-token": jar.get("hks_csrf") ?? "", origin: PUBLIC_URL, "user-agent": "Mozilla/5.0 (test browser)", ...extra };
}

export async function auditTypes(testbed: Testbed): Promise<string[]> {
  const rows = await testbed.database.db.select({ type: schema.auditEvents.type }).from(schema.auditEvents);
  return rows.map((row) => row.type);
}
