import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError } from "@hks/contracts";
import { newId, schema, type Database } from "@hks/db";
import { and, asc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { hashRefreshToken, newRefreshToken } from "../tokens/refresh-token";
import type { LiveSession, SessionLiveness } from "./session-liveness";

export interface SessionPolicy {
  idleSeconds: number;
  absoluteSeconds: number;
  maxPerUser: number;
  refreshTokenTtlSeconds: number;
}

export interface DeviceContext {
  deviceId: string;
  ip: string;
  userAgent: string;
}

export interface StartSessionInput extends DeviceContext {
  userId: string;
  provider: string;
  client: "web" | "cli";
}

export type SessionRecord = typeof schema.sessions.$inferSelect;

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

type RefreshOutcome =
  | { ok: true; session: SessionRecord; refreshToken: string }
  | { ok: false; endSession?: string };

/**
 * Sign-in sessions (§5): PostgreSQL keeps the durable record and the refresh tokens, the cache
 * keeps liveness. Every change and its audit event commit in one transaction; the cache is updated
 * after the commit, and a failure there fails closed (a session not marked alive cannot be used).
 *
 * Concurrent sessions: when a user already has the maximum, the least recently active session is
 * evicted and the new sign-in succeeds — refusing the new one would lock out a user whose old
 * laptop still holds a session, and the eviction is audited.
 */
export function createSessionService(deps: {
  db: Database;
  liveness: SessionLiveness;
  audit: AuditWriter;
  policy: SessionPolicy;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  async function revokeInTx(tx: Tx, session: SessionRecord, reason: string, origin: AuditOrigin, type: "auth.session.revoked" | "auth.session.evicted" | "auth.session.expired" | "auth.logout", actorUserId: string | null) {
    await tx
      .update(schema.sessions)
      .set({ revokedAt: now(), revokedReason: reason })
      .where(and(eq(schema.sessions.id, session.id), isNull(schema.sessions.revokedAt)));
    await deps.audit.record(tx, origin, {
      type,
      success: true,
      actorUserId,
      targetType: "session",
      targetId: session.id,
      sessionId: session.id,
      metadata: { reason, sessionUserId: session.userId },
    });
  }

  /** Sessions of a user that are neither revoked nor past their absolute lifetime, oldest activity first. */
  async function unrevokedSessions(executor: Pick<Database, "select">, userId: string): Promise<SessionRecord[]> {
    return executor
      .select()
      .from(schema.sessions)
      .where(and(eq(schema.sessions.userId, userId), isNull(schema.sessions.revokedAt), gt(schema.sessions.absoluteExpiresAt, now())))
      .orderBy(asc(schema.sessions.lastSeenAt));
  }

  return {
    async start(input: StartSessionInput, origin: AuditOrigin): Promise<{ session: SessionRecord; refreshToken: string }> {
      const startedAt = now();
      const refresh = newRefreshToken();
      const ended: string[] = [];
      const session = await deps.db.transaction(async (tx) => {
        // Serializes concurrent sign-ins of one user, so two can never both squeeze under the limit.
        await tx.execute(sql`select id from ${schema.users} where id = ${input.userId} for update`);
        const alive: SessionRecord[] = [];
        for (const existing of await unrevokedSessions(tx, input.userId)) {
          if (await deps.liveness.get(existing.id)) alive.push(existing);
          else {
            await revokeInTx(tx, existing, "idle_timeout", origin, "auth.session.expired", null);
            ended.push(existing.id);
          }
        }
        while (alive.length >= deps.policy.maxPerUser) {
          const oldest = alive.shift();
          if (!oldest) break;
          await revokeInTx(tx, oldest, "evicted_by_new_session", origin, "auth.session.evicted", input.userId);
          ended.push(oldest.id);
        }
        const absoluteExpiresAt = new Date(startedAt.getTime() + deps.policy.absoluteSeconds * 1000);
        const [created] = await tx
          .insert(schema.sessions)
          .values({
            id: newId("session"),
            userId: input.userId,
            provider: input.provider,
            client: input.client,
            deviceId: input.deviceId,
            ipAddress: input.ip,
            userAgent: input.userAgent.slice(0, 512),
            createdAt: startedAt,
            lastSeenAt: startedAt,
            lastSeenIp: input.ip,
            absoluteExpiresAt,
          })
          .returning();
        if (!created) throw new Error("session insert returned nothing");
        await tx.insert(schema.refreshTokens).values({
          id: newId("refreshToken"),
          sessionId: created.id,
          tokenHash: refresh.hash,
          issuedAt: startedAt,
          expiresAt: earliest(new Date(startedAt.getTime() + deps.policy.refreshTokenTtlSeconds * 1000), absoluteExpiresAt),
        });
        await deps.audit.record(tx, origin, {
          type: "auth.session.created",
          success: true,
          actorUserId: input.userId,
          targetType: "session",
          targetId: created.id,
          sessionId: created.id,
          provider: input.provider,
          metadata: { client: input.client },
        });
        return created;
      });
      for (const id of ended) await deps.liveness.end(id);
      await deps.liveness.markAlive(session.id, liveRecordOf(session));
      return { session, refreshToken: refresh.token };
    },

    /**
     * Exchanges a refresh token for its successor (rotation). A token presented a second time is
     * reuse — someone holds a copy — so the whole session is revoked (RFC 9700 §4.14.2). A token
     * presented from another device revokes the session too.
     */
    async refresh(presented: string, device: DeviceContext, origin: AuditOrigin): Promise<{ session: SessionRecord; refreshToken: string }> {
      const at = now();
      const outcome = await deps.db.transaction(async (tx): Promise<RefreshOutcome> => {
        const [row] = await tx
          .select({ token: schema.refreshTokens, session: schema.sessions })
          .from(schema.refreshTokens)
          .innerJoin(schema.sessions, eq(schema.sessions.id, schema.refreshTokens.sessionId))
          .where(eq(schema.refreshTokens.tokenHash, hashRefreshToken(presented)))
          .for("update");
        if (!row) {
          await deps.audit.record(tx, origin, { type: "security.refresh_token_invalid", success: false, errorCode: "UNKNOWN_REFRESH_TOKEN" });
          return { ok: false as const };
        }
        const { token, session } = row;
        const failWith = async (type: "security.refresh_token_reused" | "security.fingerprint_mismatch", reason: string) => {
          await revokeInTx(tx, session, reason, origin, "auth.session.revoked", null);
          await deps.audit.record(tx, origin, {
            type,
            success: false,
            actorUserId: session.userId,
            sessionId: session.id,
            targetType: "session",
            targetId: session.id,
            errorCode: reason.toUpperCase(),
          });
          return { ok: false as const, endSession: session.id };
        };
        if (session.revokedAt) {
          if (token.usedAt) {
            await deps.audit.record(tx, origin, { type: "security.refresh_token_reused", success: false, actorUserId: session.userId, sessionId: session.id, errorCode: "SESSION_ALREADY_REVOKED" });
          }
          return { ok: false as const };
        }
        if (token.usedAt) return failWith("security.refresh_token_reused", "refresh_token_reused");
        if (session.deviceId !== device.deviceId) return failWith("security.fingerprint_mismatch", "device_mismatch");
        if (token.expiresAt <= at || session.absoluteExpiresAt <= at || !(await deps.liveness.get(session.id))) {
          await revokeInTx(tx, session, "expired", origin, "auth.session.expired", null);
          return { ok: false as const, endSession: session.id };
        }

        await tx.update(schema.refreshTokens).set({ usedAt: at }).where(eq(schema.refreshTokens.id, token.id));
        const successor = newRefreshToken();
        await tx.insert(schema.refreshTokens).values({
          id: newId("refreshToken"),
          sessionId: session.id,
          tokenHash: successor.hash,
          issuedAt: at,
          expiresAt: earliest(new Date(at.getTime() + deps.policy.refreshTokenTtlSeconds * 1000), session.absoluteExpiresAt),
        });
        const [updated] = await tx
          .update(schema.sessions)
          .set({ lastSeenAt: at, lastSeenIp: device.ip })
          .where(eq(schema.sessions.id, session.id))
          .returning();
        await deps.audit.record(tx, origin, {
          type: "auth.token.refreshed",
          success: true,
          actorUserId: session.userId,
          sessionId: session.id,
          targetType: "session",
          targetId: session.id,
        });
        return { ok: true as const, session: updated ?? session, refreshToken: successor.token };
      });
      if (!outcome.ok) {
        if (outcome.endSession) await deps.liveness.end(outcome.endSession);
        throw new AppError("UNAUTHENTICATED", "The refresh token is invalid or expired; sign in again");
      }
      await deps.liveness.markAlive(outcome.session.id, liveRecordOf(outcome.session));
      return { session: outcome.session, refreshToken: outcome.refreshToken };
    },

    /** The session a refresh token belongs to (without using it), or null. */
    async sessionOfRefreshToken(presented: string): Promise<SessionRecord | null> {
      const [row] = await deps.db
        .select({ session: schema.sessions })
        .from(schema.refreshTokens)
        .innerJoin(schema.sessions, eq(schema.sessions.id, schema.refreshTokens.sessionId))
        .where(eq(schema.refreshTokens.tokenHash, hashRefreshToken(presented)));
      return row?.session ?? null;
    },

    /** Revokes one session of `userId` (scoped: a user can only revoke their own sessions). */
    async revoke(userId: string, sessionId: string, reason: string, origin: AuditOrigin, type: "auth.session.revoked" | "auth.logout" = "auth.session.revoked"): Promise<void> {
      const found = await deps.db.transaction(async (tx) => {
        const [session] = await tx
          .select()
          .from(schema.sessions)
          .where(and(eq(schema.sessions.id, sessionId), eq(schema.sessions.userId, userId), isNull(schema.sessions.revokedAt)))
          .for("update");
        if (!session) return false;
        await revokeInTx(tx, session, reason, origin, type, userId);
        return true;
      });
      if (!found) throw new AppError("NOT_FOUND", "No such active session");
      await deps.liveness.end(sessionId);
    },

    /** Revokes every other session of the user; returns how many. */
    async revokeOthers(userId: string, keepSessionId: string, origin: AuditOrigin): Promise<number> {
      const revoked = await deps.db.transaction(async (tx) => {
        const others = await tx
          .select()
          .from(schema.sessions)
          .where(and(eq(schema.sessions.userId, userId), isNull(schema.sessions.revokedAt), ne(schema.sessions.id, keepSessionId)))
          .for("update");
        for (const session of others) await revokeInTx(tx, session, "revoked_by_user", origin, "auth.session.revoked", userId);
        return others.map((session) => session.id);
      });
      for (const id of revoked) await deps.liveness.end(id);
      return revoked.length;
    },

    /** The user's sessions that can still be used, with live activity from the cache. */
    async listActive(userId: string): Promise<(SessionRecord & { live: LiveSession })[]> {
      const result: (SessionRecord & { live: LiveSession })[] = [];
      for (const session of await unrevokedSessions(deps.db, userId)) {
        const live = await deps.liveness.get(session.id);
        if (live) result.push({ ...session, live });
      }
      return result.sort((a, b) => b.live.lastSeenAt - a.live.lastSeenAt);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

function liveRecordOf(session: SessionRecord): LiveSession {
  return {
    userId: session.userId,
    absoluteExpiresAt: session.absoluteExpiresAt.getTime(),
    lastSeenAt: session.lastSeenAt.getTime(),
    lastSeenIp: session.lastSeenIp,
  };
}

function earliest(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
