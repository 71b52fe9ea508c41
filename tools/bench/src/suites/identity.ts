import { randomBytes } from "node:crypto";
import { buildTestServer } from "@hks/api/testing";
import { createRedisCache } from "@hks/cache";
import { createTestDatabase, prepareTemplateDatabase } from "@hks/db/testing";
import { completeAuthorization, startDevOidcProvider } from "@hks/dev-idp";
import { percentile, sampleMs, summarize, type BenchSuite, type Measurement } from "../bench-suite";

const PUBLIC_URL = "http://127.0.0.1:3999";

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run through \`npm run bench\``);
  return value;
}

/**
 * Identity on the real services (PostgreSQL, Redis) with the dev OIDC provider: how many access
 * tokens one core verifies per second, how long a refresh takes (rotation in one transaction plus
 * Redis), and the sign-in callback without the provider's share (code exchange + ID token checks).
 */
export const identity: BenchSuite = {
  name: "identity",
  description: "token verification throughput, refresh latency, sign-in callback latency excluding the IdP",
  async run() {
    await prepareTemplateDatabase();
    const database = await createTestDatabase();
    const cache = createRedisCache({ url: requireEnv("REDIS_URL"), keyPrefix: `hks-bench-${randomBytes(4).toString("hex")}:` });
    const oidc = await startDevOidcProvider({ clients: [{ clientId: "bench", clientSecret: "bench-secret", redirectUris: [`${PUBLIC_URL}/auth/callback/dev`] }] });
    const server = await buildTestServer({
      database,
      cache,
      env: {
        HKS_PUBLIC_URL: PUBLIC_URL,
        HKS_AUTH_OIDC_PROVIDERS: JSON.stringify([{ id: "dev", name: "Dev", issuer: oidc.issuer, clientId: "bench", clientSecret: "bench-secret" }]),
        HKS_RATE_LIMIT_LOGIN_PER_MINUTE: "1000000",
        HKS_RATE_LIMIT_REFRESH_PER_MINUTE: "1000000",
      },
    });
    const { app, deps } = server;
    try {
      // Time spent inside the provider (token endpoint round trip), to subtract from the callback.
      const provider = deps.identity.providers.get("dev");
      if (!provider) throw new Error("dev provider missing");
      const original = provider.completeAuthorization.bind(provider);
      let providerMs = 0;
      provider.completeAuthorization = async (response) => {
        const started = performance.now();
        try {
          return await original(response);
        } finally {
          providerMs = performance.now() - started;
        }
      };

      const callbackTotal: number[] = [];
      const callbackPlatform: number[] = [];
      let cookies = "";
      for (let i = 0; i < 40; i++) {
        const start = await app.inject({ method: "GET", url: "/auth/login/dev" });
        const device = start.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
        const callbackUrl = await completeAuthorization(start.headers.location as string, { user: "alice@example.com" });
        const began = performance.now();
        const callback = await app.inject({ method: "GET", url: `${callbackUrl.pathname}${callbackUrl.search}`, headers: { cookie: device } });
        const total = performance.now() - began;
        if (callback.statusCode !== 303) throw new Error(`callback answered ${callback.statusCode}`);
        callbackTotal.push(total);
        callbackPlatform.push(total - providerMs);
        cookies = [device, ...callback.cookies.map((c) => `${c.name}=${c.value}`)].join("; ");
      }
      callbackTotal.sort((a, b) => a - b);
      callbackPlatform.sort((a, b) => a - b);

      const token = /hks_at=([^;]+)/.exec(cookies)?.[1] ?? "";
      const verifyMs = await sampleMs(() => deps.identity.accessTokens.verify(token), 5000);
      const verifyPerSecond = 1000 / percentile(verifyMs, 50);
      const meMs = await sampleMs(() => app.inject({ method: "GET", url: "/auth/me", headers: { cookie: cookies } }), 1000);

      // The CLI's refresh: each call rotates, so each sample uses the token the previous one got.
      const first = await app.inject({ method: "GET", url: "/auth/login/dev?client=cli&redirect_uri=http%3A%2F%2F127.0.0.1%3A5999%2Fcb&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256" });
      const cliCallback = await completeAuthorization(first.headers.location as string, { user: "bob@example.com" });
      const loop = new URL((await app.inject({ method: "GET", url: `${cliCallback.pathname}${cliCallback.search}` })).headers.location as string);
      const pair = (
        await app.inject({
          method: "POST",
          url: "/auth/token",
          headers: { "x-hks-device-id": "bench-device-0000000000" },
          payload: { grant_type: "authorization_code", code: loop.searchParams.get("code"), code_verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", redirect_uri: "http://127.0.0.1:5999/cb" },
        })
      ).json() as { refresh_token: string };
      let refreshToken = pair.refresh_token;
      const refreshMs = await sampleMs(async () => {
        const response = await app.inject({ method: "POST", url: "/auth/refresh", headers: { "x-hks-device-id": "bench-device-0000000000" }, payload: { refresh_token: refreshToken } });
        if (response.statusCode !== 200) throw new Error(`refresh answered ${response.statusCode}`);
        refreshToken = (response.json() as { refresh_token: string }).refresh_token;
      }, 300, 0);

      const results: Measurement[] = [
        { metric: "access token verifications per second (1 core)", median: verifyPerSecond, unit: "/s", samples: verifyMs.length },
        summarize("access token verify", verifyMs),
        summarize("GET /auth/me (verify + revocation + session + user)", meMs),
        summarize("POST /auth/refresh (rotation, PostgreSQL + Redis)", refreshMs),
        summarize("sign-in callback, total", callbackTotal, "includes the IdP token endpoint"),
        summarize("sign-in callback excluding the IdP", callbackPlatform),
      ];
      return results;
    } finally {
      await server.close();
      await cache.close();
      await database.destroy();
      await oidc.stop();
    }
  },
};
