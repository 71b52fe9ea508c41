import { AppError } from "@hks/contracts";
import type { SessionLiveness } from "../auth/sessions/session-liveness";
import type { Authorizer } from "../authorization/authorizer";

/** Why a socket may no longer stay open, or null while it may. */
export type AccessVerdict = null | { code: "SESSION_ENDED" | "ACCESS_REVOKED"; reason: string };

export interface LiveAccess {
  /** Session still live, still a member of the organization (and of the filtered workspace). */
  verify(): Promise<AccessVerdict>;
  /** May the user read this workspace? Cached per workspace for `cacheMs`, so a burst costs one query. */
  mayReadWorkspace(workspaceId: string): Promise<boolean>;
}

const isNotFoundOrForbidden = (error: unknown) => error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN");

/**
 * What one events socket is allowed, re-checked while it stays open: the same authorizer and
 * session liveness as every HTTP request, so a removed member or a revoked session loses the
 * socket as it would lose the API. Errors (the database or Redis unreachable) propagate: the
 * connection fails closed.
 */
export function createLiveAccess(deps: {
  authorizer: Authorizer;
  liveness: SessionLiveness;
  actor: { userId: string; sessionId: string; tokenId: string };
  organizationId: string;
  workspaceId: string | null;
  cacheMs: number;
  now?: () => number;
}): LiveAccess {
  const now = deps.now ?? Date.now;
  const { actor, organizationId } = deps;
  const workspaceCache = new Map<string, { allowed: boolean; until: number }>();

  const mayRead = async (workspaceId: string): Promise<boolean> => {
    try {
      await deps.authorizer.authorize(actor.userId, "workspace:read", { organizationId, workspaceId });
      return true;
    } catch (error) {
      if (isNotFoundOrForbidden(error)) return false;
      throw error;
    }
  };

  const mayReadWorkspace = async (workspaceId: string): Promise<boolean> => {
    const cached = workspaceCache.get(workspaceId);
    if (cached && cached.until > now()) return cached.allowed;
    const allowed = await mayRead(workspaceId);
    // Bounded: an organization has few workspaces, but a long-lived socket should not grow forever.
    if (workspaceCache.size >= 1_000) workspaceCache.clear();
    workspaceCache.set(workspaceId, { allowed, until: now() + deps.cacheMs });
    return allowed;
  };

  return {
    mayReadWorkspace,
    async verify() {
      const session = await deps.liveness.get(actor.sessionId);
      if (!session || session.userId !== actor.userId || (await deps.liveness.isAccessTokenRevoked(actor.tokenId))) {
        return { code: "SESSION_ENDED", reason: "The session has ended; sign in again" };
      }
      try {
        await deps.authorizer.authorize(actor.userId, "organization:read", { organizationId });
      } catch (error) {
        if (isNotFoundOrForbidden(error)) return { code: "ACCESS_REVOKED", reason: "No longer a member of this organization" };
        throw error;
      }
      if (deps.workspaceId !== null) {
        workspaceCache.delete(deps.workspaceId);
        if (!(await mayReadWorkspace(deps.workspaceId))) return { code: "ACCESS_REVOKED", reason: "No longer allowed to read this workspace" };
      }
      return null;
    },
  };
}
