import type { StoredCredential } from "../../config/config-schema";

export const FAKE_API_URL = "http://platform.test";
export const FAKE_DEVICE_ID = "device-id-for-tests-0001";

/**
 * The platform's token rules, in memory, behind a fetch: POST /auth/refresh rotates a single-use
 * refresh token and, like the real one, revokes the session when a spent token is presented;
 * GET /auth/me answers 200 only for the current access token. A short delay on refresh lets
 * concurrent callers pile up, as they would against a real server.
 */
export function createFakeAuthPlatform(options: { refreshDelayMs?: number } = {}) {
  const now = Date.now;
  let generation = 0;
  let sessionAlive = true;
  const calls = { refresh: [] as { refreshToken: string; deviceId: string | null }[], me: [] as { authorization: string | null; deviceId: string | null }[] };
  let failRefreshWith: (() => Response | Promise<Response>) | undefined;

  const currentAccessToken = () => `access-${generation}`;
  const currentRefreshToken = () => `refresh-${generation}`;

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const deviceId = headers.get("x-hks-device-id");

    if (url.pathname === "/auth/refresh" && init?.method === "POST") {
      const { refresh_token: refreshToken } = JSON.parse(String(init.body)) as { refresh_token: string };
      calls.refresh.push({ refreshToken, deviceId });
      await new Promise((resolve) => setTimeout(resolve, options.refreshDelayMs ?? 20));
      if (failRefreshWith) return failRefreshWith();
      if (!sessionAlive || deviceId !== FAKE_DEVICE_ID) return unauthenticated();
      if (refreshToken !== currentRefreshToken()) {
        sessionAlive = false; // reuse detection
        return unauthenticated();
      }
      generation += 1;
      const at = now();
      return Response.json({
        access_token: currentAccessToken(),
        refresh_token: currentRefreshToken(),
        token_type: "Bearer",
        expires_in: 900,
        expires_at: new Date(at + 900_000).toISOString(),
        refresh_expires_at: new Date(at + 86_400_000).toISOString(),
      });
    }
    if (url.pathname === "/auth/me") {
      const authorization = headers.get("authorization");
      calls.me.push({ authorization, deviceId });
      if (!sessionAlive || authorization !== `Bearer ${currentAccessToken()}` || deviceId !== FAKE_DEVICE_ID) return unauthenticated();
      return Response.json({ ok: true });
    }
    return new Response(null, { status: 404 });
  };

  return {
    fetch,
    calls,
    get sessionAlive() {
      return sessionAlive;
    },
    /** The credential as the CLI would have stored it after the last token response. */
    storedCredential(accessExpiresInMs: number): StoredCredential {
      return {
        accessToken: currentAccessToken(),
        expiresAt: new Date(now() + accessExpiresInMs).toISOString(),
        refreshToken: currentRefreshToken(),
        refreshExpiresAt: new Date(now() + 86_400_000).toISOString(),
      };
    },
    /** Makes every refresh answer with `answer` (a network failure if it throws). */
    failRefresh(answer: (() => Response | Promise<Response>) | undefined) {
      failRefreshWith = answer;
    },
  };
}

function unauthenticated(): Response {
  return Response.json(
    { error: { code: "UNAUTHENTICATED", message: "The refresh token is invalid or expired; sign in again", requestId: "req_test" } },
    { status: 401 },
  );
}
