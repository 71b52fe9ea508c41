import { randomBytes } from "node:crypto";
import type { Cache } from "@hks/cache";
import { z } from "zod";

/** What the platform remembers between sending a browser to a provider and its coming back. */
export const loginStateSchema = z.object({
  provider: z.string(),
  codeVerifier: z.string(),
  nonce: z.string(),
  returnTo: z.string(),
  client: z.enum(["web", "cli"]),
  cli: z
    .object({ redirectUri: z.string(), state: z.string(), codeChallenge: z.string() })
    .optional(),
});

export type LoginState = z.infer<typeof loginStateSchema>;

const STATE_TTL_MS = 10 * 60 * 1000;
const stateKey = (state: string) => `oauth-state:${state}`;

/**
 * OAuth `state` (§3.3): 32 random bytes, stored for 10 minutes and consumed with GETDEL, so a
 * state is accepted once and only from the platform that issued it; a replayed, forged or expired
 * state finds nothing.
 */
export function createLoginStateStore(cache: Cache) {
  return {
    async create(state: LoginState): Promise<string> {
      const token = randomBytes(32).toString("base64url");
      await cache.set(stateKey(token), JSON.stringify(state), { ttlMs: STATE_TTL_MS });
      return token;
    },
    async consume(token: string): Promise<LoginState | null> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const raw = await cache.getDel(stateKey(token));
      if (!raw) return null;
      const parsed = loginStateSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    },
  };
}
