import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Cache } from "@hks/cache";

interface PendingCliLogin {
  userId: string;
  provider: string;
  redirectUri: string;
  codeChallenge: string;
}

const CODE_TTL_MS = 60_000;
const codeKey = (code: string) => `cli-code:${code}`;

/**
 * The platform's own authorization codes for `hks login` (RFC 8252: loopback redirect + PKCE).
 * After the provider sign-in the browser brings the CLI a one-time code, valid for a minute; the
 * CLI redeems it with the verifier only it knows, so a code intercepted on the way is useless.
 */
export function createCliAuthorizationCodes(cache: Cache) {
  return {
    async issue(pending: PendingCliLogin): Promise<string> {
      const code = randomBytes(32).toString("base64url");
      await cache.set(codeKey(code), JSON.stringify(pending), { ttlMs: CODE_TTL_MS });
      return code;
    },
    /** Redeems a code once; null when unknown, expired, already used, or the verifier/redirect differ. */
    async redeem(code: string, codeVerifier: string, redirectUri: string): Promise<Omit<PendingCliLogin, "codeChallenge"> | null> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(code)) return null;
      const raw = await cache.getDel(codeKey(code));
      if (!raw) return null;
      const pending = JSON.parse(raw) as PendingCliLogin;
      const challenge = Buffer.from(createHash("sha256").update(codeVerifier).digest("base64url"));
      const expected = Buffer.from(pending.codeChallenge);
      if (challenge.length !== expected.length || !timingSafeEqual(challenge, expected)) return null;
      if (pending.redirectUri !== redirectUri) return null;
      return { userId: pending.userId, provider: pending.provider, redirectUri: pending.redirectUri };
    },
  };
}
