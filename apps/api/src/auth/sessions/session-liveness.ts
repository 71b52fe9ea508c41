import type { Cache } from "@hks/cache";

/** The hot half of a session, in Redis: present while the session is within its idle timeout. */
export interface LiveSession {
  userId: string;
  absoluteExpiresAt: number;
  lastSeenAt: number;
  lastSeenIp: string;
}

/** Sliding the idle timeout costs a write; doing it at most once a minute keeps reads read-only. */
const TOUCH_EVERY_MS = 60_000;

const sessionKey = (sessionId: string) => `session:${sessionId}`;
const revokedTokenKey = (jti: string) => `revoked-token:${jti}`;

/**
 * Session liveness and the access-token revocation list, kept in the cache so every request can
 * check them without a database round trip. A session's key expires after the idle timeout
 * (never past its absolute expiry), which is what ends an idle session.
 */
export function createSessionLiveness(deps: { cache: Cache; idleSeconds: number; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const ttlFor = (session: LiveSession) => Math.min(deps.idleSeconds * 1000, session.absoluteExpiresAt - now());

  return {
    async markAlive(sessionId: string, session: LiveSession): Promise<void> {
      const ttlMs = ttlFor(session);
      if (ttlMs > 0) await deps.cache.set(sessionKey(sessionId), JSON.stringify(session), { ttlMs });
    },

    /** The live session, or null when it idled out, passed its absolute lifetime or was revoked. */
    async get(sessionId: string): Promise<LiveSession | null> {
      const raw = await deps.cache.get(sessionKey(sessionId));
      if (!raw) return null;
      const session = JSON.parse(raw) as LiveSession;
      return session.absoluteExpiresAt > now() ? session : null;
    },

    /** Records activity: slides the idle timeout (throttled). */
    async touch(sessionId: string, session: LiveSession, ip: string): Promise<void> {
      if (now() - session.lastSeenAt < TOUCH_EVERY_MS && session.lastSeenIp === ip) return;
      await this.markAlive(sessionId, { ...session, lastSeenAt: now(), lastSeenIp: ip });
    },

    async end(sessionId: string): Promise<void> {
      await deps.cache.del(sessionKey(sessionId));
    },

    async revokeAccessToken(jti: string, expiresAt: number): Promise<void> {
      const ttlMs = expiresAt - now();
      if (ttlMs > 0) await deps.cache.set(revokedTokenKey(jti), "1", { ttlMs });
    },

    async isAccessTokenRevoked(jti: string): Promise<boolean> {
      return (await deps.cache.get(revokedTokenKey(jti))) !== null;
    },
  };
}

export type SessionLiveness = ReturnType<typeof createSessionLiveness>;
